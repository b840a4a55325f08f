// taxonomy/classifier.h -- free text -> occupation codes: a vacancy title or
// description, a training title or a worker's wish ("想学电工", "养老院护工")
// -> the top-k 细类 of the classification with scores.
// Scoring is BM25F over each occupation's fields (name, aliases = 工种 plus
// the curated aliases, definition, main tasks), with the query and fields
// turned into words and han bigrams by text/features.h, plus a boost when the
// query contains an occupation's name or alias (or the name without its last
// character, 保安员 -> 保安). Scores are comparable within one query only.
// Residual "其他…" rows are not candidates unless options say so.
// Immutable after construction; Classify() is const and thread-safe. It keeps
// a reference to the Taxonomy, which must outlive it.
#ifndef QIANCHENG_TAXONOMY_CLASSIFIER_H_
#define QIANCHENG_TAXONOMY_CLASSIFIER_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/result.h"
#include "taxonomy/taxonomy.h"
#include "text/features.h"

namespace qiancheng::taxonomy {

// An alias the project added by hand (data/dict/curated_aliases.tsv), e.g.
// 外卖骑手 for 网约配送员: colloquial names the classification does not use.
struct CuratedAlias {
  std::string code;
  std::string alias;
};

// Reads "code<TAB>alias<TAB>rationale" rows ('#' comments). kNotFound for a
// missing file; kInvalidArgument ("file:line") for a bad code or short row.
Result<std::vector<CuratedAlias>> LoadCuratedAliases(const std::string& path);

struct ClassifierOptions {
  // BM25F field weights: a name match says more than a word in the tasks.
  double name_weight = 3.0;
  double alias_weight = 2.0;
  double definition_weight = 1.0;
  double task_weight = 0.5;
  double bigram_weight = 0.5;   // query weight of a bigram relative to a word
  double unigram_weight = 0.2;  // query weight of a single han character
  double boilerplate_weight = 0.1;  // query weight of 招聘, 想学, 学徒 …
  double k1 = 1.2;                  // BM25 term-frequency saturation
  double b = 0.75;                  // BM25 length normalisation
  // Added per character of the longest name/alias found inside the query.
  double contain_boost = 1.0;
  bool include_residual = false;  // allow "其他…" rows as candidates
  // Aliases and task sentences (normalised text) left out of the index: lets
  // an evaluation ask about text the index has not seen.
  std::unordered_set<std::string> held_out;
  std::vector<CuratedAlias> curated_aliases;
};

struct Classification {
  std::string code;
  std::string name;
  double score = 0;
};

class OccupationClassifier {
 public:
  OccupationClassifier(const Taxonomy& taxonomy, ClassifierOptions options);

  // The k best occupations for `text`, best first (ties by code). Empty when
  // no feature of the text occurs in the index.
  std::vector<Classification> Classify(std::string_view text,
                                       size_t k = 5) const;

 private:
  struct Posting {
    uint32_t doc;
    float weight;  // BM25F pseudo term frequency
  };
  struct Doc {
    const OccupationEntry* entry;
    std::vector<std::string>
        names;         // normalised name and aliases, longest first
    std::string stem;  // name without its last character ("" if < 2 chars)
  };
  // Term frequencies of one field: (term id, count) sorted by id, and length.
  struct FieldCounts {
    std::vector<std::pair<uint32_t, int>> tf;
    int length = 0;
  };
  static constexpr int kFieldCount = 4;  // name, aliases, definition, tasks
  using DocCounts = std::array<FieldCounts, kFieldCount>;

  void BuildIndex();
  uint32_t Intern(const std::string& key);
  FieldCounts Count(const std::string& normalized);
  DocCounts AddDoc(const OccupationEntry& e,
                   const std::vector<std::string>& curated);
  void FillPostings(const std::vector<DocCounts>& counts);
  struct QueryFeatures {
    text::TextFeatures text;
    std::vector<std::string> unigrams;
  };
  void AddScores(const QueryFeatures& query, std::vector<double>* scores) const;
  double ContainBoost(const Doc& doc, const std::string& query) const;

  const Taxonomy& taxonomy_;
  ClassifierOptions options_;
  std::vector<Doc> docs_;
  std::unordered_map<std::string, uint32_t> terms_;
  std::vector<std::vector<Posting>> postings_;  // by term id
  std::vector<double> idf_;                     // by term id
};

}  // namespace qiancheng::taxonomy

#endif  // QIANCHENG_TAXONOMY_CLASSIFIER_H_
