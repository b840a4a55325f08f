#include "recommend/evaluation.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <unordered_set>

#include "rank/metrics.h"

namespace qiancheng::recommend {
namespace {

using IdSet = std::unordered_set<std::string>;

// A held-out outcome, asked about as of `asked`.
struct OutcomeCase {
  Worker worker;
  std::string project_id;
  std::string occupation;
  Date asked;
};

// A held-out occupation text as the wish of an anonymous worker.
struct TextCase {
  Worker worker;
  IdSet relevant;  // open classes of the occupation within reach
  std::set<std::string> codes;
  std::string kind;
  std::string province;
};

// Sums of the per-case measures of one set (or one group of it).
class Accumulator {
 public:
  void Add(const TrainingList& list, const IdSet& relevant,
           const std::set<std::string>& occupations, size_t k) {
    std::vector<std::string> ranked;
    size_t found = 0, same_occupation = 0;
    for (const TrainingItem& item : list.items) {
      if (ranked.size() == k) break;
      ranked.push_back(item.project.id.str());
      distinct_.insert(ranked.back());
      found += relevant.count(ranked.back());
      same_occupation += occupations.count(item.project.occupation_code.str());
    }
    ++cases_;
    const size_t want = std::min(k, relevant.size());
    recall_ += want == 0 ? 1.0 : static_cast<double>(found) / want;
    ndcg_ += rank::NdcgAtK(ranked, relevant, k);
    hit_ += same_occupation > 0 ? 1.0 : 0.0;
    precision_ += ranked.empty() ? 0.0
                                 : static_cast<double>(same_occupation) /
                                       static_cast<double>(ranked.size());
    empty_ += ranked.empty() ? 1.0 : 0.0;
  }

  SetMetrics Finish(size_t open_classes) const {
    SetMetrics m;
    m.cases = cases_;
    m.distinct_recommended = distinct_.size();
    m.coverage = open_classes == 0 ? 0.0
                                   : static_cast<double>(distinct_.size()) /
                                         static_cast<double>(open_classes);
    if (cases_ == 0) return m;
    const double n = static_cast<double>(cases_);
    m.recall = recall_ / n;
    m.ndcg = ndcg_ / n;
    m.occupation_hit = hit_ / n;
    m.occupation_precision = precision_ / n;
    m.empty = empty_ / n;
    return m;
  }

