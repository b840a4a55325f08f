#include "recommend/recommender.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "embed/recipes.h"
#include "policy/eligibility.h"
#include "rank/features.h"

namespace qiancheng::recommend {
namespace {

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

std::string Fixed(double value, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, value);
  return buf;
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

// The highest level the worker holds or completed per occupation code
// (certificates, and classes completed with a certificate level).
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
    const std::vector<std::string>& ids, size_t m, bool exact) {
  if (ids.empty()) return std::vector<index::SearchHit>{};
  index::IdFilter filter = index.FilterFromIds(ids);
  index::SearchParams params;
  params.k = m;
  params.exact = exact;
  return index.Search(q, params, &filter);
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

}  // namespace

double Trace::total_micros() const {
  double total = 0;
  for (const TraceStep& s : steps) total += s.micros;
  return total;
}

Recommender::Recommender(const Catalog& catalog, const IndexSet& indexes,
                         const embed::Embedder& embedder,
                         const taxonomy::OccupationClassifier* classifier,
                         const taxonomy::OccupationCatalog* occupations,
                         const policy::PolicySet& policies,
                         const rank::WeightTable& weights,
                         RecommenderOptions options)
    : catalog_(catalog),
      indexes_(indexes),
      embedder_(embedder),
      classifier_(classifier),
      occupations_(occupations),
      policies_(policies),
      weights_(weights),
      options_(options) {}

Result<TrainingList> Recommender::TrainingsForWorker(
    std::string_view worker_id, const TrainingQuery& query) const {
  return catalog_.Read([&](const CatalogView& view) -> Result<TrainingList> {
    const Worker* worker = view.FindWorker(worker_id);
    if (worker == nullptr) return Status::NotFound("no such worker");
    return Trainings(view, *worker, query);
  });
}

Result<TrainingList> Recommender::TrainingsFor(
    const Worker& worker, const TrainingQuery& query) const {
  return catalog_.Read(
      [&](const CatalogView& view) { return Trainings(view, worker, query); });
}

Result<TrainingList> Recommender::Trainings(const CatalogView& view,
                                            const Worker& worker,
                                            const TrainingQuery& query) const {
  TrainingList out;
  StepTimer timer(&out.trace);
  const Date today = query.today;
  const size_t k = std::clamp<size_t>(query.k, 1, options_.max_k);
  const auto home = view.PointOf(worker.region, worker.lat, worker.lon);
  const double radius =
      worker.wishes.max_distance_km.value_or(options_.default_radius_km);

  // What the worker already did: the classes they enrolled in, and the level
  // they hold per occupation (a class at or below it is not offered again).
  std::set<std::string> enrolled;
  for (const Outcome* o : view.OutcomesOf(worker.id.str())) {
    enrolled.insert(o->project_id.str());
  }
  const auto levels = LevelsOf(worker, view);

  // 1. Retrieve: classes in person within the radius (the grid; over-fetch
  // and post-filter when the circle holds many), plus online classes of the
  // worker's province, each the nearest M by embedding among those passing.
  auto passes = [&](const TrainingProject& p) {
    if (p.status != EntityStatus::kOpen) return false;
    if (p.start_date < today || p.end_date < today) return false;
    if (view.SeatsLeft(p) <= 0) return false;
    const Institution* inst = view.FindInstitution(p.institution_id.str());
    if (inst == nullptr || inst->blacklisted) return false;  // R13: never shown
    if (enrolled.count(p.id.str())) return false;
    auto it = levels.find(p.occupation_code.str());
    return it == levels.end() || it->second < LevelRank(p.level);
  };
  auto in_person = [&](const TrainingProject& p) {
    return p.mode != TrainingMode::kOnline && passes(p);
  };
  const CityCode home_city = CityOf(worker.region);
  std::vector<CityCode> cities = home
                                     ? view.CitiesNear(*home, radius, home_city)
                                     : std::vector<CityCode>{home_city};
  const index::VectorIndex& index = *indexes_.projects;
  const size_t m = RetrieveCount(options_, k);
  QC_ASSIGN_OR_RETURN(std::vector<float> q, embedder_.Embed(WorkerSearchInput(
                                                worker, view, classifier_)));
  std::vector<index::SearchHit> hits;
  size_t passing = 0;
  QC_ASSIGN_OR_RETURN(
      hits,
      RetrieveAround(
          view, index, q, view.project_grid, home, radius, m,
          options_.post_filter_from_items, view.projects_by_city, home_city,
          [&](std::string_view id) { return view.FindProject(id); }, in_person,
          &passing));
  if (auto it = view.remote_projects_by_province.find(
          worker.region.str().substr(0, 2));
      it != view.remote_projects_by_province.end()) {
    std::vector<std::string> ids;
    for (const std::string& id : it->second) {
      const TrainingProject* p = view.FindProject(id);
      if (p != nullptr && p->mode == TrainingMode::kOnline && passes(*p))
        ids.push_back(id);
    }
    passing += ids.size();
    QC_ASSIGN_OR_RETURN(std::vector<index::SearchHit> online,
                        SearchAmong(index, q, ids, m, /*exact=*/false));
    hits.insert(hits.end(), online.begin(), online.end());
  }
  out.candidates = passing;
  // Equal distances in id order, so equal scores rank the same way whatever
  // the index's internal row order (a rebuilt index answers like a loaded one).
  std::sort(hits.begin(), hits.end(),
            [](const index::SearchHit& a, const index::SearchHit& b) {
              return a.distance != b.distance ? a.distance < b.distance
                                              : a.id < b.id;
            });
  if (hits.size() > m) hits.resize(m);
  timer.End("retrieve", hits.size());

  // 2. Eligibility: the policy engine decides each retrieved class.
  const policy::Eligibility eligibility(policies_, *view.shortage);
  struct Candidate {
    const TrainingProject* project;
    const Institution* institution;
    SubsidyDecision decision;
    float distance2;
  };
  std::vector<Candidate> passed;
  for (const index::SearchHit& hit : hits) {
    const TrainingProject* p = view.FindProject(hit.id);
    if (p == nullptr) continue;
    const Institution* inst = view.FindInstitution(p->institution_id.str());
    Result<SubsidyDecision> decision =
        eligibility.Decide(worker, *p, inst, today);
    if (!decision.ok()) continue;  // no policy in force for that region
    if (!decision->eligible && !query.include_ineligible) continue;
    passed.push_back(Candidate{p, inst, std::move(*decision), hit.distance});
  }
  timer.End("eligibility", passed.size());

  // 3. Rank: one feature value per factor, weighted by the config table.
  // Demand near the worker per occupation: open headcount per trainee.
  std::unordered_map<std::string, std::pair<int, int>> demand;  // head, active
  auto demand_of = [&](const std::string& occ) {
    auto [it, inserted] = demand.try_emplace(occ, 0, 0);
    if (inserted) {
      for (const CityCode& city : cities) {
        auto ct = view.local.find(city);
        if (ct == view.local.end()) continue;
        auto ot = ct->second.find(occ);
        if (ot == ct->second.end()) continue;
        it->second.first += ot->second.open_headcount;
        it->second.second += ot->second.trainees_active;
      }
    }
    return it->second;
  };
  const OutcomeCounts all = view.counts_all;
  const double mean_employment =
      all.completed > 0 ? static_cast<double>(all.employed) / all.completed
                        : 0.6;
  const double mean_pass =
      all.completed > 0 ? static_cast<double>(all.certified) / all.completed
                        : 0.7;
  std::vector<double> scores;
  std::vector<std::string> groups;
  std::vector<TrainingItem> items;
  for (Candidate& c : passed) {
    const TrainingProject& p = *c.project;
    const std::string& occ = p.occupation_code.str();
    std::vector<rank::FeatureValue> f;
    const double fit = rank::FitScore(c.distance2);
    f.push_back({"fit", fit, "与意愿的相似度 " + Fixed(fit, 2)});
    const auto [head, active] = demand_of(occ);
    const double per_trainee = static_cast<double>(head) / (1.0 + active);
    f.push_back({"local_demand", rank::LogScale(per_trainee, 20),
                 "附近该职业空缺 " + std::to_string(head) + " 人，在培 " +
                     std::to_string(active) + " 人"});
    const ShortageEntry* shortage =
        view.shortage->Find(p.region, p.occupation_code);
    f.push_back(
        {"shortage",
         shortage ? rank::Unit(1.0 - (shortage->rank - 1) / 100.0) : 0.0,
         shortage ? "列入" + shortage->catalog + "第 " +
                        std::to_string(shortage->rank) + " 位"
                  : "未列入紧缺目录"});
    const OutcomeCounts ic = view.CountsOfInstitution(p.institution_id.str());
    const double prior_e = c.institution && c.institution->employment_rate
                               ? *c.institution->employment_rate
                               : mean_employment;
    const double employment =
        rank::ShrunkRate(ic.employed, ic.completed, prior_e, 20);
    f.push_back({"institution_employment", employment,
                 ic.completed == 0
                     ? "机构就业率按申报或地区均值计 " + Percent(employment) +
                           "（尚无结业记录）"
                     : "机构就业率 " + Percent(employment) + "（" +
                           std::to_string(ic.completed) +
                           " 人结业，人数少时向均值收缩）"});
    const double prior_p = c.institution && c.institution->pass_rate
                               ? *c.institution->pass_rate
                               : mean_pass;
    const double pass =
        rank::ShrunkRate(ic.certified, ic.completed, prior_p, 20);
    f.push_back({"institution_pass", pass,
                 ic.completed == 0
                     ? "取证率按申报或地区均值计 " + Percent(pass)
                     : "取证率 " + Percent(pass) + "（" +
                           std::to_string(ic.completed) + " 人结业）"});
    int open_linked = 0;
    for (const VacancyId& vid : p.linked_vacancy_ids) {
      const Vacancy* v = view.FindVacancy(vid.str());
      if (v && v->status == EntityStatus::kOpen && v->expiry_date >= today)
        ++open_linked;
    }
    f.push_back(
        {"order_class", open_linked > 0 ? 1.0 : 0.0,
         open_linked > 0
             ? "订单班：结业对接 " + std::to_string(open_linked) + " 个在招岗位"
             : "非订单班"});
    const SubsidyAmounts& a = c.decision.amounts;
    const double pays = c.decision.eligible ? a.worker_pays_yuan : p.fee_yuan;
    f.push_back({"cost", rank::AffordabilityScore(pays, p.fee_yuan),
                 "学费 " + Fixed(p.fee_yuan, 0) + " 元，补贴后自付 " +
                     Fixed(pays, 0) + " 元"});
    f.push_back(
        {"subsidy",
         c.decision.eligible ? rank::Unit(a.subsidy_yuan / 3000.0) : 0.0,
         c.decision.eligible
             ? "可获培训补贴 " + Fixed(a.subsidy_yuan, 0) + " 元"
             : "不符合补贴条件"});
    double km = -1;
    if (p.mode == TrainingMode::kOnline) {
      // No commute, but not "at the door" either: a worker near a good
      // offline class should not see it outranked by distance alone.
      f.push_back({"distance", kOnlineProximity, "线上课程，不限距离"});
    } else {
      km = Km(home, view.PointOf(p.region, p.lat, p.lon));
      f.push_back({"distance", rank::ProximityScore(km, kProximityScaleKm),
                   DistanceDetail(km)});
    }
    const auto& modes = worker.wishes.modes;
    const bool mode_ok = modes.empty() || std::find(modes.begin(), modes.end(),
                                                    p.mode) != modes.end();
    f.push_back({"mode_fit", mode_ok ? 1.0 : 0.0,
                 mode_ok ? "授课方式符合意愿" : "授课方式与意愿不同"});
    const auto& wanted = worker.wishes.schedules;
    bool schedule_ok = wanted.empty();
    for (Schedule s : p.schedule) {
      schedule_ok |= std::find(wanted.begin(), wanted.end(), s) != wanted.end();
    }
    f.push_back({"schedule_fit", schedule_ok ? 1.0 : 0.0,
                 schedule_ok ? "上课时间符合意愿" : "上课时间与意愿不同"});
    const int seats_left = view.SeatsLeft(p);
    f.push_back({"seats_left", rank::Unit(seats_left / 10.0),
                 "剩余名额 " + std::to_string(seats_left)});
    const int days = p.start_date - today;
    f.push_back({"start_soon", rank::ProximityScore(days, 30),
                 std::to_string(days) + " 天后开班"});
    f.push_back(
        {"priority", c.decision.priority ? 1.0 : 0.0,
         c.decision.priority ? "重点群体或重点领域，优先推荐" : "无优先加分"});
    rank::ScoredFactors scored = weights_.Score(rank::Pipeline::kTrainings, f);
    TrainingItem item;
    item.project = p;
    item.institution_name = c.institution ? c.institution->name : "";
    item.score = scored.score;
    item.factors = std::move(scored.factors);
    item.subsidy = std::move(c.decision);
    item.distance_km = km;
    item.seats_left = seats_left;
    scores.push_back(item.score);
    groups.push_back(occ);
    items.push_back(std::move(item));
  }
  timer.End("rank", items.size());

  // 4. Explain: diversified top k, each with its factors and decision.
  for (size_t i :
       rank::DiversifiedTopK(scores, groups, k, options_.diversity_penalty)) {
    out.items.push_back(std::move(items[i]));
  }
  timer.End("explain", out.items.size());
  return out;
}

Result<JobList> Recommender::JobsForWorker(std::string_view worker_id, size_t k,
                                           Date today) const {
  return catalog_.Read([&](const CatalogView& view) -> Result<JobList> {
    const Worker* worker = view.FindWorker(worker_id);
    if (worker == nullptr) return Status::NotFound("no such worker");
    return Jobs(view, *worker, k, today);
  });
}

Result<JobList> Recommender::JobsFor(const Worker& worker, size_t k,
                                     Date today) const {
  return catalog_.Read(
      [&](const CatalogView& view) { return Jobs(view, worker, k, today); });
}

Result<JobList> Recommender::Jobs(const CatalogView& view, const Worker& worker,
                                  size_t k, Date today) const {
  JobList out;
  StepTimer timer(&out.trace);
  k = std::clamp<size_t>(k, 1, options_.max_k);
  const auto home = view.PointOf(worker.region, worker.lat, worker.lon);
  const double radius =
      worker.wishes.max_distance_km.value_or(options_.default_radius_km);
  const auto levels = LevelsOf(worker, view);
  auto open_now = [&](const Vacancy& v) {
    return v.status == EntityStatus::kOpen && v.posted_date <= today &&
           v.expiry_date >= today;
  };

  // Order classes (订单班) the worker took: tier 2 completed, 1 enrolled.
  std::unordered_map<std::string, int> order_tier;
  for (const Outcome* o : view.OutcomesOf(worker.id.str())) {
    const TrainingProject* p = view.FindProject(o->project_id.str());
    if (p == nullptr) continue;
    const int tier = o->completed ? 2 : 1;
    auto note = [&](const std::string& vid) {
      const Vacancy* v = view.FindVacancy(vid);
      if (v == nullptr || !open_now(*v)) return;
      int& t = order_tier[vid];
      t = std::max(t, tier);
    };
    for (const VacancyId& vid : p->linked_vacancy_ids) note(vid.str());
    if (auto it = view.vacancies_by_project.find(p->id.str());
        it != view.vacancies_by_project.end()) {
      for (const std::string& vid : it->second) note(vid);
    }
  }

  auto passes = [&](const Vacancy& v) {
    return open_now(v) && !order_tier.count(v.id.str());
  };
  QC_ASSIGN_OR_RETURN(std::vector<float> q, embedder_.Embed(WorkerSearchInput(
                                                worker, view, classifier_)));
  const index::VectorIndex& index = *indexes_.vacancies;
  std::vector<index::SearchHit> hits;
  size_t passing = 0;
  QC_ASSIGN_OR_RETURN(
      hits, RetrieveAround(
                view, index, q, view.vacancy_grid, home, radius,
                RetrieveCount(options_, k), options_.post_filter_from_items,
                view.vacancies_by_city, CityOf(worker.region),
                [&](std::string_view id) { return view.FindVacancy(id); },
                passes, &passing));
  out.candidates = passing + order_tier.size();
  if (!order_tier.empty()) {
    std::vector<std::string> order_ids;
    for (const auto& [id, tier] : order_tier) order_ids.push_back(id);
    QC_ASSIGN_OR_RETURN(
        std::vector<index::SearchHit> order_hits,
        SearchAmong(index, q, order_ids, order_ids.size(), /*exact=*/true));
    hits.insert(hits.end(), order_hits.begin(), order_hits.end());
  }
  timer.End("retrieve", hits.size());
  // Jobs carry no subsidy decision: the eligibility step is the level check
  // inside the level_fit factor. Kept as a named step for a uniform trace.
  timer.End("eligibility", hits.size());

  std::vector<JobItem> items;
  std::vector<int> tiers;
  for (const index::SearchHit& hit : hits) {
    const Vacancy* v = view.FindVacancy(hit.id);
    if (v == nullptr) continue;
    std::vector<rank::FeatureValue> f;
    const double fit = rank::FitScore(hit.distance);
    f.push_back({"fit", fit, "与求职意愿和所学的相似度 " + Fixed(fit, 2)});
    const int tier = order_tier.count(hit.id) ? order_tier[hit.id] : 0;
    f.push_back({"order_class",
                 tier == 2   ? 1.0
                 : tier == 1 ? 0.7
                             : 0.0,
                 tier == 2 ? "订单班结业对接岗位（招生即招工）"
                 : tier == 1 ? "在读订单班的对接岗位"
                             : "非订单班岗位"});
    const double km = Km(home, view.PointOf(v->region, v->lat, v->lon));
    f.push_back({"distance", rank::ProximityScore(km, kProximityScaleKm),
                 DistanceDetail(km)});
    double level_fit = 1.0;
    std::string level_detail = "无等级要求";
    if (v->required_level) {
      auto it = levels.find(v->occupation_code.str());
      const int need = LevelRank(*v->required_level);
      if (it != levels.end() && it->second >= need) {
        level_detail = "已具备所需职业技能等级";
      } else {
        level_fit = it != levels.end() ? 0.5 : 0.2;
        level_detail = "需具备相应职业技能等级";
      }
    }
    f.push_back({"level_fit", level_fit, level_detail});
    const double mid = (v->salary_min + v->salary_max) / 2.0;
    f.push_back({"salary", rank::Unit((mid - 2000.0) / 8000.0),
                 "月薪 " + Fixed(v->salary_min, 0) + "-" +
                     Fixed(v->salary_max, 0) + " 元"});
    const bool stable = v->employment_type == EmploymentType::kStable;
    f.push_back({"stable_contract", stable ? 1.0 : 0.3,
                 stable ? "签订劳动合同的稳定岗位" : "灵活就业岗位"});
    const int age = today - v->posted_date;
    f.push_back({"freshness", rank::ProximityScore(age, 30),
                 std::to_string(age) + " 天前发布"});
    rank::ScoredFactors scored = weights_.Score(rank::Pipeline::kJobs, f);
    JobItem item;
    item.vacancy = *v;
    item.score = scored.score;
    item.factors = std::move(scored.factors);
    item.distance_km = km;
    item.order_class = tier > 0;
    items.push_back(std::move(item));
    tiers.push_back(tier);
  }
  timer.End("rank", items.size());
  // The order-class employer's vacancies first (the class was run for them),
  // then by score.
  std::vector<size_t> order(items.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (tiers[a] != tiers[b]) return tiers[a] > tiers[b];
    if (items[a].score != items[b].score)
      return items[a].score > items[b].score;
    return items[a].vacancy.id < items[b].vacancy.id;
  });
  for (size_t i = 0; i < order.size() && out.items.size() < k; ++i) {
    out.items.push_back(std::move(items[order[i]]));
  }
  timer.End("explain", out.items.size());
  return out;
}

