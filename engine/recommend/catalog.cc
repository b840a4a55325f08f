#include "recommend/catalog.h"

#include <algorithm>
#include <mutex>

namespace qiancheng::recommend {
namespace {

// A city's items lie within about this far of its point (Xi'an's districts
// reach ~60 km from the centre; larger prefectures are rarer).
constexpr double kCityExtentKm = 80.0;

template <class Map>
const typename Map::mapped_type* FindIn(const Map& map, std::string_view id) {
  auto it = map.find(id);
  return it == map.end() ? nullptr : &it->second;
}

void AddCounts(OutcomeCounts& c, const Outcome& o, int sign) {
  c.enrolled += sign;
  if (o.completed) {
    c.completed += sign;
    if (o.certificate_level) c.certified += sign;
    if (o.employment != EmploymentOutcome::kNone) c.employed += sign;
  } else {
    c.active += sign;
  }
}

void Link(StringMap<StringSet>& m, const std::string& key,
          const std::string& id, int sign) {
  if (sign > 0) {
    m[key].insert(id);
    return;
  }
  auto it = m.find(key);
  if (it == m.end()) return;
  it->second.erase(id);
  if (it->second.empty()) m.erase(it);
}

// Adds or removes `p` in m[key] (a key left empty is erased).
void LinkNode(StringMap<OnlineClasses>& m, const std::string& key,
              const TrainingProject* p, int sign) {
  if (sign > 0) {
    OnlineClasses& online = m[key];
    online.items.push_back(p);
    online.packed.Bump();
    return;
  }
  auto it = m.find(key);
  if (it == m.end()) return;
  std::erase(it->second.items, p);
  it->second.packed.Bump();
  if (it->second.items.empty()) m.erase(it);
}

}  // namespace

CityCode CityOf(const RegionCode& region) {
  return region.str().size() >= 4 ? region.str().substr(0, 4) : region.str();
}

const TrainingProject* CatalogView::FindProject(std::string_view id) const {
  return FindIn(projects, id);
}
const Institution* CatalogView::FindInstitution(std::string_view id) const {
  auto it = institutions.find(id);
  return it == institutions.end() ? nullptr : &it->second;
}
const Vacancy* CatalogView::FindVacancy(std::string_view id) const {
  return FindIn(vacancies, id);
}
const Worker* CatalogView::FindWorker(std::string_view id) const {
  return FindIn(workers, id);
}

std::vector<const Outcome*> CatalogView::OutcomesOf(
    std::string_view worker_id) const {
  std::vector<const Outcome*> out;
  auto it = outcomes_by_worker.find(worker_id);
  if (it == outcomes_by_worker.end()) return out;
  for (const std::string& id : it->second) {
    if (const Outcome* o = FindIn(outcomes, id)) out.push_back(o);
  }
  std::sort(out.begin(), out.end(), [](const Outcome* a, const Outcome* b) {
    return a->enrolled_date != b->enrolled_date
               ? a->enrolled_date < b->enrolled_date
               : a->id < b->id;
  });
  return out;
}

OutcomeCounts CatalogView::CountsOfProject(std::string_view id) const {
  const OutcomeCounts* c = FindIn(counts_by_project, id);
  return c ? *c : OutcomeCounts{};
}
OutcomeCounts CatalogView::CountsOfInstitution(std::string_view id) const {
  const OutcomeCounts* c = FindIn(counts_by_institution, id);
  return c ? *c : OutcomeCounts{};
}

int CatalogView::SeatsLeft(const TrainingProject& project) const {
  return std::max(0, project.seats - CountsOfProject(project.id.str()).active);
}

std::optional<OfferDays> CatalogView::OfferDaysOf(
    const TrainingProject& p) const {
  // The trainings pipeline offers a class while it is open, on or before its
  // start and end dates (recommend/trainings.cc).
  if (p.status != EntityStatus::kOpen) return std::nullopt;
  OfferDays days;
  days.until = std::min(p.start_date.days(), p.end_date.days());
  return days;
}

uint32_t CatalogView::OccupationKey(std::string_view code) const {
  auto it = occupation_keys.find(code);
  return it == occupation_keys.end() ? 0 : it->second;
}

std::optional<OfferDays> CatalogView::OfferDaysOf(const Vacancy& v) const {
  if (v.status != EntityStatus::kOpen) return std::nullopt;
  return OfferDays{v.posted_date.days(), v.expiry_date.days()};
}

std::optional<OfferDays> CatalogView::OfferDaysOf(const Worker& w) const {
  // Candidates are workers seeking work and trainees finishing soon; an
  // employed worker who never enrolled is neither.
  if (w.employment_status == EmploymentStatus::kEmployed &&
      outcomes_by_worker.find(w.id.str()) == outcomes_by_worker.end()) {
    return std::nullopt;
  }
  return OfferDays{};
}

std::optional<taxonomy::GeoPoint> CatalogView::PointOf(
    const RegionCode& region, const std::optional<double>& lat,
    const std::optional<double>& lon) const {
  if (lat && lon) return taxonomy::GeoPoint{*lat, *lon};
  if (regions == nullptr || region.empty()) return std::nullopt;
  Result<taxonomy::LocatedPoint> located = regions->Locate(region.str());
  if (!located.ok()) return std::nullopt;
  return located->point;
}

std::vector<CityCode> CatalogView::CitiesNear(const taxonomy::GeoPoint& point,
                                              double radius_km,
                                              const CityCode& home) const {
  std::vector<CityCode> out;
  if (!home.empty()) out.push_back(home);
  for (const auto& [city, p] : city_points) {
    if (city == home) continue;
    if (taxonomy::HaversineKm(point, p) <= radius_km + kCityExtentKm) {
      out.push_back(city);
    }
  }
  return out;
}

Catalog::Catalog(const taxonomy::RegionTable* regions) {
  view_.regions = regions;
}

void Catalog::NoteCity(const CityCode& city) {
  if (city.size() != 4 || view_.city_points.count(city)) return;
  if (view_.regions == nullptr) return;
  std::string code = city;
  code += "00";
  Result<taxonomy::LocatedPoint> located = view_.regions->Locate(code);
  if (located.ok()) view_.city_points.emplace(city, located->point);
}

void Catalog::AddProject(const TrainingProject& p, int sign) {
  const std::string& id = p.id.str();
  const CityCode city = CityOf(p.region);
  const bool open = p.status == EntityStatus::kOpen;
  if (p.mode == TrainingMode::kOffline) {
    Link(view_.projects_by_city, city, id, sign);
  } else if (p.mode == TrainingMode::kOnline) {
    LinkNode(view_.online_projects_by_province, p.region.str().substr(0, 2), &p,
             sign);
  } else {
    // Blended classes meet in person: found by city and on the grid.
    Link(view_.projects_by_city, city, id, sign);
  }
  if (sign > 0) {
    NoteCity(city);
    const auto key = static_cast<uint32_t>(view_.occupation_keys.size() + 1);
    view_.occupation_keys.try_emplace(p.occupation_code.str(), key);
  }
  if (p.mode != TrainingMode::kOnline) {
    if (auto point = view_.PointOf(p.region, p.lat, p.lon)) {
      if (sign > 0)
        view_.project_grid.Add(&p, point->lat, point->lon);
      else
        view_.project_grid.Remove(&p, point->lat, point->lon);
    }
  }
  if (open) {
    LocalTotals& t = view_.local[city][p.occupation_code.str()];
    t.open_seats += sign * p.seats;
    t.open_classes += sign;
  }
}

void Catalog::AddVacancy(const Vacancy& v, int sign) {
  const std::string& id = v.id.str();
  const CityCode city = CityOf(v.region);
  Link(view_.vacancies_by_city, city, id, sign);
  if (v.training_project_id) {
    Link(view_.vacancies_by_project, v.training_project_id->str(), id, sign);
  }
  if (sign > 0) NoteCity(city);
  if (auto point = view_.PointOf(v.region, v.lat, v.lon)) {
    if (sign > 0)
      view_.vacancy_grid.Add(&v, point->lat, point->lon);
    else
      view_.vacancy_grid.Remove(&v, point->lat, point->lon);
  }
  if (v.status == EntityStatus::kOpen) {
    LocalTotals& t = view_.local[city][v.occupation_code.str()];
    t.open_headcount += sign * v.headcount;
    t.open_vacancies += sign;
  }
}

void Catalog::AddWorker(const Worker& w, int sign) {
  const CityCode city = CityOf(w.region);
  Link(view_.workers_by_city, city, w.id.str(), sign);
  if (sign > 0) NoteCity(city);
  if (auto point = view_.PointOf(w.region, w.lat, w.lon)) {
    if (sign > 0)
      view_.worker_grid.Add(&w, point->lat, point->lon);
    else
      view_.worker_grid.Remove(&w, point->lat, point->lon);
  }
}

void Catalog::AddOutcome(const Outcome& o, int sign) {
  Link(view_.outcomes_by_worker, o.worker_id.str(), o.id, sign);
  // Enrolments are part of the worker's candidate facts (OfferDaysOf).
  if (const Worker* w = view_.FindWorker(o.worker_id.str())) {
    if (auto point = view_.PointOf(w->region, w->lat, w->lon)) {
      view_.worker_grid.Touch(point->lat, point->lon);
    }
  }
  Link(view_.outcomes_by_project, o.project_id.str(), o.id, sign);
  AddCounts(view_.counts_by_project[o.project_id.str()], o, sign);
  AddCounts(view_.counts_all, o, sign);
  const TrainingProject* p = view_.FindProject(o.project_id.str());
  if (p == nullptr) return;
  AddCounts(view_.counts_by_institution[p->institution_id.str()], o, sign);
  LocalTotals& t = view_.local[CityOf(p->region)][p->occupation_code.str()];
  if (o.completed) {
    t.trainees_completed += sign;
  } else {
    t.trainees_active += sign;
  }
}

void Catalog::RebuildShortage() {
  std::vector<ShortageEntry> rows;
  rows.reserve(view_.shortage_entries.size());
  for (const auto& [id, e] : view_.shortage_entries) rows.push_back(e);
  std::sort(rows.begin(), rows.end(),
            [](const ShortageEntry& a, const ShortageEntry& b) {
              return a.id < b.id;
            });
  view_.shortage = std::make_shared<policy::ShortageList>(std::move(rows));
}

void Catalog::Apply(const Entity& entity) {
  std::unique_lock lock(mu_);
  switch (KindOf(entity)) {
    case EntityKind::kOccupation:
      return;
    case EntityKind::kShortageEntry: {
      const auto& e = std::get<ShortageEntry>(entity);
      view_.shortage_entries[e.id] = e;
      RebuildShortage();
      return;
    }
    case EntityKind::kInstitution: {
      const auto& e = std::get<Institution>(entity);
      view_.institutions[e.id] = e;
      return;
    }
    case EntityKind::kTrainingProject: {
      const auto& p = std::get<TrainingProject>(entity);
      const std::string& id = p.id.str();
      // Outcome totals depend on the class's institution, city and
      // occupation: take them out under the old class, put them back under
      // the new one.
      std::vector<const Outcome*> linked;
      if (auto it = view_.outcomes_by_project.find(id);
          it != view_.outcomes_by_project.end()) {
        for (const std::string& oid : it->second) {
          if (const Outcome* o = FindIn(view_.outcomes, oid))
            linked.push_back(o);
        }
      }
      for (const Outcome* o : linked) AddOutcome(*o, -1);
      if (auto it = view_.projects.find(id); it != view_.projects.end()) {
        AddProject(it->second, -1);
      }
      TrainingProject& node = view_.projects[id];
      node = p;
      AddProject(node, +1);  // the grid keeps a pointer to the node
      for (const Outcome* o : linked) AddOutcome(*o, +1);
      return;
    }
    case EntityKind::kVacancy: {
      const auto& v = std::get<Vacancy>(entity);
      if (auto it = view_.vacancies.find(v.id.str());
          it != view_.vacancies.end()) {
        AddVacancy(it->second, -1);
      }
      Vacancy& node = view_.vacancies[v.id.str()];
      node = v;
      AddVacancy(node, +1);
      return;
    }
    case EntityKind::kWorker: {
      const auto& w = std::get<Worker>(entity);
      if (auto it = view_.workers.find(w.id.str()); it != view_.workers.end()) {
        AddWorker(it->second, -1);
      }
      Worker& node = view_.workers[w.id.str()];
      node = w;
      AddWorker(node, +1);
      return;
    }
    case EntityKind::kOutcome: {
      const auto& o = std::get<Outcome>(entity);
      if (auto it = view_.outcomes.find(o.id); it != view_.outcomes.end()) {
        AddOutcome(it->second, -1);
      }
      view_.outcomes[o.id] = o;
      AddOutcome(o, +1);
      return;
    }
  }
}

void Catalog::Remove(EntityKind kind, std::string_view id_view) {
  std::unique_lock lock(mu_);
  const std::string id(id_view);
  switch (kind) {
    case EntityKind::kOccupation:
      return;
    case EntityKind::kShortageEntry:
      if (view_.shortage_entries.erase(id)) RebuildShortage();
      return;
    case EntityKind::kInstitution:
      view_.institutions.erase(InstitutionId(id));
      return;
    case EntityKind::kTrainingProject: {
      auto it = view_.projects.find(id);
      if (it == view_.projects.end()) return;
      std::vector<const Outcome*> linked;
      if (auto ot = view_.outcomes_by_project.find(id);
          ot != view_.outcomes_by_project.end()) {
        for (const std::string& oid : ot->second) {
          if (const Outcome* o = FindIn(view_.outcomes, oid))
            linked.push_back(o);
        }
      }
      for (const Outcome* o : linked) AddOutcome(*o, -1);
      AddProject(it->second, -1);
      view_.projects.erase(it);
      for (const Outcome* o : linked) AddOutcome(*o, +1);
      return;
    }
    case EntityKind::kVacancy: {
      auto it = view_.vacancies.find(id);
      if (it == view_.vacancies.end()) return;
      AddVacancy(it->second, -1);
      view_.vacancies.erase(it);
      return;
    }
    case EntityKind::kWorker: {
      auto it = view_.workers.find(id);
      if (it == view_.workers.end()) return;
      AddWorker(it->second, -1);
      view_.workers.erase(it);
      return;
    }
    case EntityKind::kOutcome: {
      auto it = view_.outcomes.find(id);
      if (it == view_.outcomes.end()) return;
      AddOutcome(it->second, -1);
      view_.outcomes.erase(it);
      return;
    }
  }
}

void Catalog::TouchRows(EntityKind kind, std::span<const std::string> ids) {
  std::unique_lock lock(mu_);
  for (const std::string& id : ids) {
    switch (kind) {
      case EntityKind::kTrainingProject:
        if (const TrainingProject* p = view_.FindProject(id)) {
          if (p->mode == TrainingMode::kOnline) {
            auto it = view_.online_projects_by_province.find(
                std::string_view(p->region.str()).substr(0, 2));
            if (it != view_.online_projects_by_province.end()) {
              it->second.packed.Bump();
            }
          } else if (auto at = view_.PointOf(p->region, p->lat, p->lon)) {
            view_.project_grid.Touch(at->lat, at->lon);
          }
        }
        break;
      case EntityKind::kVacancy:
        if (const Vacancy* v = view_.FindVacancy(id)) {
          if (auto at = view_.PointOf(v->region, v->lat, v->lon)) {
            view_.vacancy_grid.Touch(at->lat, at->lon);
          }
        }
        break;
      case EntityKind::kWorker:
        if (const Worker* w = view_.FindWorker(id)) {
          if (auto at = view_.PointOf(w->region, w->lat, w->lon)) {
            view_.worker_grid.Touch(at->lat, at->lon);
          }
        }
        break;
      default:
        break;
    }
  }
}

size_t Catalog::size(EntityKind kind) const {
  std::shared_lock lock(mu_);
  switch (kind) {
    case EntityKind::kOccupation:
      return 0;
    case EntityKind::kShortageEntry:
      return view_.shortage_entries.size();
    case EntityKind::kInstitution:
      return view_.institutions.size();
    case EntityKind::kTrainingProject:
      return view_.projects.size();
    case EntityKind::kVacancy:
      return view_.vacancies.size();
    case EntityKind::kWorker:
      return view_.workers.size();
    case EntityKind::kOutcome:
      return view_.outcomes.size();
  }
  return 0;
}

}  // namespace qiancheng::recommend
