#include "core/ids.h"

#include <gtest/gtest.h>

namespace qiancheng {
namespace {

TEST(RegionCode, ParsesSixDigitsOnly) {
  EXPECT_TRUE(RegionCode::Parse("610113").ok());
  EXPECT_TRUE(RegionCode::Parse("000000").ok());
  for (const char* bad : {"61011", "6101130", "61011a", "001234", ""}) {
    EXPECT_FALSE(RegionCode::Parse(bad).ok()) << bad;
  }
}

TEST(RegionCode, ContainsByCodeStructure) {
  RegionCode shaanxi = *RegionCode::Parse("610000"),
             xian = *RegionCode::Parse("610100"),
             yanta = *RegionCode::Parse("610113"),
             guiyang = *RegionCode::Parse("520100");
  EXPECT_TRUE(shaanxi.Contains(yanta));
  EXPECT_TRUE(xian.Contains(yanta));
  EXPECT_TRUE(yanta.Contains(yanta));
  EXPECT_FALSE(yanta.Contains(xian));
  EXPECT_FALSE(shaanxi.Contains(guiyang));
  EXPECT_TRUE(RegionCode::Parse("000000")->Contains(guiyang));
  EXPECT_EQ(yanta.City().str(), "610100");
  EXPECT_EQ(yanta.Province().str(), "610000");
}

TEST(OccupationCode, ParsesTheClassificationShape) {
  Result<OccupationCode> c = OccupationCode::Parse("4-10-01-05");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->depth(), 4);
  EXPECT_EQ(c->Prefix(1), "4");
  EXPECT_EQ(c->Prefix(2), "4-10");
  EXPECT_EQ(c->Prefix(3), "4-10-01");
  for (const char* bad :
       {"4-10-01", "4-10-1-05", "41-0-01-05", "4-10-01-05-01", "x-10-01-05"}) {
    EXPECT_FALSE(OccupationCode::Parse(bad).ok()) << bad;
  }
  EXPECT_TRUE(OccupationCode::Parse("4-10", "code", /*allow_group=*/true).ok());
}

TEST(EntityId, RejectsPathAndControlCharacters) {
  EXPECT_TRUE(ValidateEntityId("w-000123").ok());
  EXPECT_TRUE(ValidateEntityId("proj:2025.A_1").ok());
  for (const char* bad : {"", "a/b", "a b", "a\nb", "工人1",
                          "11010519491231002X", "13912345678"}) {
    EXPECT_FALSE(ValidateEntityId(bad).ok()) << bad;
  }
  EXPECT_FALSE(ValidateEntityId(std::string(129, 'a')).ok());
}

}  // namespace
}  // namespace qiancheng
