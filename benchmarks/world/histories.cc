// The workers' subsidy and work histories.
#include <algorithm>
#include <cmath>

#include "world/generator.h"

namespace qiancheng::world {
namespace {

bool InNeed(const Worker& w) {
  for (TargetGroup g : w.groups) {
    if (g == TargetGroup::kPovertyAlleviated ||
        g == TargetGroup::kEmploymentDifficulty ||
        g == TargetGroup::kZeroEmploymentFamily ||
        g == TargetGroup::kLowIncomeFamily) {
      return true;
    }
  }
  return false;
}

// ILLUSTRATIVE amounts (yuan) per kind; living allowances stay within the
// 2500-yuan cap of Shaanxi 2021 三(一) (R8), certificate subsidies on the scale
// of the Tianjin evaluation table (210-640).
double DrawAmount(SubsidyKind kind, SkillLevel level, Rng& rng) {
  switch (kind) {
    case SubsidyKind::kTraining:
      return 100.0 * rng.Range(6, 25);
    case SubsidyKind::kWorkBased:
      return 100.0 * rng.Range(5, 15);
    case SubsidyKind::kLiving:
      return 100.0 * rng.Range(3, 25);
    case SubsidyKind::kSkillUpgrade:
      return 500.0 + 500.0 * std::max(0, LevelRank(level) - 1);
    case SubsidyKind::kEntrepreneurship:
      return 100.0 * rng.Range(10, 15);
    case SubsidyKind::kCertificate:
      return 10.0 * rng.Range(21, 64);
  }
  return 0;
}

SubsidyKind DrawKind(const Worker& w, Rng& rng) {
  static const std::vector<double> kWeights = {60, 8, 10,
                                               10, 4, 8};  // SubsidyKind order
  SubsidyKind kind = static_cast<SubsidyKind>(rng.Weighted(kWeights));
  if (kind == SubsidyKind::kLiving && !InNeed(w)) kind = SubsidyKind::kTraining;
  if (kind == SubsidyKind::kSkillUpgrade && !w.unemployment_insured)
    kind = SubsidyKind::kTraining;
  return kind;
}

bool Duplicate(const Worker& w, const SubsidyRecord& r) {
  for (const auto& s : w.subsidy_history) {
    if (s.occupation_code == r.occupation_code && s.level == r.level &&
        s.kind == r.kind) {
      return true;
    }
  }
  return false;
}

}  // namespace

void WorldGenerator::DrawSubsidyHistory(int64_t w, Rng& rng,
                                        Worker* worker) const {
  const Date today = options_.today;
  const Date new_year = Date::FromYmd(today.year(), 1, 1);
  const int32_t this_year_days = std::max<int32_t>(1, today - new_year);
  // 3% have had three subsidised trainings this year: the cap of Shaanxi 2021
  // 三(三) (R2). Another 27% have one or two records from the last 3 years.
  const bool at_cap = rng.Chance(0.03);
  if (!at_cap && !rng.Chance(0.27)) return;
  const int count = at_cap ? 3 : rng.Range(1, 2);
  static const std::vector<double> kLevels = {30, 50, 20};  // special, 5, 4
  for (int k = 0; k < count; ++k) {
    SubsidyRecord r;
    r.occupation_code = ref_->occupations[training_mix_.Draw(rng)].code;
    r.level = static_cast<SkillLevel>(rng.Weighted(kLevels));
    r.kind = at_cap ? SubsidyKind::kTraining : DrawKind(*worker, rng);
    r.date = at_cap ? new_year.AddDays(rng.Range(0, this_year_days - 1))
                    : today.AddDays(-rng.Range(1, 3 * 365));
    if (r.date < worker->birth_date.AddDays(16 * 365 + 4))
      continue;  // too young then
    r.amount_yuan = DrawAmount(r.kind, r.level, rng);
    if (r.kind == SubsidyKind::kTraining) {
      r.voucher_id =
          "gen-vch-" + std::to_string(w + 1) + "-" + std::to_string(k + 1);
    }
    if (!Duplicate(*worker, r)) worker->subsidy_history.push_back(std::move(r));
  }
  std::sort(worker->subsidy_history.begin(), worker->subsidy_history.end(),
            [](const SubsidyRecord& a, const SubsidyRecord& b) {
              return a.date < b.date;
            });
}

void WorldGenerator::DrawWorkHistory(size_t county, Rng& rng,
                                     Worker* worker) const {
  const Date today = options_.today;
  const Date adult = worker->birth_date.AddDays(18 * 365 + 5);
  const int32_t working_days = today - adult;
  const bool working =
      worker->employment_status == EmploymentStatus::kEmployed ||
      worker->employment_status == EmploymentStatus::kFlexible;
  if (working_days < 180 || !(working || rng.Chance(0.5))) return;
  const int jobs = rng.Range(1, 2);
  Date start = adult.AddDays(rng.Range(0, working_days / 2));
  for (int k = 0; k < jobs && start < today; ++k) {
    WorkRecord r;
    const Occupation& o = ref_->occupations[vacancy_mix_.Draw(rng)];
    r.occupation_code = o.code;
    r.employer = EmployerName(
        rng.Chance(0.7) ? county : SiblingCounty(county, rng), o.code, rng);
    r.start_date = start;
    const bool current = working && k == jobs - 1;
    if (!current) {
      const int32_t left = today - start;
      r.end_date = start.AddDays(
          rng.Range(std::min(30, left), std::max(30, left * 2 / 3)));
      if (*r.end_date > today) r.end_date = today;
      start = r.end_date->AddDays(rng.Range(10, 120));
    }
    worker->work_history.push_back(std::move(r));
  }
}

}  // namespace qiancheng::world
