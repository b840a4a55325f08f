// recommend/internal/pipeline.h -- what the pipelines of recommender.h share:
// the step timer of the trace, the retrieval helpers (the over-fetch, packed
// rows and id paths of RetrieveAround) and the formatters of factor details.
// Not part of the API: included by recommend/*.cc only. Stateless; the
// templates read the catalog view their caller holds under its reader lock.
#ifndef QIANCHENG_RECOMMEND_INTERNAL_PIPELINE_H_
#define QIANCHENG_RECOMMEND_INTERNAL_PIPELINE_H_

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "recommend/packed_rows.h"
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
// keeps. Three paths:
//  - the over-fetch, when the items around the point are a large share of
//    the index (from post_filter_from_items of them, and when 3 m / share
//    is at most kOverFetchMax hits): an unfiltered search for 3 m / share
//    hits, keeping those that pass, in order, and one more by the share
//    that passed when that is at most kOverFetchAgainMax hits. Its cost
//    follows the hits, not the items around the point (Xi'an's circles hold
//    300k+ vacancies).
//  - the packed rows (RecommenderOptions::packed_rows, the default; also
//    when the over-fetch keeps fewer than m): the filter is composed from
//    the index rows the catalog keeps per cell (packed_rows.h), keeping the
//    items whose facts (offer days, point within the radius) pass; the
//    filtered search asks for a few more than m, each hit is checked in
//    full, and it asks again for more, by the share that passed, until m
//    passed or every kept row was seen. No id is hashed per request (the
//    id path below cost 2-10 ms a call in circles of 10k-40k items on the
//    medium world, benchmarks/RESULTS.md).
//  - the id path (without packed rows, or when the index was rebuilt while
//    the request ran): the passing items' ids become the filter. Exact over
//    what passes, at the cost of a walk over every item around the point and
//    a hash lookup per passing id inside the index. The tests' oracle.
constexpr size_t kOverFetchMax = 1024;
// An over-fetch that kept too few fetches once more when 1.5 m / the share
// that passed is at most this many hits (cheaper than the packed walk of the
// 100k+ items such circles hold).
constexpr size_t kOverFetchAgainMax = 2048;
// The packed path's first search asks for this many times m (the facts leave
// out most of what fails: nine in ten first searches on the medium world
// kept m). A filtered search costs about its k (the index scans lists until
// it saw ivf_filtered_passing_per_hit passing rows per hit).
constexpr double kPackedFirstFactor = 1.15;
// A later search asks for this many times m by the share that passed.
constexpr double kRefetchFactor = 1.5;

// The `m` items of `ids` nearest to `q` (all of them scanned when `exact`).
Result<std::vector<index::SearchHit>> SearchAmong(
    const index::VectorIndex& index, std::span<const float> q,
    const std::vector<std::string>& ids, size_t m, bool exact);

// How many hits the over-fetch asks for, `estimate` items (an upper bound
// of the passing ones) lying around the point; 0 when it should not run.
size_t OverFetchCount(size_t m, size_t index_size, size_t estimate,
                      size_t post_filter_from);

// Hits of `hits` that accept(id) passes, in order, at most m.
template <class Accept>
std::vector<index::SearchHit> KeepPassing(std::vector<index::SearchHit>& hits,
                                          size_t m, const Accept& accept) {
  std::vector<index::SearchHit> kept;
  for (index::SearchHit& hit : hits) {
    if (!accept(std::string_view(hit.id))) continue;
    kept.push_back(std::move(hit));
    if (kept.size() == m) break;
  }
  return kept;
}

// The packed tables of `n` items (item_at(i) -> {const T*, lat, lon}) for
// `index`: those with offer days (CatalogView::OfferDaysOf) and a live row.
template <class T, class ItemAt>
void BuildPacked(const CatalogView& view, const index::VectorIndex& index,
                 size_t n, const ItemAt& item_at, PackedRows* out) {
  std::vector<std::string_view> ids;
  std::vector<PackedItem> items;
  ids.reserve(n);
  items.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const auto [item, lat, lon] = item_at(i);
    const std::optional<OfferDays> days = view.OfferDaysOf(*item);
    if (!days) continue;
    ids.push_back(item->id.str());
    PackedItem packed{0, static_cast<float>(lat), static_cast<float>(lon),
                      *days};
    if constexpr (std::is_same_v<T, TrainingProject>) {
      packed.occupation = view.OccupationKey(item->occupation_code.str());
      packed.level = static_cast<uint8_t>(LevelRank(item->level));
    }
    items.push_back(packed);
  }
  std::vector<uint32_t> rows(ids.size());
  out->layout = index.RowsOf(ids, rows);
  for (size_t i = 0; i < items.size(); ++i) {
    if (rows[i] == index::kNoRow) continue;
    items[i].row = rows[i];
    out->items.push_back(items[i]);
  }
  out->items.shrink_to_fit();
}

