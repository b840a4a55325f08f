#include "taxonomy/shortage_catalog.h"

#include <gtest/gtest.h>

#include "loaded_taxonomy.h"

namespace qiancheng::taxonomy {
namespace {

constexpr const char* kNational =
    QC_SOURCE_DIR "/data/shortage/national_shortage_top10_2020_2022.csv";

ShortageCatalog National() {
  auto c = ShortageCatalog::Load({kNational});
  EXPECT_TRUE(c.ok()) << c.status();
  return std::move(*c);
}

ShortageEntry NameOnly(const std::string& name) {
  ShortageEntry e;
  e.catalog = "测试目录";
  e.region = *RegionCode::Parse("610100");
  e.period = "2025";
  e.occupation_name = name;
  return e;
}

TEST(ShortageCatalog, LoadsNationalListAsCountryWide) {
  const ShortageCatalog c = National();
  EXPECT_EQ(c.entries().size(), 60u);
  const auto q4 = c.Find("000000", "2022Q4");
  ASSERT_EQ(q4.size(), 10u);
  EXPECT_EQ(q4.front().rank, 1);
  EXPECT_TRUE(
      c.Find("100000", "").empty());  // stored under the API's national code
}

TEST(ShortageCatalog, NationalEntriesCoverEveryRegion) {
  const auto found = National().Covering(*RegionCode::Parse("610113"),
                                         *OccupationCode::Parse("4-07-05-01"));
  ASSERT_FALSE(found.empty());  // 保安员 is on several national lists
  EXPECT_EQ(found.front().occupation_name, "保安员");
  for (size_t i = 1; i < found.size(); ++i)
    EXPECT_GE(found[i - 1].period, found[i].period);
}

TEST(ShortageCatalog, AddRejectsDuplicatesAndMissingFields) {
  ShortageCatalog c = National();
  EXPECT_TRUE(c.Add(NameOnly("养老护理员")).ok());
  EXPECT_EQ(c.Add(NameOnly("养老护理员")).code(), Code::kAlreadyExists);
  ShortageEntry no_period = NameOnly("电工");
  no_period.period.clear();
  const Status s = c.Add(no_period);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.field(), "period");
  EXPECT_EQ(c.Add(NameOnly("")).field(), "occupation_code");
}

TEST(ShortageCatalog, ResolvesNamesAndReportsTheRest) {
  ShortageCatalog c;
  ASSERT_TRUE(c.Add(NameOnly("养老护理员")).ok());  // an occupation name
  ASSERT_TRUE(c.Add(NameOnly("叉车司机")).ok());    // a 工种
  ASSERT_TRUE(c.Add(NameOnly("外卖骑手")).ok());    // not in the classification
  ASSERT_TRUE(c.Add(NameOnly("安全技术防范工程技术人员"))
                  .ok());  // two codes in the source
  const auto unresolved = c.ResolveCodes(testing::LoadedTaxonomy().occupations);
  EXPECT_EQ(unresolved,
            (std::vector<std::string>{"外卖骑手", "安全技术防范工程技术人员"}));
  EXPECT_EQ(c.entries()[0].occupation_code.str(), "4-10-01-05");
  EXPECT_EQ(c.entries()[1].occupation_code.str(), "6-30-05-01");
  EXPECT_TRUE(c.entries()[2].occupation_code.empty());
}

TEST(ResolveOccupationName, AmbiguousNameListsCandidates) {
  const NameResolution r = ResolveOccupationName(
      "安全技术防范工程技术人员", testing::LoadedTaxonomy().occupations);
  EXPECT_FALSE(r.code.has_value());
  EXPECT_EQ(r.candidates,
            (std::vector<std::string>{"2-02-28-01", "2-02-29-01"}));
}

TEST(ShortageCatalog, MissingFileIsNotFound) {
  EXPECT_EQ(ShortageCatalog::Load({"/nonexistent.csv"}).status().code(),
            Code::kNotFound);
}

}  // namespace
}  // namespace qiancheng::taxonomy
