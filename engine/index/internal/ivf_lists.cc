#include "index/internal/ivf_lists.h"

#include <algorithm>
#include <limits>

#include "index/distance.h"

namespace qiancheng::index::internal {
namespace {

// Version of the section Write() produces; Read() refuses others.
constexpr uint64_t kSectionVersion = 1;
// A row skipped by the tombstones or the filter (two bit tests) costs about
// this fraction of a distance computation.
constexpr size_t kSkipsPerDistance = 16;
// Centroids ranked before the scan; the rest are sorted only when a filtered
// search needs more lists (ranking all of them costs as much as a list).
constexpr size_t kFirstRanked = 32;

}  // namespace

IvfLists::IvfLists(size_t dim, std::vector<float> centroids,
                   size_t trained_rows)
    : dim_(dim),
      centroids_(std::move(centroids)),
      lists_(centroids_.size() / dim),
      runs_(lists_.size()),
      trained_rows_(trained_rows) {}

void IvfLists::Add(uint32_t list, uint32_t row) {
  std::vector<uint32_t>& rows = lists_[list];
  Run& run = runs_[list];
  if (rows.empty()) {
    run = {row, 1};
  } else if (run.length == rows.size() && row == run.first + run.length) {
    ++run.length;
  }
  rows.push_back(row);
}

uint32_t IvfLists::Nearest(const float* x) const {
  uint32_t best = 0;
  float best_distance = std::numeric_limits<float>::infinity();
  for (size_t c = 0; c < lists_.size(); ++c) {
    const float d = L2Sqr(x, centroids_.data() + c * dim_, dim_);
    if (d < best_distance) {
      best_distance = d;
      best = static_cast<uint32_t>(c);
    }
  }
  return best;
}

size_t IvfLists::CountPassing(size_t l, const IdFilter& filter) const {
  const Run run = runs_[l];
  size_t count = filter.CountIn(run.first, size_t{run.first} + run.length);
  const std::vector<uint32_t>& rows = lists_[l];
  for (size_t j = run.length; j < rows.size(); ++j) {
    count += filter.keeps(rows[j]);
  }
  return count;
}

size_t IvfLists::SkipCost(size_t l, bool filtered) const {
  // A filtered search reads the run a bitmap word (64 rows) at a time.
  const size_t looked_at =
      filtered ? runs_[l].length / 64 + 1 + lists_[l].size() - runs_[l].length
               : lists_[l].size();
  return looked_at / kSkipsPerDistance;
}

size_t IvfLists::ScanList(size_t l, const float* base, const float* query,
                          const RowIds& ids, const IdFilter* filter,
                          TopK* top) const {
  size_t passed = 0;
  auto visit = [&](uint32_t row) {
    if (!ids.live(row)) return;
    ++passed;
    top->Push(L2Sqr(query, base + size_t{row} * dim_, dim_), row);
  };
  const std::vector<uint32_t>& rows = lists_[l];
  if (filter == nullptr) {
    for (const uint32_t row : rows) visit(row);
    return passed;
  }
  // The filter first: it rejects most rows of a selective search.
  const Run run = runs_[l];
  filter->ForEachIn(run.first, size_t{run.first} + run.length,
                    [&](size_t row) { visit(static_cast<uint32_t>(row)); });
  for (size_t j = run.length; j < rows.size(); ++j) {
    if (filter->keeps(rows[j])) visit(rows[j]);
  }
  return passed;
}

bool IvfLists::Search(const float* base, const float* query, const RowIds& ids,
                      const IdFilter* filter, const IvfProbe& probe,
                      std::vector<Neighbor>* out) const {
  const size_t nlist = lists_.size();
  const bool filtered = filter != nullptr;
  thread_local std::vector<Neighbor> order;     // (centroid distance, list)
  thread_local std::vector<size_t> passing_in;  // per order[i], planned lists
  order.resize(nlist);
  for (size_t c = 0; c < nlist; ++c) {
    order[c] = {L2Sqr(query, centroids_.data() + c * dim_, dim_),
                static_cast<uint32_t>(c)};
  }
  size_t ranked = std::min(nlist, std::max(2 * probe.nprobe, kFirstRanked));
  std::partial_sort(order.begin(), order.begin() + ranked, order.end());
  auto rank_all = [&](size_t i) {
    if (i == ranked) {
      std::sort(order.begin() + ranked, order.end());
      ranked = nlist;
    }
  };
  // Phase 1, planned from the lists' passing counts (their sizes unfiltered).
  const size_t min_passing = std::max(probe.k, probe.min_passing);
  passing_in.clear();
  size_t planned_cost = 0, passing = 0, useful = 0;
  for (size_t i = 0;
       i < nlist && (useful < probe.nprobe || passing < min_passing); ++i) {
    rank_all(i);
    const size_t l = order[i].row;
    const size_t n = filtered ? CountPassing(l, *filter) : lists_[l].size();
    passing_in.push_back(n);
    useful += n > 0;
    passing += n;
    planned_cost += n + 2 * SkipCost(l, filtered);  // counted, then scanned
  }
  if (planned_cost > probe.max_cost) return false;
  TopK top(probe.k);
  for (size_t i = 0; i < passing_in.size(); ++i) {
    if (passing_in[i] > 0) {
      ScanList(order[i].row, base, query, ids, filter, &top);
    }
  }
  // Phase 2, the reach: refines within its budget, never fails.
  size_t budget = probe.extra_cost;
  if (filtered) {
    const auto share = static_cast<size_t>(probe.filtered_extra_share *
                                           static_cast<double>(planned_cost));
    budget = std::min({budget, share, probe.max_cost - planned_cost});
  }
  const float near_centroid =
      nlist > 0 ? (1 + probe.margin) * order[0].distance : 0;
  size_t spent = 0;
  for (size_t i = passing_in.size(); i < nlist; ++i) {
    rank_all(i);
    const bool reached =
        order[i].distance < probe.reach * top.bound() ||
        (probe.margin > 0 && order[i].distance <= near_centroid);
    if (!reached) break;
    const size_t l = order[i].row;
    const size_t n = filtered ? CountPassing(l, *filter) : lists_[l].size();
    const size_t cost = n + 2 * SkipCost(l, filtered);
    if (spent + cost > budget) break;
    spent += cost;
    if (n > 0) ScanList(l, base, query, ids, filter, &top);
  }
  *out = top.Take();
  return true;
}

size_t IvfLists::MemoryBytes() const {
  size_t bytes = centroids_.capacity() * sizeof(float) +
                 lists_.capacity() * sizeof(std::vector<uint32_t>) +
                 runs_.capacity() * sizeof(Run);
  for (const std::vector<uint32_t>& list : lists_) {
    bytes += list.capacity() * sizeof(uint32_t);
  }
  return bytes;
}

void IvfLists::Write(size_t rows, SnapshotWriter* writer) const {
  std::vector<uint32_t> list_of_row(rows, 0);
  for (size_t l = 0; l < lists_.size(); ++l) {
    for (const uint32_t row : lists_[l]) {
      list_of_row[row] = static_cast<uint32_t>(l);
    }
  }
  writer->WriteU64(kSectionVersion);
  writer->WriteU64(trained_rows_);
  writer->WriteVector(std::span<const float>(centroids_));
  writer->WriteVector(std::span<const uint32_t>(list_of_row));
}

Result<std::unique_ptr<IvfLists>> IvfLists::Read(SnapshotReader* reader,
                                                 size_t dim, size_t rows) {
  uint64_t version = 0, trained = 0;
  QC_RETURN_IF_ERROR(reader->ReadU64(&version));
  if (version != kSectionVersion) {
    return Status::Internal("snapshot: unknown IVF section version");
  }
  QC_RETURN_IF_ERROR(reader->ReadU64(&trained));
  std::vector<float> centroids;
  const uint64_t any = ~uint64_t{0};  // bounded by the file's size
  QC_RETURN_IF_ERROR(reader->ReadVector(&centroids, any));
  if (dim == 0 || centroids.empty() || centroids.size() % dim != 0) {
    return Status::Internal("snapshot: bad IVF centroids");
  }
  std::vector<uint32_t> list_of_row;
  QC_RETURN_IF_ERROR(reader->ReadVector(&list_of_row, rows));
  if (list_of_row.size() != rows) {
    return Status::Internal("snapshot: IVF lists do not match the rows");
  }
  auto lists = std::make_unique<IvfLists>(dim, std::move(centroids),
                                          static_cast<size_t>(trained));
  for (size_t row = 0; row < rows; ++row) {
    if (list_of_row[row] >= lists->nlist()) {
      return Status::Internal("snapshot: bad IVF list number");
    }
    lists->Add(list_of_row[row], static_cast<uint32_t>(row));
  }
  return lists;
}

}  // namespace qiancheng::index::internal
