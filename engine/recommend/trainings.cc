// The trainings pipeline of recommender.h: retrieve -> eligibility -> rank ->
// explain. The ranking passes are cheap on purpose: ~50 classes are decided
// without reasons (policy::Record::kNone) and scored from numbers alone; only
// the k shown are decided again with their reasons and get the Chinese
// details of their factors. Both passes compute every number with the same
// code (Values() and DecideResolved()), so what is shown is what ranked.
#include <algorithm>
#include <array>
#include <memory>
#include <set>
#include <string_view>
#include <utility>

#include "policy/eligibility.h"
#include "rank/features.h"
#include "recommend/internal/pipeline.h"
#include "recommend/internal/training_factors.h"

namespace qiancheng::recommend {
namespace {

using internal::kFeatureCount;
using internal::StepTimer;
using internal::TrainingFacts;

// The rules in force per region for one request. The classes of a list come
// from a few regions whose documents are mostly the same (province and
// national ones), so each distinct list of documents is resolved once.
class RulesByRegion {
 public:
  RulesByRegion(const policy::PolicySet& policies, Date day)
      : policies_(policies), day_(day) {}

  // Null when no policy document is in force there (Decide() would return
  // kFailedPrecondition; the class is then not listed).
  const policy::ResolvedPolicy* For(const RegionCode& region) {
    if (last_ != nullptr && last_region_ == region.str()) return last_;
    std::vector<const policy::PolicyDocument*> docs =
        policies_.InForce(region, day_);
    const Entry* found = nullptr;
    for (const Entry& e : resolved_) {
      if (e.documents == docs) found = &e;
    }
    if (found == nullptr) {
      Result<policy::ResolvedPolicy> r = policies_.Resolve(region, day_);
      resolved_.push_back(
          Entry{std::move(docs),
                r.ok() ? std::make_unique<policy::ResolvedPolicy>(std::move(*r))
                       : nullptr});
      found = &resolved_.back();
    }
    last_region_ = region.str();
    last_ = found->rules.get();
    return last_;
  }

 private:
  struct Entry {
    std::vector<const policy::PolicyDocument*> documents;
    std::unique_ptr<policy::ResolvedPolicy> rules;  // null: none in force
  };
  const policy::PolicySet& policies_;
  Date day_;
  std::vector<Entry> resolved_;
  std::string last_region_;
  const policy::ResolvedPolicy* last_ = nullptr;
};

// A retrieved class the policy engine decided, with what ranked it.
struct Candidate {
  const TrainingProject* project;
  const Institution* institution;
  const policy::ResolvedPolicy* rules;
  SubsidyDecision decision;  // Record::kNone: verdict and amounts only
  float distance2;
  TrainingFacts facts;
  double score = 0;
};

// Step 2: the retrieved classes the worker may get listed, each decided
// without reasons (a class with no policy in force for its region is not
// listed; an ineligible one only when the query asks for them).
std::vector<Candidate> DecideAll(const CatalogView& view, const Worker& worker,
                                 const TrainingQuery& query,
                                 const std::vector<index::SearchHit>& hits,
                                 const policy::Eligibility& eligibility,
                                 RulesByRegion& rules) {
  std::vector<Candidate> passed;
  passed.reserve(hits.size());
  for (const index::SearchHit& hit : hits) {
    const TrainingProject* p = view.FindProject(hit.id);
    if (p == nullptr) continue;
    const policy::ResolvedPolicy* resolved = rules.For(p->region);
    if (resolved == nullptr) continue;
    const Institution* inst = view.FindInstitution(p->institution_id.str());
    SubsidyDecision decision = eligibility.DecideResolved(
        *resolved, worker, *p, inst, query.today, policy::Record::kNone);
    if (!decision.eligible && !query.include_ineligible) continue;
    passed.push_back(
        Candidate{p, inst, resolved, std::move(decision), hit.distance, {}});
  }
  return passed;
}

// Step 3 for one class: the sum of the contributions Unit(value) * weight in
// explanation order, as rank::WeightTable::Score and internal::Factors()
// compute them, so the score is what the shown factors add up to.
void Score(internal::TrainingFactsBuilder& facts,
           const std::array<double, kFeatureCount>& weight, Candidate* c) {
  c->facts = facts.Of(*c->project, c->institution, c->decision, c->distance2);
  const std::array<double, kFeatureCount> values = internal::Values(c->facts);
  for (size_t i = 0; i < kFeatureCount; ++i)
    c->score += rank::Unit(values[i]) * weight[i];
}

// How many factors of a brief item carry their Chinese detail: those that
// weigh most in its score (the mini-program shows three reasons).
constexpr size_t kBriefDetails = 3;

// One item of the list: the class decided again with the reasons the
// explanation level keeps, and its factors with their details. The numbers
// are those that ranked it (`c.facts`, `c.score`).
TrainingItem Explain(const Candidate& c, const Worker& worker,
                     const TrainingQuery& query,
                     const policy::Eligibility& eligibility,
                     const std::array<double, kFeatureCount>& weights,
                     const taxonomy::OccupationCatalog* occupations) {
  const TrainingProject& p = *c.project;
  TrainingItem item;
  item.project = p;
  item.institution_name = c.institution ? c.institution->name : "";
  if (occupations != nullptr) {
    if (const auto* e = occupations->Find(p.occupation_code.str()))
      item.occupation_name = e->occupation.name;
  }
  const bool full = query.explanation == Explanation::kFull;
  item.subsidy = eligibility.DecideResolved(
      *c.rules, worker, p, c.institution, query.today,
      full ? policy::Record::kAll : policy::Record::kFailed);
  item.score = c.score;
  item.factors =
      internal::Factors(c.facts, weights, full ? kFeatureCount : kBriefDetails);
  item.distance_km = c.facts.km;
  item.seats_left = c.facts.seats_left;
  return item;
}

}  // namespace

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
  const size_t k = std::clamp<size_t>(query.k, 1, options_.max_k);

