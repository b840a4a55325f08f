#include "index/faiss_index.h"

#include <algorithm>
#include <cassert>
#include <limits>

#include "index/internal/faiss_index_layout.h"
#include "index/internal/faiss_kmeans.h"
#include "index/row_ids.h"
#include "index/top_k.h"

namespace qiancheng::index {
namespace {

// Below this many rows a batch is assigned to IVF lists row by row with the
// SIMD kernels; from here on one BLAS product pays (FAISS's own threshold).
constexpr size_t kBatchAssignMin = 20;

}  // namespace

FaissIndex::FaissIndex(size_t dim, FaissIndexOptions options)
    : dim_(dim), options_(options), layout_(std::make_unique<Layout>()) {
  auto graph = internal::FaissGraph::Create(dim, false,
                                            internal::GraphOptionsOf(options_));
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

IndexLayout FaissIndex::kind() const {
  std::shared_lock lock(mu_);
  return layout_->kind();
}

size_t FaissIndex::dead_rows() const {
  std::shared_lock lock(mu_);
  return layout_->ids.dead_count();
}

size_t FaissIndex::MemoryBytes() const {
  std::shared_lock lock(mu_);
  const Layout& layout = *layout_;
  return layout.graph->MemoryBytes() + layout.ids.MemoryBytes() +
         (layout.ivf ? layout.ivf->MemoryBytes() : 0);
}

Status FaissIndex::AppendLocked(Layout& layout,
                                std::span<const std::string> ids,
                                const float* vecs,
                                const uint32_t* lists) const {
  const size_t first = layout.graph->rows();
  const Status added = layout.graph->Add(ids.size(), vecs);
  // Keep rows, ids and lists aligned even when FAISS failed part way.
  const size_t stored = layout.graph->rows() - layout.ids.rows();
  for (size_t i = 0; i < stored; ++i) {
    if (added.ok()) {
      layout.ids.Append(ids[i]);
    } else {
      layout.ids.AppendDead();
    }
    if (layout.ivf) {
      const uint32_t list =
          lists != nullptr ? lists[i] : layout.ivf->Nearest(vecs + i * dim_);
      layout.ivf->Add(list, static_cast<uint32_t>(first + i));
    }
  }
  return added;
}

uint64_t FaissIndex::AssignLists(size_t n, const float* vecs,
                                 std::vector<uint32_t>* lists) const {
  std::shared_lock lock(mu_);
  const Layout& layout = *layout_;
  lists->clear();
  if (!layout.ivf || n < kBatchAssignMin) return 0;
  lists->resize(n);
  if (!internal::AssignNearest(layout.ivf->centroids(), dim_, vecs, n,
                               options_.build_threads, lists->data())
           .ok()) {
    lists->clear();  // AppendLocked assigns row by row instead
    return 0;
  }
  return layout.id;
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
  bool to_large = false;
  {
    std::shared_lock lock(mu_);
    to_large = layout_->kind() == IndexLayout::kFlat &&
               layout_->ids.live_count() + ids.size() >= LargeMinItems();
  }
  if (to_large && options_.large_layout == IndexLayout::kHnsw) {
    // Link the batch straight into the graph.
    std::lock_guard rebuild(rebuild_mu_);
    QC_RETURN_IF_ERROR(RebuildLocked(/*force_large=*/true));
  }
  {
    std::unique_lock lock(mu_);  // one allocation for the whole batch
    QC_RETURN_IF_ERROR(layout_->graph->Reserve(ids.size()));
  }
  const size_t chunk = std::max<size_t>(options_.batch_chunk_rows, 1);
  std::vector<uint32_t> lists;
  for (size_t i = 0; i < ids.size(); i += chunk) {
    const size_t n = std::min(chunk, ids.size() - i);
    const float* x = vecs.data() + i * dim_;
    // Lists are assigned before the exclusive section, so readers keep going.
    const uint64_t assigned_for = AssignLists(n, x, &lists);
    std::unique_lock lock(mu_);
    const bool fits = assigned_for != 0 && assigned_for == layout_->id;
    QC_RETURN_IF_ERROR(AppendLocked(*layout_, ids.subspan(i, n), x,
                                    fits ? lists.data() : nullptr));
    JournalLocked(ids.subspan(i, n), x);
  }
  if (to_large && options_.large_layout == IndexLayout::kIvf) {
    // Train the lists on the whole batch now rather than in the background,
    // so the batch returns with the layout its size calls for.
    std::lock_guard rebuild(rebuild_mu_);
    if (kind() == IndexLayout::kFlat) QC_RETURN_IF_ERROR(RebuildLocked(false));
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

RowSpace FaissIndex::Rows() const {
  std::shared_lock lock(mu_);
  return {layout_->id, layout_->ids.rows()};
}

uint64_t FaissIndex::RowsOf(std::span<const std::string_view> ids,
                            std::span<uint32_t> rows) const {
  std::shared_lock lock(mu_);
  RowsOfIds(layout_->ids, ids, rows);
  return layout_->id;
}

bool FaissIndex::ApproximateSearch(const Layout& layout, const float* query,
                                   const SearchParams& params,
                                   const IdFilter* filter,
                                   std::vector<Neighbor>* found) const {
  // Probing or walking must not cost more distances than scanning the rows
  // the filter keeps; unfiltered searches are not bounded.
  const size_t budget = filter != nullptr
                            ? std::max<size_t>(filter->count(), 4 * params.k)
                            : std::numeric_limits<size_t>::max();
  if (layout.ivf) {
    const size_t nprobe = static_cast<size_t>(
        params.nprobe > 0 ? params.nprobe : std::max(options_.ivf_nprobe, 1));
    const size_t min_passing =
        filter != nullptr
            ? params.k * static_cast<size_t>(
                             std::max(options_.ivf_filtered_passing_per_hit, 0))
            : 0;
    // The unfiltered reach reads at most ivf_reach_floats more floats.
    const size_t extra =
        std::max<size_t>(options_.ivf_reach_floats / dim_, params.k);
    return layout.ivf->Search(
        layout.graph->vectors(), query, layout.ids, filter,
        {.k = params.k,
         .nprobe = nprobe,
         .min_passing = min_passing,
         .max_cost = budget,
         .reach = options_.ivf_reach,
         .margin = options_.ivf_margin,
         .extra_cost = extra,
         .filtered_extra_share = options_.ivf_filtered_reach_share},
        found);
  }
  const int ef = params.ef_search > 0 ? params.ef_search : options_.ef_search;
  return layout.graph->Search(query, params.k, ef, layout.ids, filter, budget,
                              found);
}

Result<std::vector<SearchHit>> FaissIndex::Search(
    std::span<const float> query, const SearchParams& params,
    const IdFilter* filter) const {
  std::shared_lock lock(mu_);
  const Layout& layout = *layout_;
  QC_RETURN_IF_ERROR(CheckSearch(query, dim_, params, filter, layout.id));
  const IndexLayout shape = layout.kind();
  // An upper bound of the items that pass (the filter may keep dead rows).
  const size_t passing =
      filter != nullptr ? filter->count() : layout.ids.live_count();
  const double exact_fraction = shape == IndexLayout::kIvf
                                    ? options_.ivf_exact_scan_fraction
                                    : options_.exact_scan_fraction;
  const double exact_rows =
      std::max(exact_fraction * static_cast<double>(layout.ids.rows()),
               shape == IndexLayout::kIvf
                   ? static_cast<double>(options_.ivf_exact_scan_rows)
                   : 0.0);
  bool scan = params.exact || shape == IndexLayout::kFlat ||
              (filter != nullptr && static_cast<double>(passing) <= exact_rows);
  std::vector<Neighbor> found;
  if (!scan) {
    const bool done =
        ApproximateSearch(layout, query.data(), params, filter, &found);
    // Never fewer than k when at least k pass: fall back to the exact scan.
    scan = !done || (found.size() < params.k && found.size() < passing);
  }
  if (scan) {
    found = ExactScan(layout.graph->vectors(), dim_, layout.ids, query.data(),
                      params.k, filter);
  }
  std::vector<SearchHit> hits;
  hits.reserve(found.size());
  for (const Neighbor& n : found) {
    hits.push_back({layout.ids.id(n.row), n.distance});
  }
  return hits;
}

}  // namespace qiancheng::index
