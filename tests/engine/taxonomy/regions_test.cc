#include "taxonomy/regions.h"

#include <gtest/gtest.h>

namespace qiancheng::taxonomy {
namespace {

const RegionTable& Regions() {
  static const RegionTable* table = [] {
    auto t =
        RegionTable::Load(QC_SOURCE_DIR "/data/regions/regions_gbt2260.csv");
    EXPECT_TRUE(t.ok()) << t.status();
    return new RegionTable(std::move(*t));
  }();
  return *table;
}

TEST(RegionTable, FindsByCode) {
  const Region* r = Regions().Find("610113");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name, "雁塔区");
  EXPECT_EQ(r->level, RegionLevel::kCounty);
  EXPECT_EQ(Regions().Find("999999"), nullptr);
  ASSERT_NE(Regions().Find("000000"), nullptr);
}

TEST(RegionTable, ParentChainDistrictCityProvince) {
  const auto chain = Regions().Ancestors("610113");
  ASSERT_EQ(chain.size(), 2u);
  EXPECT_EQ(chain[0]->code, "610100");
  EXPECT_EQ(chain[1]->code, "610000");
  EXPECT_TRUE(Regions().Ancestors("610000").empty());
}

TEST(RegionTable, ProvinceAdministeredCountyChainsThroughItsGroup) {
  const auto chain =
      Regions().Ancestors("429004");  // 仙桃市 under 省直辖县级行政区划
  ASSERT_EQ(chain.size(), 2u);
  EXPECT_EQ(chain[0]->code, "429000");
  EXPECT_EQ(chain[1]->code, "420000");
}

struct NameCase {
  const char* name;
  const char* code;
};

class RegionNames : public ::testing::TestWithParam<NameCase> {};

TEST_P(RegionNames, Resolve) {
  auto r = Regions().FindByName(GetParam().name);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)->code, GetParam().code);
}

INSTANTIATE_TEST_SUITE_P(
    Names, RegionNames,
    ::testing::Values(NameCase{"雁塔区", "610113"}, NameCase{"雁塔", "610113"},
                      NameCase{"西安市雁塔区", "610113"},
                      NameCase{"陕西西安", "610100"},
                      NameCase{"陕西省西安市雁塔区", "610113"},
                      NameCase{"陕西", "610000"}, NameCase{"贵州省", "520000"},
                      NameCase{"北京市东城区", "110101"},
                      NameCase{"吉林", "220000"},  // province contains 吉林市
                      NameCase{"广西", "450000"}));

TEST(RegionTable, AmbiguousNameListsCodes) {
  auto r = Regions().FindByName("朝阳区");  // 北京 and 长春
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("110105"), std::string::npos)
      << r.status();
  EXPECT_EQ(Regions().FindAllByName("朝阳区").size(), 2u);
  ASSERT_TRUE(Regions().FindByName("北京朝阳区").ok());
}

TEST(RegionTable, UnknownNameIsNotFound) {
  EXPECT_EQ(Regions().FindByName("不存在县").status().code(), Code::kNotFound);
  EXPECT_EQ(Regions().FindByName("").status().code(), Code::kNotFound);
}

TEST(RegionTable, WithinCoversSelfAndDescendants) {
  EXPECT_TRUE(Regions().Within("610113", "610113"));
  EXPECT_TRUE(Regions().Within("610113", "610100"));
  EXPECT_TRUE(Regions().Within("610113", "610000"));
  EXPECT_TRUE(Regions().Within("610113", "000000"));
  EXPECT_FALSE(Regions().Within("610100", "610113"));
  EXPECT_FALSE(Regions().Within("520102", "610000"));
  EXPECT_TRUE(Regions().Within("429004", "420000"));
}

TEST(RegionTable, SelfAndDescendantsOfACity) {
  const auto codes = Regions().SelfAndDescendants("610100");
  ASSERT_FALSE(codes.empty());
  EXPECT_EQ(codes.front(), "610100");
  EXPECT_NE(std::find(codes.begin(), codes.end(), "610113"), codes.end());
  EXPECT_EQ(std::find(codes.begin(), codes.end(), "610400"),
            codes.end());  // 咸阳
}

TEST(RegionTable, OwnPointIsNotInherited) {
  auto p = Regions().Locate("610113");
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->inherited);
  EXPECT_NEAR(p->point.lat, 34.214113, 1e-6);
}

TEST(RegionTable, MissingPointFallsBackToNearestAncestor) {
  // Beijing's districts have no point and 110100 (市辖区) none either:
  // 110000's.
  auto p = Regions().Locate("110101");
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->inherited);
  EXPECT_EQ(p->source_code, "110000");
}

TEST(Haversine, KnownDistances) {
  EXPECT_DOUBLE_EQ(HaversineKm({34.0, 108.0}, {34.0, 108.0}), 0.0);
  // One degree of latitude is about 111.2 km on the mean-radius sphere.
  EXPECT_NEAR(HaversineKm({0, 0}, {1, 0}), 111.195, 0.01);
}

TEST(RegionTable, DistanceBetweenRegions) {
  auto d = Regions().DistanceKm(
      "610113", "610100");  // 雁塔区 to the mean of Xi'an's districts
  ASSERT_TRUE(d.ok());
  EXPECT_LT(*d, 60.0);
  auto far = Regions().DistanceKm("610113", "520102");  // 贵阳 南明区
  ASSERT_TRUE(far.ok());
  EXPECT_GT(*far, 700.0);
  EXPECT_LT(*far, 1000.0);
  EXPECT_EQ(Regions().DistanceKm("610113", "999999").status().code(),
            Code::kNotFound);
}

TEST(RegionTable, DuplicateCodeRowsKeepTheCity) {
  const Region* r =
      Regions().Find("441900");  // 东莞市: listed as city and county
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->level, RegionLevel::kCity);
}

TEST(ShortRegionName, StripsLevelSuffixes) {
  EXPECT_EQ(ShortRegionName("陕西省"), "陕西");
  EXPECT_EQ(ShortRegionName("广西壮族自治区"), "广西");
  EXPECT_EQ(ShortRegionName("雁塔区"), "雁塔");
  EXPECT_EQ(ShortRegionName("城区"),
            "城区");  // a one-character stem is too short
}

}  // namespace
}  // namespace qiancheng::taxonomy
