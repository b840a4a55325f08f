#include "rank/features.h"

#include <cmath>
#include <unordered_map>

#include "rank/factors.h"

namespace qiancheng::rank {

double ShrunkRate(double successes, double trials, double prior_mean,
                  double prior_strength) {
  if (trials < 0) trials = 0;
  if (successes < 0) successes = 0;
  if (prior_strength < 0) prior_strength = 0;
  const double denominator = trials + prior_strength;
  if (denominator <= 0) return Unit(prior_mean);
  return Unit((successes + prior_mean * prior_strength) / denominator);
}

double ProximityScore(double km, double scale_km) {
  if (!(km >= 0) || !(scale_km > 0)) return 0.5;
  return std::exp(-km / scale_km);
}

double AffordabilityScore(double worker_pays_yuan, double fee_yuan) {
  if (!(fee_yuan > 0)) return 1.0;
  return Unit(1.0 - worker_pays_yuan / fee_yuan);
}

double LogScale(double x, double cap) {
  if (!(x > 0) || !(cap > 0)) return 0.0;
  return Unit(std::log1p(x) / std::log1p(cap));
}

double FitScore(float squared_l2, double floor) {
  const double cosine = 1.0 - static_cast<double>(squared_l2) / 2.0;
  if (floor >= 1.0) return cosine >= 1.0 ? 1.0 : 0.0;
  return Unit((cosine - floor) / (1.0 - floor));
}

std::vector<size_t> DiversifiedTopK(std::span<const double> scores,
                                    std::span<const std::string> groups,
                                    size_t k, double penalty) {
  std::vector<size_t> taken;
  std::vector<bool> used(scores.size(), false);
  std::unordered_map<std::string, int> per_group;
  while (taken.size() < k && taken.size() < scores.size()) {
    size_t best = scores.size();
    double best_score = 0;
    for (size_t i = 0; i < scores.size(); ++i) {
      if (used[i]) continue;
      int seen = 0;
      if (i < groups.size()) {
        auto it = per_group.find(groups[i]);
        if (it != per_group.end()) seen = it->second;
      }
      const double adjusted = scores[i] - penalty * seen;
      if (best == scores.size() || adjusted > best_score) {
        best = i;
        best_score = adjusted;
      }
    }
    used[best] = true;
    taken.push_back(best);
    if (best < groups.size()) ++per_group[groups[best]];
  }
  return taken;
}

}  // namespace qiancheng::rank
