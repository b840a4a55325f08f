// recommend/recommender.h -- the query pipelines of DESIGN.md: retrieve ->
// eligibility filter -> rank -> explain, each step named and timed in a trace.
//   TrainingsFor:   subsidised classes for a worker (stored or anonymous);
//   JobsFor:        open vacancies for a worker or trainee, the order-class
//                   (订单班) employer's first;
//   CandidatesFor:  workers and trainees finishing soon for a vacancy, within
//                   a counselor's regions when a scope is given;
//   SupplyDemand:   per occupation in a region: open headcount and shortage
//                   rank against seats and trainees in the pipeline.
// Retrieval: the catalog's items of the cities within the worker's radius
// (plus online classes of the province) that are open, not expired, not full,
// not from a blacklisted institution and not already done by the worker become
// the id filter of a vector search; the nearest M by embedding are decided by
// the policy engine (policy/eligibility.h) and scored by rank/.
// Thread-safety: const methods, safe from many threads; reads the catalog
// under its reader lock and the indexes concurrently with the follower.
#ifndef QIANCHENG_RECOMMEND_RECOMMENDER_H_
#define QIANCHENG_RECOMMEND_RECOMMENDER_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/subsidy.h"
#include "embed/embedder.h"
#include "policy/policy_set.h"
#include "rank/factors.h"
#include "rank/weights.h"
#include "recommend/catalog.h"
#include "recommend/follower.h"
#include "taxonomy/classifier.h"

namespace qiancheng::recommend {

struct TraceStep {
  std::string name;  // "retrieve", "eligibility", "rank", "explain"
  double micros = 0;
  size_t items = 0;  // items leaving the step
};

struct Trace {
  std::vector<TraceStep> steps;
  double total_micros() const;
};

struct RecommenderOptions {
  double default_radius_km = 50;   // when a worker states none
  size_t retrieve_min = 50;        // candidates taken from the vector search
  size_t retrieve_per_k = 5;       // ... at least k times this
  double diversity_penalty = 0.6;  // score taken off per same-occupation item
  int finishing_soon_days = 60;    // trainees whose class ends within this
  int max_k = 100;
  // From this many items around the point (or online in the province, for
  // trainings), retrieval may over-fetch from an unfiltered search and
  // post-filter, when those items are a large share of the index
  // (internal/pipeline.h); otherwise, or when that keeps too few, it
  // searches with a filter composed from the catalog's packed rows.
  size_t post_filter_from_items = 4000;
  // false: the filter is built from the passing ids instead of the packed
  // rows (slower in crowded circles, exact over what passes: the tests'
  // oracle).
  bool packed_rows = true;
};

// How much of the why a training list carries. Ranking is the same for both.
enum class Explanation {
  kFull,   // every factor's detail; every rule's reason (the counselor's view)
  kBrief,  // the details of the 3 factors contributing most; the reasons of
           // the rules that did not pass (the list form of the API)
};

struct TrainingQuery {
  size_t k = 10;
  Date today;
  bool include_ineligible = false;  // show them at full fee with the reasons
  Explanation explanation = Explanation::kFull;
};

struct TrainingItem {
  TrainingProject project;
  std::string institution_name;
  std::string occupation_name;  // empty when the taxonomy lacks the code
  double score = 0;
  std::vector<rank::Factor> factors;
  SubsidyDecision subsidy;
  double distance_km = -1;  // -1: online or location unknown
  int seats_left = 0;
};

struct TrainingList {
  std::vector<TrainingItem> items;
  size_t candidates = 0;  // passed the retrieval filter
  Trace trace;
};

struct JobItem {
  Vacancy vacancy;
  double score = 0;
  std::vector<rank::Factor> factors;
  double distance_km = -1;
  bool order_class = false;  // linked to a class the worker took
};

struct JobList {
  std::vector<JobItem> items;
  size_t candidates = 0;
  Trace trace;
};

struct CandidateItem {
  Worker worker;
  double score = 0;
  std::vector<rank::Factor> factors;
  double distance_km = -1;
};

struct CandidateList {
  std::vector<CandidateItem> items;
  size_t candidates = 0;
  Trace trace;
};

// One occupation of a region's supply-vs-demand view. Person counts below the
// query's floor are reported as -1 (suppressed).
struct SupplyDemandRow {
  std::string occupation_code;
  std::string occupation_name;
  int open_vacancies = 0;
  int open_headcount = 0;
  int shortage_rank = 0;  // 0 = not listed
  std::string shortage_catalog;
  int open_classes = 0;
  int open_seats = 0;
  int trainees_active = 0;
  int trainees_completed = 0;
  int gap = 0;  // headcount - seats - active trainees (> 0: undersupplied)
};

struct SupplyDemand {
  std::string region;
  std::vector<SupplyDemandRow> rows;  // largest gap first
  int suppressed_cells = 0;
};

class Recommender {
 public:
  // Every reference must outlive the recommender; `classifier` may be null.
  Recommender(const Catalog& catalog, const IndexSet& indexes,
              const embed::Embedder& embedder,
              const taxonomy::OccupationClassifier* classifier,
              const taxonomy::OccupationCatalog* occupations,
              const policy::PolicySet& policies,
              const rank::WeightTable& weights,
              RecommenderOptions options = {});

