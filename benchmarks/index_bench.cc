// benchmarks/index_bench.cc -- stage 4 (index): filtered top-10 per
// selectivity, build time and bytes per vector of FaissIndex (its default
// large layout, IVF; its HNSW layout too with QC_INDEX_BENCH_OURS_HNSW=1),
// beside exact flat search, raw FAISS IndexHNSWFlat (HNSW32) and hnswlib
// (M=32, the same link count; unfiltered, and as a naive post-filter under
// each filter) on the same clustered vectors in the same run; then
// single-row inserts and recall after 10% churn (these two change the index,
// so they run last). Searches are single-threaded; builds use every core.
// Environment knobs:
//   QC_INDEX_BENCH_N (default 100000) x QC_INDEX_BENCH_DIM (default 256);
//   QC_INDEX_BENCH_SELECTIVITY: comma-separated kept fractions (default
//     1,0.1,0.01,0.001,0.0001); a benchmark's first argument indexes it;
//   QC_INDEX_BENCH_PEERS=0 skips the peers (QC_INDEX_BENCH_RAW_FAISS=0 only
//     raw FAISS, QC_INDEX_BENCH_HNSWLIB=0 only hnswlib); QC_INDEX_BENCH_EFC
//     (default 40): the peers' ef_construction;
//   QC_INDEX_BENCH_PEER_DIR: a directory where built peers are saved and
//     from where later runs with the same n, dim and efc load them (their
//     build_s is then the saved build's);
//   QC_INDEX_BENCH_POSTFILTER_CAP (default 20000): the largest top-k' the
//     post-filter peer asks hnswlib for;
//   QC_INDEX_BENCH_LISTS_PER_SQRT, _IVF_REACH, _IVF_MARGIN override our
//     IVF's ivf_lists_per_sqrt, ivf_reach, ivf_margin (for sweeps).
// Counters: recall (@10 against the exact filtered search), p50_us, p99_us,
// build_s, bytes_per_vector.
#include <benchmark/benchmark.h>
#include <faiss/IndexHNSW.h>
#include <faiss/index_io.h>
#include <hnswlib/hnswlib.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <set>
#include <thread>

#include "index/faiss_index.h"
#include "index/synthetic.h"

namespace qiancheng::index {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kQueries = 1000;

size_t EnvSize(const char* name, size_t fallback) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::strtoull(v, nullptr, 10) : fallback;
}

// The kept fractions the filtered benchmarks run at (read before the world is
// built: main registers one benchmark per fraction).
const std::vector<double>& Selectivities() {
  static const std::vector<double> fractions = [] {
    std::vector<double> out;
    const char* v = std::getenv("QC_INDEX_BENCH_SELECTIVITY");
    std::string text = v != nullptr ? v : "1,0.1,0.01,0.001,0.0001";
    for (size_t at = 0; at < text.size();) {
      size_t end = text.find(',', at);
      if (end == std::string::npos) end = text.size();
      const double f = std::strtod(text.substr(at, end - at).c_str(), nullptr);
      if (f > 0 && f <= 1) out.push_back(f);
      at = end + 1;
    }
    return out;
  }();
  return fractions;
}

// Where a peer built with these parameters is saved ("" = not cached).
std::string PeerPath(const char* peer, size_t n, size_t dim, int efc) {
  const char* dir = std::getenv("QC_INDEX_BENCH_PEER_DIR");
  if (dir == nullptr || *dir == 0) return "";
  return std::string(dir) + "/" + peer + "_n" + std::to_string(n) + "_d" +
         std::to_string(dim) + "_efc" + std::to_string(efc) + ".bin";
}

double ReadSeconds(const std::string& path) {
  std::ifstream in(path + ".build_s");
  double s = 0;
  in >> s;
  return s;
}

void WriteSeconds(const std::string& path, double s) {
  std::ofstream(path + ".build_s") << s << "\n";
}

double Seconds(Clock::time_point a) {
  return std::chrono::duration<double>(Clock::now() - a).count();
}

