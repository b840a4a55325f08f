#include "taxonomy/classifier.h"

#include <gtest/gtest.h>

#include "loaded_taxonomy.h"

namespace qiancheng::taxonomy {
namespace {

const OccupationClassifier& Classifier() {
  static const OccupationClassifier* c = [] {
    ClassifierOptions options;
    auto curated =
        LoadCuratedAliases(QC_SOURCE_DIR "/data/dict/curated_aliases.tsv");
    EXPECT_TRUE(curated.ok()) << curated.status();
    if (curated.ok()) options.curated_aliases = *curated;
    return new OccupationClassifier(testing::LoadedTaxonomy(),
                                    std::move(options));
  }();
  return *c;
}

bool InTop(const std::vector<Classification>& got, const std::string& code,
           size_t k) {
  for (size_t i = 0; i < std::min(k, got.size()); ++i) {
    if (got[i].code == code) return true;
  }
  return false;
}

TEST(OccupationClassifier, NursingHomeCareWorkerInTopFive) {
  // The acceptance line of issue 4.
  const auto got = Classifier().Classify("招聘养老院护工", 5);
  EXPECT_TRUE(InTop(got, "4-10-01-05", 5));
}

struct Case {
  const char* text;
  const char* code;
};

class Colloquial : public ::testing::TestWithParam<Case> {};

TEST_P(Colloquial, ExpectedCodeInTopFive) {
  EXPECT_TRUE(
      InTop(Classifier().Classify(GetParam().text, 5), GetParam().code, 5))
      << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Titles, Colloquial,
    ::testing::Values(Case{"想学电工", "6-31-01-03"},
                      Case{"保安", "4-07-05-01"}, Case{"焊工", "6-18-02-04"},
                      Case{"快递员", "4-02-07-08"},
                      Case{"叉车司机", "6-30-05-01"},
                      Case{"養老護理員", "4-10-01-05"},  // traditional
                      Case{"外卖骑手", "4-10-08-01"}));  // curated alias

TEST(OccupationClassifier, ExactNameRanksFirst) {
  const auto got = Classifier().Classify("中式烹调师", 5);
  ASSERT_FALSE(got.empty());
  EXPECT_EQ(got[0].code, "4-03-02-01");
  EXPECT_EQ(got[0].name, "中式烹调师");
}

TEST(OccupationClassifier, ReturnsAtMostKBestFirst) {
  const auto got = Classifier().Classify("汽车维修", 3);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_GE(got[0].score, got[1].score);
  EXPECT_GE(got[1].score, got[2].score);
}

TEST(OccupationClassifier, NoKnownFeatureGivesNothing) {
  EXPECT_TRUE(Classifier().Classify("", 5).empty());
  EXPECT_TRUE(Classifier().Classify("~~~ !!!", 5).empty());
}

TEST(OccupationClassifier, HeldOutAliasLeavesTheIndex) {
  // 叉车司机 is a 工种 of 6-30-05-01; held out, the exact-alias boost is gone.
  ClassifierOptions options;
  options.held_out.insert("叉车司机");
  const OccupationClassifier held(testing::LoadedTaxonomy(), options);
  const OccupationClassifier full(testing::LoadedTaxonomy(),
                                  ClassifierOptions{});
  auto score_of = [](const std::vector<Classification>& got) {
    for (const auto& c : got) {
      if (c.code == "6-30-05-01") return c.score;
    }
    return 0.0;
  };
  EXPECT_LT(score_of(held.Classify("叉车司机", 20)),
            score_of(full.Classify("叉车司机", 20)));
}

TEST(OccupationClassifier, ResidualRowsAreNotCandidatesByDefault) {
  for (const auto& c :
       Classifier().Classify("其他社会生产服务和生活服务人员", 10)) {
    EXPECT_FALSE(testing::LoadedTaxonomy().occupations.Find(c.code)->residual)
        << c.code;
  }
}

TEST(LoadCuratedAliases, RejectsBadRows) {
  const std::string path = QC_BINARY_DIR "/bad_aliases.tsv";
  FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("# comment\n4-10-08-01\t外卖骑手\twhy\nnot-a-code\t别名\twhy\n",
             f);
  std::fclose(f);
  auto got = LoadCuratedAliases(path);
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().field().find(":3"), std::string::npos) << got.status();
}

}  // namespace
}  // namespace qiancheng::taxonomy
