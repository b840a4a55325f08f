// tests/engine/taxonomy/loaded_taxonomy.h -- the real data/ taxonomy, loaded
// once per test binary (loading takes about half a second).
#ifndef QIANCHENG_TESTS_ENGINE_TAXONOMY_LOADED_TAXONOMY_H_
#define QIANCHENG_TESTS_ENGINE_TAXONOMY_LOADED_TAXONOMY_H_

#include <gtest/gtest.h>

#include "taxonomy/taxonomy.h"

namespace qiancheng::taxonomy::testing {

inline const Taxonomy& LoadedTaxonomy() {
  static const Taxonomy* taxonomy = [] {
    auto t = LoadTaxonomy(QC_SOURCE_DIR "/data");
    EXPECT_TRUE(t.ok()) << t.status();
    return t.ok() ? new Taxonomy(std::move(*t)) : nullptr;
  }();
  if (taxonomy == nullptr) std::abort();  // the data/ folder is broken
  return *taxonomy;
}

}  // namespace qiancheng::taxonomy::testing

#endif  // QIANCHENG_TESTS_ENGINE_TAXONOMY_LOADED_TAXONOMY_H_
