// rank/features.h -- stage 7 (rank) of DESIGN.md: the small numeric pieces the
// pipelines turn their measurements into feature values with, kept here so
// every pipeline scales a distance or a rate the same way and the evaluation
// can reason about them. Pure functions; thread-safe.
#ifndef QIANCHENG_RANK_FEATURES_H_
#define QIANCHENG_RANK_FEATURES_H_

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace qiancheng::rank {

// A rate shrunk toward `prior_mean` (empirical Bayes with a beta prior of
// `prior_strength` pseudo-observations): an institution with 2 classes and
// 100% employment does not outrank one with 40 classes and 85%.
double ShrunkRate(double successes, double trials, double prior_mean,
                  double prior_strength);

// exp(-km / scale_km): 1 at the door, 0.37 at scale_km. A negative or NaN
// distance (no location known) scores 0.5: unknown is neither near nor far.
double ProximityScore(double km, double scale_km);

// 1 when the worker pays nothing, 0 when they pay the full fee.
double AffordabilityScore(double worker_pays_yuan, double fee_yuan);

// log(1 + x) / log(1 + cap), clamped to [0, 1]: demand of 0 -> 0, cap -> 1.
double LogScale(double x, double cap);

// Cosine similarity of two unit vectors from their squared L2 distance,
// mapped to [0, 1]: (1 + cos) / 2 would squash; (cos - floor)/(1 - floor)
// keeps the spread where embeddings actually lie (cos >= floor).
double FitScore(float squared_l2, double floor = 0.0);

// Greedy top-k with diversity: repeatedly takes the item with the best score
// minus `penalty` times the number of items already taken from its group (its
// occupation), so a list is not ten classes of one occupation when others fit
// nearly as well. Returns indices into `scores`, in the order taken.
std::vector<size_t> DiversifiedTopK(std::span<const double> scores,
                                    std::span<const std::string> groups,
                                    size_t k, double penalty);

}  // namespace qiancheng::rank

#endif  // QIANCHENG_RANK_FEATURES_H_
