// embed/internal/lsa_model.h -- the fitted parameters of TfidfLsaEmbedder, as
// Fit() builds them, Save() writes and Load() reads (model_file.cc). Feature
// rows: the words first, then the bigrams, each in the order of their names.
#ifndef QIANCHENG_EMBED_INTERNAL_LSA_MODEL_H_
#define QIANCHENG_EMBED_INTERNAL_LSA_MODEL_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "embed/internal/randomized_svd.h"
#include "embed/occupation_part.h"

namespace qiancheng::embed::internal {

struct LsaModel {
  std::vector<std::string> feature_names;  // by row
  size_t word_count = 0;                   // rows [0, word_count) are words
  std::vector<float> idf;                  // by row
  RowMajorMatrix projection;               // rows x text_dims
  size_t text_dims = 0;
  size_t occupation_dims = 0;
  uint32_t seed = 1;
  LevelWeights level_weights{};
  float occupation_share = 0.5f;
  float bigram_weight = 0.5f;
  uint64_t documents = 0;
  uint64_t taxonomy_signature = 0;  // see TaxonomySignature()
  uint64_t fingerprint = 0;         // Fingerprint() of the fitted model

  // Lookup tables over feature_names (BuildIndex()).
  std::unordered_map<std::string, uint32_t> words, bigrams;
  void BuildIndex();
};

// Identifies the dictionary and catalog a model's features come from.
uint64_t TaxonomySignature(size_t occupations, size_t dictionary_words);

// Rounds every value to the nearest IEEE half (the file's precision: it halves
// the model, and cosines move by < 1e-3).
void RoundToHalf(RowMajorMatrix* matrix);

// FNV-1a 64 of the payload: the same parameters give the same fingerprint.
uint64_t Fingerprint(const LsaModel& model);
// The file image of `model` (header + payload).
std::string Serialize(const LsaModel& model);
// Parses a file image. kInternal for a bad magic, size or checksum;
// kFailedPrecondition for another format version.
Result<LsaModel> Parse(std::string_view image, int expected_version);

}  // namespace qiancheng::embed::internal

#endif  // QIANCHENG_EMBED_INTERNAL_LSA_MODEL_H_
