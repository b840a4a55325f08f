// policy/shortage.h: which catalog row applies to a project's region.
#include "policy/shortage.h"

#include <gtest/gtest.h>

namespace qiancheng::policy {
namespace {

ShortageEntry Row(const char* id, const char* region, int degree, int rank) {
  ShortageEntry e;
  e.id = id;
  e.region = *RegionCode::Parse(region);
  e.occupation_code = *OccupationCode::Parse("4-10-01-05");
  e.degree = degree;
  e.rank = rank;
  return e;
}

TEST(ShortageList, MostLocalRowWins) {
  ShortageList list({Row("national", "000000", 1, 1),
                     Row("xian", "610100", 3, 50),
                     Row("guizhou", "520000", 1, 1)});
  const ShortageEntry* in_xian = list.Find(
      *RegionCode::Parse("610113"), *OccupationCode::Parse("4-10-01-05"));
  ASSERT_NE(in_xian, nullptr);
  EXPECT_EQ(in_xian->id, "xian");
  const ShortageEntry* in_tianjin = list.Find(
      *RegionCode::Parse("120101"), *OccupationCode::Parse("4-10-01-05"));
  ASSERT_NE(in_tianjin, nullptr);
  EXPECT_EQ(in_tianjin->id, "national");
}

TEST(ShortageList, HigherDegreeThenRankAmongEquals) {
  ShortageList list({Row("ungraded", "610000", 0, 1),
                     Row("short", "610000", 2, 9),
                     Row("very-short", "610000", 1, 20)});
  EXPECT_EQ(list.Find(*RegionCode::Parse("610402"),
                      *OccupationCode::Parse("4-10-01-05"))
                ->id,
            "very-short");
}

TEST(ShortageList, OtherOccupationOrRegionIsNotListed) {
  ShortageList list({Row("xian", "610100", 1, 1)});
  EXPECT_EQ(list.Find(*RegionCode::Parse("610113"),
                      *OccupationCode::Parse("4-10-01-06")),
            nullptr);
  EXPECT_EQ(list.Find(*RegionCode::Parse("610402"),
                      *OccupationCode::Parse("4-10-01-05")),
            nullptr);
}

}  // namespace
}  // namespace qiancheng::policy