  // 1. Retrieve.
  std::vector<CityCode> cities;
  QC_ASSIGN_OR_RETURN(std::vector<index::SearchHit> hits,
                      RetrieveTrainings(view, worker, query.today, k, &cities,
                                        &out.candidates));
  timer.End("retrieve", hits.size());

  // 2. Eligibility: the policy engine decides each retrieved class.
  const policy::Eligibility eligibility(policies_, *view.shortage);
  RulesByRegion rules(policies_, query.today);
  std::vector<Candidate> passed =
      DecideAll(view, worker, query, hits, eligibility, rules);
  timer.End("eligibility", passed.size());

  // 3. Rank: one value per factor, weighted by the config table.
  std::array<double, kFeatureCount> weight{};
  for (size_t i = 0; i < kFeatureCount; ++i) {
    weight[i] = weights_.weight(rank::Pipeline::kTrainings,
                                internal::TrainingFeatureName(i));
  }
  internal::TrainingFactsBuilder facts(view, worker, cities, query.today);
  std::vector<double> scores;
  std::vector<std::string> groups;
  for (Candidate& c : passed) {
    Score(facts, weight, &c);
    scores.push_back(c.score);
    groups.push_back(c.project->occupation_code.str());
  }
  timer.End("rank", passed.size());

  // 4. Explain: the diversified top k, each decided again with its reasons
  // and given the details of its factors.
  for (size_t i :
       rank::DiversifiedTopK(scores, groups, k, options_.diversity_penalty)) {
    out.items.push_back(
        Explain(passed[i], worker, query, eligibility, weight, occupations_));
  }
  timer.End("explain", out.items.size());
  return out;
}

