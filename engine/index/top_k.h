// index/top_k.h -- stage 4 (index) of DESIGN.md: the bounded result heap and
// the exact scan shared by BruteForceIndex and FaissIndex (its flat mode and
// its scan of a selective filter's rows).
// Thread-safety: TopK is a per-search value; ExactScan only reads.
#ifndef QIANCHENG_INDEX_TOP_K_H_
#define QIANCHENG_INDEX_TOP_K_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "index/distance.h"
#include "index/id_filter.h"
#include "index/row_ids.h"

namespace qiancheng::index {

struct Neighbor {
  float distance;
  uint32_t row;
  friend bool operator<(const Neighbor& a, const Neighbor& b) {
    return a.distance < b.distance ||
           (a.distance == b.distance && a.row < b.row);
  }
};

// The k nearest rows pushed so far.
class TopK {
 public:
  explicit TopK(size_t k) : k_(k) { heap_.reserve(k + 1); }
  // The distance a row must beat to enter (+inf until k rows are in).
  float bound() const {
    return heap_.size() < k_ ? std::numeric_limits<float>::infinity()
                             : heap_.front().distance;
  }
  void Push(float distance, uint32_t row) {
    if (heap_.size() == k_ && !(Neighbor{distance, row} < heap_.front()))
      return;
    heap_.push_back({distance, row});
    std::push_heap(heap_.begin(), heap_.end());
    if (heap_.size() > k_) {
      std::pop_heap(heap_.begin(), heap_.end());
      heap_.pop_back();
    }
  }
  size_t size() const { return heap_.size(); }
  // Nearest first; leaves the heap empty.
  std::vector<Neighbor> Take() {
    std::sort_heap(heap_.begin(), heap_.end());
    return std::move(heap_);
  }

 private:
  size_t k_;
  std::vector<Neighbor> heap_;  // max-heap on (distance, row)
};

// Exact top-k over the live rows of `ids` (vectors at base + row * dim) that
// `filter` keeps, or over all live rows when filter is null. Scans only the
// filter's kept rows, so its cost follows the filter's count.
inline std::vector<Neighbor> ExactScan(const float* base, size_t dim,
                                       const RowIds& ids, const float* query,
                                       size_t k, const IdFilter* filter) {
  TopK top(k);
  auto visit = [&](size_t row) {
    if (!ids.live(row)) return;
    const float* v = base + row * dim;
    top.Push(L2Sqr(query, v, dim), static_cast<uint32_t>(row));
  };
  if (filter != nullptr) {
    filter->ForEach([&](size_t row) {
      if (row < ids.rows()) visit(row);
    });
  } else {
    for (size_t row = 0; row < ids.rows(); ++row) visit(row);
  }
  return top.Take();
}

}  // namespace qiancheng::index

#endif  // QIANCHENG_INDEX_TOP_K_H_