// The packed table of a grid cell (its entries and slot) for the index
// layout `layout`, built if missing or stale.
template <class T>
std::shared_ptr<const PackedRows> CellRows(
    const CatalogView& view, const index::VectorIndex& index, uint64_t layout,
    std::span<const typename GeoGrid<T>::Entry> entries,
    const PackedSlot& slot) {
  return slot.Get(layout, [&](PackedRows* out) {
    BuildPacked<T>(
        view, index, entries.size(),
        [&](size_t i) {
          return std::tuple(entries[i].item, entries[i].lat, entries[i].lon);
        },
        out);
  });
}

// The same for a province's online classes.
inline std::shared_ptr<const PackedRows> OnlineRows(
    const CatalogView& view, const index::VectorIndex& index, uint64_t layout,
    const OnlineClasses& online) {
  return online.packed.Get(layout, [&](PackedRows* out) {
    BuildPacked<TrainingProject>(
        view, index, online.items.size(),
        [&](size_t i) { return std::tuple(online.items[i], 0.0, 0.0); }, out);
  });
}

// The `m` nearest to `q` among the items of `tables` (all for space.layout)
// that pre(const PackedItem&) keeps and accept(id) passes. *candidates gets
// the count pre kept (an upper bound of the passing items).
// kFailedPrecondition when a table or the search met another layout (the
// index was rebuilt meanwhile): the caller takes the id path.
template <class Pre, class Accept>
Result<std::vector<index::SearchHit>> SearchPacked(
    const index::VectorIndex& index, index::RowSpace space,
    std::span<const float> q, size_t m,
    std::span<const std::shared_ptr<const PackedRows>> tables, const Pre& pre,
    const Accept& accept, size_t* candidates) {
  index::IdFilter filter(space);
  for (const auto& table : tables) {
    if (table->layout != space.layout) {
      return Status::FailedPrecondition("index rebuilt during the request");
    }
    for (const PackedItem& item : table->items) {
      // Rows added after `space` was read are left to the next request.
      if (item.row < space.rows && pre(item)) filter.Keep(item.row);
    }
  }
  const size_t count = filter.count();
  *candidates = count;
  if (count == 0) return std::vector<index::SearchHit>{};
  size_t fetch =
      std::min(count, static_cast<size_t>(std::ceil(kPackedFirstFactor * m)));
  for (;;) {
    index::SearchParams params;
    params.k = fetch;
    QC_ASSIGN_OR_RETURN(std::vector<index::SearchHit> hits,
                        index.Search(q, params, &filter));
    const size_t seen = hits.size();
    std::vector<index::SearchHit> kept = KeepPassing(hits, m, accept);
    // Done when m passed or the search returned every row it could.
    if (kept.size() == m || fetch >= count || seen < fetch) return kept;
    const double share =
        static_cast<double>(std::max<size_t>(kept.size(), 1)) / seen;
    fetch = std::min(
        count, std::max(2 * fetch, static_cast<size_t>(
                                       std::ceil(kRefetchFactor * m / share))));
  }
}

// The retrieval above. `estimate` is an upper bound of the passing items
// (the cells' count); accept(hit_id) says whether an item found by a search
// passes; packed(&candidates) runs the packed path (kFailedPrecondition to
// give way to the id path); collect(&ids) lists the passing ids for the id
// path. *candidates gets the passing count (exact on the id path, an upper
// bound on the others).
template <class Accept, class Packed, class Collect>
Result<std::vector<index::SearchHit>> RetrieveFiltered(
    const index::VectorIndex& index, std::span<const float> q, size_t m,
    size_t estimate, const RecommenderOptions& options, const Accept& accept,
    const Packed& packed, const Collect& collect, size_t* candidates) {
  size_t fetch =
      OverFetchCount(m, index.size(), estimate, options.post_filter_from_items);
  for (int round = 0; round < 2 && fetch > 0; ++round) {
    index::SearchParams params;
    params.k = fetch;
    QC_ASSIGN_OR_RETURN(std::vector<index::SearchHit> hits,
                        index.Search(q, params));
    const size_t seen = hits.size();
    std::vector<index::SearchHit> kept = KeepPassing(hits, m, accept);
    if (kept.size() == m) {
      *candidates = estimate;
      return kept;
    }
    if (seen < fetch) break;  // it saw every item: the packed path counts
    const double share =
        static_cast<double>(std::max<size_t>(kept.size(), 1)) / seen;
    const double again = std::ceil(kRefetchFactor * m / share);
    fetch = again <= static_cast<double>(kOverFetchAgainMax)
                ? std::max(static_cast<size_t>(again), fetch + 1)
                : 0;
  }
  if (options.packed_rows) {
    Result<std::vector<index::SearchHit>> found = packed(candidates);
    if (found.ok() || found.status().code() != Code::kFailedPrecondition) {
      return found;
    }
  }
  std::vector<std::string> ids;
  collect(&ids);
  *candidates = ids.size();
  return SearchAmong(index, q, ids, m, /*exact=*/false);
}

