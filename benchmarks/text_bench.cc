// Text stage micro benchmarks (issue 4): normalisation, jieba segmentation and
// feature extraction throughput in bytes of UTF-8 per second, single thread
// (target >= 2 MB/s per core for segmentation). Corpus: the definitions and
// main tasks of data/occupations/occupations_2022.csv (real Chinese text,
// about 1 MB), plus the one-off cost of loading jieba's dictionary.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "text/features.h"
#include "text/normalize.h"
#include "text/segment.h"

namespace qiancheng::text {
namespace {

constexpr const char* kDict = QC_SOURCE_DIR "/data/dict/jieba_dict.txt";
constexpr const char* kHmm = QC_SOURCE_DIR "/data/dict/jieba_hmm_model.tsv";

struct Fixture {
  Fixture()
      : normalizer(Load(Normalizer::Load(QC_SOURCE_DIR "/data/dict/opencc"))),
        segmenter(Load(Segmenter::Load(kDict, kHmm))) {
    std::ifstream in(QC_SOURCE_DIR "/data/occupations/occupations_2022.csv");
    std::stringstream buffer;
    buffer << in.rdbuf();
    raw = buffer.str();
    normalized = normalizer.Normalize(raw);
  }
  template <class T>
  static T Load(Result<T> r) {
    if (!r.ok()) throw std::runtime_error(r.status().ToString());
    return std::move(r).value();
  }
  Normalizer normalizer;
  Segmenter segmenter;
  std::string raw, normalized;
};

Fixture& Shared() {
  static auto* f = new Fixture();
  return *f;
}

void BM_Text_Normalize(benchmark::State& state) {
  Fixture& f = Shared();
  for (auto _ : state) benchmark::DoNotOptimize(f.normalizer.Normalize(f.raw));
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * f.raw.size()));
}
BENCHMARK(BM_Text_Normalize)->Unit(benchmark::kMillisecond);

void BM_Text_Segment(benchmark::State& state) {
  Fixture& f = Shared();
  std::vector<std::string_view> tokens;
  for (auto _ : state) {
    tokens.clear();
    f.segmenter.Segment(f.normalized, &tokens);
    benchmark::DoNotOptimize(tokens.data());
  }
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * f.normalized.size()));
  state.counters["tokens"] = static_cast<double>(tokens.size());
}
BENCHMARK(BM_Text_Segment)->Unit(benchmark::kMillisecond);

void BM_Text_NormalizeSegmentFeatures(benchmark::State& state) {
  Fixture& f = Shared();
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        ExtractFeatures(f.segmenter, f.normalizer.Normalize(f.raw)));
  }
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * f.raw.size()));
}
BENCHMARK(BM_Text_NormalizeSegmentFeatures)->Unit(benchmark::kMillisecond);

void BM_Text_SegmentShortTitle(benchmark::State& state) {
  Fixture& f = Shared();
  const std::string title =
      f.normalizer.Normalize("招聘养老院护工,包吃住,月薪5000元");
  for (auto _ : state) benchmark::DoNotOptimize(f.segmenter.Segment(title));
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * title.size()));
}
BENCHMARK(BM_Text_SegmentShortTitle);

void BM_Text_LoadSegmenter(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(Segmenter::Load(kDict, kHmm));
}
BENCHMARK(BM_Text_LoadSegmenter)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace qiancheng::text

BENCHMARK_MAIN();
