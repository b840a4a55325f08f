// embed/tfidf_lsa.h -- stage 3: the fitted Embedder. An item's vector is
//   [ text part (text_dims) | occupation part (occupation_dims) ], L2 = 1,
// text part: TF-IDF over the segmenter's words and han bigrams of the
//   normalised text (text/features.h; tf = 1 + ln count, bigrams weighted by
//   bigram_weight), projected by truncated SVD (LSA) fitted on the corpus:
//   the occupation catalog (names, 工种, definitions, main tasks, group
//   descriptions) plus stored vacancies and projects. Only features seen in
//   the corpus have a row; the others are ignored.
// occupation part: occupation_part.h, the input's codes summed by weight.
// Each part is scaled to unit length first; with both present the text part
// gets `1 - occupation_share` of the squared norm and the occupation part
// `occupation_share` (default 0.5 each). A part that is empty gives its share
// to the other. An input with neither (no known feature, no well-formed code)
// embeds as the unit vector on the last text dimension, the weakest LSA
// direction, so it is far from most items and never NaN.
// Keeps a reference to the Taxonomy (normaliser + segmenter), which must
// outlive it. Immutable after Fit()/Load(); Embed() is const and thread-safe.
#ifndef QIANCHENG_EMBED_TFIDF_LSA_H_
#define QIANCHENG_EMBED_TFIDF_LSA_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "embed/embedder.h"
#include "embed/occupation_part.h"
#include "taxonomy/taxonomy.h"

namespace qiancheng::embed {

namespace internal {
struct LsaModel;  // internal/lsa_model.h
}

struct FitOptions {
  size_t dim = 256;             // whole vector; a multiple of 8
  size_t occupation_dims = 64;  // part of dim given to the occupation-code part
  uint32_t seed = 1;            // SVD test matrix and occupation-part hashes
  // Extra documents used at most; evenly spaced over `extra` when it has more.
  size_t max_documents = 200000;
  // Share of the squared norm given to the occupation part when both parts are
  // present (see above).
  float occupation_share = 0.5f;
  // Similarity contributed by each shared level (大类, 中类, 小类, 细类),
  // summing to 1. Falling with depth keeps the order of occupation_part.h
  // robust to the rare hash collision of unrelated codes.
  LevelWeights level_weights = {0.35f, 0.3f, 0.2f, 0.15f};
  // A bigram's TF-IDF weight relative to a word. Bigrams recover words the
  // segmenter cut differently; 1.0 ranked held-out 工种 best (0.5: top-1
  // 0.367 vs 0.400 at 3 power iterations).
  float bigram_weight = 1.0f;
  // Features of the stored documents (not of the catalog) seen in fewer
  // documents are dropped: typos and one-off names would only grow the model.
  // Every catalog feature is kept, since one rare word can name an occupation.
  size_t min_document_frequency = 2;
  // Power iterations of the randomised SVD (internal/randomized_svd.h). With
  // ~2,200 catalog documents and 192 text dimensions a sharper SVD keeps the
  // dominant topics and drops the specific words that tell occupations apart:
  // held-out 工种 top-1 0.530 / 0.458 / 0.432 / 0.400 at 0 / 1 / 2 / 3
  // iterations (heldout_test.cc). Re-measure before changing it for a large
  // stored corpus.
  size_t power_iterations = 0;
  size_t oversampling = 16;
  // Normalised 工种 names and main-task sentences left out of the catalog
  // corpus: lets an evaluation embed text the model has not seen.
  std::unordered_set<std::string> held_out;
};

// progress(stage, done, total); stages: "features", "svd", "done".
using FitProgress =
    std::function<void(std::string_view stage, size_t done, size_t total)>;

class TfidfLsaEmbedder final : public Embedder {
 public:
  static constexpr int kVersion = 1;

  // Fits on the occupation catalog (definitions, main tasks, 工种) plus
  // `extra` documents (stored vacancies and projects; their text only).
  // `progress` may be null. kInvalidArgument naming the option for a dim that
  // is not a multiple of 8, occupation_dims >= dim or not a multiple of 8, or
  // weights out of range.
  static Result<std::unique_ptr<TfidfLsaEmbedder>> Fit(
      const taxonomy::Taxonomy& taxonomy, std::span<const EmbedInput> extra,
      const FitOptions& options, const FitProgress& progress);

  // Writes the model atomically: temp file, fsync, rename, fsync of the
  // directory (created if missing). kUnavailable on I/O failure.
  Status Save(const std::string& path) const;
  // kNotFound for a missing file, kInternal for a corrupt one (bad magic,
  // size or checksum), kFailedPrecondition for another format version or a
  // model fitted with another dictionary/catalog than `taxonomy`'s.
  static Result<std::unique_ptr<TfidfLsaEmbedder>> Load(
      const std::string& path, const taxonomy::Taxonomy& taxonomy);

  std::string name() const override { return "tfidf-lsa"; }
  int version() const override { return kVersion; }
  std::string id() const override;
  size_t dim() const override { return text_dims() + occupation_.dims(); }
  Status Embed(const EmbedInput& input, std::span<float> out) const override;
  using Embedder::Embed;

  ~TfidfLsaEmbedder() override;
  size_t vocabulary_size() const;
  size_t text_dims() const;
  size_t occupation_dims() const { return occupation_.dims(); }
  size_t documents() const;  // the corpus it was fitted on
  uint64_t fingerprint() const;

 private:
  TfidfLsaEmbedder(const taxonomy::Taxonomy& taxonomy,
                   std::unique_ptr<const internal::LsaModel> model);

  // Adds the TF-IDF weighted projection rows of `text`'s features to `out`.
  void AddTextPart(std::string_view text, std::span<float> out) const;

  const taxonomy::Taxonomy& taxonomy_;
  std::unique_ptr<const internal::LsaModel> model_;
  OccupationPart occupation_;
};

}  // namespace qiancheng::embed

#endif  // QIANCHENG_EMBED_TFIDF_LSA_H_
