// Policy stage micro benchmarks (issue 6): the batch eligibility filter over
// 10,000 candidate projects for one worker (target < 2 ms, single thread),
// and one full decision with its Chinese reasons. Seeded random world
// (tests/engine/policy/random_world.h), real data/policies/ files.
#include <benchmark/benchmark.h>

#include "engine/policy/random_world.h"
#include "policy/eligibility.h"

namespace qiancheng::policy {
namespace {

constexpr uint32_t kSeed = 20261124;

struct Fixture {
  Fixture()
      : world(kSeed),
        shortage(world.Shortage()),
        institutions(world.Institutions()) {
    auto loaded = PolicySet::Load(QC_SOURCE_DIR "/data/policies");
    if (!loaded.ok()) throw std::runtime_error(loaded.status().ToString());
    policies = std::move(loaded).value();
    worker = world.NextWorker(0);
    for (int i = 0; i < 10000; ++i) projects.push_back(world.NextProject(i));
  }
  testing::RandomWorld world;
  PolicySet policies;
  ShortageList shortage;
  InstitutionMap institutions;
  Worker worker;
  std::vector<TrainingProject> projects;
};

Fixture& Shared() {
  static auto* f = new Fixture();
  return *f;
}

void BM_Policy_Filter10k(benchmark::State& state) {
  Fixture& f = Shared();
  Eligibility eligibility(f.policies, f.shortage);
  Date day = Date::FromYmd(2026, 3, 1);
  size_t eligible = 0;
  for (auto _ : state) {
    auto bits = eligibility.Filter(f.worker, f.projects, f.institutions, day);
    eligible = static_cast<size_t>(std::count(bits.begin(), bits.end(), true));
    benchmark::DoNotOptimize(bits);
  }
  state.counters["eligible"] = static_cast<double>(eligible);
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(f.projects.size()));
}
BENCHMARK(BM_Policy_Filter10k)->Unit(benchmark::kMillisecond);

void BM_Policy_DecideOne(benchmark::State& state) {
  Fixture& f = Shared();
  Eligibility eligibility(f.policies, f.shortage);
  Date day = Date::FromYmd(2026, 3, 1);
  size_t i = 0;
  for (auto _ : state) {
    const TrainingProject& p = f.projects[i++ % f.projects.size()];
    auto it = f.institutions.find(p.institution_id);
    auto d = eligibility.Decide(
        f.worker, p, it == f.institutions.end() ? nullptr : &it->second, day);
    benchmark::DoNotOptimize(d);
  }
}
BENCHMARK(BM_Policy_DecideOne)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace qiancheng::policy

BENCHMARK_MAIN();