// A packed_pass for pipelines whose rules need no more of the packed facts
// than the offer days and the point.
inline bool AnyPacked(const PackedItem&) { return true; }

// Retrieves the `m` items nearest to `q` among those of `grid` within
// `radius` km of `point` that `pass` keeps. packed_pass(const PackedItem&)
// is the pipeline's own necessary condition on the packed facts (pass
// implies it). *candidates gets the number of passing items (an upper
// bound off the id path).
template <class T, class Find, class Pass, class PackedPass>
Result<std::vector<index::SearchHit>> RetrieveNear(
    const CatalogView& view, const index::VectorIndex& index,
    std::span<const float> q, const GeoGrid<T>& grid,
    const taxonomy::GeoPoint& point, double radius, size_t m, Date today,
    const RecommenderOptions& options, const Find& find, const Pass& pass,
    const PackedPass& packed_pass, size_t* candidates) {
  auto accept = [&](std::string_view id) {
    const T* item = find(id);
    if (item == nullptr || !pass(*item)) return false;
    const auto at = view.PointOf(item->region, item->lat, item->lon);
    return at && GeoGrid<T>::DistanceKm(point.lat, point.lon, at->lat,
                                        at->lon) <= radius;
  };
  auto packed = [&](size_t* count) {
    const index::RowSpace space = index.Rows();
    std::vector<std::shared_ptr<const PackedRows>> tables;
    grid.ForEachCellNear(
        point.lat, point.lon, radius,
        [&](std::span<const typename GeoGrid<T>::Entry> entries,
            const PackedSlot& slot) {
          tables.push_back(
              CellRows<T>(view, index, space.layout, entries, slot));
        });
    const typename GeoGrid<T>::Ruler ruler(point.lat, point.lon);
    // The packed points are floats (~0.1 m off): a metre of slack keeps
    // every item the full check would pass.
    const double reach = radius + 0.001;
    const int32_t day = today.days();
    return SearchPacked(
        index, space, q, m, tables,
        [&](const PackedItem& item) {
          return item.days.contains(day) &&
                 ruler.Within(item.lat, item.lon, reach) && packed_pass(item);
        },
        accept, count);
  };
  auto collect = [&](std::vector<std::string>* ids) {
    grid.ForEachWithin(point.lat, point.lon, radius,
                       [&](const T& item, double) {
                         if (pass(item)) ids->push_back(item.id.str());
                       });
  };
  return RetrieveFiltered(index, q, m,
                          grid.CountNear(point.lat, point.lon, radius), options,
                          accept, packed, collect, candidates);
}

// RetrieveNear when the point is known; without any location, the items of
// the caller's own city (`by_city[city]`) stand in for the radius (by the
// over-fetch or the id path: such items are few).
template <class T, class Find, class Pass, class PackedPass>
Result<std::vector<index::SearchHit>> RetrieveAround(
    const CatalogView& view, const index::VectorIndex& index,
    std::span<const float> q, const GeoGrid<T>& grid,
    const std::optional<taxonomy::GeoPoint>& point, double radius, size_t m,
    Date today, const RecommenderOptions& options,
    const StringMap<StringSet>& by_city, const CityCode& city, const Find& find,
    const Pass& pass, const PackedPass& packed_pass, size_t* candidates) {
  if (point) {
    return RetrieveNear(view, index, q, grid, *point, radius, m, today, options,
                        find, pass, packed_pass, candidates);
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
  auto no_packed = [](size_t*) -> Result<std::vector<index::SearchHit>> {
    return Status::FailedPrecondition("no packed rows by city");
  };
  auto collect = [&](std::vector<std::string>* ids) {
    for (const std::string& id : in_city) {
      const T* item = find(id);
      if (item != nullptr && pass(*item)) ids->push_back(id);
    }
  };
  return RetrieveFiltered(index, q, m, in_city.size(), options, accept,
                          no_packed, collect, candidates);
}

}  // namespace qiancheng::recommend::internal

#endif  // QIANCHENG_RECOMMEND_INTERNAL_PIPELINE_H_