Result<CandidateList> Recommender::CandidatesFor(
    std::string_view vacancy_id, size_t k, Date today,
    std::span<const RegionCode> scope) const {
  return catalog_.Read([&](const CatalogView& view) -> Result<CandidateList> {
    const Vacancy* vacancy = view.FindVacancy(vacancy_id);
    if (vacancy == nullptr) return Status::NotFound("no such vacancy");
    const Vacancy& v = *vacancy;
    CandidateList out;
    StepTimer timer(&out.trace);
    k = std::clamp<size_t>(k, 1, options_.max_k);
    const auto point = view.PointOf(v.region, v.lat, v.lon);
    const double radius = options_.default_radius_km;
    const std::string& occ = v.occupation_code.str();

    // Per worker: their class in this occupation (active or completed).
    struct Training {
      bool completed = false;
      int days_to_end = 0;
    };
    auto training_of = [&](const Worker& w) -> std::optional<Training> {
      std::optional<Training> best;
      for (const Outcome* o : view.OutcomesOf(w.id.str())) {
        const TrainingProject* p = view.FindProject(o->project_id.str());
        if (p == nullptr || p->occupation_code.str() != occ) continue;
        Training t{o->completed, p->end_date - today};
        if (!best || (t.completed && !best->completed)) best = t;
      }
      return best;
    };
    std::set<std::string> order_trainees;
    if (v.training_project_id) {
      if (auto it = view.outcomes_by_project.find(v.training_project_id->str());
          it != view.outcomes_by_project.end()) {
        for (const std::string& oid : it->second) {
          auto ot = view.outcomes.find(oid);
          if (ot != view.outcomes.end())
            order_trainees.insert(ot->second.worker_id.str());
        }
      }
    }
    auto passes = [&](const Worker& w) {
      if (order_trainees.count(w.id.str())) return false;  // added below
      if (!ScopeAllows(scope, w.region)) return false;
      if (w.employment_status != EmploymentStatus::kEmployed) return true;
      const auto t = training_of(w);
      return t && !t->completed &&
             t->days_to_end <= options_.finishing_soon_days;
    };
    std::vector<std::string> order_ids;
    for (const std::string& id : order_trainees) {
      const Worker* w = view.FindWorker(id);
      if (w && ScopeAllows(scope, w->region)) order_ids.push_back(id);
    }
    QC_ASSIGN_OR_RETURN(std::vector<float> q,
                        embedder_.Embed(embed::VacancyInput(v)));
    const index::VectorIndex& index = *indexes_.workers;
    std::vector<index::SearchHit> hits;
    size_t passing = 0;
    QC_ASSIGN_OR_RETURN(
        hits, RetrieveAround(
                  view, index, q, view.worker_grid, point, radius,
                  RetrieveCount(options_, k), options_.post_filter_from_items,
                  view.workers_by_city, CityOf(v.region),
                  [&](std::string_view id) { return view.FindWorker(id); },
                  passes, &passing));
    out.candidates = passing + order_ids.size();
    if (!order_ids.empty()) {
      QC_ASSIGN_OR_RETURN(
          std::vector<index::SearchHit> more,
          SearchAmong(index, q, order_ids, order_ids.size(), /*exact=*/true));
      hits.insert(hits.end(), more.begin(), more.end());
    }
    timer.End("retrieve", hits.size());
    timer.End("eligibility", hits.size());  // region scope applied above

    std::vector<CandidateItem> items;
    for (const index::SearchHit& hit : hits) {
      const Worker* w = view.FindWorker(hit.id);
      if (w == nullptr) continue;
      std::vector<rank::FeatureValue> f;
      const double fit = rank::FitScore(hit.distance);
      f.push_back({"fit", fit, "与岗位的相似度 " + Fixed(fit, 2)});
      double cert = 0;
      std::string cert_detail = "无该职业证书";
      const int need = v.required_level ? LevelRank(*v.required_level) : 0;
      for (const Certificate& c : w->certificates) {
        const std::string& code = c.occupation_code.str();
        if (code == occ) {
          const double value = LevelRank(c.level) >= need ? 1.0 : 0.5;
          if (value > cert) {
            cert = value;
            cert_detail = value == 1.0 ? "持有该职业所需等级证书"
                                       : "持有该职业较低等级证书";
          }
        } else if (code.size() >= 7 && occ.size() >= 7 &&
                   code.compare(0, 7, occ, 0, 7) == 0 && cert < 0.3) {
          cert = 0.3;
          cert_detail = "持有相近职业证书";
        }
      }
      f.push_back({"certificate", cert, cert_detail});
      const auto t = training_of(*w);
      f.push_back(
          {"trained", t ? (t->completed ? 1.0 : 0.7) : 0.0,
           t ? (t->completed ? "已完成该职业培训" : "正在参加该职业培训")
             : "未参加该职业培训"});
      const double km = Km(point, view.PointOf(w->region, w->lat, w->lon));
      f.push_back({"distance", rank::ProximityScore(km, kProximityScaleKm),
                   DistanceDetail(km)});
      const bool soon = t && !t->completed && t->days_to_end >= 0 &&
                        t->days_to_end <= options_.finishing_soon_days;
      f.push_back({"finishing_soon",
                   soon ? rank::ProximityScore(t->days_to_end, 30) : 0.0,
                   soon ? std::to_string(t->days_to_end) + " 天后结业"
                        : "无即将结业的培训"});
      double availability = 0.2;
      std::string availability_detail = "在职";
      switch (w->employment_status) {
        case EmploymentStatus::kUnemployed:
          availability = 1.0;
          availability_detail = "未就业，可立即上岗";
          break;
        case EmploymentStatus::kFlexible:
          availability = 0.7;
          availability_detail = "灵活就业";
          break;
        case EmploymentStatus::kStudent:
          availability = 0.5;
          availability_detail = "在校学生";
          break;
        case EmploymentStatus::kEmployed:
          break;
      }
      f.push_back({"availability", availability, availability_detail});
      rank::ScoredFactors scored =
          weights_.Score(rank::Pipeline::kCandidates, f);
      CandidateItem item;
      item.worker = *w;
      item.score = scored.score;
      item.factors = std::move(scored.factors);
      item.distance_km = km;
      items.push_back(std::move(item));
    }
    timer.End("rank", items.size());
    std::stable_sort(items.begin(), items.end(),
                     [](const CandidateItem& a, const CandidateItem& b) {
                       if (a.score != b.score) return a.score > b.score;
                       return a.worker.id < b.worker.id;
                     });
    if (items.size() > k) items.resize(k);
    out.items = std::move(items);
    timer.End("explain", out.items.size());
    return out;
  });
}