 private:
  size_t cases_ = 0;
  double recall_ = 0, ndcg_ = 0, hit_ = 0, precision_ = 0, empty_ = 0;
  IdSet distinct_;
};

std::vector<GroupMetrics> Groups(const std::map<std::string, Accumulator>& by,
                                 size_t open_classes) {
  std::vector<GroupMetrics> out;
  for (const auto& [name, acc] : by) {
    out.push_back({name, acc.Finish(open_classes)});
  }
  return out;
}

std::string ProvinceOf(const CatalogView& view, const RegionCode& region) {
  const std::string code = region.str().substr(0, 2);
  if (view.regions != nullptr) {
    if (const taxonomy::Region* r = view.regions->Find(code + "0000")) {
      return code + " " + r->name;
    }
  }
  return code;
}

template <class T>
void Shuffle(std::vector<T>* items, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::shuffle(items->begin(), items->end(), rng);
}

bool OpenOn(const CatalogView& view, const TrainingProject& p, Date day) {
  if (p.status != EntityStatus::kOpen || p.start_date < day) return false;
  const Institution* inst = view.FindInstitution(p.institution_id.str());
  return inst != nullptr && !inst->blacklisted && view.SeatsLeft(p) > 0;
}

std::map<std::string, double> Plain(
    const std::map<std::string, double, std::less<>>& m) {
  return {m.begin(), m.end()};
}

// The table with the trainings weights replaced (jobs, candidates kept).
Result<rank::WeightTable> WithTrainings(
    const rank::WeightTable& base, const std::string& version,
    const std::map<std::string, double>& trainings) {
  return rank::WeightTable::FromMaps(
      version, "qiancheng eval", trainings,
      Plain(base.weights(rank::Pipeline::kJobs)),
      Plain(base.weights(rank::Pipeline::kCandidates)));
}

// Employed outcomes as cases, hidden from the catalog; returns (fit, eval)
// halves and the number of employed outcomes before sampling.
struct OutcomeSplit {
  std::vector<OutcomeCase> fit, eval;
  size_t employed = 0;
};

OutcomeSplit TakeOutcomeCases(Catalog& catalog, const EvalOptions& o) {
  struct Held {
    std::string outcome_id;
    OutcomeCase c;
  };
  std::vector<Held> held = catalog.Read([&](const CatalogView& view) {
    std::vector<Held> out;
    for (const auto& [id, outcome] : view.outcomes) {
      if (!outcome.completed ||
          outcome.employment == EmploymentOutcome::kNone) {
        continue;
      }
      const Worker* w = view.FindWorker(outcome.worker_id.str());
      const TrainingProject* p = view.FindProject(outcome.project_id.str());
      if (w == nullptr || p == nullptr) continue;
      out.push_back({id,
                     {*w, p->id.str(), p->occupation_code.str(),
                      p->start_date.AddDays(-o.days_before_start)}});
    }
    return out;
  });
  OutcomeSplit split;
  split.employed = held.size();
  std::sort(held.begin(), held.end(), [](const Held& a, const Held& b) {
    return a.outcome_id < b.outcome_id;  // hash-map order is not stable
  });
  Shuffle(&held, o.seed);
  const size_t half = held.size() / 2;
  for (size_t i = 0; i < held.size(); ++i) {
    std::vector<OutcomeCase>& side = i < half ? split.fit : split.eval;
    if (side.size() >= o.max_outcome_cases) continue;
    catalog.Remove(EntityKind::kOutcome, held[i].outcome_id);
    side.push_back(std::move(held[i].c));
  }
  return split;
}

// Classes closed only because they ended before today were open before they
// started: reopen them so a past date sees them. Returns how many.
size_t ReopenEndedClasses(Catalog& catalog, Date today) {
  std::vector<TrainingProject> ended =
      catalog.Read([&](const CatalogView& view) {
        std::vector<TrainingProject> out;
        for (const auto& [id, p] : view.projects) {
          if (p.status == EntityStatus::kClosed && p.end_date < today) {
            out.push_back(p);
          }
        }
        return out;
      });
  for (TrainingProject& p : ended) {
    p.status = EntityStatus::kOpen;
    catalog.Apply(Entity(std::move(p)));
  }
  return ended.size();
}

Worker AnonymousWorker(size_t i, const TrainingProject& at,
                       const CatalogView& view, const std::string& text,
                       double radius_km) {
  Worker w;
  w.id = WorkerId("eval-text-" + std::to_string(i));
  w.real_name_verified = true;
  w.birth_date = Date::FromYmd(1990, 6, 1);
  w.region = at.region;
  w.hukou_region = at.region;
  if (auto point = view.PointOf(at.region, at.lat, at.lon)) {
    w.lat = point->lat;
    w.lon = point->lon;
  }
  w.groups = {TargetGroup::kRegisteredUnemployed};
  w.employment_status = EmploymentStatus::kUnemployed;
  w.wishes.text = text;
  w.wishes.max_distance_km = radius_km;
  return w;
}

// Text cases placed at an open class of their occupation (fixed seed).
std::vector<TextCase> MakeTextCases(const Catalog& catalog,
                                    std::span<const taxonomy::EvalCase> given,
                                    const EvalOptions& o, size_t* skipped) {
  std::vector<taxonomy::EvalCase> cases(given.begin(), given.end());
  Shuffle(&cases, o.seed + 1);
  return catalog.Read([&](const CatalogView& view) {
    std::map<std::string, std::vector<const TrainingProject*>> open_by_occ;
    for (const auto& [id, p] : view.projects) {
      if (OpenOn(view, p, o.today))
        open_by_occ[p.occupation_code.str()].push_back(&p);
    }
    for (auto& [occ, list] : open_by_occ) {
      std::sort(list.begin(), list.end(),
                [](auto* a, auto* b) { return a->id.str() < b->id.str(); });
    }
    std::mt19937_64 rng(o.seed + 2);
    std::vector<TextCase> out;
    for (const taxonomy::EvalCase& c : cases) {
      if (out.size() >= o.max_text_cases) break;
      std::vector<const TrainingProject*> open;
      for (const std::string& code : c.codes) {
        auto it = open_by_occ.find(code);
        if (it != open_by_occ.end())
          open.insert(open.end(), it->second.begin(), it->second.end());
      }
      if (open.empty()) {
        ++*skipped;
        continue;
      }
      const TrainingProject& at = *open[rng() % open.size()];
      TextCase t;
      t.worker = AnonymousWorker(out.size(), at, view, c.text, o.radius_km);
      t.codes = {c.codes.begin(), c.codes.end()};
      t.kind = c.kind;
      t.province = ProvinceOf(view, at.region);
      const auto home = view.PointOf(at.region, at.lat, at.lon);
      for (const TrainingProject* p : open) {
        const auto there = view.PointOf(p->region, p->lat, p->lon);
        const bool reach =
            p->mode == TrainingMode::kOnline
                ? p->region.str().substr(0, 2) == at.region.str().substr(0, 2)
                : home && there &&
                      taxonomy::HaversineKm(*home, *there) <= o.radius_km;
        if (reach) t.relevant.insert(p->id.str());
      }
      out.push_back(std::move(t));
    }
    return out;
  });
}

size_t CountOpen(const Catalog& catalog, Date day) {
  return catalog.Read([&](const CatalogView& view) {
    size_t n = 0;
    for (const auto& [id, p] : view.projects) n += OpenOn(view, p, day);
    return n;
  });
}

// Group accumulators of the hand-set run (null for the other tables).
struct GroupSinks {
  std::map<std::string, Accumulator> by_group, by_province, text_province,
      text_kind;
};

struct Sets {
  const std::vector<OutcomeCase>* outcomes;
  const std::vector<TextCase>* texts;
  size_t open_as_of = 0, open_today = 0;
};

Result<ConfigResult> RunConfig(const std::string& name,
                               const Recommender& recommender, const Sets& sets,
                               const EvalOptions& o, const Catalog& catalog,
                               GroupSinks* groups) {
  Accumulator outcomes, texts;
  for (const OutcomeCase& c : *sets.outcomes) {
    TrainingQuery q;
    q.k = o.k;
    q.today = c.asked;
    QC_ASSIGN_OR_RETURN(TrainingList list,
                        recommender.TrainingsFor(c.worker, q));
    const IdSet relevant = {c.project_id};
    const std::set<std::string> occupation = {c.occupation};
    outcomes.Add(list, relevant, occupation, o.k);
    if (groups == nullptr) continue;
    for (TargetGroup g : c.worker.groups) {
      groups->by_group[std::string(Name(g))].Add(list, relevant, occupation,
                                                 o.k);
    }
    const std::string province = catalog.Read([&](const CatalogView& view) {
      return ProvinceOf(view, c.worker.region);
    });
    groups->by_province[province].Add(list, relevant, occupation, o.k);
  }
  for (const TextCase& c : *sets.texts) {
    TrainingQuery q;
    q.k = o.k;
    q.today = o.today;
    QC_ASSIGN_OR_RETURN(TrainingList list,
                        recommender.TrainingsFor(c.worker, q));
    texts.Add(list, c.relevant, c.codes, o.k);
    if (groups == nullptr) continue;
    groups->text_province[c.province].Add(list, c.relevant, c.codes, o.k);
    groups->text_kind[c.kind].Add(list, c.relevant, c.codes, o.k);
  }
  return ConfigResult{name, outcomes.Finish(sets.open_as_of),
                      texts.Finish(sets.open_today)};
}

// Feature values of the candidates of the fitting half, labelled by whether
// the candidate is the class the worker took and got employed after. Cases
// whose class is not among the candidates carry no positive and are left out.
std::vector<rank::LabelledExample> Examples(
    const Recommender& recommender, const std::vector<OutcomeCase>& cases,
    const EvalOptions& o, size_t* with_positive) {
  std::vector<rank::LabelledExample> out;
  for (const OutcomeCase& c : cases) {
    TrainingQuery q;
    q.k = o.learner_k;
    q.today = c.asked;
    Result<TrainingList> list = recommender.TrainingsFor(c.worker, q);
    if (!list.ok()) continue;
    const bool has = std::any_of(list->items.begin(), list->items.end(),
                                 [&](const TrainingItem& i) {
                                   return i.project.id.str() == c.project_id;
                                 });
    if (!has) continue;
    ++*with_positive;
    for (const TrainingItem& item : list->items) {
      rank::LabelledExample e;
      for (const rank::Factor& f : item.factors)
        e.features.push_back({f.name, f.value, ""});
      e.positive = item.project.id.str() == c.project_id;
      out.push_back(std::move(e));
    }
  }
  return out;
}

// Each trainings feature's weight set to 0 in turn.
template <class Make>
Result<std::vector<ConfigResult>> Ablate(const rank::WeightTable& hand,
                                         const Make& make, const Sets& sets,
                                         const EvalOptions& o,
                                         const Catalog& catalog) {
  std::vector<ConfigResult> out;
  for (std::string_view feature : FeatureNames(rank::Pipeline::kTrainings)) {
    std::map<std::string, double> w =
        Plain(hand.weights(rank::Pipeline::kTrainings));
    const std::string name(feature);
    w[name] = 0;
    QC_ASSIGN_OR_RETURN(rank::WeightTable table,
                        WithTrainings(hand, "without-" + name, w));
    QC_ASSIGN_OR_RETURN(
        ConfigResult r,
        RunConfig("without " + name, make(table), sets, o, catalog, nullptr));
    out.push_back(std::move(r));
  }
  return out;
}

// Fits weights on the fitting half and measures them like the hand-set ones;
// too few examples is reported in report->learner, not returned.
template <class Make>
Status Learn(const rank::WeightTable& hand, const Recommender& hand_pipeline,
             const Make& make, const std::vector<OutcomeCase>& fit,
             const Sets& sets, const EvalOptions& o, const Catalog& catalog,
             EvalReport* report) {
  LearnerReport& learner = report->learner;
  learner.hand = Plain(hand.weights(rank::Pipeline::kTrainings));
  learner.fit_cases = fit.size();
  const std::vector<rank::LabelledExample> examples =
      Examples(hand_pipeline, fit, o, &learner.cases_with_positive);
  double total = 0;
  for (const auto& [name, w] : learner.hand) total += w;
  Result<rank::LearnedWeights> fitted = rank::FitLogistic(examples, total);
  if (!fitted.ok()) {
    learner.status = fitted.status();
    return Status::Ok();
  }
  learner.learned = *fitted;
  QC_ASSIGN_OR_RETURN(
      rank::WeightTable table,
      WithTrainings(hand, "learned-eval", learner.learned.weights));
  QC_ASSIGN_OR_RETURN(report->learned, RunConfig("learned", make(table), sets,
                                                 o, catalog, nullptr));
  return Status::Ok();
}

}  // namespace

Evaluator::Evaluator(Catalog& catalog, const IndexSet& indexes,
                     const embed::Embedder& embedder,
                     const taxonomy::OccupationClassifier* classifier,
                     const taxonomy::OccupationCatalog* occupations,
                     const policy::PolicySet& policies,
                     const rank::WeightTable& weights,
                     RecommenderOptions recommender_options)
    : catalog_(catalog),
      indexes_(indexes),
      embedder_(embedder),
      classifier_(classifier),
      occupations_(occupations),
      policies_(policies),
      weights_(weights),
      recommender_options_(recommender_options) {}

Result<EvalReport> Evaluator::Evaluate(
    std::span<const taxonomy::EvalCase> text_cases, const EvalOptions& o) {
  EvalReport report;
  report.k = o.k;
  report.today = o.today;
  // Texts are placed among today's open classes before any reopening.
  report.open_classes_today = CountOpen(catalog_, o.today);
  const std::vector<TextCase> texts =
      MakeTextCases(catalog_, text_cases, o, &report.text_cases_skipped);
  OutcomeSplit split = TakeOutcomeCases(catalog_, o);
  report.reopened_classes = ReopenEndedClasses(catalog_, o.today);
  report.employed_outcomes = split.employed;
  report.fit_cases = split.fit.size();
  report.eval_cases = split.eval.size();
  report.text_cases = texts.size();
  if (split.eval.empty() && texts.empty()) {
    return Status::FailedPrecondition(
        "nothing to evaluate: no employed outcome and no text case with an "
        "open class of its occupation");
  }
  Date earliest = o.today;
  for (const OutcomeCase& c : split.eval)
    earliest = std::min(earliest, c.asked);
  Sets sets{&split.eval, &texts, CountOpen(catalog_, earliest),
            report.open_classes_today};
  report.open_classes_as_of = sets.open_as_of;

  auto make = [&](const rank::WeightTable& table) {
    return Recommender(catalog_, indexes_, embedder_, classifier_, occupations_,
                       policies_, table, recommender_options_);
  };
  GroupSinks groups;
  const Recommender hand = make(weights_);
  QC_ASSIGN_OR_RETURN(report.hand,
                      RunConfig("hand", hand, sets, o, catalog_, &groups));
  report.outcomes_by_group = Groups(groups.by_group, sets.open_as_of);
  report.outcomes_by_province = Groups(groups.by_province, sets.open_as_of);
  report.texts_by_province = Groups(groups.text_province, sets.open_today);
  report.texts_by_kind = Groups(groups.text_kind, sets.open_today);
  if (o.ablation) {
    QC_ASSIGN_OR_RETURN(report.ablation,
                        Ablate(weights_, make, sets, o, catalog_));
  }
  QC_RETURN_IF_ERROR(
      Learn(weights_, hand, make, split.fit, sets, o, catalog_, &report));
  return report;
}

}  // namespace qiancheng::recommend
