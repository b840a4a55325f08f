#include "taxonomy/work_types.h"

#include <gtest/gtest.h>

#include "loaded_taxonomy.h"

namespace qiancheng::taxonomy {
namespace {

using Strings = std::vector<std::string>;

// Tokens given by hand, so the rule is tested apart from the dictionary.
std::vector<std::string_view> Tokens(std::string_view raw,
                                     const std::vector<size_t>& sizes) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  for (size_t n : sizes) {
    out.push_back(raw.substr(pos, n));
    pos += n;
  }
  return out;
}

TEST(SplitWorkTypes, CutsAfterTitleWords) {
  const std::string raw = "煤矿井下防爆电工化工检修电工";
  // 煤矿/井下/防爆/电工/化工/检修/电工
  EXPECT_EQ(SplitWorkTypes(raw, Tokens(raw, {6, 6, 6, 6, 6, 6, 6})),
            (Strings{"煤矿井下防爆电工", "化工检修电工"}));
}

TEST(SplitWorkTypes, KeepsShortPiecesAttached) {
  const std::string raw =
      "电工仪表装配工";  // 电工/仪表/装配/工: 电工 alone is too short a piece
  EXPECT_EQ(SplitWorkTypes(raw, Tokens(raw, {6, 6, 6, 3})),
            (Strings{"电工仪表装配工"}));
}

TEST(SplitWorkTypes, ModifierWordsAreNotTitles) {
  EXPECT_FALSE(EndsJobTitle("手工"));
  EXPECT_FALSE(EndsJobTitle("加工"));
  EXPECT_TRUE(EndsJobTitle("钳工"));
  EXPECT_TRUE(EndsJobTitle("司机"));
  EXPECT_FALSE(EndsJobTitle("机器人"));
}

TEST(SplitWorkTypes, UnsplittableRunStaysOneAlias) {
  const std::string raw = "蒸汽锅炉";
  EXPECT_EQ(SplitWorkTypes(raw, Tokens(raw, {6, 6})), (Strings{"蒸汽锅炉"}));
  EXPECT_TRUE(SplitWorkTypes("", {}).empty());
}

struct RealCase {
  const char* code;
  Strings want;  // read off the source string by hand
};

class RealWorkTypes : public ::testing::TestWithParam<RealCase> {};

TEST_P(RealWorkTypes, RecoveredFromSource) {
  const OccupationEntry* e =
      testing::LoadedTaxonomy().occupations.Find(GetParam().code);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->work_types, GetParam().want);
}

INSTANTIATE_TEST_SUITE_P(
    Occupations2022, RealWorkTypes,
    ::testing::Values(
        RealCase{"4-02-02-01",
                 {"客车司机", "城市公共汽电车司机", "巡游出租汽车司机",
                  "网络预约出租汽车司机"}},
        RealCase{"6-31-01-03",
                 {"煤矿井下防爆电工", "化工检修电工", "烟机电工", "港机电工"}},
        RealCase{"4-10-01-05", {"失智老年人照护员"}},
        RealCase{"4-10-01-06",
                 {"母婴护理员", "整理收纳师", "家务服务员", "家庭照护员"}},
        RealCase{"6-18-02-04",
                 {"电焊工", "气焊工", "钎焊工", "焊接设备操作工",
                  "锅炉(承压)设备焊工"}},
        RealCase{"4-14-01-02", {"护工"}}));

}  // namespace
}  // namespace qiancheng::taxonomy
