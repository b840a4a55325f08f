// rank/factors.h -- stage 7 (rank) of DESIGN.md: a candidate's ranking factors
// and the linear score over them. Every factor is a value in [0, 1] (1 = best
// for the worker or the employer), a weight from the pipeline's weight table,
// and the contribution value * weight, with a Chinese sentence that says what
// was measured ("距离 3.2 公里"), so a counselor can read why an item ranks
// where it does. Value types; thread-compatible.
#ifndef QIANCHENG_RANK_FACTORS_H_
#define QIANCHENG_RANK_FACTORS_H_

#include <string>
#include <vector>

namespace qiancheng::rank {

struct Factor {
  std::string name;  // "fit", "distance", ... (weights.h names them all)
  double value = 0;  // in [0, 1]
  double weight = 0;
  double contribution = 0;  // value * weight
  std::string detail;       // what was measured, in Chinese
};

// A feature value before weighting.
struct FeatureValue {
  std::string name;
  double value = 0;  // clamped to [0, 1] by Score()
  std::string detail;
};

struct ScoredFactors {
  double score = 0;             // sum of the contributions
  std::vector<Factor> factors;  // in the order of the features given
};

// Clamps a value into [0, 1] (NaN -> 0).
double Unit(double value);

}  // namespace qiancheng::rank

#endif  // QIANCHENG_RANK_FACTORS_H_
