// index/internal/faiss_index_layout.h -- stage 4 (index) of DESIGN.md: the
// private parts of FaissIndex shared by its two .cc files (faiss_index.cc:
// writes and searches; faiss_index_rebuild.cc: rebuilds and snapshots).
// Invariants: `graph` is the row table (linked into an HNSW graph for
// kHnsw); `ivf` is set exactly for kIvf and lists every row of the table;
// ids.rows() == graph->rows(). Thread-safety: guarded by FaissIndex's lock.
#ifndef QIANCHENG_INDEX_INTERNAL_FAISS_INDEX_LAYOUT_H_
#define QIANCHENG_INDEX_INTERNAL_FAISS_INDEX_LAYOUT_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "index/faiss_index.h"
#include "index/internal/faiss_graph.h"
#include "index/internal/ivf_lists.h"
#include "index/row_ids.h"

namespace qiancheng::index {

struct FaissIndex::Layout {
  RowIds ids;
  std::unique_ptr<internal::FaissGraph> graph;
  std::unique_ptr<internal::IvfLists> ivf;
  uint64_t id = NewLayoutId();

  IndexLayout kind() const {
    if (ivf) return IndexLayout::kIvf;
    return graph->linked() ? IndexLayout::kHnsw : IndexLayout::kFlat;
  }
};

struct FaissIndex::JournalEntry {
  std::string id;
  std::vector<float> vec;  // empty for a Remove
};

namespace internal {

inline GraphOptions GraphOptionsOf(const FaissIndexOptions& o) {
  return {o.hnsw_m, o.ef_construction, o.build_threads};
}

}  // namespace internal
}  // namespace qiancheng::index

#endif  // QIANCHENG_INDEX_INTERNAL_FAISS_INDEX_LAYOUT_H_
