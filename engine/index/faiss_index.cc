#include "index/faiss_index.h"

#include <algorithm>
#include <cassert>
#include <limits>

#include "index/internal/faiss_graph.h"
#include "index/row_ids.h"
#include "index/snapshot.h"
#include "index/top_k.h"

namespace qiancheng::index {
namespace {

constexpr std::string_view kKind = "faiss-hnsw";
// Rebuilds for tombstones are not worth it below this many rows.
constexpr size_t kMinRowsToCompact = 1024;

internal::GraphOptions GraphOptionsOf(const FaissIndexOptions& o) {
  return {o.hnsw_m, o.ef_construction, o.build_threads};
}

}  // namespace

struct FaissIndex::Layout {
  RowIds ids;
  std::unique_ptr<internal::FaissGraph> graph;
  uint64_t id = NewLayoutId();
};

struct FaissIndex::JournalEntry {
  std::string id;
  std::vector<float> vec;  // empty for a Remove
};

FaissIndex::FaissIndex(size_t dim, FaissIndexOptions options)
    : dim_(dim), options_(options), layout_(std::make_unique<Layout>()) {
  auto graph =
      internal::FaissGraph::Create(dim, false, GraphOptionsOf(options_));
  // Creating an empty flat table allocates nothing that can fail.
  assert(graph.ok());
  layout_->graph = std::move(graph).value();
}

FaissIndex::~FaissIndex() { WaitForRebuild(); }

size_t FaissIndex::size() const {
  std::shared_lock lock(mu_);
  return layout_->ids.live_count();
}

bool FaissIndex::Contains(std::string_view id) const {
  std::shared_lock lock(mu_);
  return layout_->ids.Find(id).has_value();
}

bool FaissIndex::graph() const {
  std::shared_lock lock(mu_);
  return layout_->graph->linked();
}

size_t FaissIndex::dead_rows() const {
  std::shared_lock lock(mu_);
  return layout_->ids.dead_count();
}

size_t FaissIndex::MemoryBytes() const {
  std::shared_lock lock(mu_);
  return layout_->graph->MemoryBytes() + layout_->ids.MemoryBytes();
}

Status FaissIndex::AppendLocked(Layout& layout,
                                std::span<const std::string> ids,
                                const float* vecs) {
  const Status added = layout.graph->Add(ids.size(), vecs);
  // Keep rows and ids aligned even when FAISS failed part way.
  const size_t stored = layout.graph->rows() - layout.ids.rows();
  for (size_t i = 0; i < stored; ++i) {
    if (added.ok()) {
      layout.ids.Append(ids[i]);
    } else {
      layout.ids.AppendDead();
    }
  }
  return added;
}

void FaissIndex::JournalLocked(std::span<const std::string> ids,
                               const float* vecs) {
  if (!journaling_) return;
  for (size_t i = 0; i < ids.size(); ++i) {
    journal_.push_back(
        {ids[i], std::vector<float>(vecs + i * dim_, vecs + (i + 1) * dim_)});
  }
}

Status FaissIndex::Upsert(std::string_view id, std::span<const float> vec) {
  if (id.empty()) return Status::InvalidArgument("id", "must not be empty");
  QC_RETURN_IF_ERROR(CheckVector(vec, dim_));
  const std::string ids[1] = {std::string(id)};
  {
    std::unique_lock lock(mu_);
    QC_RETURN_IF_ERROR(AppendLocked(*layout_, ids, vec.data()));
    JournalLocked(ids, vec.data());
  }
  MaybeRebuild();
  return Status::Ok();
}

Status FaissIndex::UpsertBatch(std::span<const std::string> ids,
                               std::span<const float> vecs) {
  QC_RETURN_IF_ERROR(CheckBatch(ids, vecs, dim_));
  bool to_graph = false;
  {
    std::shared_lock lock(mu_);
    to_graph =
        !layout_->graph->linked() &&
        layout_->ids.live_count() + ids.size() >= options_.hnsw_min_items;
  }
  if (to_graph) {  // link the batch straight into the graph
    std::lock_guard rebuild(rebuild_mu_);
    QC_RETURN_IF_ERROR(RebuildLocked(/*force_graph=*/true));
  }
  {
    std::unique_lock lock(mu_);  // one allocation for the whole batch
    QC_RETURN_IF_ERROR(layout_->graph->Reserve(ids.size()));
  }
  const size_t chunk = std::max<size_t>(options_.batch_chunk_rows, 1);
  for (size_t i = 0; i < ids.size(); i += chunk) {
    const size_t n = std::min(chunk, ids.size() - i);
    std::unique_lock lock(mu_);
    QC_RETURN_IF_ERROR(
        AppendLocked(*layout_, ids.subspan(i, n), vecs.data() + i * dim_));
    JournalLocked(ids.subspan(i, n), vecs.data() + i * dim_);
  }
  MaybeRebuild();
  return Status::Ok();
}

Status FaissIndex::Remove(std::string_view id) {
  {
    std::unique_lock lock(mu_);
    if (!layout_->ids.Kill(id)) {
      return Status::NotFound("index: no item " + std::string(id));
    }
    if (journaling_) journal_.push_back({std::string(id), {}});
  }
  MaybeRebuild();
  return Status::Ok();
}

IdFilter FaissIndex::FilterFromIds(std::span<const std::string> ids) const {
  std::shared_lock lock(mu_);
  return FilterOfIds(layout_->ids, layout_->id, ids);
}

IdFilter FaissIndex::FilterWhere(
    const std::function<bool(std::string_view id)>& keep) const {
  std::shared_lock lock(mu_);
  return FilterOfPredicate(layout_->ids, layout_->id, keep);
}

Result<std::vector<SearchHit>> FaissIndex::Search(
    std::span<const float> query, const SearchParams& params,
    const IdFilter* filter) const {
  std::shared_lock lock(mu_);
  const Layout& layout = *layout_;
  QC_RETURN_IF_ERROR(CheckSearch(query, dim_, params, filter, layout.id));
  const internal::FaissGraph& graph = *layout.graph;
  // An upper bound of the items that pass (the filter may keep dead rows).
  const size_t passing =
      filter != nullptr ? filter->count() : layout.ids.live_count();
  bool scan = params.exact || !graph.linked() ||
              (filter != nullptr &&
               passing <= options_.exact_scan_fraction * layout.ids.rows());
  std::vector<Neighbor> found;
  if (!scan) {
    const int ef = params.ef_search > 0 ? params.ef_search : options_.ef_search;
    // Walking the graph must not cost more distances than scanning the rows
    // the filter keeps; unfiltered walks are not bounded.
    const size_t budget = filter != nullptr
                              ? std::max<size_t>(passing, 4 * params.k)
                              : std::numeric_limits<size_t>::max();
    const bool done = graph.Search(query.data(), params.k, ef, layout.ids,
                                   filter, budget, &found);
    // Never fewer than k when at least k pass: fall back to the exact scan.
    scan = !done || (found.size() < params.k && found.size() < passing);
  }
  if (scan) {
    found = ExactScan(graph.vectors(), dim_, layout.ids, query.data(), params.k,
                      filter);
  }
  std::vector<SearchHit> hits;
  hits.reserve(found.size());
  for (const Neighbor& n : found) {
    hits.push_back({layout.ids.id(n.row), n.distance});
  }
  return hits;
}

bool FaissIndex::NeedsRebuild() const {
  std::shared_lock lock(mu_);
  const RowIds& ids = layout_->ids;
  if (!layout_->graph->linked() &&
      ids.live_count() >= options_.hnsw_min_items) {
    return true;
  }
  return ids.rows() >= kMinRowsToCompact &&
         ids.dead_count() > options_.compact_dead_fraction * ids.rows();
}

void FaissIndex::MaybeRebuild() {
  if (rebuild_running_ || !NeedsRebuild()) return;
  if (!options_.background_rebuild) {
    std::lock_guard rebuild(rebuild_mu_);
    if (NeedsRebuild()) (void)RebuildLocked(false);  // retried on next write
    return;
  }
  std::unique_lock thread_lock(thread_mu_, std::try_to_lock);
  if (!thread_lock.owns_lock() || rebuild_running_) return;
  if (rebuilder_.joinable()) rebuilder_.join();  // a finished rebuild
  rebuild_running_ = true;
  rebuilder_ = std::thread([this] {
    {
      std::lock_guard rebuild(rebuild_mu_);
      if (NeedsRebuild()) (void)RebuildLocked(false);  // retried on next write
    }
    rebuild_running_ = false;
  });
}

void FaissIndex::WaitForRebuild() {
  std::lock_guard thread_lock(thread_mu_);
  if (rebuilder_.joinable()) rebuilder_.join();
}

Status FaissIndex::Compact() {
  std::lock_guard rebuild(rebuild_mu_);
  return RebuildLocked(false);
}

void FaissIndex::StartJournal(std::vector<std::string>* ids,
                              std::vector<float>* vecs) {
  std::shared_lock lock(mu_);  // writers wait; journaling starts here
  const Layout& old = *layout_;
  ids->reserve(old.ids.live_count());
  vecs->reserve(old.ids.live_count() * dim_);
  const float* base = old.graph->vectors();
  for (size_t row = 0; row < old.ids.rows(); ++row) {
    if (!old.ids.live(row)) continue;
    ids->push_back(old.ids.id(row));
    vecs->insert(vecs->end(), base + row * dim_, base + (row + 1) * dim_);
  }
  journal_.clear();
  journaling_ = true;
}

Status FaissIndex::RebuildLocked(bool force_graph) {
  std::vector<std::string> ids;
  std::vector<float> vecs;
  StartJournal(&ids, &vecs);
  // Built without the lock: searches and writes go on against the old layout.
  auto fresh = std::make_unique<Layout>();
  const bool linked = force_graph || ids.size() >= options_.hnsw_min_items;
  auto graph =
      internal::FaissGraph::Create(dim_, linked, GraphOptionsOf(options_));
  Status built = graph.status();
  if (graph.ok()) {
    fresh->graph = std::move(graph).value();
    built = AppendLocked(*fresh, ids, vecs.data());  // fresh is not shared yet
  }
  std::unique_lock lock(mu_);
  journaling_ = false;
  if (!built.ok()) return built;
  for (const JournalEntry& entry : journal_) {  // the writes made meanwhile
    if (entry.vec.empty()) {
      fresh->ids.Kill(entry.id);
    } else {
      QC_RETURN_IF_ERROR(
          AppendLocked(*fresh, {&entry.id, 1}, entry.vec.data()));
    }
  }
  journal_.clear();
  layout_ = std::move(fresh);
  return Status::Ok();
}

Status FaissIndex::Save(const std::string& path,
                        const SnapshotInfo& info) const {
  std::shared_lock lock(mu_);
  QC_ASSIGN_OR_RETURN(
      SnapshotWriter writer,
      SnapshotWriter::Open(path, {std::string(kKind), info, dim_}));
  WriteRowIds(layout_->ids, &writer);
  layout_->graph->Write(&writer);
  return writer.Commit();
}

Result<SnapshotInfo> FaissIndex::Load(const std::string& path,
                                      std::string_view expected_embedder) {
  std::lock_guard rebuild(rebuild_mu_);
  QC_ASSIGN_OR_RETURN(SnapshotReader reader, SnapshotReader::Open(path));
  QC_RETURN_IF_ERROR(reader.Expect(kKind, dim_, expected_embedder));
  auto fresh = std::make_unique<Layout>();
  QC_RETURN_IF_ERROR(ReadRowIds(&reader, &fresh->ids));
  QC_ASSIGN_OR_RETURN(
      fresh->graph, internal::FaissGraph::Read(&reader, dim_, fresh->ids.rows(),
                                               GraphOptionsOf(options_)));
  QC_RETURN_IF_ERROR(reader.Finish());
  std::unique_lock lock(mu_);
  layout_ = std::move(fresh);
  return reader.header().info;
}

}  // namespace qiancheng::index
