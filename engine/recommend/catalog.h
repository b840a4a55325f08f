// recommend/catalog.h -- the pipelines' in-memory read model of the store:
// open and closed training projects, institutions, vacancies, workers,
// outcomes and shortage rows, kept current by the change follower
// (follower.h) and indexed the ways the pipelines ask: by id, by city (the
// first four digits of a region code, for "near the worker"), outcomes by
// worker and by project, and running totals per (city, occupation) of open
// vacancy headcount, open training seats and trainees in the pipeline (the
// local-demand factor and the supply-vs-demand view read these instead of
// scanning).
// Why a read model and not the store: a recommendation reads hundreds of
// candidates and their institutions and outcome counts; from SQLite that is
// hundreds of JSON decodes per request. The store stays the record of truth;
// the catalog is rebuilt from it at start and follows its change log.
// Thread-safety: Apply/Remove take the writer lock; Read(fn) runs fn under the
// reader lock with a const view, so a pipeline sees one consistent state.
#ifndef QIANCHENG_RECOMMEND_CATALOG_H_
#define QIANCHENG_RECOMMEND_CATALOG_H_

#include <memory>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/entity.h"
#include "policy/eligibility.h"
#include "policy/shortage.h"
#include "recommend/geo_grid.h"
#include "recommend/packed_rows.h"
#include "taxonomy/regions.h"

namespace qiancheng::recommend {

// Outcome counts of a class, an institution or a region.
struct OutcomeCounts {
  int enrolled = 0;   // outcome records (everyone who enrolled)
  int completed = 0;  // finished the class
  int certified = 0;  // finished with a certificate level
  int employed = 0;   // employed (stable or flexible) after completing
  int active = 0;     // enrolled and not yet completed: the pipeline
};

// Totals of one (city, occupation) cell.
struct LocalTotals {
  int open_headcount = 0;   // open vacancies' headcount
  int open_vacancies = 0;   // number of open vacancies
  int open_seats = 0;       // seats of open classes
  int open_classes = 0;     // open classes
  int trainees_active = 0;  // enrolled, not completed, in classes here
  int trainees_completed = 0;
};

using CityCode = std::string;  // "6101": first four digits of a region code
CityCode CityOf(const RegionCode& region);

// Hash maps keyed by string that find by string_view without allocating (a
// pipeline looks up thousands of ids per request).
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const {
    return std::hash<std::string_view>()(s);
  }
};
template <class V>
using StringMap =
    std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// A province's online classes (distance does not bind them) with the packed
// table of their index rows. Pointers to the nodes of
// CatalogView::projects (stable until the class is removed, when it leaves
// this list too), so a request reads them without a lookup each.
struct OnlineClasses {
  std::vector<const TrainingProject*> items;
  PackedSlot packed;
};

// The state the pipelines read. All members are read-only to readers.
struct CatalogView {
  StringMap<TrainingProject> projects;
  policy::InstitutionMap institutions;
  StringMap<Vacancy> vacancies;
  StringMap<Worker> workers;
  StringMap<Outcome> outcomes;
  StringMap<StringSet> outcomes_by_worker, outcomes_by_project;
  // Vacancies that name a class (training_project_id), by that class.
  StringMap<StringSet> vacancies_by_project;
  StringMap<ShortageEntry> shortage_entries;
  std::shared_ptr<const policy::ShortageList> shortage =
      std::make_shared<policy::ShortageList>();
  // Located items by point: offline and blended classes, vacancies, workers
  // (at their own coordinates, else their region's point).
  GeoGrid<TrainingProject> project_grid;
  GeoGrid<Vacancy> vacancy_grid;
  GeoGrid<Worker> worker_grid;
  // Ids by city, for each located kind (the supply-vs-demand view).
  StringMap<StringSet> projects_by_city, vacancies_by_city, workers_by_city;
  // Online classes by province ("61").
  StringMap<OnlineClasses> online_projects_by_province;
  // A small number per occupation code of the classes ever seen (from 1;
  // never reused), for the packed rows' level check.
  StringMap<uint32_t> occupation_keys;
  // (city, occupation code) -> totals.
  std::unordered_map<CityCode, std::unordered_map<std::string, LocalTotals>>
      local;
  StringMap<OutcomeCounts> counts_by_project, counts_by_institution;
  OutcomeCounts counts_all;
  const taxonomy::RegionTable* regions = nullptr;
  std::unordered_map<CityCode, taxonomy::GeoPoint> city_points;

  const TrainingProject* FindProject(std::string_view id) const;
  const Institution* FindInstitution(std::string_view id) const;
  const Vacancy* FindVacancy(std::string_view id) const;
  const Worker* FindWorker(std::string_view id) const;
  // The worker's outcome records, oldest enrolment first.
  std::vector<const Outcome*> OutcomesOf(std::string_view worker_id) const;
  OutcomeCounts CountsOfProject(std::string_view id) const;
  OutcomeCounts CountsOfInstitution(std::string_view id) const;
  // Seats minus active enrolments (never below 0).
  int SeatsLeft(const TrainingProject& project) const;
  // The days on which an item can be offered at all, the facts of its
  // packed row (packed_rows.h); nullopt when never. A necessary condition of
  // the pipelines' rules, which check each hit in full: a class while open
  // and not started or ended; a vacancy while open, from posting to expiry;
  // a worker as a candidate when not employed or enrolled in some class
  // (a trainee finishing soon).
  std::optional<OfferDays> OfferDaysOf(const TrainingProject& p) const;
  std::optional<OfferDays> OfferDaysOf(const Vacancy& v) const;
  std::optional<OfferDays> OfferDaysOf(const Worker& w) const;
  // occupation_keys[code], 0 when no class has that occupation.
  uint32_t OccupationKey(std::string_view code) const;
  // The point of a located item: its own lat/lon, else its region's point.
  std::optional<taxonomy::GeoPoint> PointOf(
      const RegionCode& region, const std::optional<double>& lat,
      const std::optional<double>& lon) const;
  // Cities with at least one located item whose point lies within
  // `radius_km` (+ a margin for the city's extent) of `point`; always
  // includes `home` (the caller's own city).
  std::vector<CityCode> CitiesNear(const taxonomy::GeoPoint& point,
                                   double radius_km,
                                   const CityCode& home) const;
};

class Catalog {
 public:
  // `regions` locates items without coordinates; it must outlive the catalog.
  explicit Catalog(const taxonomy::RegionTable* regions);

  // Inserts or replaces the entity (any kind; occupations are ignored: the
  // taxonomy owns them).
  void Apply(const Entity& entity);
  // Removes it if present.
  void Remove(EntityKind kind, std::string_view id);
  // The index of `kind` re-added these items (new rows): the packed tables
  // holding them are rebuilt at their next use. Called by the follower after
  // each Reindex.
  void TouchRows(EntityKind kind, std::span<const std::string> ids);

  // Runs fn(const CatalogView&) under the reader lock.
  template <class Fn>
  auto Read(Fn&& fn) const {
    std::shared_lock lock(mu_);
    return fn(static_cast<const CatalogView&>(view_));
  }

  size_t size(EntityKind kind) const;

 private:
  void AddProject(const TrainingProject& p, int sign);
  void AddVacancy(const Vacancy& v, int sign);
  void AddOutcome(const Outcome& o, int sign);
  void AddWorker(const Worker& w, int sign);
  void RebuildShortage();

  void NoteCity(const CityCode& city);

  mutable std::shared_mutex mu_;
  CatalogView view_;
};

}  // namespace qiancheng::recommend

#endif  // QIANCHENG_RECOMMEND_CATALOG_H_
