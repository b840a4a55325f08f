// The world's enrollments and outcomes.
#include <algorithm>

#include "world/generator.h"

namespace qiancheng::world {

Outcome WorldGenerator::MakeOutcome(int64_t o) const {
  Rng rng(options_.seed, Stream::kOutcome, static_cast<uint64_t>(o));
  const Date today = options_.today;
  Outcome outcome;
  outcome.id = OutcomeIdAt(o);
  // Distinct workers while there are fewer outcomes than workers.
  const auto workers = static_cast<uint64_t>(options_.scale.workers);
  outcome.worker_id = WorkerId(WorkerIdAt(static_cast<int64_t>(
      outcome_workers_(static_cast<uint64_t>(o) % workers))));
  // Prefer classes that have started: a record of what happened.
  int64_t p = 0;
  ProjectCore core;
  for (int attempt = 0; attempt < 4; ++attempt) {
    p = static_cast<int64_t>(
        rng.Below(static_cast<uint64_t>(options_.scale.projects)));
    core = CoreOfProject(p);
    if (core.start <= today) break;
  }
  outcome.project_id = ProjectId(ProjectIdAt(p));
  outcome.enrolled_date =
      std::min(today, core.start.AddDays(-rng.Range(0, 14)));
  if (core.end >= today || !rng.Chance(0.88))
    return outcome;  // running, or dropped out
  outcome.completed = true;
  outcome.completion_date = core.end;
  if (rng.Chance(0.8)) outcome.certificate_level = core.level;
  // Employment follows the institution's record where it has one.
  const Institution inst = MakeInstitution(core.institution);
  const double employed = inst.employment_rate.value_or(0.6);
  const int32_t since = today - core.end;
  if (!rng.Chance(employed) || since < 1) return outcome;
  outcome.employment = rng.Chance(0.7) ? EmploymentOutcome::kStable
                                       : EmploymentOutcome::kFlexible;
  outcome.employment_date = core.end.AddDays(rng.Range(1, std::min(since, 90)));
  const OrderLinks links = LinksOfProject(p);
  outcome.employer =
      links.count > 0
          ? MakeVacancy(links.first_vacancy).employer
          : EmployerName(core.county, ref_->occupations[core.occupation].code,
                         rng);
  return outcome;
}

}  // namespace qiancheng::world
