// tests/world/world_fixture.h -- the real reference data, loaded once per test
// binary from the source tree's data/ (QC_SOURCE_DIR).
#ifndef QIANCHENG_TESTS_WORLD_WORLD_FIXTURE_H_
#define QIANCHENG_TESTS_WORLD_WORLD_FIXTURE_H_

#include <gtest/gtest.h>

#include <string>

#include "world/reference.h"

namespace qiancheng::world::testing {

inline const ReferenceData& Reference() {
  static const ReferenceData* ref = [] {
    auto loaded = LoadReferenceData(std::string(QC_SOURCE_DIR) + "/data");
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().ToString();
      return new ReferenceData();
    }
    return new ReferenceData(std::move(loaded).value());
  }();
  return *ref;
}

}  // namespace qiancheng::world::testing

#endif  // QIANCHENG_TESTS_WORLD_WORLD_FIXTURE_H_
