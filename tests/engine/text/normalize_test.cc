#include "text/normalize.h"

#include <gtest/gtest.h>

namespace qiancheng::text {
namespace {

const Normalizer& Loaded() {
  static const Normalizer* normalizer = [] {
    auto n = Normalizer::Load(QC_SOURCE_DIR "/data/dict/opencc");
    EXPECT_TRUE(n.ok()) << n.status();
    return new Normalizer(std::move(*n));
  }();
  return *normalizer;
}

struct Case {
  const char* in;
  const char* want;
};

class NormalizeTable : public ::testing::TestWithParam<Case> {};

TEST_P(NormalizeTable, Normalizes) {
  EXPECT_EQ(Loaded().Normalize(GetParam().in), GetParam().want);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, NormalizeTable,
    ::testing::Values(
        // Traditional -> simplified, by character (TSCharacters).
        Case{"養老護理員", "养老护理员"}, Case{"職業技能培訓", "职业技能培训"},
        Case{"人力資源社會保障部", "人力资源社会保障部"},
        // Phrases first (TSPhrases): 乾隆 keeps 乾, which TSCharacters alone
        // maps to 干.
        Case{"乾隆", "乾隆"}, Case{"乾燥", "干燥"},
        // Full-width ASCII and the ideographic space -> half width; upper ->
        // lower.
        Case{"ＡＢＣ１２３", "abc123"}, Case{"Ｃ＋＋工程师", "c++工程师"},
        Case{"电工\u3000\u3000培训", "电工 培训"},
        // White space collapsed and trimmed; control characters dropped.
        Case{"  叉车 \t\n 司机  ", "叉车 司机"}, Case{"焊\x01工", "焊工"},
        // CJK punctuation with an ASCII twin folds; 。 and 、 stay.
        Case{"“技能照亮前程”", "\"技能照亮前程\""}, Case{"《通知》", "<通知>"},
        Case{"（一）", "(一)"}, Case{"补贴。标准、", "补贴。标准、"}));

TEST(Normalizer, TraditionalAndSimplifiedNormaliseAlike) {
  EXPECT_EQ(Loaded().Normalize("養老護理員"), Loaded().Normalize("养老护理员"));
}

TEST(Normalizer, IsIdempotent) {
  const std::string once =
      Loaded().Normalize("  ＨＥＬＬＯ 勞動者參加培訓（試點）");
  EXPECT_EQ(Loaded().Normalize(once), once);
}

TEST(Normalizer, WidthAndCaseOnlyLeavesTraditional) {
  EXPECT_EQ(Normalizer::WidthAndCaseOnly().Normalize("Ａ養老"), "a養老");
}

TEST(Normalizer, MissingTablesAreNotFound) {
  auto n = Normalizer::Load("/nonexistent");
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), Code::kNotFound);
}

TEST(FoldCodePoint, DropsControlsAndMapsFullWidth) {
  EXPECT_EQ(FoldCodePoint(0x07), 0u);
  EXPECT_EQ(FoldCodePoint(U'Ａ'), U'a');
  EXPECT_EQ(FoldCodePoint(U'，'), U',');
  EXPECT_EQ(FoldCodePoint(U'\u3000'), U' ');
}

}  // namespace
}  // namespace qiancheng::text