Result<std::vector<index::SearchHit>> Recommender::RetrieveTrainings(
    const CatalogView& view, const Worker& worker, Date today, size_t k,
    std::vector<CityCode>* cities, size_t* candidates) const {
  const auto home = view.PointOf(worker.region, worker.lat, worker.lon);
  const double radius =
      worker.wishes.max_distance_km.value_or(options_.default_radius_km);
  // What the worker already did: the classes they enrolled in, and the level
  // they hold per occupation (a class at or below it is not offered again).
  std::set<std::string, std::less<>> enrolled;
  for (const Outcome* o : view.OutcomesOf(worker.id.str())) {
    enrolled.insert(o->project_id.str());
  }
  const auto levels = internal::LevelsOf(worker, view);

  // Classes in person within the radius (the grid; over-fetch and
  // post-filter when the circle holds many), plus online classes of the
  // worker's province, each the nearest M by embedding among those passing.
  // The checks by their cost: fields of the class, then the worker's few
  // classes and levels, then the catalog's tables.
  auto passes = [&](const TrainingProject& p) {
    if (p.status != EntityStatus::kOpen) return false;
    if (p.start_date < today || p.end_date < today) return false;
    if (!enrolled.empty() && enrolled.count(p.id.str())) return false;
    if (!levels.empty()) {
      auto it = levels.find(p.occupation_code.str());
      if (it != levels.end() && it->second >= LevelRank(p.level)) return false;
    }
    if (view.SeatsLeft(p) <= 0) return false;
    const Institution* inst = view.FindInstitution(p.institution_id.str());
    return inst != nullptr && !inst->blacklisted;  // R13: never shown
  };
  // The same level rule on the packed facts (occupation keys, level ranks),
  // so that a worker's own occupation, nearest by embedding, does not fill
  // the first searches with classes they cannot take.
  std::vector<std::pair<uint32_t, int>> held;
  for (const auto& [code, rank] : levels) {
    if (const uint32_t key = view.OccupationKey(code); key != 0) {
      held.emplace_back(key, rank);
    }
  }
  auto packed_pass = [&](const PackedItem& item) {
    for (const auto& [key, rank] : held) {
      if (item.occupation == key && rank >= item.level) return false;
    }
    return true;
  };
  auto in_person = [&](const TrainingProject& p) {
    return p.mode != TrainingMode::kOnline && passes(p);
  };
  const CityCode home_city = CityOf(worker.region);
  *cities = home ? view.CitiesNear(*home, radius, home_city)
                 : std::vector<CityCode>{home_city};
  const index::VectorIndex& index = *indexes_.projects;
  const size_t m = internal::RetrieveCount(options_, k);
  QC_ASSIGN_OR_RETURN(std::vector<float> q, embedder_.Embed(WorkerSearchInput(
                                                worker, view, classifier_)));
  size_t passing = 0;
  QC_ASSIGN_OR_RETURN(
      std::vector<index::SearchHit> hits,
      internal::RetrieveAround(
          view, index, q, view.project_grid, home, radius, m, today, options_,
          view.projects_by_city, home_city,
          [&](std::string_view id) { return view.FindProject(id); }, in_person,
          packed_pass, &passing));
  // Online classes of the province: the same two paths as in person (a
  // province can hold tens of thousands of them).
  const std::string_view province =
      std::string_view(worker.region.str()).substr(0, 2);
  if (auto it = view.online_projects_by_province.find(province);
      it != view.online_projects_by_province.end()) {
    const std::vector<const TrainingProject*>& online = it->second.items;
    auto accept = [&](std::string_view id) {
      const TrainingProject* p = view.FindProject(id);
      return p != nullptr && p->mode == TrainingMode::kOnline &&
             std::string_view(p->region.str()).substr(0, 2) == province &&
             passes(*p);
    };
    auto packed = [&](size_t* count) {
      const index::RowSpace space = index.Rows();
      const std::shared_ptr<const PackedRows> table =
          internal::OnlineRows(view, index, space.layout, it->second);
      const int32_t day = today.days();
      return internal::SearchPacked(
          index, space, q, m, std::span(&table, 1),
          [&](const PackedItem& item) {
            return item.days.contains(day) && packed_pass(item);
          },
          accept, count);
    };
    auto collect = [&](std::vector<std::string>* ids) {
      for (const TrainingProject* p : online) {
        if (passes(*p)) ids->push_back(p->id.str());
      }
    };
    size_t online_passing = 0;
    QC_ASSIGN_OR_RETURN(
        std::vector<index::SearchHit> found,
        internal::RetrieveFiltered(index, q, m, online.size(), options_, accept,
                                   packed, collect, &online_passing));
    passing += online_passing;
    hits.insert(hits.end(), found.begin(), found.end());
  }
  *candidates = passing;
  // Equal distances in id order, so equal scores rank the same way whatever
  // the index's internal row order (a rebuilt index answers like a loaded one).
  std::sort(hits.begin(), hits.end(),
            [](const index::SearchHit& a, const index::SearchHit& b) {
              return a.distance != b.distance ? a.distance < b.distance
                                              : a.id < b.id;
            });
  if (hits.size() > m) hits.resize(m);
  return hits;
}

}  // namespace qiancheng::recommend
