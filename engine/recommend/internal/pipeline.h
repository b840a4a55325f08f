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

// Retrieval of the `m` items nearest to the query among those a predicate
// keeps, by one of two paths (RecommenderOptions::post_filter_from_items
// chooses):
//  - the filter path: the passing items' ids become the filter of a filtered
//    search. Exact over what passes, but it costs a walk over every item
//    around the point and a hash lookup per passing item inside the index,
//    which dominates once a circle holds tens of thousands of items;
//  - the over-fetch path, from post_filter_from_items items on: an unfiltered
//    search for more than m, keeping the hits that pass, in order. Its cost
//    follows the hits fetched, not the items around the point.
// An over-fetch that keeps fewer than m is not followed by the filter path
// when many items pass (a filter of 100k+ ids cost 20-100 ms on the medium
// world, benchmarks/RESULTS.md): the share of its hits that passed estimates
// how many to fetch again, up to kOverFetchRounds searches. The filter path
// runs only when the estimate says few items pass (then it is cheap) or the
// fetch would pass its cap.
constexpr size_t kPostFilterMaxFetch = 4096;
constexpr int kOverFetchRounds = 3;
// The first fetch asks for this many times m by the cells' share (the cells
// overlap more than the circle, and about half of what they hold passes),
// clipped to the cap; it is tried when even kFirstFetchMinFactor times m
// fits under the cap. A later fetch aims at kRefetchFactor times m by the
// observed share.
constexpr double kFirstFetchFactor = 3.0;
constexpr double kFirstFetchMinFactor = 2.0;
constexpr double kRefetchFactor = 1.5;

// The `m` items of `ids` nearest to `q` (all of them scanned when `exact`).
Result<std::vector<index::SearchHit>> SearchAmong(
    const index::VectorIndex& index, std::span<const float> q,
    const std::vector<std::string>& ids, size_t m, bool exact);

// How many hits the next over-fetch asks for: `kept` of the `fetched` hits
// of the last one passed (fetched == 0: none yet; `estimate` items around the
// point then give the share). 0 when the filter path should run instead:
// the fetch would pass the cap (the larger of kPostFilterMaxFetch and half
// the estimated passing items: fetching costs about twice per hit what
// filtering costs per passing item), or too few items pass for the
// over-fetch to pay.
size_t NextFetch(size_t m, size_t index_size, size_t estimate, size_t fetched,
                 size_t kept, size_t post_filter_from);

// The retrieval above. `estimate` is an upper bound of the passing items
// (the cells' count); accept(hit_id) says whether an item found by the
// unfiltered search passes; collect(&ids) lists the passing ids for the
// filter path. *candidates gets the passing count (the estimate on the
// over-fetch path).
template <class Accept, class Collect>
Result<std::vector<index::SearchHit>> RetrieveFiltered(
    const index::VectorIndex& index, std::span<const float> q, size_t m,
    size_t estimate, size_t post_filter_from, const Accept& accept,
    const Collect& collect, size_t* candidates) {
  size_t fetched = 0, kept_count = 0;
  for (int round = 0; round < kOverFetchRounds; ++round) {
    const size_t fetch = NextFetch(m, index.size(), estimate, fetched,
                                   kept_count, post_filter_from);
    if (fetch == 0) break;
    index::SearchParams params;
    params.k = fetch;
    QC_ASSIGN_OR_RETURN(std::vector<index::SearchHit> hits,
                        index.Search(q, params));
    // Hits in order until m passed (each check is a catalog lookup); when
    // fewer did, every hit was checked and kept.size() is the share's count.
    std::vector<index::SearchHit> kept;
    for (index::SearchHit& hit : hits) {
      if (!accept(std::string_view(hit.id))) continue;
      kept.push_back(std::move(hit));
      if (kept.size() == m) break;
    }
    if (kept.size() == m) {
      *candidates = estimate;
      return kept;
    }
    // The search saw every item: fetching more finds nothing new (the
    // filter path then answers, with the exact passing count).
    if (hits.size() < fetch || hits.size() >= index.size()) break;
    fetched = hits.size();
    kept_count = kept.size();
  }
  std::vector<std::string> ids;
  collect(&ids);
  *candidates = ids.size();
  return SearchAmong(index, q, ids, m, /*exact=*/false);
}

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
  auto accept = [&](std::string_view id) {
    const T* item = find(id);
    if (item == nullptr || !pass(*item)) return false;
    const auto at = view.PointOf(item->region, item->lat, item->lon);
    return at && GeoGrid<T>::DistanceKm(point.lat, point.lon, at->lat,
                                        at->lon) <= radius;
  };
  auto collect = [&](std::vector<std::string>* ids) {
    grid.ForEachWithin(point.lat, point.lon, radius,
                       [&](const T& item, double) {
                         if (pass(item)) ids->push_back(item.id.str());
                       });
  };
  return RetrieveFiltered(index, q, m,
                          grid.CountNear(point.lat, point.lon, radius),
                          post_filter_from, accept, collect, candidates);
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
  auto it = by_city.find(city);
  if (it == by_city.end()) {
    *candidates = 0;
    return std::vector<index::SearchHit>{};
  }
  const StringSet& in_city = it->second;
  auto accept = [&](std::string_view id) {
    const T* item = find(id);
    return item != nullptr && in_city.count(id) != 0 && pass(*item);
  };
  auto collect = [&](std::vector<std::string>* ids) {
    for (const std::string& id : in_city) {
      const T* item = find(id);
      if (item != nullptr && pass(*item)) ids->push_back(id);
    }
  };
  return RetrieveFiltered(index, q, m, in_city.size(), post_filter_from, accept,
                          collect, candidates);
}

}  // namespace qiancheng::recommend::internal

#endif  // QIANCHENG_RECOMMEND_INTERNAL_PIPELINE_H_
