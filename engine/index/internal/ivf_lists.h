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
// until a rebuild drops them); lists name only rows below the table's size.
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

// The per-call part of an IVF search.
struct IvfProbe {
  size_t k = 10;
  // Lists to scan that hold at least one passing row (all of them unfiltered);
  // more are scanned until max(k, min_passing) passing rows were seen.
  size_t nprobe = 4;
  size_t min_passing = 0;
  // Give up (return false) past this cost, counted in distance computations
  // (a row skipped by the filter costs a fraction of one).
  size_t max_cost = ~size_t{0};
  // Then also every list whose centroid is nearer than this factor times the
  // k-th hit's distance (squared): such a list may still hold a nearer row.
  // 0 = off.
  float reach = 0;
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
  void Add(uint32_t list, uint32_t row) { lists_[list].push_back(row); }

  // The probe.k nearest rows to `query` that are live in `ids` and kept by
  // `filter` (any live row when null), nearest first, from the lists nearest
  // to the query; vectors at base + row * dim. Scans every list before
  // returning fewer than k. Returns false, `out` unspecified, once the cost
  // passes probe.max_cost (the caller then scans exactly).
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
  // Scans one list into `top`; returns the rows that passed.
  size_t ScanList(const std::vector<uint32_t>& rows, const float* base,
                  const float* query, const RowIds& ids, const IdFilter* filter,
                  TopK* top) const;

  size_t dim_;
  std::vector<float> centroids_;
  std::vector<std::vector<uint32_t>> lists_;
  size_t trained_rows_;
};

}  // namespace qiancheng::index::internal

#endif  // QIANCHENG_INDEX_INTERNAL_IVF_LISTS_H_
