// Tests of world/reference.h and world/sectors.h over the real data/ files.
#include "world/reference.h"

#include <gtest/gtest.h>

#include <set>

#include "world/sectors.h"
#include "world/texts.h"
#include "world_fixture.h"

namespace qiancheng::world {
namespace {

using testing::Reference;

bool HasOccupation(const ReferenceData& ref, std::string_view group) {
  for (const auto& o : ref.occupations) {
    if (InGroup(o.code, group)) return true;
  }
  return false;
}

TEST(LoadReferenceData, ReadsTheRealFiles) {
  const ReferenceData& ref = Reference();
  EXPECT_GT(ref.occupations.size(), 1600u);
  EXPECT_EQ(ref.generatable.size(), ref.occupations.size());
  EXPECT_EQ(ref.shortage.size(), 60u);  // six national top-10 lists
  for (const auto& e : ref.shortage) {
    EXPECT_TRUE(e.region.IsNational()) << e.id;
    EXPECT_GE(e.rank, 1);
    EXPECT_LE(e.rank, 10);
  }
  std::set<std::string> xian;
  for (const auto& c : ref.counties) {
    const std::string prefix = c.code.str().substr(0, 2);
    EXPECT_TRUE(prefix == "61" || prefix == "52") << c.code.str();
    if (c.code.str().substr(0, 4) == "6101") xian.insert(c.code.str());
  }
  EXPECT_EQ(xian.size(), 13u);  // 西安's 11 districts and 2 counties
  EXPECT_TRUE(xian.count("610113"));
  EXPECT_FALSE(ref.other_provinces.empty());
  EXPECT_EQ(ref.tier_shares, (std::array<double, 3>{1.0, 0.9, 0.8}));
}

TEST(LoadReferenceData, MissingFolderIsNotFound) {
  auto ref = LoadReferenceData("/nonexistent-qiancheng-data");
  ASSERT_FALSE(ref.ok());
  EXPECT_EQ(ref.status().code(), Code::kNotFound);
}

TEST(PrioritySectors, EveryGroupNamesRealOccupations) {
  const ReferenceData& ref = Reference();
  for (const auto& sector : PrioritySectors()) {
    for (std::string_view group : sector.groups) {
      EXPECT_TRUE(HasOccupation(ref, group)) << sector.key << " " << group;
    }
  }
  for (std::string_view code : ColloquialWishCodes()) {
    EXPECT_TRUE(HasOccupation(ref, code)) << code;
  }
}

TEST(OccupationMix, DrawsGeneratableOccupationsWithSectorWeight) {
  const ReferenceData& ref = Reference();
  OccupationMix mix(ref, MixShares{});
  Rng rng(1, Stream::kVacancy, 0);
  const SectorDef& care = PrioritySectors()[0];
  int in_care = 0, shortage = 0;
  constexpr int kDraws = 20000;
  for (int i = 0; i < kDraws; ++i) {
    const size_t o = mix.Draw(rng);
    ASSERT_TRUE(ref.generatable[o]) << ref.occupations[o].code.str();
    in_care += InSector(care, ref.occupations[o].code);
    shortage += ShortageTier(ref, ref.occupations[o].code) == 1;
  }
  // 康养托育 has 15% of the mass plus 家政服务员's shortage rank; a dozen of
  // ~1,500 occupations would get under 1% uniformly.
  EXPECT_GT(in_care, kDraws * 12 / 100);
  EXPECT_LT(in_care, kDraws * 30 / 100);
  EXPECT_GT(shortage, kDraws * 25 / 100);  // the 25% shortage share and more
}

TEST(Texts, TaskItemsDropTheNumbers) {
  const auto items = TaskItems("1.收集需求,提供咨询;2.编写文件;3.", 5);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0], "收集需求,提供咨询");
  EXPECT_EQ(items[1], "编写文件");
  EXPECT_EQ(SkillOfTask(items[0]), "收集需求");
}

}  // namespace
}  // namespace qiancheng::world