Result<std::vector<std::string>> Recommender::WorkersForClass(
    std::string_view project_id, size_t k, Date today) const {
  return catalog_.Read(
      [&](const CatalogView& view) -> Result<std::vector<std::string>> {
        const TrainingProject* p = view.FindProject(project_id);
        if (p == nullptr) return Status::NotFound("no such training project");
        const Institution* inst = view.FindInstitution(p->institution_id.str());
        const auto point = view.PointOf(p->region, p->lat, p->lon);
        const double radius = options_.default_radius_km;
        std::vector<std::string> ids;
        if (point) {
          view.worker_grid.ForEachWithin(
              point->lat, point->lon, radius, [&](const Worker& w, double km) {
                if (w.employment_status == EmploymentStatus::kEmployed) return;
                const double limit = w.wishes.max_distance_km.value_or(radius);
                if (p->mode != TrainingMode::kOnline && km > limit) return;
                ids.push_back(w.id.str());
              });
        }
        std::vector<std::string> out;
        if (ids.empty()) return out;
        QC_ASSIGN_OR_RETURN(std::vector<float> q,
                            embedder_.Embed(embed::ProjectInput(*p)));
        QC_ASSIGN_OR_RETURN(
            std::vector<index::SearchHit> hits,
            SearchAmong(*indexes_.workers, q, ids, RetrieveCount(options_, k),
                        /*exact=*/false));
        const policy::Eligibility eligibility(policies_, *view.shortage);
        for (const index::SearchHit& hit : hits) {
          if (out.size() >= k) break;
          const Worker* w = view.FindWorker(hit.id);
          if (w == nullptr) continue;
          Result<SubsidyDecision> d = eligibility.Decide(*w, *p, inst, today);
          if (d.ok() && d->eligible) out.push_back(hit.id);
        }
        return out;
      });
}

