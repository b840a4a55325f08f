// The Embedder contract (embed/embedder.h) on the catalog-only model.
#include <gtest/gtest.h>

#include <cmath>

#include "fitted_embedder.h"

namespace qiancheng::embed {
namespace {

using testing::CatalogEmbedder;
using testing::LoadedTaxonomy;
using testing::MustEmbed;
using testing::Norm;

const EmbedInput kVacancy = {
    "招聘电工 负责厂区高低压配电设备的安装、维修和日常巡检，持电工证",
    {{"6-31-01-03", 1}}};

TEST(TfidfLsaEmbedder, DimensionsFollowOptions) {
  const auto& e = CatalogEmbedder();
  EXPECT_EQ(e.dim(), 256u);
  EXPECT_EQ(e.occupation_dims(), 64u);
  EXPECT_EQ(e.text_dims(), 192u);
  EXPECT_EQ(MustEmbed(e, kVacancy).size(), 256u);
  EXPECT_GT(e.vocabulary_size(), 1000u);
}

TEST(TfidfLsaEmbedder, IdNamesModelVersionAndFingerprint) {
  const auto& e = CatalogEmbedder();
  EXPECT_EQ(e.name(), "tfidf-lsa");
  EXPECT_EQ(e.version(), 1);
  const std::string id = e.id();
  EXPECT_EQ(id.rfind("tfidf-lsa/1@", 0), 0u) << id;
  EXPECT_EQ(id.size(), std::string("tfidf-lsa/1@").size() + 8) << id;
}

TEST(TfidfLsaEmbedder, VectorsHaveUnitNorm) {
  const auto& e = CatalogEmbedder();
  const EmbedInput inputs[] = {
      kVacancy,
      {"养老护理员", {}},
      {"", {{"4-10-01-05", 1}}},
      {"", {{"4-10", 1}}},
      {"叉车", {{"6-30-05-01", 2}, {"4-02-02-02", 0.5f}}},
  };
  for (const auto& input : inputs) {
    const auto v = MustEmbed(e, input);
    EXPECT_NEAR(Norm(v), 1.0, 1e-4) << input.text;
    for (float x : v) ASSERT_TRUE(std::isfinite(x));
  }
}

TEST(TfidfLsaEmbedder, EmptyInputIsTheDocumentedUnitVector) {
  const auto& e = CatalogEmbedder();
  // No text, unknown text (no feature in the vocabulary), a malformed code:
  // all give the unit vector on the last text dimension.
  const EmbedInput inputs[] = {
      {}, {"@@@ ###", {}}, {"", {{"not-a-code", 1}}}, {"", {{"4-10", 0}}}};
  for (const auto& input : inputs) {
    const auto v = MustEmbed(e, input);
    EXPECT_NEAR(Norm(v), 1.0, 1e-6);
    EXPECT_EQ(v[e.text_dims() - 1], 1.0f) << input.text;
  }
}

TEST(TfidfLsaEmbedder, WrongSpanSizeIsInvalidArgument) {
  const auto& e = CatalogEmbedder();
  std::vector<float> small(e.dim() - 1), large(e.dim() + 1);
  EXPECT_EQ(e.Embed(kVacancy, std::span<float>(small)).code(),
            Code::kInvalidArgument);
  EXPECT_EQ(e.Embed(kVacancy, std::span<float>(large)).code(),
            Code::kInvalidArgument);
}

TEST(TfidfLsaEmbedder, EmbedIsDeterministic) {
  const auto& e = CatalogEmbedder();
  EXPECT_EQ(MustEmbed(e, kVacancy), MustEmbed(e, kVacancy));
}

TEST(TfidfLsaEmbedder, FitIsDeterministicForASeed) {
  FitOptions options;
  options.dim = 64;
  options.occupation_dims = 16;
  auto a = TfidfLsaEmbedder::Fit(LoadedTaxonomy(), {}, options, nullptr);
  auto b = TfidfLsaEmbedder::Fit(LoadedTaxonomy(), {}, options, nullptr);
  options.seed = 2;
  auto c = TfidfLsaEmbedder::Fit(LoadedTaxonomy(), {}, options, nullptr);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ((*a)->id(), (*b)->id());
  EXPECT_EQ(MustEmbed(**a, kVacancy), MustEmbed(**b, kVacancy));
  EXPECT_NE((*a)->id(), (*c)->id());
}

TEST(TfidfLsaEmbedder, ExtraDocumentsExtendTheVocabulary) {
  FitOptions options;
  options.dim = 64;
  options.occupation_dims = 16;
  const std::vector<EmbedInput> extra = {
      {"无人机植保飞手 负责农田喷洒作业", {}},
      {"无人机植保飞手 操作多旋翼无人机进行飞防", {}}};
  auto base = TfidfLsaEmbedder::Fit(LoadedTaxonomy(), {}, options, nullptr);
  auto more = TfidfLsaEmbedder::Fit(LoadedTaxonomy(), extra, options, nullptr);
  ASSERT_TRUE(base.ok() && more.ok());
  EXPECT_GT((*more)->vocabulary_size(), (*base)->vocabulary_size());
  EXPECT_EQ((*more)->documents(), (*base)->documents() + 2);
  EXPECT_NE((*more)->id(), (*base)->id());
}

TEST(TfidfLsaEmbedder, FitReportsProgress) {
  FitOptions options;
  options.dim = 32;
  options.occupation_dims = 8;
  std::vector<std::string> stages;
  auto fitted = TfidfLsaEmbedder::Fit(
      LoadedTaxonomy(), {}, options,
      [&](std::string_view stage, size_t done, size_t total) {
        EXPECT_LE(done, total);
        if (stages.empty() || stages.back() != stage)
          stages.emplace_back(stage);
      });
  ASSERT_TRUE(fitted.ok());
  EXPECT_EQ(stages, (std::vector<std::string>{"features", "svd", "done"}));
}

TEST(TfidfLsaEmbedder, BadOptionsAreInvalidArgument) {
  FitOptions options;
  options.dim = 100;
  auto fitted = TfidfLsaEmbedder::Fit(LoadedTaxonomy(), {}, options, nullptr);
  ASSERT_FALSE(fitted.ok());
  EXPECT_EQ(fitted.status().field(), "dim");
  options = FitOptions();
  options.occupation_dims = 256;
  fitted = TfidfLsaEmbedder::Fit(LoadedTaxonomy(), {}, options, nullptr);
  ASSERT_FALSE(fitted.ok());
  EXPECT_EQ(fitted.status().field(), "occupation_dims");
  options = FitOptions();
  options.level_weights = {1, 1, 1, 1};
  fitted = TfidfLsaEmbedder::Fit(LoadedTaxonomy(), {}, options, nullptr);
  ASSERT_FALSE(fitted.ok());
  EXPECT_EQ(fitted.status().field(), "level_weights");
}

}  // namespace
}  // namespace qiancheng::embed
