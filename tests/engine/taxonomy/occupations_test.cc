#include "taxonomy/occupations.h"

#include <gtest/gtest.h>

#include "loaded_taxonomy.h"

namespace qiancheng::taxonomy {
namespace {

const OccupationCatalog& Catalog() {
  return testing::LoadedTaxonomy().occupations;
}

TEST(OccupationCatalog, LoadsEveryRowAndGroup) {
  EXPECT_EQ(Catalog().entries().size(), 1702u);  // data/README.md: 1,702 rows
  EXPECT_EQ(Catalog().groups().size(), 532u);  // 8 大类 + 79 中类 + 445 小类
}

TEST(OccupationCatalog, FindsNameDefinitionAndTasks) {
  const OccupationEntry* e = Catalog().Find("4-10-01-05");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->occupation.name, "养老护理员");
  EXPECT_EQ(e->occupation.definition,
            "从事老年人生活照料、护理服务工作的人员。");
  ASSERT_EQ(e->task_sentences.size(), 5u);
  EXPECT_EQ(e->task_sentences[0],
            "照料老年人的饮食、清洁、睡眠和排泄等日常生活");
  EXPECT_FALSE(e->residual);
}

TEST(OccupationCatalog, AncestorsAreMajorMiddleMinor) {
  const auto groups = Catalog().Ancestors("4-10-01-05");
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0]->code, "4");
  EXPECT_EQ(groups[0]->name, "社会生产服务和生活服务人员");
  EXPECT_EQ(groups[0]->level, GroupLevel::kMajor);
  EXPECT_EQ(groups[1]->code, "4-10");
  EXPECT_EQ(groups[1]->name, "居民服务人员");
  EXPECT_EQ(groups[2]->code, "4-10-01");
  EXPECT_EQ(groups[2]->name, "生活照料服务人员");
  EXPECT_EQ(groups[2]->level, GroupLevel::kMinor);
}

TEST(OccupationCatalog, GroupAncestorsStopAboveTheGroup) {
  const auto groups = Catalog().Ancestors("4-10");
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0]->code, "4");
  EXPECT_TRUE(Catalog().Ancestors("not-a-code").empty());
}

TEST(OccupationCatalog, ResidualRowsKeepThreePartCodes) {
  const OccupationEntry* e = Catalog().Find("2-02-99");
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->residual);
}

TEST(OccupationCatalog, UnknownCodeIsNull) {
  EXPECT_EQ(Catalog().Find("9-99-99-99"), nullptr);
  EXPECT_EQ(Catalog().FindGroup("9-99"), nullptr);
}

TEST(OccupationCatalog, FindsByNameOrWorkTypeInAnyScript) {
  auto by_name = Catalog().FindByName("養老護理員");  // traditional, normalised
  ASSERT_EQ(by_name.size(), 1u);
  EXPECT_EQ(by_name[0]->occupation.code.str(), "4-10-01-05");
  auto by_work_type = Catalog().FindByWorkType("叉车司机");
  ASSERT_EQ(by_work_type.size(), 1u);
  EXPECT_EQ(by_work_type[0]->occupation.code.str(), "6-30-05-01");
}

TEST(OccupationCatalog, DuplicateNamesInSourceGiveSeveralEntries) {
  // The source lists 安全技术防范工程技术人员 under 2-02-28-01 and 2-02-29-01.
  EXPECT_EQ(Catalog().FindByOccupationName("安全技术防范工程技术人员").size(),
            2u);
}

TEST(SplitTaskSentences, SplitsNumberedSentences) {
  EXPECT_EQ(SplitTaskSentences("1.迎送宾客;2.预订房间;3.收费结账。"),
            (std::vector<std::string>{"迎送宾客", "预订房间", "收费结账"}));
  EXPECT_TRUE(SplitTaskSentences("").empty());
}

TEST(OccupationCatalog, MissingFileIsNotFound) {
  auto norm = text::Normalizer::WidthAndCaseOnly();
  auto c = OccupationCatalog::Load("/nonexistent.csv", "/nonexistent2.csv",
                                   norm, nullptr);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace qiancheng::taxonomy
