// rank/weights.h -- stage 7 (rank) of DESIGN.md: the weight table of each
// pipeline. Hand-set weights come from a JSON file (data/rank/weights.json):
//   {"version": "...", "source": "...",
//    "trainings": {"fit": 3.0, ...}, "jobs": {...}, "candidates": {...}}
// Every feature a pipeline computes must have a weight (a missing or unknown
// name is an error naming the field), so adding a feature without deciding
// its weight fails at start, not silently at 0. A learner (learner.h) produces
// the same table from recorded outcomes. Immutable after load; thread-safe.
#ifndef QIANCHENG_RANK_WEIGHTS_H_
#define QIANCHENG_RANK_WEIGHTS_H_

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "rank/factors.h"

namespace qiancheng::rank {

enum class Pipeline { kTrainings, kJobs, kCandidates };

std::string_view PipelineName(Pipeline pipeline);  // "trainings", ...

// The feature names each pipeline computes, in explanation order.
std::span<const std::string_view> FeatureNames(Pipeline pipeline);

class WeightTable {
 public:
  // From the parsed contents of a weights file. kInvalidArgument naming the
  // field ("trainings.fit") for a missing, unknown, negative or non-numeric
  // weight.
  static Result<WeightTable> Parse(std::string_view json_text);
  static Result<WeightTable> Load(const std::string& path);
  // From weights learned elsewhere (learner.h); same checks as Parse.
  static Result<WeightTable> FromMaps(
      std::string version, std::string source,
      const std::map<std::string, double>& trainings,
      const std::map<std::string, double>& jobs,
      const std::map<std::string, double>& candidates);

  double weight(Pipeline pipeline, std::string_view feature) const;
  const std::map<std::string, double, std::less<>>& weights(
      Pipeline pipeline) const;
  const std::string& version() const { return version_; }
  const std::string& source() const { return source_; }

  // Weighted sum of `features` with this table's weights for `pipeline`.
  // A feature name the table does not know weighs 0 (Parse guarantees the
  // pipelines' own names are all known).
  ScoredFactors Score(Pipeline pipeline,
                      std::span<const FeatureValue> features) const;

 private:
  std::string version_;
  std::string source_;
  std::map<std::string, double, std::less<>> tables_[3];
};

}  // namespace qiancheng::rank

#endif  // QIANCHENG_RANK_WEIGHTS_H_
