// recommend/internal/pipeline.h -- what the pipelines of recommender.h share:
// the step timer of the trace, the retrieval helpers (the id-filter and
// post-filter paths of RetrieveAround) and the formatters of factor details.
// Not part of the API: included by recommend/*.cc only. Stateless; the
// templates read the catalog view their caller holds under its reader lock.
#ifndef QIANCHENG_RECOMMEND_INTERNAL_PIPELINE_H_
#define QIANCHENG_RECOMMEND_INTERNAL_PIPELINE_H_

#include <algorithm>
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "recommend/recommender.h"

namespace qiancheng::recommend::internal {

using Clock = std::chrono::steady_clock;

// Distances are scaled so that a class 10 km away keeps about half the
// proximity score of one at the door (exp(-10/15) = 0.51).
constexpr double kProximityScaleKm = 15.0;
// The proximity score of an online class: that of a class about 7.5 km away.
constexpr double kOnlineProximity = 0.6;

class StepTimer {
 public:
  explicit StepTimer(Trace* trace) : trace_(trace), start_(Clock::now()) {}
  void End(std::string name, size_t items) {
    const auto now = Clock::now();
    trace_->steps.push_back(TraceStep{
        std::move(name),
        std::chrono::duration<double, std::micro>(now - start_).count(),
        items});
    start_ = now;
  }

 private:
  Trace* trace_;
  Clock::time_point start_;
};

// `value` with `digits` decimals ("%.*f").
std::string Fixed(double value, int digits);
// A rate as a whole percentage: 0.625 -> "63%" (rounded as printf does).
std::string Percent(double rate);
// Great-circle km between two points; -1 when either is unknown.
double Km(const std::optional<taxonomy::GeoPoint>& a,
          const std::optional<taxonomy::GeoPoint>& b);
// "距离 3.2 公里", or "位置未知" for a negative distance.
std::string DistanceDetail(double km);

// The highest level the worker holds or completed per occupation code
// (certificates, and classes completed with a certificate level).
std::unordered_map<std::string, int> LevelsOf(const Worker& worker,
                                              const CatalogView& view);

// True when `scope` is empty or one of its regions contains `region`.
bool ScopeAllows(std::span<const RegionCode> scope, const RegionCode& region);

// The candidates taken from the vector search for a list of k.
size_t RetrieveCount(const RecommenderOptions& o, size_t k);

// From this many items in the cells around the point, retrieval first tries
// an unfiltered search that over-fetches and keeps the items that pass (the
// circle holds a large share of the index, so enough of the nearest pass);
// below it, or when too few passed, the passing items' ids become the filter
// of an exact-or-graph filtered search. Building a filter costs one hash
// lookup per passing item, which dominates when a city holds 100k items.
// The threshold is RecommenderOptions::post_filter_from_items.
constexpr size_t kPostFilterMaxFetch = 4096;

// The `m` items of `ids` nearest to `q` (all of them scanned when `exact`).
Result<std::vector<index::SearchHit>> SearchAmong(
    const index::VectorIndex& index, std::span<const float> q,
    const std::vector<std::string>& ids, size_t m, bool exact);

// Retrieves the `m` items nearest to `q` among those of `grid` within
// `radius` km of `point` that `pass` keeps. *candidates gets the number of
// passing items (an estimate, the cells' count, on the over-fetch path).
template <class T, class Find, class Pass>
Result<std::vector<index::SearchHit>> RetrieveNear(
    const CatalogView& view, const index::VectorIndex& index,
    std::span<const float> q, const GeoGrid<T>& grid,
    const taxonomy::GeoPoint& point, double radius, size_t m,
    size_t post_filter_from, const Find& find, const Pass& pass,
    size_t* candidates) {
  const size_t near = grid.CountNear(point.lat, point.lon, radius);
  if (near >= post_filter_from && index.size() > 0) {
    const double share =
        std::max(1e-3, static_cast<double>(near) / index.size());
    const size_t fetch = std::min(
        index.size(),
        std::max(m, static_cast<size_t>(2.0 * static_cast<double>(m) / share)));
    if (fetch <= kPostFilterMaxFetch) {
      index::SearchParams params;
      params.k = fetch;
      QC_ASSIGN_OR_RETURN(std::vector<index::SearchHit> hits,
                          index.Search(q, params));
      std::vector<index::SearchHit> kept;
      for (index::SearchHit& hit : hits) {
        const T* item = find(hit.id);
        if (item == nullptr || !pass(*item)) continue;
        const auto at = view.PointOf(item->region, item->lat, item->lon);
        if (!at || GeoGrid<T>::DistanceKm(point.lat, point.lon, at->lat,
                                          at->lon) > radius) {
          continue;
        }
        kept.push_back(std::move(hit));
        if (kept.size() == m) break;
      }
      if (kept.size() == m) {
        *candidates = near;
        return kept;
      }
    }
  }
  std::vector<std::string> ids;
  grid.ForEachWithin(point.lat, point.lon, radius, [&](const T& item, double) {
    if (pass(item)) ids.push_back(item.id.str());
  });
  *candidates = ids.size();
  return SearchAmong(index, q, ids, m, /*exact=*/false);
}

// RetrieveNear when the point is known; without any location, the items of
// the caller's own city (`by_city[city]`) stand in for the radius.
template <class T, class Find, class Pass>
Result<std::vector<index::SearchHit>> RetrieveAround(
    const CatalogView& view, const index::VectorIndex& index,
    std::span<const float> q, const GeoGrid<T>& grid,
    const std::optional<taxonomy::GeoPoint>& point, double radius, size_t m,
    size_t post_filter_from, const StringMap<StringSet>& by_city,
    const CityCode& city, const Find& find, const Pass& pass,
    size_t* candidates) {
  if (point) {
    return RetrieveNear(view, index, q, grid, *point, radius, m,
                        post_filter_from, find, pass, candidates);
  }
  std::vector<std::string> ids;
  if (auto it = by_city.find(city); it != by_city.end()) {
    for (const std::string& id : it->second) {
      const T* item = find(id);
      if (item != nullptr && pass(*item)) ids.push_back(id);
    }
  }
  *candidates = ids.size();
  return SearchAmong(index, q, ids, m, /*exact=*/false);
}

}  // namespace qiancheng::recommend::internal

#endif  // QIANCHENG_RECOMMEND_INTERNAL_PIPELINE_H_