  // Builds the packed rows (packed_rows.h) of every grid cell and online
  // province now, so that the first requests do not: a server calls it
  // once the indexes are built or loaded. Later changes mark only the tables
  // they touch stale; each is rebuilt at its next use or by the next call of
  // this (the read side calls it after each catch-up that applied changes).
  void PreparePackedRows() const;

  // kNotFound for an unknown worker id.
  Result<TrainingList> TrainingsForWorker(std::string_view worker_id,
                                          const TrainingQuery& query) const;
  // For a worker who is not stored (the mini-program's first screen).
  Result<TrainingList> TrainingsFor(const Worker& worker,
                                    const TrainingQuery& query) const;
  Result<JobList> JobsForWorker(std::string_view worker_id, size_t k,
                                Date today) const;
  Result<JobList> JobsFor(const Worker& worker, size_t k, Date today) const;
  // `scope`: when non-empty, only workers whose region lies in one of these.
  Result<CandidateList> CandidatesFor(std::string_view vacancy_id, size_t k,
                                      Date today,
                                      std::span<const RegionCode> scope) const;
  // Workers near `project` who would want it (the feed's "new class in a
  // shortage occupation"): not employed, nearest by embedding, eligible.
  Result<std::vector<std::string>> WorkersForClass(std::string_view project_id,
                                                   size_t k, Date today) const;
  // `min_persons` > 0 suppresses person counts below it (analyst floor).
  Result<SupplyDemand> SupplyDemandFor(const RegionCode& region, Date today,
                                       int min_persons) const;

  const rank::WeightTable& weights() const { return weights_; }

 private:
  Result<TrainingList> Trainings(const CatalogView& view, const Worker& worker,
                                 const TrainingQuery& query) const;
  // Step 1 of Trainings(): the nearest classes by embedding among those the
  // worker may take; *cities gets the cities near the worker, *candidates
  // the number of classes that passed the retrieval filter.
  Result<std::vector<index::SearchHit>> RetrieveTrainings(
      const CatalogView& view, const Worker& worker, Date today, size_t k,
      std::vector<CityCode>* cities, size_t* candidates) const;
  Result<JobList> Jobs(const CatalogView& view, const Worker& worker, size_t k,
                       Date today) const;

  const Catalog& catalog_;
  const IndexSet& indexes_;
  const embed::Embedder& embedder_;
  const taxonomy::OccupationClassifier* classifier_;
  const taxonomy::OccupationCatalog* occupations_;
  const policy::PolicySet& policies_;
  const rank::WeightTable& weights_;
  const RecommenderOptions options_;
};

}  // namespace qiancheng::recommend

#endif  // QIANCHENG_RECOMMEND_RECOMMENDER_H_
