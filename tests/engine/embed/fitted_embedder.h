// tests/engine/embed/fitted_embedder.h -- the real data/ taxonomy and the
// catalog-only model fitted on it with default options, built once per test
// binary.
#ifndef QIANCHENG_TESTS_ENGINE_EMBED_FITTED_EMBEDDER_H_
#define QIANCHENG_TESTS_ENGINE_EMBED_FITTED_EMBEDDER_H_

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "embed/tfidf_lsa.h"
#include "engine/taxonomy/loaded_taxonomy.h"

namespace qiancheng::embed::testing {

using taxonomy::testing::LoadedTaxonomy;

inline const TfidfLsaEmbedder& CatalogEmbedder() {
  static const TfidfLsaEmbedder* embedder = [] {
    auto fitted =
        TfidfLsaEmbedder::Fit(LoadedTaxonomy(), {}, FitOptions(), nullptr);
    EXPECT_TRUE(fitted.ok()) << fitted.status();
    return fitted.ok() ? fitted->release() : nullptr;
  }();
  if (embedder == nullptr) std::abort();  // fitting the catalog failed
  return *embedder;
}

inline std::vector<float> MustEmbed(const Embedder& embedder,
                                    const EmbedInput& input) {
  auto v = embedder.Embed(input);
  EXPECT_TRUE(v.ok()) << v.status();
  return v.ok() ? *v : std::vector<float>(embedder.dim());
}

inline double Norm(const std::vector<float>& v) {
  double sum = 0;
  for (float x : v) sum += static_cast<double>(x) * x;
  return std::sqrt(sum);
}

}  // namespace qiancheng::embed::testing

#endif  // QIANCHENG_TESTS_ENGINE_EMBED_FITTED_EMBEDDER_H_
