// FaissIndex, second half: rebuilds (compaction, the switch from the flat table
// to the large layout, IVF retraining) and snapshots. The first half,
// faiss_index.cc, has the writes and the searches.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <string_view>

#include "index/faiss_index.h"
#include "index/internal/faiss_index_layout.h"
#include "index/internal/faiss_kmeans.h"
#include "index/snapshot.h"

namespace qiancheng::index {
namespace {

// Rebuilds for tombstones are not worth it below this many rows.
constexpr size_t kMinRowsToCompact = 1024;
// IVF needs a few rows per list to train on; smaller indexes stay flat.
constexpr size_t kMinIvfItems = 256;

// Snapshot kinds: a snapshot is read only by an index of the same layout.
std::string_view KindName(IndexLayout large) {
  switch (large) {
    case IndexLayout::kFlat:
      return "faiss-flat";
    case IndexLayout::kIvf:
      return "faiss-ivf";
    case IndexLayout::kHnsw:
      return "faiss-hnsw";
  }
  return "faiss-unknown";
}

}  // namespace

size_t FaissIndex::LargeMinItems() const {
  return options_.large_layout == IndexLayout::kIvf
             ? std::max(options_.large_min_items, kMinIvfItems)
             : options_.large_min_items;
}

bool FaissIndex::NeedsRebuild() const {
  std::shared_lock lock(mu_);
  const RowIds& ids = layout_->ids;
  if (options_.large_layout != IndexLayout::kFlat &&
      layout_->kind() == IndexLayout::kFlat &&
      ids.live_count() >= LargeMinItems()) {
    return true;
  }
  if (layout_->ivf &&
      static_cast<double>(ids.rows()) >
          (1 + options_.ivf_retrain_growth) * layout_->ivf->trained_rows()) {
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

Status FaissIndex::BuildIvf(std::span<const std::string> ids,
                            const std::vector<float>& vecs,
                            Layout* fresh) const {
  const size_t n = ids.size();
  const auto wanted = static_cast<size_t>(std::lround(
      options_.ivf_lists_per_sqrt * std::sqrt(static_cast<double>(n))));
  const size_t nlist = std::clamp<size_t>(wanted, 1, n);
  const internal::KMeansOptions kmeans{
      .iterations = options_.ivf_kmeans_iterations,
      .sample_per_list = std::max<size_t>(options_.ivf_train_per_list, 1),
      .threads = options_.build_threads};
  QC_ASSIGN_OR_RETURN(
      std::vector<float> centroids,
      internal::TrainCentroids(vecs.data(), n, dim_, nlist, kmeans));
  std::vector<uint32_t> list(n);
  QC_RETURN_IF_ERROR(internal::AssignNearest(
      centroids, dim_, vecs.data(), n, options_.build_threads, list.data()));
  fresh->ivf =
      std::make_unique<internal::IvfLists>(dim_, std::move(centroids), n);
  // Rows go into the table list by list, so a list's rows are adjacent and a
  // probe reads them as one stream (a counting sort by list).
  std::vector<size_t> start(nlist + 1, 0);
  for (const uint32_t l : list) ++start[l + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[start[list[i]]++] = i;
  QC_RETURN_IF_ERROR(fresh->graph->Reserve(n));
  for (const size_t i : order) {
    QC_RETURN_IF_ERROR(AppendLocked(*fresh, ids.subspan(i, 1),
                                    vecs.data() + i * dim_, &list[i]));
  }
  return Status::Ok();
}

Status FaissIndex::BuildLayout(IndexLayout shape,
                               std::span<const std::string> ids,
                               const std::vector<float>& vecs,
                               Layout* fresh) const {
  QC_ASSIGN_OR_RETURN(fresh->graph, internal::FaissGraph::Create(
                                        dim_, shape == IndexLayout::kHnsw,
                                        internal::GraphOptionsOf(options_)));
  // An empty index has nothing to train on; it stays flat until rows come.
  if (shape == IndexLayout::kIvf && !ids.empty()) {
    return BuildIvf(ids, vecs, fresh);
  }
  return AppendLocked(*fresh, ids, vecs.data());
}

Status FaissIndex::RebuildLocked(bool force_large) {
  std::vector<std::string> ids;
  std::vector<float> vecs;
  StartJournal(&ids, &vecs);
  // Built without the lock: searches and writes go on against the old layout.
  auto fresh = std::make_unique<Layout>();
  const bool large = force_large || ids.size() >= LargeMinItems();
  const Status built =
      BuildLayout(large ? options_.large_layout : IndexLayout::kFlat, ids, vecs,
                  fresh.get());
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
  const Layout& layout = *layout_;
  QC_ASSIGN_OR_RETURN(
      SnapshotWriter writer,
      SnapshotWriter::Open(
          path, {std::string(KindName(options_.large_layout)), info, dim_}));
  WriteRowIds(layout.ids, &writer);
  layout.graph->Write(&writer);
  if (options_.large_layout == IndexLayout::kIvf) {
    writer.WriteU64(layout.ivf ? 1 : 0);
    if (layout.ivf) layout.ivf->Write(layout.ids.rows(), &writer);
  }
  return writer.Commit();
}

Result<SnapshotInfo> FaissIndex::Load(const std::string& path,
                                      std::string_view expected_embedder) {
  std::lock_guard rebuild(rebuild_mu_);
  QC_ASSIGN_OR_RETURN(SnapshotReader reader, SnapshotReader::Open(path));
  QC_RETURN_IF_ERROR(
      reader.Expect(KindName(options_.large_layout), dim_, expected_embedder));
  auto fresh = std::make_unique<Layout>();
  QC_RETURN_IF_ERROR(ReadRowIds(&reader, &fresh->ids));
  const size_t rows = fresh->ids.rows();
  QC_ASSIGN_OR_RETURN(fresh->graph, internal::FaissGraph::Read(
                                        &reader, dim_, rows,
                                        internal::GraphOptionsOf(options_)));
  if (options_.large_layout == IndexLayout::kIvf) {
    uint64_t has_lists = 0;
    QC_RETURN_IF_ERROR(reader.ReadU64(&has_lists));
    if (has_lists > 1 || (has_lists == 1 && fresh->graph->linked())) {
      return Status::Internal("snapshot: bad IVF flag");
    }
    if (has_lists == 1) {
      QC_ASSIGN_OR_RETURN(fresh->ivf,
                          internal::IvfLists::Read(&reader, dim_, rows));
    }
  }
  QC_RETURN_IF_ERROR(reader.Finish());
  std::unique_lock lock(mu_);
  layout_ = std::move(fresh);
  return reader.header().info;
}

}  // namespace qiancheng::index
