// recommend/evaluation.h -- the offline evaluation of the trainings pipeline
// (`qiancheng eval`, issue 7): how well TrainingsFor ranks what is known to be
// right, on two labelled sets over a world already in the read model:
//   outcomes: a worker completed a class and got employed (stable or
//     flexible). The outcome is hidden from the catalog, and the worker asks
//     `days_before_start` days before the class started, when it was open for
//     enrolment; relevant = that class (and, as a second measure, any class of
//     its occupation);
//   texts: held-out occupation texts (工种 names, main-task sentences) as the
//     wish of an anonymous worker placed at an open class of that occupation;
//     relevant = the open classes of that occupation the worker could reach.
// Measures: recall@k, nDCG@k (rank/metrics.h), occupation hit and precision,
// coverage (share of open classes recommended at least once), per target
// group and per province; an ablation with each trainings feature's weight set
// to 0 in turn; and weights learned by rank/learner.h on one half of the
// outcome cases, compared with the hand-set ones on the other half.
// Time travel: "as of" a past date the catalog is today's, except that the
// held-out outcomes are removed and classes closed only because they ended
// are reopened (a class that ended was open before it started); vacancies,
// other outcomes and seats stay as they are today.
// Thread-safety: Evaluate edits the catalog it was given (pass a private one,
// never a serving read side's); one call at a time.
#ifndef QIANCHENG_RECOMMEND_EVALUATION_H_
#define QIANCHENG_RECOMMEND_EVALUATION_H_

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rank/learner.h"
#include "rank/weights.h"
#include "recommend/recommender.h"
#include "taxonomy/evaluation.h"

namespace qiancheng::recommend {

struct EvalOptions {
  size_t k = 10;              // list length measured
  Date today;                 // the world's reference date
  int days_before_start = 3;  // outcome cases ask this long before the start
  size_t max_outcome_cases = 1000;  // per half (fit, evaluation), sampled
  size_t max_text_cases = 600;      // sampled from the text cases given
  uint64_t seed = 1;                // sampling and the fit/evaluation split
  size_t learner_k = 100;           // candidates per case the learner sees
  double radius_km = 50;            // where an anonymous text worker looks
  bool ablation = true;             // run the per-feature ablation
};

// Means over the cases of one labelled set.
struct SetMetrics {
  size_t cases = 0;
  double recall = 0;                // found / min(k, |relevant|) in the top k
  double ndcg = 0;                  // nDCG@k, binary gains
  double occupation_hit = 0;        // a class of the relevant occupation in k
  double occupation_precision = 0;  // share of the top k of that occupation
  double empty = 0;                 // share of cases with an empty list
  size_t distinct_recommended = 0;  // classes in any top k
  double coverage = 0;  // distinct_recommended / open classes (see report)
};

struct GroupMetrics {
  std::string group;  // "rural_migrant", "61 陕西省", "work_type", ...
  SetMetrics metrics;
};

// One weight table's results on both sets (outcomes: the evaluation half).
struct ConfigResult {
  std::string name;  // "hand", "without fit", "learned"
  SetMetrics outcomes;
  SetMetrics texts;
};

struct LearnerReport {
  Status status;  // not ok: why no weights were learned (too few examples)
  rank::LearnedWeights learned;
  std::map<std::string, double> hand;
  size_t fit_cases = 0;            // outcome cases of the fitting half
  size_t cases_with_positive = 0;  // ... whose class was among the candidates
};

struct EvalReport {
  size_t k = 0;
  Date today;
  size_t employed_outcomes = 0;  // completed and employed, before sampling
  size_t fit_cases = 0;
  size_t eval_cases = 0;
  size_t text_cases = 0;          // with an open class of the occupation
  size_t text_cases_skipped = 0;  // none open: nothing to find
  size_t open_classes_today = 0;  // the text set's coverage denominator
  size_t open_classes_as_of = 0;  // the outcome set's (earliest asked date)
  size_t reopened_classes = 0;
  ConfigResult hand;
  std::vector<GroupMetrics> outcomes_by_group;     // target groups
  std::vector<GroupMetrics> outcomes_by_province;  // the worker's
  std::vector<GroupMetrics> texts_by_province;     // where the worker stood
  std::vector<GroupMetrics> texts_by_kind;         // work_type, main_task
  std::vector<ConfigResult> ablation;  // one per feature, "without <name>"
  LearnerReport learner;
  std::optional<ConfigResult> learned;
};

class Evaluator {
 public:
  // Every reference must outlive the evaluator; `catalog` is edited by
  // Evaluate (see the file comment). `classifier` may be null.
  Evaluator(Catalog& catalog, const IndexSet& indexes,
            const embed::Embedder& embedder,
            const taxonomy::OccupationClassifier* classifier,
            const taxonomy::OccupationCatalog* occupations,
            const policy::PolicySet& policies, const rank::WeightTable& weights,
            RecommenderOptions recommender_options = {});

  // Runs the whole evaluation. kFailedPrecondition when the catalog has no
  // employed outcome and no text case finds an open class (nothing to
  // measure); a learner without enough examples is reported, not an error.
  Result<EvalReport> Evaluate(std::span<const taxonomy::EvalCase> text_cases,
                              const EvalOptions& options);

 private:
  Catalog& catalog_;
  const IndexSet& indexes_;
  const embed::Embedder& embedder_;
  const taxonomy::OccupationClassifier* classifier_;
  const taxonomy::OccupationCatalog* occupations_;
  const policy::PolicySet& policies_;
  const rank::WeightTable& weights_;
  const RecommenderOptions recommender_options_;
};

}  // namespace qiancheng::recommend

#endif  // QIANCHENG_RECOMMEND_EVALUATION_H_
