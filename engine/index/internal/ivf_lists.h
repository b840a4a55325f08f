// index/internal/ivf_lists.h -- stage 4 (index) of DESIGN.md: the inverted
// lists of FaissIndex's IVF layout. `nlist` centroids (trained by FAISS
// k-means, internal/faiss_kmeans.h) split the rows of the index's table; each
// list holds the row numbers nearest to its centroid, ascending. The vectors
// stay in the table (no copy): a rebuild appends the rows list by list, so a
// list's rows are adjacent and a probe streams them; rows appended later are
// scattered (one table row each). A search ranks the centroids with this
// project's SIMD kernels and scans the nearest lists, skipping dead rows and
// rows the filter rejects before computing any distance.
// Invariants: every row of the table is in exactly one list (dead rows too,
// until a rebuild drops them); lists name only rows below the table's size;
// a list's leading rows [first, first + length) of its Run are consecutive
// rows, so a filter is read a bitmap word at a time over them.
// Thread-safety: const methods may run concurrently with each other; Add and
// Write need the caller's exclusion (FaissIndex's lock).
#ifndef QIANCHENG_INDEX_INTERNAL_IVF_LISTS_H_
#define QIANCHENG_INDEX_INTERNAL_IVF_LISTS_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/result.h"
#include "index/id_filter.h"
#include "index/row_ids.h"
#include "index/snapshot.h"
#include "index/top_k.h"

namespace qiancheng::index::internal {

// The per-call part of an IVF search. A search scans the lists in the order
// of their centroids' distance to the query, in two phases:
//  1. the planned lists: the nearest ones up to `nprobe` lists holding a
//     passing row and max(k, min_passing) passing rows. A filtered search
//     counts each list's passing rows first (popcounts over the filter, no
//     distance), so it knows the plan's cost before it computes a distance
//     and gives up (returns false) at once when the plan costs more than
//     `max_cost`; lists without a passing row are never scanned.
//  2. the reach: then every further list whose centroid is nearer than
//     `reach` times the k-th hit's distance, or than (1 + margin) times the
//     nearest centroid's (squared distances). Such a list may hold a row
//     nearer than the k-th hit. This phase only refines: it stops, keeping
//     what it found, once it spent `extra_cost`, and a filtered search also
//     once it spent `filtered_extra_share` times what phase 1 cost or would
//     pass `max_cost`. So no search pays for a probe and then for the exact
//     scan too.
// Costs are counted in distance computations; a row or a filter word looked
// at without computing a distance costs a fraction of one.
struct IvfProbe {
  size_t k = 10;
  size_t nprobe = 1;
  size_t min_passing = 0;
  size_t max_cost = ~size_t{0};
  float reach = 0;   // 0 = off
  float margin = 0;  // 0 = off
  size_t extra_cost = ~size_t{0};
  double filtered_extra_share = 1;
};

class IvfLists {
 public:
  // Empty lists around `centroids` (nlist * dim floats, nlist >= 1), trained
  // on `trained_rows` rows.
  IvfLists(size_t dim, std::vector<float> centroids, size_t trained_rows);

  size_t nlist() const { return lists_.size(); }
  size_t trained_rows() const { return trained_rows_; }
  const std::vector<float>& centroids() const { return centroids_; }

  // The list whose centroid is nearest to x[0, dim).
  uint32_t Nearest(const float* x) const;
  // Appends `row` to `list`. REQUIRES: list < nlist(), row above every row
  // already added.
  void Add(uint32_t list, uint32_t row);

  // The probe.k nearest rows to `query` that are live in `ids` and kept by
  // `filter` (any live row when null), nearest first, from the lists nearest
  // to the query (IvfProbe); vectors at base + row * dim. Scans every list
  // holding a passing row before returning fewer than k. Returns false, `out`
  // unspecified, when the planned lists cost more than probe.max_cost (the
  // caller then scans exactly).
  bool Search(const float* base, const float* query, const RowIds& ids,
              const IdFilter* filter, const IvfProbe& probe,
              std::vector<Neighbor>* out) const;

  size_t MemoryBytes() const;  // centroids + row numbers, allocated
  // Writes the centroids and each row's list (a table of `rows` rows).
  void Write(size_t rows, SnapshotWriter* writer) const;
  // Reads a Write section for a table of `rows` rows of `dim` floats.
  // kInternal when it is malformed.
  static Result<std::unique_ptr<IvfLists>> Read(SnapshotReader* reader,
                                                size_t dim, size_t rows);

 private:
  // A list's rows are a run of consecutive rows [first, first + length) (the
  // rows a rebuild wrote list by list) followed by rows appended later.
  struct Run {
    uint32_t first = 0;
    uint32_t length = 0;
  };

  // Rows of list `l` that `filter` keeps (dead ones included).
  size_t CountPassing(size_t l, const IdFilter& filter) const;
  // What counting or skipping the rows of list `l` costs, in distances.
  size_t SkipCost(size_t l, bool filtered) const;
  // Scans list `l` into `top`; returns the rows that passed.
  size_t ScanList(size_t l, const float* base, const float* query,
                  const RowIds& ids, const IdFilter* filter, TopK* top) const;

  size_t dim_;
  std::vector<float> centroids_;
  std::vector<std::vector<uint32_t>> lists_;
  std::vector<Run> runs_;  // per list
  size_t trained_rows_;
};

}  // namespace qiancheng::index::internal

#endif  // QIANCHENG_INDEX_INTERNAL_IVF_LISTS_H_
