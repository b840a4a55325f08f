#include "index/internal/faiss_graph.h"

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/impl/AuxIndexStructures.h>
#include <faiss/impl/DistanceComputer.h>
#include <faiss/impl/FaissException.h>
#include <omp.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <new>

#include "index/distance.h"

namespace qiancheng::index::internal {
namespace {

// Batches at least this large are linked by FAISS's parallel hnsw add; smaller
// ones one row at a time (FAISS's add sets up ntotal locks per call).
constexpr size_t kParallelAddMin = 512;

// Distances from a query (or between two stored rows) with our SIMD kernel.
class SimdDistanceComputer final : public faiss::FlatCodesDistanceComputer {
 public:
  SimdDistanceComputer(const uint8_t* table, size_t dim)
      : faiss::FlatCodesDistanceComputer(table, dim * sizeof(float)),
        dim_(dim) {}
  void set_query(const float* x) override { query_ = x; }
  float distance_to_code(const uint8_t* code) override {
    return L2Sqr(query_, reinterpret_cast<const float*>(code), dim_);
  }
  float symmetric_dis(idx_t i, idx_t j) override {
    return L2Sqr(Row(i), Row(j), dim_);
  }

 private:
  const float* Row(idx_t i) const {
    return reinterpret_cast<const float*>(codes + i * code_size);
  }
  size_t dim_;
  const float* query_ = nullptr;
};

// FAISS's flat L2 table whose distance computer is the one above; IndexHNSW
// asks its storage for it in every add.
struct SimdFlatStorage final : faiss::IndexFlatL2 {
  explicit SimdFlatStorage(size_t dim)
      : faiss::IndexFlatL2(static_cast<idx_t>(dim)) {}
  faiss::DistanceComputer* get_distance_computer() const override {
    return new SimdDistanceComputer(codes.data(), static_cast<size_t>(d));
  }
};

// Grows `v` to hold `need` elements with 25% headroom instead of doubling, so
// memory stays close to the data (issue 5: <= 1.25x vectors + links).
template <class T>
void ReserveFor(std::vector<T>& v, size_t need) {
  if (v.capacity() >= need) return;
  v.reserve(std::max(need, v.capacity() + v.capacity() / 4));
}

// Per-thread visited marks for searches, reused across calls.
struct Visited {
  std::vector<uint16_t> marks;
  uint16_t epoch = 0;
  void Begin(size_t rows) {
    if (marks.size() < rows) {
      marks.assign(rows + rows / 8, 0);
      epoch = 0;
    }
    if (++epoch == 0) {
      std::fill(marks.begin(), marks.end(), 0);
      epoch = 1;
    }
  }
  bool TestAndMark(size_t row) {
    if (marks[row] == epoch) return true;
    marks[row] = epoch;
    return false;
  }
};

}  // namespace

struct FaissGraph::Impl {
  size_t dim = 0;
  GraphOptions options;
  SimdFlatStorage* storage = nullptr;  // owned by `hnsw` or by `flat`
  std::unique_ptr<SimdFlatStorage> flat;
  std::unique_ptr<faiss::IndexHNSW> hnsw;
  std::vector<omp_lock_t> locks;  // one per row, for single adds
  std::unique_ptr<faiss::VisitedTable> add_visited;

