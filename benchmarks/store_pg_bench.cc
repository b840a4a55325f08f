// benchmarks/store_pg_bench.cc -- write throughput of the two Store backends
// side by side: durable single upserts (one commit, one WAL flush each) and
// batch upserts of 1000 rows (one transaction; PostgreSQL pipelines the rows).
// The PostgreSQL server is a private throwaway one on a Unix socket
// (tests/support/pg_server.h: fsync on, synchronous_commit on), stopped at
// exit; without PostgreSQL its cases report an error and the SQLite ones run.
// Run: build-*/benchmarks/store_pg_bench [--benchmark_filter=Batch]
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "core/json_codec.h"
#include "fakes/sample_entities.h"
#include "fakes/temp_dir.h"
#include "store/open_store.h"
#include "support/pg_server.h"

namespace qiancheng::store {
namespace {

constexpr int kBatchRows = 1000;

enum class Backend { kSqlite, kPostgres };

// prefix + n, appended (g++ 12's false -Wrestrict on "lit" + std::string&&).
std::string Numbered(std::string_view prefix, int64_t n) {
  std::string out(prefix);
  out += std::to_string(n);
  return out;
}

Vacancy VacancyNumbered(int64_t n) {
  static const Vacancy sample = std::get<Vacancy>(
      DecodeEntityText(EntityKind::kVacancy,
                       qiancheng::testing::SampleJson(EntityKind::kVacancy),
                       CodecMode::kApi)
          .value());
  Vacancy vacancy = sample;
  vacancy.id = VacancyId(Numbered("v-", n));
  vacancy.headcount = 1 + static_cast<int>(n % 20);
  return vacancy;
}

// One store per backend for the whole run, with what it lives on.
struct BenchStore {
  std::unique_ptr<qiancheng::testing::TempDir> dir;
  std::unique_ptr<qiancheng::testing::PgServer> server;
  std::unique_ptr<qiancheng::testing::PgDatabase> database;
  std::unique_ptr<Store> store;
  std::string error;
  int64_t next_id = 0;
};

BenchStore& StoreOf(Backend backend) {
  static BenchStore stores[2];
  BenchStore& s = stores[static_cast<int>(backend)];
  if (s.store != nullptr || !s.error.empty()) return s;
  std::string location;
  if (backend == Backend::kSqlite) {
    s.dir = std::make_unique<qiancheng::testing::TempDir>();
    location = s.dir->File("bench.db");
  } else {
    s.server = qiancheng::testing::PgServer::Start(&s.error);
    if (s.server == nullptr) return s;
    s.database =
        std::make_unique<qiancheng::testing::PgDatabase>(*s.server, &s.error);
    if (!s.database->created()) return s;
    location = s.database->url();
  }
  Result<std::unique_ptr<Store>> store = OpenStore(location);
  if (!store.ok()) {
    s.error = store.status().ToString();
    return s;
  }
  s.store = std::move(store).value();
  return s;
}

void BM_Store_Upsert(benchmark::State& state, Backend backend) {
  BenchStore& s = StoreOf(backend);
  if (s.store == nullptr) {
    state.SkipWithError(s.error.c_str());
    return;
  }
  for (auto _ : state) {
    Result<Sequence> seq = s.store->Upsert(VacancyNumbered(s.next_id++));
    if (!seq.ok()) state.SkipWithError(seq.status().ToString().c_str());
  }
  state.counters["upserts/s"] = benchmark::Counter(
      static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_Store_UpsertBatch(benchmark::State& state, Backend backend) {
  BenchStore& s = StoreOf(backend);
  if (s.store == nullptr) {
    state.SkipWithError(s.error.c_str());
    return;
  }
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<Entity> batch;
    batch.reserve(kBatchRows);
    for (int i = 0; i < kBatchRows; ++i) {
      batch.push_back(VacancyNumbered(s.next_id++));
    }
    state.ResumeTiming();
    Result<Sequence> seq = s.store->UpsertBatch(batch);
    if (!seq.ok()) state.SkipWithError(seq.status().ToString().c_str());
  }
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()) * kBatchRows,
                         benchmark::Counter::kIsRate);
}

BENCHMARK_CAPTURE(BM_Store_Upsert, sqlite, Backend::kSqlite)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Store_Upsert, postgres, Backend::kPostgres)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Store_UpsertBatch, sqlite, Backend::kSqlite)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_Store_UpsertBatch, postgres, Backend::kPostgres)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace qiancheng::store

BENCHMARK_MAIN();
