// recommend/internal/training_factors.h -- the ranking factors of a training
// class for a worker (trainings pipeline, steps 3 and 4). TrainingFacts holds
// what was measured; Values() turns it into the 14 feature values the score
// is summed from, and Factors() into the explanation: the same values with
// their weights, contributions and Chinese details. Computing both from one
// TrainingFacts is what keeps the shown factors equal to those that ranked.
// Not part of the API. Value types and pure functions; the builder reads the
// catalog view its caller holds under the reader lock.
#ifndef QIANCHENG_RECOMMEND_INTERNAL_TRAINING_FACTORS_H_
#define QIANCHENG_RECOMMEND_INTERNAL_TRAINING_FACTORS_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/subsidy.h"
#include "rank/factors.h"
#include "rank/weights.h"
#include "recommend/catalog.h"

namespace qiancheng::recommend::internal {

constexpr size_t kFeatureCount = 14;

// The name of factor i in explanation order: the trainings features of
// rank/weights.h (data/rank/weights.json names them), which Values() follows.
inline std::string_view TrainingFeatureName(size_t i) {
  return rank::FeatureNames(rank::Pipeline::kTrainings)[i];
}

// What was measured for one class and worker.
struct TrainingFacts {
  double fit = 0;                           // embedding similarity in [0, 1]
  int head = 0, active = 0;                 // open headcount, trainees nearby
  const ShortageEntry* shortage = nullptr;  // catalog row, or null
  int completed = 0;      // the institution's trainees who finished
  double employment = 0;  // its shrunk employment rate
  double pass = 0;        // its shrunk certificate rate
  int open_linked = 0;    // open vacancies of the order class (订单班)
  double fee = 0, pays = 0, subsidy = 0;  // yuan
  bool eligible = false;
  bool online = false;
  double km = -1;  // -1: online or location unknown
  bool mode_ok = false, schedule_ok = false;
  int seats_left = 0;
  int days = 0;  // until the class starts
  bool priority = false;
};

// Measures classes for one worker, one request: caches the local demand per
// occupation over the cities near the worker.
class TrainingFactsBuilder {
 public:
  TrainingFactsBuilder(const CatalogView& view, const Worker& worker,
                       const std::vector<CityCode>& cities, Date today);
  TrainingFacts Of(const TrainingProject& p, const Institution* institution,
                   const SubsidyDecision& decision, float distance2);

 private:
  std::pair<int, int> DemandOf(const std::string& occupation);

  const CatalogView& view_;
  const Worker& worker_;
  // The totals per occupation of each city near the worker that has any.
  std::vector<const std::unordered_map<std::string, LocalTotals>*> cities_;
  Date today_;
  std::optional<taxonomy::GeoPoint> home_;
  double mean_employment_, mean_pass_;
  std::unordered_map<std::string, std::pair<int, int>> demand_;
};

// The feature values in explanation order (each clamped by the scorer).
std::array<double, kFeatureCount> Values(const TrainingFacts& t);

// The explanation: every factor with its value, weight and contribution, in
// explanation order; the Chinese detail of the `details` factors with the
// largest contributions (all of them when details >= kFeatureCount; ties go
// to the earlier factor), the others' left empty.
std::vector<rank::Factor> Factors(
    const TrainingFacts& t, const std::array<double, kFeatureCount>& weights,
    size_t details);

}  // namespace qiancheng::recommend::internal

#endif  // QIANCHENG_RECOMMEND_INTERNAL_TRAINING_FACTORS_H_
