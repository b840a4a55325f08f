// index/brute_force_index.h -- stage 4 (index) of DESIGN.md: the exact index.
// Every search scans the live rows (or only a filter's kept rows) with the
// SIMD kernel of index/distance.h. It is the oracle of the tests and the index
// of small kinds (occupations, institutions), where a scan beats any graph.
// Invariants: those of VectorIndex; dead rows are dropped (rows renumbered, a
// new layout) when they outnumber the live ones.
// Thread-safety: as VectorIndex (a reader-writer lock; writes exclusive).
#ifndef QIANCHENG_INDEX_BRUTE_FORCE_INDEX_H_
#define QIANCHENG_INDEX_BRUTE_FORCE_INDEX_H_

#include <shared_mutex>

#include "index/row_ids.h"
#include "index/rw_lock.h"
#include "index/vector_index.h"

namespace qiancheng::index {

class BruteForceIndex final : public VectorIndex {
 public:
  explicit BruteForceIndex(size_t dim);

  size_t dim() const override { return dim_; }
  size_t size() const override;
  Status Upsert(std::string_view id, std::span<const float> vec) override;
  Status UpsertBatch(std::span<const std::string> ids,
                     std::span<const float> vecs) override;
  Status Remove(std::string_view id) override;
  bool Contains(std::string_view id) const override;
  IdFilter FilterFromIds(std::span<const std::string> ids) const override;
  IdFilter FilterWhere(
      const std::function<bool(std::string_view id)>& keep) const override;
  RowSpace Rows() const override;
  uint64_t RowsOf(std::span<const std::string_view> ids,
                  std::span<uint32_t> rows) const override;
  Result<std::vector<SearchHit>> Search(
      std::span<const float> query, const SearchParams& params,
      const IdFilter* filter = nullptr) const override;
  Status Save(const std::string& path, const SnapshotInfo& info) const override;
  Result<SnapshotInfo> Load(const std::string& path,
                            std::string_view expected_embedder) override;

 private:
  void AppendLocked(std::string_view id, const float* vec);
  void CompactLocked();

  const size_t dim_;
  mutable RwLock mu_;
  RowIds ids_;
  std::vector<float> vectors_;  // row r at [r * dim_, (r + 1) * dim_)
  uint64_t layout_;
};

}  // namespace qiancheng::index

#endif  // QIANCHENG_INDEX_BRUTE_FORCE_INDEX_H_
