// rank/learner.h -- stage 7 (rank) of DESIGN.md: weights learned from recorded
// outcomes. Each example is the feature values a pipeline computed for a
// (worker, item) pair and whether it led to the outcome that matters (for a
// training: employed after completing it). L2-regularised logistic regression
// fitted by Newton's method (IRLS) with Eigen; the learned coefficients of the
// features are the new weights (negative ones are cut to 0: a feature the
// data says hurts is switched off rather than turned into a penalty nobody
// designed). Pure; thread-safe.
#ifndef QIANCHENG_RANK_LEARNER_H_
#define QIANCHENG_RANK_LEARNER_H_

#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "rank/factors.h"

namespace qiancheng::rank {

struct LabelledExample {
  std::vector<FeatureValue> features;  // same names in every example
  bool positive = false;
};

struct LearnerOptions {
  double l2 = 1.0;  // ridge penalty on the coefficients (not the bias)
  int max_iterations = 50;
  double tolerance = 1e-8;
  // Fewer examples than this (or fewer than min_positives of either class)
  // is not enough to replace hand-set weights: kFailedPrecondition.
  size_t min_examples = 200;
  size_t min_positives = 20;
};

struct LearnedWeights {
  std::map<std::string, double> weights;  // >= 0, scaled so they sum to
                                          // the same total as `scale_to`
  double bias = 0;
  size_t examples = 0;
  size_t positives = 0;
  int iterations = 0;
  double log_loss = 0;  // mean on the training examples
};

// Fits on `examples`; the weights are rescaled so that their sum equals
// `scale_to` (the sum of the hand-set table), which keeps scores comparable.
Result<LearnedWeights> FitLogistic(std::span<const LabelledExample> examples,
                                   double scale_to,
                                   const LearnerOptions& options = {});

}  // namespace qiancheng::rank

#endif  // QIANCHENG_RANK_LEARNER_H_
