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
      trained_rows_(trained_rows) {}

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

size_t IvfLists::ScanList(const std::vector<uint32_t>& rows, const float* base,
                          const float* query, const RowIds& ids,
                          const IdFilter* filter, TopK* top) const {
  size_t passed = 0;
  const size_t n = rows.size();
  for (size_t j = 0; j < n; ++j) {
    const uint32_t row = rows[j];
    // The filter first: it rejects most rows of a selective search.
    if ((filter != nullptr && !filter->keeps(row)) || !ids.live(row)) continue;
    ++passed;
    top->Push(L2Sqr(query, base + size_t{row} * dim_, dim_), row);
  }
  return passed;
}

bool IvfLists::Search(const float* base, const float* query, const RowIds& ids,
                      const IdFilter* filter, const IvfProbe& probe,
                      std::vector<Neighbor>* out) const {
  const size_t nlist = lists_.size();
  thread_local std::vector<Neighbor> order;  // (centroid distance, list)
  order.resize(nlist);
  for (size_t c = 0; c < nlist; ++c) {
    order[c] = {L2Sqr(query, centroids_.data() + c * dim_, dim_),
                static_cast<uint32_t>(c)};
  }
  size_t ranked = std::min(nlist, std::max(2 * probe.nprobe, kFirstRanked));
  std::partial_sort(order.begin(), order.begin() + ranked, order.end());
  TopK top(probe.k);
  const size_t min_passing = std::max(probe.k, probe.min_passing);
  size_t useful = 0, cost = 0, passing = 0;
  for (size_t i = 0; i < nlist; ++i) {
    if (i == ranked) {
      std::sort(order.begin() + ranked, order.end());
      ranked = nlist;
    }
    // A list counts toward nprobe only when a row of it passed, so a filter
    // that empties the nearest lists does not end the search early.
    if (useful >= probe.nprobe && passing >= min_passing &&
        order[i].distance >= probe.reach * top.bound()) {
      break;
    }
    const std::vector<uint32_t>& rows = lists_[order[i].row];
    const size_t passed = ScanList(rows, base, query, ids, filter, &top);
    useful += passed > 0;
    passing += passed;
    cost += passed + (rows.size() - passed) / kSkipsPerDistance;
    if (cost > probe.max_cost) return false;
  }
  *out = top.Take();
  return true;
}

size_t IvfLists::MemoryBytes() const {
  size_t bytes = centroids_.capacity() * sizeof(float) +
                 lists_.capacity() * sizeof(std::vector<uint32_t>);
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
