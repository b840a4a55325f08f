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
#include "recommend/internal/pipeline.h"

// The trainings pipeline is in trainings.cc; this file holds the others.
namespace qiancheng::recommend {

using internal::DistanceDetail;
using internal::Fixed;
using internal::Km;
using internal::kProximityScaleKm;
using internal::LevelsOf;
using internal::RetrieveAround;
using internal::RetrieveCount;
using internal::ScopeAllows;
using internal::SearchAmong;
using internal::StepTimer;

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

Result<JobList> Recommender::JobsForWorker(std::string_view worker_id, size_t k,
                                           Date today) const {
  return catalog_.Read([&](const CatalogView& view) -> Result<JobList> {
    const Worker* worker = view.FindWorker(worker_id);
    if (worker == nullptr) return Status::NotFound("no such worker");
    return Jobs(view, *worker, k, today);
  });
}

namespace {

template <class T>
void PrepareGrid(const CatalogView& view, const GeoGrid<T>& grid,
                 const index::VectorIndex& index) {
  const index::RowSpace space = index.Rows();
  grid.ForEachCellAll([&](std::span<const typename GeoGrid<T>::Entry> entries,
                          const PackedSlot& slot) {
    internal::CellRows<T>(view, index, space.layout, entries, slot);
  });
}

}  // namespace

void Recommender::PreparePackedRows() const {
  catalog_.Read([&](const CatalogView& view) {
    PrepareGrid(view, view.project_grid, *indexes_.projects);
    PrepareGrid(view, view.vacancy_grid, *indexes_.vacancies);
    PrepareGrid(view, view.worker_grid, *indexes_.workers);
    const index::RowSpace space = indexes_.projects->Rows();
    for (const auto& [province, online] : view.online_projects_by_province) {
      internal::OnlineRows(view, *indexes_.projects, space.layout, online);
    }
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
                RetrieveCount(options_, k), today, options_,
                view.vacancies_by_city, CityOf(worker.region),
                [&](std::string_view id) { return view.FindVacancy(id); },
                passes, internal::AnyPacked, &passing));
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
      // Most workers never enrolled: one lookup instead of OutcomesOf's
      // sorted copy (the retrieval asks this of every employed worker near
      // the vacancy).
      if (view.outcomes_by_worker.find(w.id.str()) ==
          view.outcomes_by_worker.end()) {
        return best;
      }
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
                  RetrieveCount(options_, k), today, options_,
                  view.workers_by_city, CityOf(v.region),
                  [&](std::string_view id) { return view.FindWorker(id); },
                  passes, internal::AnyPacked, &passing));
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