  ~Impl() {
    for (omp_lock_t& lock : locks) omp_destroy_lock(&lock);
  }
  const float* Row(size_t row) const {
    return reinterpret_cast<const float*>(storage->codes.data()) + row * dim;
  }
  void Reserve(size_t n);
  void AddOne(const float* x);
  void GreedyDescend(const float* q, int level, int* ep, float* d_ep,
                     size_t* ndis) const;
  bool SearchLevel0(const float* q, Neighbor entry, const RowIds& ids,
                    const IdFilter* filter, size_t max_distances, size_t* ndis,
                    TopK* results) const;
};

void FaissGraph::Impl::Reserve(size_t n) {
  const size_t rows = static_cast<size_t>(storage->ntotal) + n;
  ReserveFor(storage->codes, rows * dim * sizeof(float));
  if (!hnsw) return;
  faiss::HNSW& h = hnsw->hnsw;
  // Level 0 has 2*M links; a row reaches level l >= 1 with probability M^-l.
  const size_t per_row = static_cast<size_t>(h.nb_neighbors(0)) + 2;
  ReserveFor(h.neighbors, h.neighbors.size() + n * per_row);
  ReserveFor(h.offsets, rows + 1);
  ReserveFor(h.levels, rows);
}

void FaissGraph::Impl::AddOne(const float* x) {
  storage->add(1, x);
  hnsw->ntotal = storage->ntotal;
  faiss::HNSW& h = hnsw->hnsw;
  h.prepare_level_tab(1, false);
  const int row = static_cast<int>(storage->ntotal - 1);
  const int level = h.levels[row] - 1;
  if (locks.size() < static_cast<size_t>(storage->ntotal)) {
    const size_t old = locks.size();
    std::vector<omp_lock_t> grown(std::max<size_t>(storage->ntotal, old * 2));
    for (omp_lock_t& lock : locks) omp_destroy_lock(&lock);
    for (omp_lock_t& lock : grown) omp_init_lock(&lock);
    locks.swap(grown);
  }
  if (!add_visited) add_visited = std::make_unique<faiss::VisitedTable>(0);
  if (add_visited->visited.size() < locks.size()) {
    add_visited->visited.resize(locks.size(), 0);
  }
  std::unique_ptr<faiss::DistanceComputer> dc(storage->get_distance_computer());
  dc->set_query(x);
  h.add_with_locks(*dc, level, row, locks, *add_visited);
}

void FaissGraph::Impl::GreedyDescend(const float* q, int level, int* ep,
                                     float* d_ep, size_t* ndis) const {
  const faiss::HNSW& h = hnsw->hnsw;
  for (bool moved = true; moved;) {
    moved = false;
    const size_t begin = h.offsets[*ep] + h.cum_nneighbor_per_level[level];
    const size_t end = h.offsets[*ep] + h.cum_nneighbor_per_level[level + 1];
    for (size_t j = begin; j < end && h.neighbors[j] >= 0; ++j) {
      const int v = h.neighbors[j];
      const float d = L2Sqr(q, Row(v), dim);
      ++*ndis;
      if (d < *d_ep) {
        *ep = v;
        *d_ep = d;
        moved = true;
      }
    }
  }
}

// hnswlib's level-0 beam: every visited row is a waypoint, only rows that pass
// (live, kept by the filter) enter `results`, whose size is the beam width.
bool FaissGraph::Impl::SearchLevel0(const float* q, Neighbor entry,
                                    const RowIds& ids, const IdFilter* filter,
                                    size_t max_distances, size_t* ndis,
                                    TopK* results) const {
  const faiss::HNSW& h = hnsw->hnsw;
  auto passes = [&](uint32_t row) {
    return ids.live(row) && (filter == nullptr || filter->keeps(row));
  };
  const auto greater = [](const Neighbor& a, const Neighbor& b) {
    return b < a;
  };
  thread_local Visited visited;
  thread_local std::vector<Neighbor> candidates;  // a min-heap
  visited.Begin(static_cast<size_t>(storage->ntotal));
  candidates.assign(1, entry);
  visited.TestAndMark(entry.row);
  if (passes(entry.row)) results->Push(entry.distance, entry.row);
  const int* links = h.neighbors.data();
  const size_t level0 = static_cast<size_t>(h.cum_nneighbor_per_level[1]);
  while (!candidates.empty() &&
         candidates.front().distance <= results->bound()) {
    const size_t begin = h.offsets[candidates.front().row];
    std::pop_heap(candidates.begin(), candidates.end(), greater);
    candidates.pop_back();
    for (size_t j = begin; j < begin + level0 && links[j] >= 0; ++j) {
      const auto v = static_cast<uint32_t>(links[j]);
      if (j + 1 < begin + level0 && links[j + 1] >= 0) {
        __builtin_prefetch(Row(static_cast<size_t>(links[j + 1])));
      }
      if (visited.TestAndMark(v)) continue;
      const float d = L2Sqr(q, Row(v), dim);
      ++*ndis;
      if (d >= results->bound()) continue;
      candidates.push_back({d, v});
      std::push_heap(candidates.begin(), candidates.end(), greater);
      if (passes(v)) results->Push(d, v);
    }
    if (*ndis > max_distances) return false;
  }
  return true;
}

FaissGraph::FaissGraph(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FaissGraph::~FaissGraph() = default;

Result<std::unique_ptr<FaissGraph>> FaissGraph::Create(
    size_t dim, bool linked, const GraphOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->dim = dim;
  impl->options = options;
  try {
    auto storage = std::make_unique<SimdFlatStorage>(dim);
    impl->storage = storage.get();
    if (linked) {
      impl->hnsw =
          std::make_unique<faiss::IndexHNSW>(storage.release(), options.m);
      impl->hnsw->own_fields = true;
      impl->hnsw->hnsw.efConstruction = options.ef_construction;
    } else {
      impl->flat = std::move(storage);
    }
  } catch (const faiss::FaissException& e) {
    return Status::Internal(std::string("faiss: ") + e.what());
  }
  return std::unique_ptr<FaissGraph>(new FaissGraph(std::move(impl)));
}

bool FaissGraph::linked() const { return impl_->hnsw != nullptr; }
size_t FaissGraph::rows() const {
  return static_cast<size_t>(impl_->storage->ntotal);
}
const float* FaissGraph::vectors() const { return impl_->Row(0); }

Status FaissGraph::Add(size_t n, const float* x) {
  if (n == 0) return Status::Ok();
  try {
    impl_->Reserve(n);
    if (!impl_->hnsw) {
      impl_->storage->add(static_cast<faiss::Index::idx_t>(n), x);
    } else if (n >= kParallelAddMin) {
      if (impl_->options.build_threads > 0) {
        omp_set_num_threads(impl_->options.build_threads);
      }
      impl_->hnsw->add(static_cast<faiss::Index::idx_t>(n), x);
    } else {
      for (size_t i = 0; i < n; ++i) impl_->AddOne(x + i * impl_->dim);
    }
  } catch (const faiss::FaissException& e) {
    return Status::Internal(std::string("faiss: ") + e.what());
  }
  return Status::Ok();
}

bool FaissGraph::Search(const float* query, size_t k, int ef, const RowIds& ids,
                        const IdFilter* filter, size_t max_distances,
                        std::vector<Neighbor>* out) const {
  out->clear();
  const faiss::HNSW& h = impl_->hnsw->hnsw;
  if (h.entry_point < 0) return true;
  int ep = h.entry_point;
  float d_ep = L2Sqr(query, impl_->Row(ep), impl_->dim);
  size_t ndis = 1;
  for (int level = h.max_level; level >= 1; --level) {
    impl_->GreedyDescend(query, level, &ep, &d_ep, &ndis);
  }
  TopK results(std::max<size_t>(static_cast<size_t>(ef), k));
  const Neighbor entry{d_ep, static_cast<uint32_t>(ep)};
  if (!impl_->SearchLevel0(query, entry, ids, filter, max_distances, &ndis,
                           &results)) {
    return false;
  }
  *out = results.Take();
  if (out->size() > k) out->resize(k);
  return true;
}

Status FaissGraph::Reserve(size_t n) {
  try {
    impl_->Reserve(n);
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("index: out of memory");
  }
  return Status::Ok();
}

size_t FaissGraph::MemoryBytes() const {
  size_t bytes = impl_->storage->codes.capacity() +
                 impl_->locks.capacity() * sizeof(omp_lock_t);
  if (impl_->hnsw) {
    const faiss::HNSW& h = impl_->hnsw->hnsw;
    bytes += h.neighbors.capacity() * sizeof(int) +
             h.offsets.capacity() * sizeof(size_t) +
             h.levels.capacity() * sizeof(int);
  }
  if (impl_->add_visited) bytes += impl_->add_visited->visited.capacity();
  return bytes;
}

}  // namespace qiancheng::index::internal

namespace qiancheng::index::internal {
namespace {

// Checks a graph read from a snapshot so a search cannot leave its arrays.
Status CheckGraph(const faiss::HNSW& h, size_t rows) {
  const auto bad = [] { return Status::Internal("snapshot: bad HNSW graph"); };
  const auto& cum = h.cum_nneighbor_per_level;
  if (h.levels.size() != rows || h.offsets.size() != rows + 1 ||
      h.offsets[0] != 0 || h.offsets[rows] != h.neighbors.size() ||
      cum.size() < 2 || cum[0] != 0) {
    return bad();
  }
  for (size_t i = 0; i < rows; ++i) {
    const int level = h.levels[i];
    if (level < 1 || static_cast<size_t>(level) >= cum.size() ||
        level - 1 > h.max_level ||
        h.offsets[i + 1] - h.offsets[i] != static_cast<size_t>(cum[level])) {
      return bad();
    }
  }
  for (const int v : h.neighbors) {
    if (v < -1 || v >= static_cast<int>(rows)) return bad();
  }
  if ((rows == 0) != (h.entry_point < 0) ||
      h.entry_point >= static_cast<int>(rows) ||
      (rows > 0 && h.levels[h.entry_point] - 1 != h.max_level)) {
    return bad();
  }
  return Status::Ok();
}

}  // namespace

void FaissGraph::Write(SnapshotWriter* writer) const {
  const std::vector<uint8_t>& codes = impl_->storage->codes;
  writer->WriteU64(linked() ? 1 : 0);
  writer->WriteVector(std::span<const uint8_t>(
      codes.data(), rows() * impl_->dim * sizeof(float)));
  if (!linked()) return;
  const faiss::HNSW& h = impl_->hnsw->hnsw;
  writer->WriteVector(std::span<const double>(h.assign_probas));
  writer->WriteVector(std::span<const int>(h.cum_nneighbor_per_level));
  writer->WriteVector(std::span<const int>(h.levels));
  writer->WriteVector(std::span<const size_t>(h.offsets));
  writer->WriteVector(std::span<const int>(h.neighbors));
  writer->WriteU64(static_cast<uint64_t>(h.entry_point + 1));
  writer->WriteU64(static_cast<uint64_t>(h.max_level + 1));
}

Result<std::unique_ptr<FaissGraph>> FaissGraph::Read(
    SnapshotReader* reader, size_t dim, size_t rows,
    const GraphOptions& options) {
  uint64_t linked = 0;
  QC_RETURN_IF_ERROR(reader->ReadU64(&linked));
  if (linked > 1) return Status::Internal("snapshot: bad graph flag");
  QC_ASSIGN_OR_RETURN(std::unique_ptr<FaissGraph> graph,
                      Create(dim, linked == 1, options));
  Impl& impl = *graph->impl_;
  const size_t bytes = rows * dim * sizeof(float);
  QC_RETURN_IF_ERROR(reader->ReadVector(&impl.storage->codes, bytes));
  if (impl.storage->codes.size() != bytes) {
    return Status::Internal("snapshot: vector count does not match the rows");
  }
  impl.storage->ntotal = static_cast<faiss::Index::idx_t>(rows);
  if (!impl.hnsw) return graph;
  faiss::HNSW& h = impl.hnsw->hnsw;
  const uint64_t max_links = ~uint64_t{0};  // bounded by the file's size
  QC_RETURN_IF_ERROR(reader->ReadVector(&h.assign_probas, 64));
  QC_RETURN_IF_ERROR(reader->ReadVector(&h.cum_nneighbor_per_level, 65));
  QC_RETURN_IF_ERROR(reader->ReadVector(&h.levels, rows));
  QC_RETURN_IF_ERROR(reader->ReadVector(&h.offsets, rows + 1));
  QC_RETURN_IF_ERROR(reader->ReadVector(&h.neighbors, max_links));
  uint64_t entry = 0, max_level = 0;
  QC_RETURN_IF_ERROR(reader->ReadU64(&entry));
  QC_RETURN_IF_ERROR(reader->ReadU64(&max_level));
  if (entry > rows || max_level > 64) {
    return Status::Internal("snapshot: bad HNSW entry point");
  }
  h.entry_point = static_cast<int>(entry) - 1;
  h.max_level = static_cast<int>(max_level) - 1;
  QC_RETURN_IF_ERROR(CheckGraph(h, rows));
  impl.hnsw->ntotal = impl.storage->ntotal;
  return graph;
}

}  // namespace qiancheng::index::internal
