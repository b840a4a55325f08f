// benchmarks/recommend_bench.cc -- latency of the four query pipelines of
// DESIGN.md on a generated world (benchmarks/world), single thread, behind the
// same read side a server runs (api/read_side.h: catalog + indexes + change
// follower + recommender over a SQLite store).
//   QC_BENCH_SCALE       small (default) | medium | large: the world generated
//                        when the world dir holds no store yet;
//   QC_BENCH_WORLD_DIR   a data dir to load (e.g. one `qiancheng import`
//   filled;
//                        its model and index snapshots are reused) or to fill
//                        and keep as a cache; unset: a temporary dir, removed.
// Each benchmark cycles through many different ids drawn with a fixed seed and
// reports p50/p99 microseconds per call as counters (wall time of each call);
// the list pipelines also report the median `candidates` of all calls and of
// the slowest 1% (slow_candidates), which says what kind of circle the tail is.
// BM_Recommend_TrainingsPostFilter is the naive peer of the trainings
// retrieval: an unfiltered ANN top-k over all classes, then the same pass
// checks on the hits; "kept" says how many of its k survive the filter.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "api/json/recommend_json.h"
#include "api/read_side.h"
#include "ingest/contact_protector.h"
#include "ingest/ingestor.h"
#include "store/sqlite_store.h"
#include "world/generator.h"
#include "world/reference.h"

namespace qiancheng {
namespace {

const Date kToday = Date::FromYmd(2026, 11, 24);
constexpr size_t kIdsPerPipeline = 2000;
constexpr uint64_t kSeed = 20261124;

std::string Env(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : fallback;
}

[[noreturn]] void Die(const std::string& what, const Status& status) {
  std::cerr << "recommend_bench: " << what << ": " << status << "\n";
  std::exit(1);
}

template <class T>
T Must(Result<T> r, const std::string& what) {
  if (!r.ok()) Die(what, r.status());
  return std::move(r).value();
}

// Writes the generated world through the ingest path (validation, contact
// protection), kind by kind in the order references need, 5,000 per batch.
void GenerateWorld(const std::string& reference_dir, const std::string& scale,
                   store::Store& store) {
  world::ReferenceData ref =
      Must(world::LoadReferenceData(reference_dir), "reference data");
  world::WorldOptions options;
  options.scale = Must(world::ScaleNamed(scale), "scale");
  options.today = kToday;
  world::WorldGenerator gen =
      Must(world::WorldGenerator::Create(ref, options), "generator");
  // A fixed bench-only key: the hashes only need to be consistent here.
  const ingest::ContactProtector protector(std::string(32, 'b'));
  const ingest::Ingestor ingestor(store, protector);
  const world::ScaleSpec& s = options.scale;
  size_t rejected = 0;
  auto write = [&](int64_t count, auto make) {
    std::vector<Entity> batch;
    for (int64_t i = 0; i < count; ++i) {
      batch.push_back(make(i));
      if (batch.size() == 5000 || i + 1 == count) {
        const ingest::BatchReport report =
            Must(ingestor.PutValid(std::move(batch)), "import");
        rejected += report.rejected.size();
        batch.clear();
      }
    }
  };
  write(static_cast<int64_t>(ref.shortage.size()),
        [&](int64_t i) { return Entity(ref.shortage[i]); });
  write(s.institutions,
        [&](int64_t i) { return Entity(gen.MakeInstitution(i)); });
  write(s.projects, [&](int64_t i) { return Entity(gen.MakeProject(i)); });
  write(s.vacancies, [&](int64_t i) { return Entity(gen.MakeVacancy(i)); });
  write(s.workers, [&](int64_t i) { return Entity(gen.MakeWorker(i)); });
  write(s.outcomes, [&](int64_t i) { return Entity(gen.MakeOutcome(i)); });
  if (rejected > 0) {
    std::cerr << "recommend_bench: " << rejected
              << " generated records were rejected by validation\n";
  }
}

// The ids each benchmark cycles through, fixed-seed shuffled.
struct Ids {
  std::vector<std::string> workers;    // any worker
  std::vector<std::string> trainees;   // workers with an outcome record
  std::vector<std::string> vacancies;  // open vacancies
  std::vector<RegionCode> cities;      // cities with located items
};

std::vector<std::string> Sample(std::vector<std::string> ids, uint64_t salt) {
  std::sort(ids.begin(), ids.end());  // hash-map order is not stable
  std::mt19937_64 rng(kSeed + salt);
  std::shuffle(ids.begin(), ids.end(), rng);
  if (ids.size() > kIdsPerPipeline) ids.resize(kIdsPerPipeline);
  return ids;
}

struct Bench {
  std::string dir;
  bool remove_dir = false;
  std::unique_ptr<store::Store> store;
  policy::PolicySet policies;
  std::unique_ptr<api::ReadSide> read_side;
  std::unique_ptr<taxonomy::OccupationClassifier> classifier;
  Ids ids;
  double setup_seconds = 0;

