// index/vector_index.h -- stage 4 (index) of DESIGN.md: Embedding -> nearest
// entity ids, one index per entity kind. ingest/ writes (Upsert, Remove) after
// the store committed; recommend/ reads (Search) with a metadata pre-filter.
// Invariants of every implementation:
//  - entity ids are the client's strings; an id is in the index at most once;
//    rows are dense internal numbers the caller never sees;
//  - a removed or replaced item is never returned by a Search that starts after
//    the Remove/Upsert returned; a reader never sees a half-added item;
//  - distances are squared L2 (embeddings are L2-normalised, so cosine
//    similarity = 1 - distance / 2);
//  - a snapshot records the change-log sequence it covers and the embedder
//    name+version; Load reports both so ingest/ can replay later changes, and
//    fails (the caller then rebuilds from the store) when the file is missing
//    (kNotFound), corrupt (kInternal) or from another embedder, dimension or
//    index kind (kFailedPrecondition).
// Thread-safety: every method may be called from many threads at once; writes
// are serialised, searches run concurrently with each other and with writes,
// each on the calling thread (no OpenMP inside a search).
#ifndef QIANCHENG_INDEX_VECTOR_INDEX_H_
#define QIANCHENG_INDEX_VECTOR_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/status.h"
#include "index/id_filter.h"

namespace qiancheng::index {

// Per-call knobs (FAISS SearchParametersHNSW style): never stored in the index.
struct SearchParams {
  size_t k = 10;      // hits wanted; fewer only when fewer items pass
  int ef_search = 0;  // graph beam width; 0 = the index's default; raised to k
  // IVF lists scanned; 0 = the index's default. Filtered searches scan more
  // until k passing items were seen (lists without a passing item do not
  // count).
  int nprobe = 0;
  bool exact = false;  // force an exact scan (oracle, debugging)
};

struct SearchHit {
  std::string id;
  float distance = 0;  // squared L2, ascending in a result
};

// What a snapshot covers: written by Save, reported by Load.
struct SnapshotInfo {
  uint64_t sequence = 0;  // the store's change-log sequence the snapshot covers
  std::string embedder;   // embedder name + version, e.g. "tfidf-lsa/3"
};

class VectorIndex {
 public:
  virtual ~VectorIndex() = default;

  virtual size_t dim() const = 0;
  virtual size_t size() const = 0;  // live items

  // Adds `id` or replaces its vector. kInvalidArgument when the id is empty or
  // vec.size() != dim() or vec holds a NaN/inf.
  virtual Status Upsert(std::string_view id, std::span<const float> vec) = 0;
  // Upsert of ids[i] -> vecs[i*dim, (i+1)*dim); checks everything first, then
  // writes (a later id repeats -> the last vector wins). Items become visible
  // in chunks: a reader may see some of the batch, never half an item.
  virtual Status UpsertBatch(std::span<const std::string> ids,
                             std::span<const float> vecs) = 0;
  // Removes `id`; kNotFound when it is not in the index.
  virtual Status Remove(std::string_view id) = 0;
  virtual bool Contains(std::string_view id) const = 0;

  // A filter keeping the listed ids that are in the index (others ignored).
  virtual IdFilter FilterFromIds(std::span<const std::string> ids) const = 0;
  // A filter keeping the live items for which keep(id) is true.
  virtual IdFilter FilterWhere(
      const std::function<bool(std::string_view id)>& keep) const = 0;

  // The row space now, for callers that keep rows (recommend/'s per-cell
  // tables) and compose filters from them without an id lookup per search.
  virtual RowSpace Rows() const = 0;
  // rows[i] = the live row of ids[i], kNoRow when it is not in the index; all
  // under one lock, and returns the layout those rows belong to.
  // REQUIRES: rows.size() == ids.size().
  virtual uint64_t RowsOf(std::span<const std::string_view> ids,
                          std::span<uint32_t> rows) const = 0;

  // The params.k nearest live items to `query` that `filter` keeps (all live
  // items when filter is null), nearest first. Never fewer than k hits when at
  // least k items pass. kInvalidArgument on a bad query or k == 0;
  // kFailedPrecondition for a filter built for another layout.
  virtual Result<std::vector<SearchHit>> Search(
      std::span<const float> query, const SearchParams& params,
      const IdFilter* filter = nullptr) const = 0;

  // Writes a snapshot atomically: temp file, fsync, rename, fsync directory.
  virtual Status Save(const std::string& path,
                      const SnapshotInfo& info) const = 0;
  // Replaces the content with the snapshot at `path` written by the same kind
  // of index with the same dim and embedder `expected_embedder`. On error the
  // index is unchanged.
  virtual Result<SnapshotInfo> Load(const std::string& path,
                                    std::string_view expected_embedder) = 0;
};

// Input checks shared by the implementations. kInvalidArgument unless vec has
// `dim` finite floats (field "vector").
Status CheckVector(std::span<const float> vec, size_t dim);
// kInvalidArgument unless every id is non-empty and vecs holds ids.size()
// valid vectors.
Status CheckBatch(std::span<const std::string> ids, std::span<const float> vecs,
                  size_t dim);
// CheckVector(query) and k >= 1; kFailedPrecondition when `filter` was not
// built for `layout`.
Status CheckSearch(std::span<const float> query, size_t dim,
                   const SearchParams& params, const IdFilter* filter,
                   uint64_t layout);

}  // namespace qiancheng::index

#endif  // QIANCHENG_INDEX_VECTOR_INDEX_H_
