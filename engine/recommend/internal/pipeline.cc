#include "recommend/internal/pipeline.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace qiancheng::recommend::internal {

std::string Fixed(double value, int digits) {
  // to_chars in fixed format prints as printf("%.*f") does in the C locale,
  // without printf's format parsing (most of a factor detail's cost).
  char buf[352];  // the longest fixed double (1e308) with a few decimals
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value,
                                 std::chars_format::fixed, digits);
  if (ec != std::errc()) {
    std::snprintf(buf, sizeof buf, "%.*f", digits, value);
    return buf;
  }
  return std::string(buf, end);
}

std::string Percent(double rate) { return Fixed(rate * 100.0, 0) + "%"; }

double Km(const std::optional<taxonomy::GeoPoint>& a,
          const std::optional<taxonomy::GeoPoint>& b) {
  if (!a || !b) return -1;
  return taxonomy::HaversineKm(*a, *b);
}

std::string DistanceDetail(double km) {
  if (km < 0) return "位置未知";
  return "距离 " + Fixed(km, 1) + " 公里";
}

std::unordered_map<std::string, int> LevelsOf(const Worker& worker,
                                              const CatalogView& view) {
  std::unordered_map<std::string, int> levels;
  auto note = [&](const std::string& code, int rank) {
    auto [it, inserted] = levels.emplace(code, rank);
    if (!inserted) it->second = std::max(it->second, rank);
  };
  for (const Certificate& c : worker.certificates) {
    note(c.occupation_code.str(), LevelRank(c.level));
  }
  for (const Outcome* o : view.OutcomesOf(worker.id.str())) {
    if (!o->completed) continue;
    const TrainingProject* p = view.FindProject(o->project_id.str());
    if (p == nullptr) continue;
    note(p->occupation_code.str(),
         LevelRank(o->certificate_level.value_or(p->level)));
  }
  return levels;
}

bool ScopeAllows(std::span<const RegionCode> scope, const RegionCode& region) {
  if (scope.empty()) return true;
  for (const RegionCode& s : scope)
    if (s.Contains(region)) return true;
  return false;
}

size_t RetrieveCount(const RecommenderOptions& o, size_t k) {
  return std::max(o.retrieve_min, k * o.retrieve_per_k);
}

size_t OverFetchCount(size_t m, size_t index_size, size_t estimate,
                      size_t post_filter_from) {
  if (index_size == 0 || estimate == 0 || estimate < post_filter_from) return 0;
  // The cells overlap more than the circle and about half of what they hold
  // passes: 3 m by the cells' share finds m in most calls.
  const double fetch =
      std::ceil(3.0 * static_cast<double>(m) * static_cast<double>(index_size) /
                static_cast<double>(estimate));
  if (fetch > static_cast<double>(kOverFetchMax)) return 0;
  return static_cast<size_t>(std::min(std::max(fetch, static_cast<double>(m)),
                                      static_cast<double>(index_size)));
}

Result<std::vector<index::SearchHit>> SearchAmong(
    const index::VectorIndex& index, std::span<const float> q,
    const std::vector<std::string>& ids, size_t m, bool exact) {
  if (ids.empty()) return std::vector<index::SearchHit>{};
  index::IdFilter filter = index.FilterFromIds(ids);
  index::SearchParams params;
  params.k = m;
  params.exact = exact;
  return index.Search(q, params, &filter);
}

}  // namespace qiancheng::recommend::internal
