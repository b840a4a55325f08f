// Taxonomy stage micro benchmarks (issue 4): loading the text models and the
// occupation catalog (what every `qiancheng classify` call pays), building the
// classifier index, classifying a short title and a vacancy description, and
// region lookups by name and distance. Real data/ files; single thread.
#include <benchmark/benchmark.h>

#include <stdexcept>

#include "taxonomy/classifier.h"
#include "taxonomy/regions.h"
#include "taxonomy/taxonomy.h"

namespace qiancheng::taxonomy {
namespace {

template <class T>
T OrThrow(Result<T> r) {
  if (!r.ok()) throw std::runtime_error(r.status().ToString());
  return std::move(r).value();
}

struct Fixture {
  Fixture()
      : taxonomy(OrThrow(LoadTaxonomy(QC_SOURCE_DIR "/data"))),
        classifier(taxonomy, Options()),
        regions(OrThrow(RegionTable::Load(
            QC_SOURCE_DIR "/data/regions/regions_gbt2260.csv"))) {}
  static ClassifierOptions Options() {
    ClassifierOptions o;
    o.curated_aliases = OrThrow(
        LoadCuratedAliases(QC_SOURCE_DIR "/data/dict/curated_aliases.tsv"));
    return o;
  }
  Taxonomy taxonomy;
  OccupationClassifier classifier;
  RegionTable regions;
};

Fixture& Shared() {
  static auto* f = new Fixture();
  return *f;
}

void BM_Taxonomy_Load(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(LoadTaxonomy(QC_SOURCE_DIR "/data"));
}
BENCHMARK(BM_Taxonomy_Load)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_Taxonomy_BuildClassifier(benchmark::State& state) {
  Fixture& f = Shared();
  for (auto _ : state) {
    OccupationClassifier c(f.taxonomy, Fixture::Options());
    benchmark::DoNotOptimize(&c);
  }
}
BENCHMARK(BM_Taxonomy_BuildClassifier)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

void BM_Taxonomy_ClassifyTitle(benchmark::State& state) {
  Fixture& f = Shared();
  for (auto _ : state)
    benchmark::DoNotOptimize(f.classifier.Classify("招聘养老院护工", 5));
}
BENCHMARK(BM_Taxonomy_ClassifyTitle)->Unit(benchmark::kMicrosecond);

void BM_Taxonomy_ClassifyDescription(benchmark::State& state) {
  Fixture& f = Shared();
  // A generated vacancy description (not a real ad), about 100 characters.
  const std::string text =
      "某物流公司招聘叉车司机3名,持有特种设备作业人员证(叉车),"
      "负责仓库货物装卸、堆垛、"
      "入库出库作业,做好叉车日常检查和维护保养,能适应两班倒,五险一金,包住宿。";
  for (auto _ : state) benchmark::DoNotOptimize(f.classifier.Classify(text, 5));
}
BENCHMARK(BM_Taxonomy_ClassifyDescription)->Unit(benchmark::kMicrosecond);

void BM_Taxonomy_RegionByName(benchmark::State& state) {
  Fixture& f = Shared();
  for (auto _ : state)
    benchmark::DoNotOptimize(f.regions.FindByName("陕西西安雁塔区"));
}
BENCHMARK(BM_Taxonomy_RegionByName)->Unit(benchmark::kMicrosecond);

void BM_Taxonomy_RegionDistance(benchmark::State& state) {
  Fixture& f = Shared();
  for (auto _ : state)
    benchmark::DoNotOptimize(f.regions.DistanceKm("610113", "520102"));
}
BENCHMARK(BM_Taxonomy_RegionDistance);

}  // namespace
}  // namespace qiancheng::taxonomy

BENCHMARK_MAIN();
