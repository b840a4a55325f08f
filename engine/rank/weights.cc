#include "rank/weights.h"

#include <array>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace qiancheng::rank {
namespace {

constexpr std::array<std::string_view, 14> kTrainingFeatures = {
    "fit",
    "local_demand",
    "shortage",
    "institution_employment",
    "institution_pass",
    "order_class",
    "cost",
    "subsidy",
    "distance",
    "mode_fit",
    "schedule_fit",
    "seats_left",
    "start_soon",
    "priority"};
constexpr std::array<std::string_view, 7> kJobFeatures = {
    "fit",    "order_class",     "distance", "level_fit",
    "salary", "stable_contract", "freshness"};
constexpr std::array<std::string_view, 6> kCandidateFeatures = {
    "fit",      "certificate",    "trained",
    "distance", "finishing_soon", "availability"};

constexpr std::array<Pipeline, 3> kPipelines = {
    Pipeline::kTrainings, Pipeline::kJobs, Pipeline::kCandidates};

Status CheckTable(Pipeline pipeline,
                  const std::map<std::string, double>& table) {
  const std::string prefix(PipelineName(pipeline));
  for (const auto& [name, w] : table) {
    std::string field = prefix;
    field += '.';
    field += name;
    bool known = false;
    for (std::string_view f : FeatureNames(pipeline)) known |= (f == name);
    if (!known) {
      return Status::InvalidArgument(field, "unknown ranking feature");
    }
    if (!std::isfinite(w) || w < 0) {
      return Status::InvalidArgument(field, "a weight must be a number >= 0");
    }
  }
  for (std::string_view f : FeatureNames(pipeline)) {
    if (table.find(std::string(f)) == table.end()) {
      std::string field = prefix;
      field += '.';
      field += f;
      return Status::InvalidArgument(field, "missing weight");
    }
  }
  return Status::Ok();
}

}  // namespace

double Unit(double value) {
  if (!(value > 0)) return 0;  // also NaN
  return value > 1 ? 1 : value;
}

std::string_view PipelineName(Pipeline pipeline) {
  switch (pipeline) {
    case Pipeline::kTrainings:
      return "trainings";
    case Pipeline::kJobs:
      return "jobs";
    case Pipeline::kCandidates:
      return "candidates";
  }
  return "trainings";
}

std::span<const std::string_view> FeatureNames(Pipeline pipeline) {
  switch (pipeline) {
    case Pipeline::kTrainings:
      return kTrainingFeatures;
    case Pipeline::kJobs:
      return kJobFeatures;
    case Pipeline::kCandidates:
      return kCandidateFeatures;
  }
  return {};
}

Result<WeightTable> WeightTable::FromMaps(
    std::string version, std::string source,
    const std::map<std::string, double>& trainings,
    const std::map<std::string, double>& jobs,
    const std::map<std::string, double>& candidates) {
  const std::map<std::string, double>* maps[3] = {&trainings, &jobs,
                                                  &candidates};
  WeightTable table;
  table.version_ = std::move(version);
  table.source_ = std::move(source);
  for (size_t i = 0; i < kPipelines.size(); ++i) {
    QC_RETURN_IF_ERROR(CheckTable(kPipelines[i], *maps[i]));
    table.tables_[i].insert(maps[i]->begin(), maps[i]->end());
  }
  return table;
}

Result<WeightTable> WeightTable::Parse(std::string_view json_text) {
  nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::InvalidArgument("", "weights file is not a JSON object");
  }
  std::map<std::string, double> maps[3];
  for (size_t i = 0; i < kPipelines.size(); ++i) {
    const std::string name(PipelineName(kPipelines[i]));
    auto it = doc.find(name);
    if (it == doc.end() || !it->is_object()) {
      return Status::InvalidArgument(name, "missing table of weights");
    }
    for (const auto& [feature, w] : it->items()) {
      if (!w.is_number()) {
        std::string field = name;
        field += '.';
        field += feature;
        return Status::InvalidArgument(field, "a weight must be a number");
      }
      maps[i][feature] = w.get<double>();
    }
  }
  std::string version = doc.value("version", std::string());
  std::string source = doc.value("source", std::string());
  return FromMaps(std::move(version), std::move(source), maps[0], maps[1],
                  maps[2]);
}

Result<WeightTable> WeightTable::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("no weights file at " + path);
  std::stringstream text;
  text << in.rdbuf();
  Result<WeightTable> table = Parse(text.str());
  if (!table.ok()) return table.status().WithContext(path);
  return table;
}

double WeightTable::weight(Pipeline pipeline, std::string_view feature) const {
  const auto& table = tables_[static_cast<int>(pipeline)];
  auto it = table.find(feature);
  return it == table.end() ? 0.0 : it->second;
}

const std::map<std::string, double, std::less<>>& WeightTable::weights(
    Pipeline pipeline) const {
  return tables_[static_cast<int>(pipeline)];
}

ScoredFactors WeightTable::Score(Pipeline pipeline,
                                 std::span<const FeatureValue> features) const {
  ScoredFactors out;
  out.factors.reserve(features.size());
  for (const FeatureValue& f : features) {
    Factor factor;
    factor.name = f.name;
    factor.value = Unit(f.value);
    factor.weight = weight(pipeline, f.name);
    factor.contribution = factor.value * factor.weight;
    factor.detail = f.detail;
    out.score += factor.contribution;
    out.factors.push_back(std::move(factor));
  }
  return out;
}

}  // namespace qiancheng::rank
