// world/generator.h -- the generated world of issue 9: institutions, training
// projects, vacancies, workers and outcomes drawn over the real reference data
// (world/reference.h) for benchmarks, demos and tests.
// Invariants: entity i of a kind is a pure function of (seed, today, scale, i),
// so the same options give byte-identical output and any entity can be rebuilt
// alone (streaming in constant memory); every reference points at an entity of
// the same world (project -> institution, outcome -> worker and project, order
// class <-> vacancies, both ways); worker ID numbers and phones are unique and
// valid (GB 11643 check digit, birth date = birth_date). Everything generated
// says so: ids start with "gen-", institution and employer names end in
// "（示例）". Immutable after Create(); const methods are safe to call from
// many threads.
#ifndef QIANCHENG_WORLD_GENERATOR_H_
#define QIANCHENG_WORLD_GENERATOR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "world/reference.h"
#include "world/rng.h"
#include "world/sectors.h"

namespace qiancheng::world {

// Entity counts of one world.
struct ScaleSpec {
  std::string name;  // "small", "medium", "large" or a test's own name
  int64_t institutions = 0;
  int64_t projects = 0;
  int64_t vacancies = 0;
  int64_t workers = 0;
  int64_t outcomes = 0;
};

// small: 200 / 2k / 20k / 20k / 5k; medium: 5k / 100k / 1M / 1M / 250k;
// large: 10k / 200k / 2M / 10M / 2.5M (institutions / projects / vacancies /
// workers / outcomes). kInvalidArgument for another name.
Result<ScaleSpec> ScaleNamed(std::string_view name);

struct WorldOptions {
  ScaleSpec scale;
  uint64_t seed = 1;
  // The reference date: every date of the world is relative to it.
  Date today = Date::FromYmd(2026, 11, 24);
  // Every n-th project (index % n == 0) is an order class (订单班) linked
  // to 1..3 vacancies of its occupation and county.
  int order_class_every = 10;
};

class WorldGenerator {
 public:
  // kInvalidArgument for a scale with no institutions, projects or workers, or
  // more workers than unique ID numbers can be drawn for. `ref` must outlive
  // the generator.
  static Result<WorldGenerator> Create(const ReferenceData& ref,
                                       const WorldOptions& options);

  const WorldOptions& options() const { return options_; }

  Institution MakeInstitution(int64_t i) const;
  TrainingProject MakeProject(int64_t p) const;
  Vacancy MakeVacancy(int64_t v) const;
  // `contact` holds the clear ID number and phone (API form, write-only).
  Worker MakeWorker(int64_t w) const;
  Outcome MakeOutcome(int64_t o) const;

  static std::string InstitutionIdAt(int64_t i);
  static std::string ProjectIdAt(int64_t p);
  static std::string VacancyIdAt(int64_t v);
  static std::string WorkerIdAt(int64_t w);
  static std::string OutcomeIdAt(int64_t o);

 private:
  // What other entities need to know about a project, drawn on its own stream.
  struct ProjectCore {
    int64_t institution = 0;
    size_t occupation = 0;  // index into ref_->occupations
    size_t county = 0;      // index into ref_->counties
    SkillLevel level = SkillLevel::kSpecial;
    int hours = 0;
    TrainingMode mode = TrainingMode::kOffline;
    std::vector<Schedule> schedule;
    Date start, end;
  };
  // The vacancy slots of order class `p` (empty when p is not an order class).
  struct OrderLinks {
    int64_t first_vacancy = 0;
    int count = 0;
  };

  WorldGenerator(const ReferenceData& ref, const WorldOptions& options);
  ProjectCore CoreOfProject(int64_t p) const;
  size_t CountyOfInstitution(int64_t i) const;
  OrderLinks LinksOfProject(int64_t p) const;
  // The order class a vacancy belongs to, or -1.
  int64_t OrderClassOfVacancy(int64_t v) const;
  size_t SiblingCounty(size_t county, Rng& rng) const;
  std::string EmployerName(size_t county, const OccupationCode& code,
                           Rng& rng) const;
  void PlaceAt(size_t county, Rng& rng, std::optional<double>* lat,
               std::optional<double>* lon) const;

  // Worker parts (world_workers.cc).
  void DrawPerson(Rng& rng, Worker* worker) const;
  void DrawContact(int64_t w, Rng& rng, Worker* worker) const;
  void DrawWishes(Rng& rng, Worker* worker) const;
  void DrawCertificates(Rng& rng, Worker* worker) const;
  void DrawSubsidyHistory(int64_t w, Rng& rng, Worker* worker) const;
  void DrawWorkHistory(size_t county, Rng& rng, Worker* worker) const;

  const ReferenceData* ref_;
  WorldOptions options_;
  OccupationMix vacancy_mix_;
  OccupationMix training_mix_;
  Discrete county_table_;
  std::vector<std::vector<size_t>> city_of_county_;  // siblings per county
  std::vector<int> tier_;  // ShortageTier per occupation
  std::vector<size_t>
      colloquial_occupations_;  // indexes with colloquial wishes
  int64_t order_classes_ = 0;
  int64_t order_stride_ = 0;  // vacancy slots per order class
  Permutation id_permutation_;
  Permutation phone_permutation_;
  Permutation outcome_workers_;
};

}  // namespace qiancheng::world

#endif  // QIANCHENG_WORLD_GENERATOR_H_
