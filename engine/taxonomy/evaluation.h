// taxonomy/evaluation.h -- measures OccupationClassifier on labelled text.
// Sets are TSV files (data/eval/): "text<TAB>codes<TAB>kind", codes separated
// by '|' (any one counts as a hit), '#' lines are comments. Kinds:
//   work_type, main_task -- derived from the classification itself; these
//     texts are held out of the index while it is evaluated;
//   colloquial           -- job titles as people write them, curated by hand.
// Deterministic: selection uses a fixed FNV-1a hash, not a random generator.
// Pure functions; thread-safe.
#ifndef QIANCHENG_TAXONOMY_EVALUATION_H_
#define QIANCHENG_TAXONOMY_EVALUATION_H_

#include <string>
#include <vector>

#include "core/result.h"
#include "taxonomy/classifier.h"

namespace qiancheng::taxonomy {

struct EvalCase {
  std::string text;
  std::vector<std::string> codes;  // acceptable answers
  std::string kind;
};

struct EvalMiss {
  EvalCase example;
  std::vector<Classification> got;  // top 5
};

struct EvalResult {
  std::string kind;
  size_t cases = 0;
  size_t top1 = 0;               // expected code ranked first
  size_t top5 = 0;               // expected code among the first five
  std::vector<EvalMiss> misses;  // not in the top 5
};

// kNotFound for a missing file; kInvalidArgument ("file:line") for a row
// without three fields or with a malformed code.
Result<std::vector<EvalCase>> ReadEvalSet(const std::string& path);
// Writes `cases` with `comment` as '#' lines on top. kUnavailable on I/O
// failure.
Status WriteEvalSet(const std::string& path, const std::string& comment,
                    const std::vector<EvalCase>& cases);

// About one 工种 in five (FNV-1a of the name % 5 == 0), labelled with every
// occupation that lists it.
std::vector<EvalCase> SelectHeldOutWorkTypes(const Taxonomy& taxonomy);
// About one main-task sentence in twelve (FNV-1a % 12 == 0), from 细类 rows.
std::vector<EvalCase> SelectHeldOutTaskSentences(const Taxonomy& taxonomy);

// Builds a classifier from `options` with every non-colloquial case held out,
// classifies each case and counts hits per kind (kinds in first-seen order).
std::vector<EvalResult> Evaluate(const Taxonomy& taxonomy,
                                 const std::vector<EvalCase>& cases,
                                 ClassifierOptions options);

}  // namespace qiancheng::taxonomy

#endif  // QIANCHENG_TAXONOMY_EVALUATION_H_