struct World {
  size_t n, dim;
  std::vector<std::string> ids;
  std::vector<float> data, queries;
  std::unique_ptr<FaissIndex> ours, ours_hnsw;
  std::unique_ptr<faiss::IndexHNSWFlat> raw;
  std::unique_ptr<hnswlib::L2Space> space;
  std::unique_ptr<hnswlib::HierarchicalNSW<float>> hnsw;
  double ours_s = 0, ours_hnsw_s = 0, raw_s = 0, hnsw_s = 0;
  const bool peers = EnvSize("QC_INDEX_BENCH_PEERS", 1) != 0;
  const int efc = static_cast<int>(EnvSize("QC_INDEX_BENCH_EFC", 40));
  std::vector<IdFilter> filters;                     // per selectivity
  std::vector<std::vector<bool>> kept;               // [selectivity][label]
  std::vector<std::vector<std::set<size_t>>> truth;  // [selectivity][query]

  World()
      : n(EnvSize("QC_INDEX_BENCH_N", 100000)),
        dim(EnvSize("QC_INDEX_BENCH_DIM", 256)) {
    const ClusteredSpec spec{.dim = dim,
                             .clusters = std::max<size_t>(100, n / 1000),
                             .spread = 0.7f,
                             .seed = 42};
    ids = SequentialIds(n);
    data = ClusteredVectors(spec, n, 0);
    queries = ClusteredVectors(spec, kQueries, 1);
    BuildOurs();
    if (EnvSize("QC_INDEX_BENCH_OURS_HNSW", 0) != 0) BuildOursHnsw();
    if (peers) {
      if (EnvSize("QC_INDEX_BENCH_RAW_FAISS", 1) != 0) BuildRaw();
      if (EnvSize("QC_INDEX_BENCH_HNSWLIB", 1) != 0) BuildHnswlib();
    }
    omp_set_num_threads(1);
    for (const double s : Selectivities()) AddTruth(s);
  }
  void BuildOurs() {
    FaissIndexOptions options;
    if (const char* v = std::getenv("QC_INDEX_BENCH_LISTS_PER_SQRT")) {
      options.ivf_lists_per_sqrt = std::strtod(v, nullptr);
    }
    if (const char* v = std::getenv("QC_INDEX_BENCH_IVF_REACH")) {
      options.ivf_reach = std::strtof(v, nullptr);
    }
    if (const char* v = std::getenv("QC_INDEX_BENCH_IVF_MARGIN")) {
      options.ivf_margin = std::strtof(v, nullptr);
    }
    ours = std::make_unique<FaissIndex>(dim, options);
    const auto t0 = Clock::now();
    if (!ours->UpsertBatch(ids, data).ok()) std::abort();
    ours_s = Seconds(t0);
  }
  void BuildOursHnsw() {
    FaissIndexOptions options;
    options.large_layout = IndexLayout::kHnsw;
    ours_hnsw = std::make_unique<FaissIndex>(dim, options);
    const auto t0 = Clock::now();
    if (!ours_hnsw->UpsertBatch(ids, data).ok()) std::abort();
    ours_hnsw_s = Seconds(t0);
  }
  void BuildRaw() {
    const std::string path = PeerPath("faiss_hnsw32", n, dim, efc);
    if (!path.empty() && std::filesystem::exists(path)) {
      raw.reset(
          dynamic_cast<faiss::IndexHNSWFlat*>(faiss::read_index(path.c_str())));
      if (!raw) std::abort();
      raw_s = ReadSeconds(path);
      return;
    }
    raw = std::make_unique<faiss::IndexHNSWFlat>(static_cast<int>(dim), 32);
    raw->hnsw.efConstruction = efc;
    const auto t0 = Clock::now();
    raw->add(static_cast<faiss::Index::idx_t>(n), data.data());
    raw_s = Seconds(t0);
    if (!path.empty()) {
      faiss::write_index(raw.get(), path.c_str());
      WriteSeconds(path, raw_s);
    }
  }
  void BuildHnswlib() {
    space = std::make_unique<hnswlib::L2Space>(dim);
    const std::string path = PeerPath("hnswlib_m32", n, dim, efc);
    if (!path.empty() && std::filesystem::exists(path)) {
      hnsw =
          std::make_unique<hnswlib::HierarchicalNSW<float>>(space.get(), path);
      hnsw_s = ReadSeconds(path);
      return;
    }
    hnsw = std::make_unique<hnswlib::HierarchicalNSW<float>>(
        space.get(), n, 32, static_cast<size_t>(efc));
    const auto t0 = Clock::now();
    hnsw->addPoint(data.data(), 0);
    std::vector<std::thread> threads;
    const unsigned workers = std::max(1u, std::thread::hardware_concurrency());
    for (unsigned t = 0; t < workers; ++t) {
      threads.emplace_back([this, t, workers] {
        for (size_t i = 1 + t; i < n; i += workers)
          hnsw->addPoint(data.data() + i * dim, i);
      });
    }
    for (std::thread& th : threads) th.join();
    hnsw_s = Seconds(t0);
    if (!path.empty()) {
      hnsw->saveIndex(path);
      WriteSeconds(path, hnsw_s);
    }
  }
  void AddTruth(double fraction) {
    std::vector<std::string> keep = ids;
    std::mt19937_64 rng(7);
    std::shuffle(keep.begin(), keep.end(), rng);
    keep.resize(std::max<size_t>(1, static_cast<size_t>(fraction * n)));
    filters.push_back(ours->FilterFromIds(keep));
    std::vector<bool>& labels = kept.emplace_back(n, false);
    for (const std::string& id : keep) labels[std::stoul(id.substr(1))] = true;
    const IdFilter* filter = fraction < 1 ? &filters.back() : nullptr;
    auto& sets = truth.emplace_back(kQueries);
    // Exact searches are independent: one thread per core.
    const unsigned workers = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> threads;
    for (unsigned t = 0; t < workers; ++t) {
      threads.emplace_back([&, t] {
        for (size_t q = t; q < kQueries; q += workers) {
          auto hits = ours->Search(Query(q), {.k = 10, .exact = true}, filter);
          for (const SearchHit& hit : *hits)
            sets[q].insert(std::stoul(hit.id.substr(1)));
        }
      });
    }
    for (std::thread& th : threads) th.join();
  }
  std::span<const float> Query(size_t q) const {
    return {queries.data() + q * dim, dim};
  }
  size_t RawBytes() const {
    if (!raw) return 0;
    const faiss::HNSW& h = raw->hnsw;
    return n * dim * sizeof(float) + h.neighbors.capacity() * 4 +
           h.offsets.capacity() * 8 + h.levels.capacity() * 4;
  }
  size_t HnswlibBytes() const {
    if (!hnsw) return 0;
    size_t bytes =
        hnsw->max_elements_ * (hnsw->size_data_per_element_ + sizeof(void*));
    for (size_t i = 0; i < n; ++i) {
      bytes += static_cast<size_t>(hnsw->element_levels_[i]) *
               hnsw->size_links_per_element_;
    }
    return bytes;
  }
};

