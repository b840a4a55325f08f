// Tests of world/csv.h on the quoting the reference files use.
#include "world/csv.h"

#include <gtest/gtest.h>

namespace qiancheng::world {
namespace {

TEST(ParseCsv, QuotedFieldsWithCommasQuotesAndNewlines) {
  auto table = ParseCsv(
      "a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\n", "t");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0][1], "x, y");
  EXPECT_EQ(table->rows[0][2], "say \"hi\"");
  EXPECT_EQ(table->rows[1][1], "two\nlines");
  EXPECT_EQ(table->rows[1][2], "");
  EXPECT_EQ(*table->Column("c"), 2u);
  EXPECT_FALSE(table->Column("d").ok());
}

TEST(ParseCsv, RefusesRaggedRowsAndOpenQuotes) {
  auto ragged = ParseCsv("a,b\n1,2\n3\n", "t");
  ASSERT_FALSE(ragged.ok());
  EXPECT_NE(ragged.status().ToString().find("line 3"), std::string::npos)
      << ragged.status().ToString();
  EXPECT_FALSE(ParseCsv("a,b\n1,\"open\n", "t").ok());
}

TEST(ParseCsv, SkipsBomAndBlankLines) {
  auto table = ParseCsv("\xEF\xBB\xBFk,v\n\nx,1\n", "t");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->header[0], "k");
  ASSERT_EQ(table->rows.size(), 1u);
}

}  // namespace
}  // namespace qiancheng::world
