// index/faiss_index.h -- stage 4 (index) of DESIGN.md: the approximate index of
// the large kinds (vacancies, training projects, workers). Below
// `hnsw_min_items` live items it is a flat table scanned exactly; from there
// on, a FAISS HNSW graph (index/internal/faiss_graph.h) over the same table,
// with SIMD distances compiled in this project.
// Invariants: rows are dense and append-only between rebuilds; the string-id
// <-> row map and the tombstone bitmap live in RowIds; a removed or replaced
// row is dead at once (never returned) and stays in the graph as a waypoint
// until a rebuild (when dead rows pass `compact_dead_fraction` of all rows)
// renumbers the live rows into a new layout. Searches: a filter keeping at most
// `exact_scan_fraction` of the rows is scanned exactly; otherwise the graph is
// walked with the filter and the tombstones applied, giving up for an exact
// scan when the walk costs more than scanning the kept rows, and falling back
// to the scan whenever the walk found fewer than k of the passing items.
// Thread-safety: as VectorIndex. A reader-writer lock: searches share it,
// writes take it exclusively (UpsertBatch per chunk of `batch_chunk_rows`,
// so readers run between chunks); a rebuild copies the live rows, builds the
// new layout without the lock (on a background thread by default) while
// writes continue and are journalled, then replays the journal and swaps.
#ifndef QIANCHENG_INDEX_FAISS_INDEX_H_
#define QIANCHENG_INDEX_FAISS_INDEX_H_

#include <atomic>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <thread>

#include "index/rw_lock.h"
#include "index/vector_index.h"

namespace qiancheng::index {

struct FaissIndexOptions {
  // From this many live items on, an HNSW graph; below it, a flat table.
  size_t hnsw_min_items = 20000;
  int hnsw_m = 32;           // HNSW32: 64 links on level 0, 32 above
  int ef_construction = 40;  // beam width while linking
  int build_threads = 0;     // OpenMP threads for linking batches; 0 = all
  int ef_search = 96;        // default beam width of a search
  // A filter keeping at most this fraction of the rows is scanned exactly.
  double exact_scan_fraction = 0.02;
  // Rebuild without the dead rows when they pass this fraction of all rows.
  double compact_dead_fraction = 0.25;
  size_t batch_chunk_rows = 8192;  // rows per exclusive section of UpsertBatch
  bool background_rebuild = true;  // else rebuilds run inside the write
};

class FaissIndex final : public VectorIndex {
 public:
  FaissIndex(size_t dim, FaissIndexOptions options = {});
  ~FaissIndex() override;  // waits for a running rebuild

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
  Result<std::vector<SearchHit>> Search(
      std::span<const float> query, const SearchParams& params,
      const IdFilter* filter = nullptr) const override;
  Status Save(const std::string& path, const SnapshotInfo& info) const override;
  Result<SnapshotInfo> Load(const std::string& path,
                            std::string_view expected_embedder) override;

  // Rebuilds now without the dead rows (waits for a running rebuild first).
  Status Compact();
  // Waits until no background rebuild is running.
  void WaitForRebuild();
  bool graph() const;          // true when searches walk an HNSW graph
  size_t dead_rows() const;    // tombstoned rows awaiting a rebuild
  size_t MemoryBytes() const;  // vectors + links + id map, allocated

 private:
  struct Layout;
  struct JournalEntry;

  Status AppendLocked(Layout& layout, std::span<const std::string> ids,
                      const float* vecs);
  void JournalLocked(std::span<const std::string> ids, const float* vecs);
  // Copies the live rows and turns journaling on, under the shared lock.
  void StartJournal(std::vector<std::string>* ids, std::vector<float>* vecs);
  // Builds a layout of the live rows (an HNSW graph when there are at least
  // hnsw_min_items or force_graph) and swaps it in.
  // REQUIRES: rebuild_mu_ held, mu_ not held.
  Status RebuildLocked(bool force_graph);
  void MaybeRebuild();
  bool NeedsRebuild() const;

  const size_t dim_;
  const FaissIndexOptions options_;
  mutable RwLock mu_;  // guards layout_, journal_
  std::unique_ptr<Layout> layout_;
  std::vector<JournalEntry> journal_;  // writes during a rebuild
  std::atomic<bool> journaling_{false};
  std::mutex rebuild_mu_;  // one rebuild (or Load) at a time
  std::mutex thread_mu_;   // guards rebuilder_
  std::atomic<bool> rebuild_running_{false};
  std::thread rebuilder_;
};

}  // namespace qiancheng::index

#endif  // QIANCHENG_INDEX_FAISS_INDEX_H_
