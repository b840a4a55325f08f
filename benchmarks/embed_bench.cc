// Embed stage micro benchmarks (issue 5): embedding one realistic vacancy and
// one worker with the catalog-only model (target: tens of microseconds per
// document, single thread), fitting that model, and loading its file.
// Reference data: data/ (dictionary, OpenCC tables, occupation catalog,
// curated aliases), as the tests use it.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <stdexcept>

#include "embed/recipes.h"
#include "embed/tfidf_lsa.h"
#include "taxonomy/classifier.h"
#include "taxonomy/taxonomy.h"

namespace qiancheng::embed {
namespace {

template <class T>
T Must(Result<T> r) {
  if (!r.ok()) throw std::runtime_error(r.status().ToString());
  return std::move(r).value();
}

struct Fixture {
  Fixture()
      : taxonomy(Must(taxonomy::LoadTaxonomy(QC_SOURCE_DIR "/data"))),
        classifier(taxonomy, Options()),
        embedder(
            Must(TfidfLsaEmbedder::Fit(taxonomy, {}, FitOptions(), nullptr))) {}
  static taxonomy::ClassifierOptions Options() {
    taxonomy::ClassifierOptions options;
    options.curated_aliases = Must(taxonomy::LoadCuratedAliases(
        QC_SOURCE_DIR "/data/dict/curated_aliases.tsv"));
    return options;
  }
  taxonomy::Taxonomy taxonomy;
  taxonomy::OccupationClassifier classifier;
  std::unique_ptr<TfidfLsaEmbedder> embedder;
};

Fixture& Shared() {
  static auto* f = new Fixture();
  return *f;
}

// A vacancy as the generated world and real ads write them (~150 characters).
Vacancy RealisticVacancy() {
  Vacancy v;
  v.occupation_code = Must(OccupationCode::Parse("4-10-01-05"));
  v.title = "养老护理员（五险一金，包住）";
  v.description =
      "岗位职责：负责入住老人的日常生活照料，包括饮食、清洁、睡眠和排泄护理；"
      "协助老人进行康复训练，观察身体状况并做好护理记录；配合医护人员完成用药"
      "和基础护理。任职要求：持养老护理员五级/初级工及以上证书优先，有耐心和"
      "责任心，可接受无经验人员，提供岗前培训。";
  v.skills = {"生活照料", "基础护理", "康复护理"};
  return v;
}

Worker RealisticWorker() {
  Worker w;
  w.wishes.text = "想学照顾老人，最好是周末班";
  w.skills = {"做饭", "照顾家人"};
  return w;
}

void BM_EmbedVacancy(benchmark::State& state) {
  Fixture& f = Shared();
  const Vacancy vacancy = RealisticVacancy();
  std::vector<float> out(f.embedder->dim());
  for (auto _ : state) {
    const Status s = f.embedder->Embed(VacancyInput(vacancy), out);
    benchmark::DoNotOptimize(s.ok());
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_EmbedVacancy)->Unit(benchmark::kMicrosecond);

// The worker recipe classifies the wish text (no codes given), then embeds.
void BM_EmbedWorker(benchmark::State& state) {
  Fixture& f = Shared();
  const Worker worker = RealisticWorker();
  std::vector<float> out(f.embedder->dim());
  for (auto _ : state) {
    const Status s = f.embedder->Embed(WorkerInput(worker, &f.classifier), out);
    benchmark::DoNotOptimize(s.ok());
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_EmbedWorker)->Unit(benchmark::kMicrosecond);

// The same worker without the classifier: the embedding alone.
void BM_EmbedWorkerTextOnly(benchmark::State& state) {
  Fixture& f = Shared();
  const Worker worker = RealisticWorker();
  std::vector<float> out(f.embedder->dim());
  for (auto _ : state) {
    const Status s = f.embedder->Embed(WorkerInput(worker, nullptr), out);
    benchmark::DoNotOptimize(s.ok());
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_EmbedWorkerTextOnly)->Unit(benchmark::kMicrosecond);

// Catalog-only fit (2,234 documents, 256 dims): what `qiancheng fit` costs on
// an empty store.
void BM_EmbedFitCatalog(benchmark::State& state) {
  Fixture& f = Shared();
  for (auto _ : state) {
    auto fitted = TfidfLsaEmbedder::Fit(f.taxonomy, {}, FitOptions(), nullptr);
    benchmark::DoNotOptimize(fitted.ok());
  }
}
BENCHMARK(BM_EmbedFitCatalog)->Unit(benchmark::kSecond)->Iterations(2);

void BM_EmbedLoadModel(benchmark::State& state) {
  Fixture& f = Shared();
  const std::string path =
      (std::filesystem::temp_directory_path() / "qc_embed_bench_model.bin")
          .string();
  if (!f.embedder->Save(path).ok()) {
    state.SkipWithError("cannot save the model");
    return;
  }
  for (auto _ : state) {
    auto loaded = TfidfLsaEmbedder::Load(path, f.taxonomy);
    benchmark::DoNotOptimize(loaded.ok());
  }
  state.counters["file_mb"] =
      static_cast<double>(std::filesystem::file_size(path)) / (1 << 20);
  std::filesystem::remove(path);
}
BENCHMARK(BM_EmbedLoadModel)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace qiancheng::embed

BENCHMARK_MAIN();
