// benchmarks/store_bench.cc -- the SQLite store (store/sqlite_store.h):
// batch upserts (the importer's path; the bar is >= 50,000 rows/s so that an
// import reaches 20,000 rows/s end to end), single durable upserts (one fsync
// each), point reads and list pages, and reads while a writer commits batches
// (WAL readers should not wait for the writer).
// Run: build-*/benchmarks/store_bench [--benchmark_filter=UpsertBatch]
#include <benchmark/benchmark.h>

#include <atomic>
#include <random>
#include <thread>

#include "core/json_codec.h"
#include "fakes/sample_entities.h"
#include "fakes/temp_dir.h"
#include "store/rows.h"
#include "store/sqlite_store.h"

namespace qiancheng::store {
namespace {

using qiancheng::testing::TempDir;

// prefix + n. (Appending sidesteps g++ 12's false -Wrestrict on "lit" +
// std::string&&.)
std::string Numbered(std::string_view prefix, int64_t n) {
  std::string out(prefix);
  out += std::to_string(n);
  return out;
}

const Vacancy& SampleVacancy() {
  static const Vacancy vacancy = std::get<Vacancy>(
      DecodeEntityText(EntityKind::kVacancy,
                       qiancheng::testing::SampleJson(EntityKind::kVacancy),
                       CodecMode::kApi)
          .value());
  return vacancy;
}

// `n` vacancies with ids v-<first>.. and varied regions and text.
std::vector<Entity> MakeVacancies(int64_t first, int n) {
  static const char* kRegions[] = {"610113", "610102", "610402", "620102",
                                   "520102"};
  std::vector<Entity> out;
  out.reserve(n);
  for (int i = 0; i < n; ++i) {
    Vacancy v = SampleVacancy();
    const int64_t k = first + i;
    v.id = VacancyId(Numbered("v-", k));
    v.region = RegionCode::Parse(kRegions[k % 5]).value();
    v.title += Numbered(" ", k % 97);
    v.description =
        Numbered("岗位职责：生活照料、基础护理、康复协助。编号 ", k);
    v.headcount = 1 + static_cast<int>(k % 20);
    out.push_back(std::move(v));
  }
  return out;
}

std::unique_ptr<SqliteStore> OpenStore(const TempDir& dir) {
  return SqliteStore::Open(dir.File("store.db")).value();
}

void BM_Store_UpsertBatch(benchmark::State& state) {
  TempDir dir;
  auto store = OpenStore(dir);
  const int batch = static_cast<int>(state.range(0));
  int64_t next = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<Entity> entities = MakeVacancies(next, batch);
    next += batch;
    state.ResumeTiming();
    benchmark::DoNotOptimize(store->UpsertBatch(entities).value());
  }
  state.SetItemsProcessed(state.iterations() * batch);
}
BENCHMARK(BM_Store_UpsertBatch)
    ->Arg(1000)
    ->Arg(5000)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// The part of a batch spent before the write lock: encoding rows
// (store/rows.h).
void BM_Store_EncodeRows(benchmark::State& state) {
  const std::vector<Entity> entities = MakeVacancies(0, 1000);
  for (auto _ : state) {
    for (const Entity& e : entities) benchmark::DoNotOptimize(ToRow(e).value());
  }
  state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK(BM_Store_EncodeRows)->Unit(benchmark::kMillisecond);

void BM_Store_UpsertSingle(benchmark::State& state) {
  TempDir dir;
  auto store = OpenStore(dir);
  const std::vector<Entity> entities = MakeVacancies(0, 1000);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        store->Upsert(entities[i++ % entities.size()]).value());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Store_UpsertSingle)->UseRealTime()->Unit(benchmark::kMicrosecond);

// A store of 100,000 vacancies shared by the read benchmarks.
SqliteStore& ReadStore() {
  static TempDir* dir = new TempDir();
  static SqliteStore* store = [] {
    SqliteStore* s = SqliteStore::Open(dir->File("store.db")).value().release();
    for (int64_t first = 0; first < 100000; first += 5000) {
      (void)s->UpsertBatch(MakeVacancies(first, 5000)).value();
    }
    return s;
  }();
  return *store;
}

void BM_Store_Get(benchmark::State& state) {
  SqliteStore& store = ReadStore();
  std::mt19937 rng(static_cast<unsigned>(state.thread_index()));
  std::uniform_int_distribution<int> pick(0, 99999);
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        store.Get(EntityKind::kVacancy, Numbered("v-", pick(rng))));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Store_Get)->Threads(1)->Threads(2)->UseRealTime();

// Point reads while another thread commits 5,000-row batches back to back.
void BM_Store_GetDuringBatchWrites(benchmark::State& state) {
  TempDir dir;
  auto store = OpenStore(dir);
  (void)store->UpsertBatch(MakeVacancies(0, 10000)).value();
  std::atomic<bool> stop{false};
  std::atomic<int64_t> batches{0};
  std::thread writer([&] {
    for (int64_t first = 1000000; !stop; first += 5000) {
      (void)store->UpsertBatch(MakeVacancies(first, 5000)).value();
      ++batches;
    }
  });
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> pick(0, 9999);
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        store->Get(EntityKind::kVacancy, Numbered("v-", pick(rng))));
  }
  stop = true;
  writer.join();
  state.SetItemsProcessed(state.iterations());
  state.counters["writer_batches"] = static_cast<double>(batches);
}
BENCHMARK(BM_Store_GetDuringBatchWrites)
    ->UseRealTime()
    ->Unit(benchmark::kMicrosecond);

void BM_Store_ListPage(benchmark::State& state) {
  SqliteStore& store = ReadStore();
  ListOptions options;
  options.limit = static_cast<int>(state.range(0));
  if (state.range(1) != 0) {
    options.regions = {RegionCode::Parse("610100").value()};
  }
  for (auto _ : state) {
    Page page = store.List(EntityKind::kVacancy, options).value();
    options.cursor =
        page.next_cursor;  // walk on; wraps to the start at the end
    benchmark::DoNotOptimize(page);
  }
  state.SetItemsProcessed(state.iterations() * options.limit);
}
BENCHMARK(BM_Store_ListPage)
    ->Args({100, 0})
    ->Args({100, 1})
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace qiancheng::store

BENCHMARK_MAIN();
