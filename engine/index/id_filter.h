// index/id_filter.h -- stage 4 (index) of DESIGN.md: the metadata pre-filter of
// a search, a bitmap over an index's dense internal rows. Built by the index it
// is used with from entity ids (VectorIndex::FilterFromIds / FilterWhere), or
// composed by a caller from rows it kept (VectorIndex::Rows / RowsOf: a cache
// of rows per place, so a request does not hash every id it keeps). It
// records the index layout it was built for and a search with a filter from
// another layout (another index, or the same index after a compaction
// renumbered its rows) is rejected with kFailedPrecondition. Rows added after
// the filter was built are outside it (not kept): build the filter just
// before the search it serves. Thread-safety: a value type; const methods may
// be called from many threads.
#ifndef QIANCHENG_INDEX_ID_FILTER_H_
#define QIANCHENG_INDEX_ID_FILTER_H_

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace qiancheng::index {

// The rows an index's searches use now: IdFilter(layout, rows) is a filter
// for it. Rows are opaque numbers valid within one layout only (a compaction
// or a rebuild starts another); a row's item may be removed or replaced later
// (the row is then dead and never returned), never another item put there.
struct RowSpace {
  uint64_t layout = 0;
  size_t rows = 0;
};
// RowsOf's answer for an id that is not in the index.
inline constexpr uint32_t kNoRow = ~uint32_t{0};

class IdFilter {
 public:
  IdFilter() = default;  // keeps nothing, belongs to no layout
  explicit IdFilter(RowSpace space) : IdFilter(space.layout, space.rows) {}
  // A filter over rows [0, rows) of layout `layout`, keeping none of them.
  IdFilter(uint64_t layout, size_t rows)
      : layout_(layout), rows_(rows), words_((rows + 63) / 64, 0) {}

  // Keeps `row`. REQUIRES: row < rows().
  void Keep(size_t row) {
    uint64_t& word = words_[row >> 6];
    const uint64_t bit = uint64_t{1} << (row & 63);
    count_ += (word & bit) == 0;
    word |= bit;
  }
  bool keeps(size_t row) const {
    return row < rows_ && ((words_[row >> 6] >> (row & 63)) & 1u) != 0;
  }
  size_t count() const { return count_; }  // rows kept
  size_t rows() const { return rows_; }
  uint64_t layout() const { return layout_; }
  // Fraction of the filter's rows it keeps (0 for an empty filter).
  double selectivity() const {
    return rows_ == 0 ? 0.0 : static_cast<double>(count_) / rows_;
  }

  // Calls fn(row) for each kept row in increasing order.
  template <class Fn>
  void ForEach(Fn&& fn) const {
    ForEachIn(0, rows_, fn);
  }

  // Calls fn(row) for each kept row in [begin, end), in increasing order: a
  // word of the bitmap at a time, so a run of rows that the filter mostly
  // rejects costs a sixty-fourth of a test per row.
  template <class Fn>
  void ForEachIn(size_t begin, size_t end, Fn&& fn) const {
    end = std::min(end, rows_);
    if (begin >= end) return;
    const size_t last = (end - 1) >> 6;
    for (size_t w = begin >> 6; w <= last; ++w) {
      uint64_t bits = words_[w] & RangeMask(w, begin, end);
      for (; bits != 0; bits &= bits - 1) {
        fn(w * 64 + static_cast<size_t>(std::countr_zero(bits)));
      }
    }
  }

  // Kept rows in [begin, end) (popcounts, no per-row tests).
  size_t CountIn(size_t begin, size_t end) const {
    end = std::min(end, rows_);
    if (begin >= end) return 0;
    size_t count = 0;
    const size_t last = (end - 1) >> 6;
    for (size_t w = begin >> 6; w <= last; ++w) {
      count += static_cast<size_t>(
          std::popcount(words_[w] & RangeMask(w, begin, end)));
    }
    return count;
  }

 private:
  // The bits of word w that lie in [begin, end).
  static uint64_t RangeMask(size_t w, size_t begin, size_t end) {
    uint64_t mask = ~uint64_t{0};
    if (w == begin >> 6) mask &= ~uint64_t{0} << (begin & 63);
    if (w == (end - 1) >> 6) mask &= ~uint64_t{0} >> (63 - ((end - 1) & 63));
    return mask;
  }

  uint64_t layout_ = 0;
  size_t rows_ = 0;
  size_t count_ = 0;
  std::vector<uint64_t> words_;
};

}  // namespace qiancheng::index

#endif  // QIANCHENG_INDEX_ID_FILTER_H_