  ~Bench() {
    read_side.reset();
    store.reset();
    if (remove_dir) std::filesystem::remove_all(dir);
  }
};

Ids CollectIds(const recommend::Catalog& catalog) {
  return catalog.Read([](const recommend::CatalogView& view) {
    std::vector<std::string> workers, trainees, vacancies, cities;
    for (const auto& [id, w] : view.workers) workers.push_back(id);
    for (const auto& [id, o] : view.outcomes_by_worker) trainees.push_back(id);
    for (const auto& [id, v] : view.vacancies) {
      if (v.status == EntityStatus::kOpen && v.expiry_date >= kToday)
        vacancies.push_back(id);
    }
    for (const auto& [city, items] : view.projects_by_city)
      cities.push_back(city);
    Ids ids;
    ids.workers = Sample(std::move(workers), 1);
    ids.trainees = Sample(std::move(trainees), 2);
    ids.vacancies = Sample(std::move(vacancies), 3);
    for (const std::string& c : Sample(std::move(cities), 4)) {
      ids.cities.push_back(Must(RegionCode::Parse(c + "00"), "city " + c));
    }
    return ids;
  });
}

Bench& World() {
  // Destroyed at exit: stops the read side, removes a temporary world.
  static std::unique_ptr<Bench> bench = [] {
    const auto start = std::chrono::steady_clock::now();
    auto b = std::make_unique<Bench>();
    const std::string ref = std::string(QC_SOURCE_DIR) + "/data";
    const std::string scale = Env("QC_BENCH_SCALE", "small");
    b->dir = Env("QC_BENCH_WORLD_DIR", "");
    if (b->dir.empty()) {
      b->dir = (std::filesystem::temp_directory_path() /
                ("qc-recommend-bench-" + std::to_string(::getpid())))
                   .string();
      b->remove_dir = true;
    }
    const std::string db = b->dir + "/qiancheng.db";
    const bool fresh = !std::filesystem::exists(db);
    auto opened = store::SqliteStore::Open(db);
    if (!opened.ok()) Die("store " + db, opened.status());
    b->store = std::move(*opened);
    if (fresh) {
      std::cerr << "recommend_bench: generating the " << scale << " world in "
                << b->dir << "\n";
      GenerateWorld(ref, scale, *b->store);
    }
    b->policies = Must(policy::PolicySet::Load(ref + "/policies"), "policies");
    api::ReadSideOptions options;
    options.data_dir = b->dir;
    options.reference_dir = ref;
    options.fixed_today = kToday.ToString();
    b->read_side = Must(
        api::ReadSide::Start(*b->store, b->policies, options,
                             [](std::string_view line) {
                               std::cerr << "recommend_bench: " << line << "\n";
                             }),
        "read side");
    taxonomy::ClassifierOptions copt;
    copt.curated_aliases =
        Must(taxonomy::LoadCuratedAliases(ref + "/dict/curated_aliases.tsv"),
             "aliases");
    b->classifier = std::make_unique<taxonomy::OccupationClassifier>(
        b->read_side->taxonomy(), std::move(copt));
    b->ids = CollectIds(b->read_side->catalog());
    b->setup_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    std::cerr << "recommend_bench: world ready in " << b->setup_seconds
              << " s\n";
    return b;
  }();
  return *bench;
}

// Times each call of `fn(i)` and reports p50/p99 in microseconds. When fn
// returns the list's `candidates` (items that passed the retrieval filter),
// also their median over all calls and over the calls at or above the p99
// time ("slow_candidates": which circles make the tail).
template <class Fn>
void Run(benchmark::State& state, size_t n_ids, Fn&& fn) {
  if (n_ids == 0) {
    state.SkipWithError("no ids of this kind in the world");
    return;
  }
  constexpr bool kCounts = !std::is_void_v<std::invoke_result_t<Fn&, size_t>>;
  std::vector<std::pair<double, double>> calls;  // micros, candidates
  size_t i = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    double candidates = 0;
    if constexpr (kCounts) {
      candidates = static_cast<double>(fn(i++ % n_ids));
    } else {
      fn(i++ % n_ids);
    }
    calls.emplace_back(std::chrono::duration<double, std::micro>(
                           std::chrono::steady_clock::now() - t0)
                           .count(),
                       candidates);
  }
  std::sort(calls.begin(), calls.end());
  auto index_at = [&](double q) {
    return std::min(calls.size() - 1, static_cast<size_t>(q * calls.size()));
  };
  state.counters["p50_us"] = calls[index_at(0.5)].first;
  state.counters["p99_us"] = calls[index_at(0.99)].first;
  state.counters["ids"] = static_cast<double>(std::min(n_ids, calls.size()));
  if constexpr (kCounts) {
    auto median_candidates = [&](size_t from) {
      std::vector<double> c;
      for (size_t j = from; j < calls.size(); ++j) c.push_back(calls[j].second);
      std::sort(c.begin(), c.end());
      return c[c.size() / 2];
    };
    state.counters["candidates_p50"] = median_candidates(0);
    state.counters["slow_candidates"] = median_candidates(index_at(0.99));
  }
}

// The trainings pipeline with the explanation `e`: kFull is the counselor's
// view (and this benchmark's figures before the brief form existed); kBrief
// is what the list route computes by default.
void TrainingsForWorker(benchmark::State& state, recommend::Explanation e) {
  Bench& b = World();
  const auto& rec = b.read_side->recommender();
  recommend::TrainingQuery q;
  q.k = 10;
  q.today = kToday;
  q.explanation = e;
  size_t items = 0, calls = 0;
  std::map<std::string, std::vector<double>> steps;  // the trace's steps
  Run(state, b.ids.workers.size(), [&](size_t i) {
    auto r = rec.TrainingsForWorker(b.ids.workers[i], q);
    if (!r.ok()) Die("trainings", r.status());
    items += r->items.size();
    ++calls;
    for (const recommend::TraceStep& s : r->trace.steps)
      steps[s.name].push_back(s.micros);
    benchmark::DoNotOptimize(r);
    return r->candidates;
  });
  state.counters["items"] = calls ? static_cast<double>(items) / calls : 0;
  // p50 of each step: "retrieve" is what the post-filter peer does.
  for (auto& [name, micros] : steps) {
    std::sort(micros.begin(), micros.end());
    state.counters[name + "_p50_us"] = micros[micros.size() / 2];
  }
}

void BM_Recommend_TrainingsForWorker(benchmark::State& state) {
  TrainingsForWorker(state, recommend::Explanation::kFull);
}
BENCHMARK(BM_Recommend_TrainingsForWorker)->Unit(benchmark::kMicrosecond);

void BM_Recommend_TrainingsForWorkerBrief(benchmark::State& state) {
  TrainingsForWorker(state, recommend::Explanation::kBrief);
}
BENCHMARK(BM_Recommend_TrainingsForWorkerBrief)->Unit(benchmark::kMicrosecond);

// What GET /v1/workers/{id}/recommendations/trainings?k=10 computes between
// reading the request and writing the response: the brief list and its JSON
// text. The served latency minus this is the HTTP overhead (issue 8).
void BM_Recommend_TrainingsRouteBrief(benchmark::State& state) {
  Bench& b = World();
  const auto& rec = b.read_side->recommender();
  recommend::TrainingQuery q;
  q.k = 10;
  q.today = kToday;
  q.explanation = recommend::Explanation::kBrief;
  size_t bytes = 0;
  Run(state, b.ids.workers.size(), [&](size_t i) {
    auto r = rec.TrainingsForWorker(b.ids.workers[i], q);
    if (!r.ok()) Die("trainings", r.status());
    std::string body;
    api::WriteTrainingListBrief(*r, &body);
    bytes += body.size();
    benchmark::DoNotOptimize(body);
  });
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Recommend_TrainingsRouteBrief)->Unit(benchmark::kMicrosecond);

// The peer: no pre-filter. Unfiltered top-k, then the pass checks of the
// pipeline's retrieval (open, not started, seats, institution not
// blacklisted, within the worker's radius or online) applied to the hits.
void BM_Recommend_TrainingsPostFilter(benchmark::State& state) {
  Bench& b = World();
  const auto& catalog = b.read_side->catalog();
  const auto& index = *b.read_side->indexes().projects;
  const auto& embedder = b.read_side->embedder();
  const size_t k = static_cast<size_t>(state.range(0));
  size_t kept = 0, calls = 0;
  Run(state, b.ids.workers.size(), [&](size_t i) {
    catalog.Read([&](const recommend::CatalogView& view) {
      const Worker* w = view.FindWorker(b.ids.workers[i]);
      auto q = embedder.Embed(
          recommend::WorkerSearchInput(*w, view, b.classifier.get()));
      if (!q.ok()) Die("embed", q.status());
      index::SearchParams params;
      params.k = k;
      auto hits = index.Search(*q, params, nullptr);
      if (!hits.ok()) Die("search", hits.status());
      const auto home = view.PointOf(w->region, w->lat, w->lon);
      const double radius = w->wishes.max_distance_km.value_or(50);
      for (const index::SearchHit& h : *hits) {
        const TrainingProject* p = view.FindProject(h.id);
        if (p == nullptr || p->status != EntityStatus::kOpen ||
            p->start_date < kToday || view.SeatsLeft(*p) <= 0)
          continue;
        const Institution* inst = view.FindInstitution(p->institution_id.str());
        if (inst == nullptr || inst->blacklisted) continue;
        if (p->mode != TrainingMode::kOnline) {
          const auto at = view.PointOf(p->region, p->lat, p->lon);
          if (!home || !at || taxonomy::HaversineKm(*home, *at) > radius)
            continue;
        }
        ++kept;
      }
      ++calls;
    });
  });
  state.counters["kept"] = calls ? static_cast<double>(kept) / calls : 0;
}
BENCHMARK(BM_Recommend_TrainingsPostFilter)
    ->Arg(50)
    ->Arg(500)
    ->Unit(benchmark::kMicrosecond);

void BM_Recommend_JobsForTrainee(benchmark::State& state) {
  Bench& b = World();
  const auto& rec = b.read_side->recommender();
  Run(state, b.ids.trainees.size(), [&](size_t i) {
    auto r = rec.JobsForWorker(b.ids.trainees[i], 10, kToday);
    if (!r.ok()) Die("jobs", r.status());
    benchmark::DoNotOptimize(r);
    return r->candidates;
  });
}
BENCHMARK(BM_Recommend_JobsForTrainee)->Unit(benchmark::kMicrosecond);

void BM_Recommend_CandidatesForVacancy(benchmark::State& state) {
  Bench& b = World();
  const auto& rec = b.read_side->recommender();
  Run(state, b.ids.vacancies.size(), [&](size_t i) {
    auto r = rec.CandidatesFor(b.ids.vacancies[i], 10, kToday, {});
    if (!r.ok()) Die("candidates", r.status());
    benchmark::DoNotOptimize(r);
    return r->candidates;
  });
}
BENCHMARK(BM_Recommend_CandidatesForVacancy)->Unit(benchmark::kMicrosecond);

void BM_Recommend_SupplyDemandCity(benchmark::State& state) {
  Bench& b = World();
  const auto& rec = b.read_side->recommender();
  Run(state, b.ids.cities.size(), [&](size_t i) {
    auto r = rec.SupplyDemandFor(b.ids.cities[i], kToday, 0);
    if (!r.ok()) Die("supply-demand", r.status());
    benchmark::DoNotOptimize(r);
  });
}
BENCHMARK(BM_Recommend_SupplyDemandCity)->Unit(benchmark::kMicrosecond);

// The JSON of a trainings response, over 100 precomputed responses of
// different workers: the full form (?detail=full, nlohmann) and the brief
// list form the route writes by default (api/json/json_writer.h).
void EncodeTrainingsJson(benchmark::State& state, recommend::Explanation e) {
  Bench& b = World();
  const auto& rec = b.read_side->recommender();
  recommend::TrainingQuery q;
  q.k = 10;
  q.today = kToday;
  q.explanation = e;
  std::vector<recommend::TrainingList> lists;
  for (size_t i = 0; i < std::min<size_t>(100, b.ids.workers.size()); ++i) {
    lists.push_back(Must(rec.TrainingsForWorker(b.ids.workers[i], q), "list"));
  }
  size_t bytes = 0;
  Run(state, lists.size(), [&](size_t i) {
    std::string text;
    if (e == recommend::Explanation::kBrief) {
      api::WriteTrainingListBrief(lists[i], &text);
    } else {
      nlohmann::json out;
      api::EncodeTrainingList(lists[i], &out);
      text = out.dump();
    }
    bytes += text.size();
    benchmark::DoNotOptimize(text);
  });
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["bytes_per_response"] =
      static_cast<double>(bytes) / static_cast<double>(state.iterations());
}

void BM_Recommend_EncodeTrainingsJson(benchmark::State& state) {
  EncodeTrainingsJson(state, recommend::Explanation::kFull);
}
BENCHMARK(BM_Recommend_EncodeTrainingsJson)->Unit(benchmark::kMicrosecond);

void BM_Recommend_EncodeTrainingsJsonBrief(benchmark::State& state) {
  EncodeTrainingsJson(state, recommend::Explanation::kBrief);
}
BENCHMARK(BM_Recommend_EncodeTrainingsJsonBrief)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace qiancheng

BENCHMARK_MAIN();