World& TheWorld() {
  static World* world = new World();
  return *world;
}

// Runs `search(q, labels)` once per query, then sets the counters.
template <class Search>
void RunQueries(benchmark::State& state, size_t selectivity, Search&& search) {
  World& w = TheWorld();
  std::vector<double> us;
  size_t q = 0, found = 0, wanted = 0;
  std::vector<size_t> labels;
  for (auto _ : state) {
    labels.clear();
    const auto t0 = Clock::now();
    search(q, &labels);
    us.push_back(
        std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    for (const size_t l : labels) found += w.truth[selectivity][q].count(l);
    wanted += w.truth[selectivity][q].size();
    q = (q + 1) % kQueries;
  }
  std::sort(us.begin(), us.end());
  state.counters["recall"] =
      wanted == 0 ? 1.0 : static_cast<double>(found) / wanted;
  state.counters["p50_us"] = us[us.size() / 2];
  state.counters["p99_us"] = us[std::min(us.size() - 1, us.size() * 99 / 100)];
  state.counters["selectivity"] = Selectivities()[selectivity];
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

void AddHitLabels(const Result<std::vector<SearchHit>>& hits,
                  std::vector<size_t>* labels) {
  if (!hits.ok()) std::abort();
  for (const SearchHit& hit : *hits)
    labels->push_back(std::stoul(hit.id.substr(1)));
}

// Args: selectivity index into Selectivities(), nprobe (IVF lists scanned;
// 0 = the index's default).
void BM_Index_FilteredTop10_Ours(benchmark::State& state) {
  World& w = TheWorld();
  const auto s = static_cast<size_t>(state.range(0));
  const IdFilter* filter = Selectivities()[s] < 1 ? &w.filters[s] : nullptr;
  const SearchParams params{.k = 10,
                            .nprobe = static_cast<int>(state.range(1))};
  RunQueries(state, s, [&](size_t q, std::vector<size_t>* labels) {
    AddHitLabels(w.ours->Search(w.Query(q), params, filter), labels);
  });
}

// Our HNSW layout, unfiltered. Arg: efSearch.
void BM_Index_Top10_OursHnsw(benchmark::State& state) {
  World& w = TheWorld();
  if (!w.ours_hnsw) {
    state.SkipWithError("set QC_INDEX_BENCH_OURS_HNSW=1");
    return;
  }
  const SearchParams params{.k = 10,
                            .ef_search = static_cast<int>(state.range(0))};
  RunQueries(state, 0, [&](size_t q, std::vector<size_t>* labels) {
    AddHitLabels(w.ours_hnsw->Search(w.Query(q), params), labels);
  });
}

void BM_Index_FilteredTop10_ExactScan(benchmark::State& state) {
  World& w = TheWorld();
  const auto s = static_cast<size_t>(state.range(0));
  const IdFilter* filter = Selectivities()[s] < 1 ? &w.filters[s] : nullptr;
  RunQueries(state, s, [&](size_t q, std::vector<size_t>* labels) {
    AddHitLabels(w.ours->Search(w.Query(q), {.k = 10, .exact = true}, filter),
                 labels);
  });
}

// Raw FAISS 1.7.3 IndexHNSWFlat, unfiltered (its IDSelector only filters
// results, so it returns empty slots under selective filters).
void BM_Index_Top10_FaissHNSW32(benchmark::State& state) {
  World& w = TheWorld();
  if (!w.raw) {
    state.SkipWithError("peers skipped (QC_INDEX_BENCH_PEERS=0)");
    return;
  }
  faiss::SearchParametersHNSW params;
  params.efSearch = static_cast<int>(state.range(0));
  w.raw->hnsw.efSearch = params.efSearch;  // 1.7.3 sizes the beam from it
  RunQueries(state, 0, [&](size_t q, std::vector<size_t>* labels) {
    float d[10];
    faiss::Index::idx_t l[10];
    w.raw->search(1, w.Query(q).data(), 10, d, l, &params);
    for (const auto x : l) {
      if (x >= 0) labels->push_back(static_cast<size_t>(x));
    }
  });
}

void BM_Index_Top10_Hnswlib(benchmark::State& state) {
  World& w = TheWorld();
  if (!w.hnsw) {
    state.SkipWithError("peers skipped (QC_INDEX_BENCH_PEERS=0)");
    return;
  }
  w.hnsw->setEf(static_cast<size_t>(state.range(0)));
  RunQueries(state, 0, [&](size_t q, std::vector<size_t>* labels) {
    auto top = w.hnsw->searchKnn(w.Query(q).data(), 10);
    for (; !top.empty(); top.pop()) labels->push_back(top.top().second);
  });
}

// The naive post-filter an application would write around hnswlib 0.6.2
// (no filter API): ask for the top-k' unfiltered, keep the passing labels,
// and grow k' (x4) until 10 pass or k' reaches QC_INDEX_BENCH_POSTFILTER_CAP.
// k' starts at k / selectivity (the k' where 10 pass on average). Args:
// selectivity index, ef (hnswlib's beam; raised to k' by hnswlib itself).
void BM_Index_FilteredTop10_HnswlibPostFilter(benchmark::State& state) {
  World& w = TheWorld();
  if (!w.hnsw) {
    state.SkipWithError("peers skipped (QC_INDEX_BENCH_PEERS=0)");
    return;
  }
  const auto s = static_cast<size_t>(state.range(0));
  const std::vector<bool>& kept = w.kept[s];
  const bool filtered = Selectivities()[s] < 1;
  const size_t cap =
      std::max<size_t>(10, EnvSize("QC_INDEX_BENCH_POSTFILTER_CAP", 20000));
  const auto first = static_cast<size_t>(std::min<double>(
      static_cast<double>(cap), std::ceil(10.0 / Selectivities()[s])));
  w.hnsw->setEf(static_cast<size_t>(state.range(1)));
  double asked = 0;
  RunQueries(state, s, [&](size_t q, std::vector<size_t>* labels) {
    for (size_t k = first;; k = std::min(cap, 4 * k)) {
      labels->clear();
      auto top = w.hnsw->searchKnn(w.Query(q).data(), k);
      std::vector<std::pair<float, size_t>> passing;
      for (; !top.empty(); top.pop()) {
        if (!filtered || kept[top.top().second]) passing.push_back(top.top());
      }
      std::sort(passing.begin(), passing.end());
      for (size_t i = 0; i < std::min<size_t>(10, passing.size()); ++i) {
        labels->push_back(passing[i].second);
      }
      if (labels->size() == 10 || k == cap) {
        asked += static_cast<double>(k);
        break;
      }
    }
  });
  state.counters["mean_k_asked"] =
      asked / static_cast<double>(state.iterations());
}

void BM_Index_Build(benchmark::State& state) {
  World& w = TheWorld();
  for (auto _ : state) benchmark::DoNotOptimize(w.n);
  state.counters["ours_build_s"] = w.ours_s;
  state.counters["ours_hnsw_build_s"] = w.ours_hnsw_s;
  if (w.ours_hnsw) {
    state.counters["ours_hnsw_bytes_per_vector"] =
        static_cast<double>(w.ours_hnsw->MemoryBytes()) / w.n;
  }
  state.counters["faiss_hnsw32_build_s"] = w.raw_s;
  state.counters["hnswlib_build_s"] = w.hnsw_s;
  state.counters["ours_bytes_per_vector"] =
      static_cast<double>(w.ours->MemoryBytes()) / w.n;
  state.counters["faiss_hnsw32_bytes_per_vector"] =
      static_cast<double>(w.RawBytes()) / w.n;
  state.counters["hnswlib_bytes_per_vector"] =
      static_cast<double>(w.HnswlibBytes()) / w.n;
  state.counters["raw_vector_bytes"] =
      static_cast<double>(w.dim * sizeof(float));
}

// Single-row inserts of new items into the built index, one per iteration.
void BM_Index_Insert_Ours(benchmark::State& state) {
  World& w = TheWorld();
  const ClusteredSpec spec{.dim = w.dim,
                           .clusters = std::max<size_t>(100, w.n / 1000),
                           .spread = 0.7f,
                           .seed = 42};
  const auto count = static_cast<size_t>(state.max_iterations);
  const std::vector<float> fresh = ClusteredVectors(spec, count, 2);
  const std::vector<std::string> ids = SequentialIds(count, "i");
  size_t i = 0;
  for (auto _ : state) {
    if (!w.ours->Upsert(ids[i], {fresh.data() + i * w.dim, w.dim}).ok()) {
      std::abort();
    }
    ++i;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}

// 10% churn (every 10th item removed and re-added at a new vector) without a
// rebuild, then recall@10 of 200 unfiltered queries against the exact scan.
void BM_Index_ChurnRecall_Ours(benchmark::State& state) {
  World& w = TheWorld();
  const ClusteredSpec spec{.dim = w.dim,
                           .clusters = std::max<size_t>(100, w.n / 1000),
                           .spread = 0.7f,
                           .seed = 42};
  const std::vector<float> moved = ClusteredVectors(spec, w.n / 10, 3);
  double churn_s = 0;
  size_t found = 0, wanted = 0;
  for (auto _ : state) {
    const auto t0 = Clock::now();
    for (size_t i = 0; i < w.n / 10; ++i) {
      if (!w.ours->Remove(w.ids[i * 10]).ok() ||
          !w.ours->Upsert(w.ids[i * 10], {moved.data() + i * w.dim, w.dim})
               .ok()) {
        std::abort();
      }
    }
    churn_s = Seconds(t0);
    for (size_t q = 0; q < 200; ++q) {
      auto truth = w.ours->Search(w.Query(q), {.k = 10, .exact = true});
      auto got = w.ours->Search(w.Query(q), {.k = 10});
      if (!truth.ok() || !got.ok()) std::abort();
      std::set<std::string> want;
      for (const SearchHit& hit : *truth) want.insert(hit.id);
      for (const SearchHit& hit : *got) found += want.count(hit.id);
      wanted += want.size();
    }
  }
  state.counters["recall"] = static_cast<double>(found) / wanted;
  state.counters["churn_s"] = churn_s;
  state.counters["dead_rows"] = static_cast<double>(w.ours->dead_rows());
}

// Benchmarks are registered at run time: the filtered ones once per
// fraction of QC_INDEX_BENCH_SELECTIVITY, in the order they run.
void RegisterAll() {
  const auto fractions = static_cast<int64_t>(Selectivities().size());
  const std::vector<int64_t> efs = {16,  24,  32,  48,  64,   96,  128,
                                    192, 256, 384, 512, 1024, 2048};
  benchmark::RegisterBenchmark("BM_Index_Build", BM_Index_Build)
      ->Iterations(1)
      ->Unit(benchmark::kSecond);
  auto* ours = benchmark::RegisterBenchmark("BM_Index_FilteredTop10_Ours",
                                            BM_Index_FilteredTop10_Ours);
  auto* exact = benchmark::RegisterBenchmark("BM_Index_FilteredTop10_ExactScan",
                                             BM_Index_FilteredTop10_ExactScan);
  auto* post =
      benchmark::RegisterBenchmark("BM_Index_FilteredTop10_HnswlibPostFilter",
                                   BM_Index_FilteredTop10_HnswlibPostFilter);
  for (int64_t s = 0; s < fractions; ++s) {
    for (const int64_t nprobe : {0, 1}) ours->Args({s, nprobe});
    exact->Arg(s);
    post->Args({s, 64});
  }
  ours->Iterations(kQueries)->Unit(benchmark::kMicrosecond);
  exact->Iterations(200)->Unit(benchmark::kMicrosecond);
  post->Iterations(200)->Unit(benchmark::kMicrosecond);
  auto* raw = benchmark::RegisterBenchmark("BM_Index_Top10_FaissHNSW32",
                                           BM_Index_Top10_FaissHNSW32);
  auto* hnswlib = benchmark::RegisterBenchmark("BM_Index_Top10_Hnswlib",
                                               BM_Index_Top10_Hnswlib);
  auto* ours_hnsw = benchmark::RegisterBenchmark("BM_Index_Top10_OursHnsw",
                                                 BM_Index_Top10_OursHnsw);
  for (const int64_t ef : efs) {
    raw->Arg(ef);
    hnswlib->Arg(ef);
    ours_hnsw->Arg(ef);
  }
  auto* ours_top = benchmark::RegisterBenchmark("BM_Index_Top10_Ours",
                                                BM_Index_FilteredTop10_Ours);
  // nprobe 0 = the index's default (adaptive); the rest fix the list count.
  for (const int64_t nprobe : {0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32}) {
    ours_top->Args({0, nprobe});
  }
  for (auto* b : {raw, hnswlib, ours_hnsw, ours_top}) {
    b->Iterations(kQueries)->Unit(benchmark::kMicrosecond);
  }
  // These two change the index: registered last so they run after the
  // searches.
  benchmark::RegisterBenchmark("BM_Index_Insert_Ours", BM_Index_Insert_Ours)
      ->Iterations(10000)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("BM_Index_ChurnRecall_Ours",
                               BM_Index_ChurnRecall_Ours)
      ->Iterations(1)
      ->Unit(benchmark::kSecond);
}

}  // namespace
}  // namespace qiancheng::index

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  qiancheng::index::RegisterAll();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
