// The large layouts of FaissIndex that its tests run on, with their names in
// test listings ("Ivf", "Hnsw") and in ctest's ("# GetParam() = Ivf" instead
// of the enum's bytes).
#ifndef QIANCHENG_TESTS_ENGINE_INDEX_LAYOUTS_H_
#define QIANCHENG_TESTS_ENGINE_INDEX_LAYOUTS_H_

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "index/faiss_index.h"

namespace qiancheng::index {

inline std::string NameOf(IndexLayout layout) {
  switch (layout) {
    case IndexLayout::kFlat:
      return "Flat";
    case IndexLayout::kIvf:
      return "Ivf";
    case IndexLayout::kHnsw:
      return "Hnsw";
  }
  return "Unknown";
}

inline void PrintTo(IndexLayout layout, std::ostream* os) {
  *os << NameOf(layout);
}

inline std::string LayoutName(
    const ::testing::TestParamInfo<IndexLayout>& info) {
  return NameOf(info.param);
}

}  // namespace qiancheng::index

#endif  // QIANCHENG_TESTS_ENGINE_INDEX_LAYOUTS_H_