Result<SupplyDemand> Recommender::SupplyDemandFor(const RegionCode& region,
                                                  Date today,
                                                  int min_persons) const {
  return catalog_.Read([&](const CatalogView& view) -> Result<SupplyDemand> {
    SupplyDemand out;
    out.region = region.str();
    // Cities whose code lies under the region (a county's own city too).
    std::string prefix = region.str();
    while (!prefix.empty() && prefix.size() > 4 && prefix.back() == '0') {
      prefix.pop_back();
    }
    if (region.IsNational()) prefix.clear();
    if (prefix.size() == 3) prefix.pop_back();  // "610" of "610000" -> "61"
    if (prefix.size() == 5) prefix.pop_back();
    auto city_in = [&](const CityCode& city) {
      return prefix.size() <= 4 ? city.compare(0, prefix.size(), prefix) == 0
                                : city == prefix.substr(0, 4);
    };
    std::map<std::string, SupplyDemandRow> rows;
    for (const auto& [city, ids] : view.vacancies_by_city) {
      if (!city_in(city)) continue;
      for (const std::string& id : ids) {
        const Vacancy* v = view.FindVacancy(id);
        if (v == nullptr || v->status != EntityStatus::kOpen ||
            v->expiry_date < today || !region.Contains(v->region))
          continue;
        SupplyDemandRow& r = rows[v->occupation_code.str()];
        r.open_vacancies += 1;
        r.open_headcount += v->headcount;
      }
    }
    for (const auto& [city, ids] : view.projects_by_city) {
      if (!city_in(city)) continue;
      for (const std::string& id : ids) {
        const TrainingProject* p = view.FindProject(id);
        if (p == nullptr || !region.Contains(p->region)) continue;
        SupplyDemandRow& r = rows[p->occupation_code.str()];
        if (p->status == EntityStatus::kOpen && p->end_date >= today) {
          r.open_classes += 1;
          r.open_seats += p->seats;
        }
        const OutcomeCounts c = view.CountsOfProject(id);
        r.trainees_active += c.active;
        r.trainees_completed += c.completed;
      }
    }
    for (auto& [code, r] : rows) {
      r.occupation_code = code;
      if (occupations_ != nullptr) {
        if (const auto* e = occupations_->Find(code))
          r.occupation_name = e->occupation.name;
      }
      Result<OccupationCode> oc = OccupationCode::Parse(code);
      if (oc.ok()) {
        if (const ShortageEntry* s = view.shortage->Find(region, *oc)) {
          r.shortage_rank = s->rank;
          r.shortage_catalog = s->catalog;
        }
      }
      // The gap leaves out a suppressed count, so it cannot reveal it.
      int active_for_gap = r.trainees_active;
      if (min_persons > 0) {
        if (r.trainees_active > 0 && r.trainees_active < min_persons) {
          r.trainees_active = -1;
          active_for_gap = 0;
          ++out.suppressed_cells;
        }
        if (r.trainees_completed > 0 && r.trainees_completed < min_persons) {
          r.trainees_completed = -1;
          ++out.suppressed_cells;
        }
      }
      r.gap = r.open_headcount - r.open_seats - active_for_gap;
      out.rows.push_back(r);
    }
    std::stable_sort(out.rows.begin(), out.rows.end(),
                     [](const SupplyDemandRow& a, const SupplyDemandRow& b) {
                       if (a.gap != b.gap) return a.gap > b.gap;
                       return a.occupation_code < b.occupation_code;
                     });
    return out;
  });
}

}  // namespace qiancheng::recommend
