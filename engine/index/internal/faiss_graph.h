// index/internal/faiss_graph.h -- stage 4 (index) of DESIGN.md: the FAISS
// adapter under FaissIndex. It owns a faiss::IndexHNSW whose storage is a flat
// float table that hands FAISS this project's SIMD kernels (its
// get_distance_computer()), so building the graph runs them; searches walk the
// same faiss::HNSW link structure with our own beam search (per-call ef, the
// tombstone bitmap and the filter applied while walking, a distance budget),
// because FAISS 1.7.3's HNSW::search sizes its beam from the shared
// hnsw.efSearch and only filters results. FAISS headers stay in the .cc; every
// faiss::FaissException is converted to a Status there.
// Invariants: rows are appended in order; row r's vector is at vectors() +
// r*dim. Thread-safety: const methods may run concurrently with each other; Add
// and Write need the caller's exclusion (FaissIndex's lock).
#ifndef QIANCHENG_INDEX_INTERNAL_FAISS_GRAPH_H_
#define QIANCHENG_INDEX_INTERNAL_FAISS_GRAPH_H_

#include <cstddef>
#include <memory>
#include <vector>

#include "core/result.h"
#include "index/id_filter.h"
#include "index/row_ids.h"
#include "index/snapshot.h"
#include "index/top_k.h"

namespace qiancheng::index::internal {

struct GraphOptions {
  int m = 32;                // HNSW M: 2*M links on level 0, M above
  int ef_construction = 40;  // beam width while linking
  int build_threads = 0;     // OpenMP threads for batch linking; 0 = all
};

class FaissGraph {
 public:
  // A table of `dim`-float rows; with `linked`, an HNSW graph over them.
  static Result<std::unique_ptr<FaissGraph>> Create(
      size_t dim, bool linked, const GraphOptions& options);
  ~FaissGraph();

  bool linked() const;
  size_t rows() const;
  const float* vectors() const;

  // Appends n rows from x[0, n*dim) and, when linked, links them (batches of
  // more than a few hundred rows in parallel with OpenMP). kInternal when FAISS
  // fails.
  Status Add(size_t n, const float* x);

  // Beam search with beam width max(ef, k) on the graph. REQUIRES: linked().
  // Fills `out` with the nearest rows that are live in `ids` and kept by
  // `filter` (any row when null), nearest first, at most k. Returns false, with
  // `out` unspecified, when it gave up after `max_distances` distance
  // computations (the caller then scans exactly).
  bool Search(const float* query, size_t k, int ef, const RowIds& ids,
              const IdFilter* filter, size_t max_distances,
              std::vector<Neighbor>* out) const;

  // Makes room for n more rows (one allocation for a known batch size).
  Status Reserve(size_t n);
  size_t MemoryBytes() const;  // vectors + links + bookkeeping, allocated
  void Write(SnapshotWriter* writer) const;
  // Reads a Write section for a table of `rows` rows of `dim` floats.
  static Result<std::unique_ptr<FaissGraph>> Read(SnapshotReader* reader,
                                                  size_t dim, size_t rows,
                                                  const GraphOptions& options);

  struct Impl;  // public for the .cc's helpers only

 private:
  explicit FaissGraph(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace qiancheng::index::internal

#endif  // QIANCHENG_INDEX_INTERNAL_FAISS_GRAPH_H_
