// The world's vacancies and employers.
#include <algorithm>
#include <cmath>

#include "world/generator.h"
#include "world/texts.h"

namespace qiancheng::world {
namespace {

double RoundTo(double value, double step) {
  return std::round(value / step) * step;
}

// Pay factor by required level (higher certificates, higher pay; illustrative).
double LevelFactor(const std::optional<SkillLevel>& level) {
  static constexpr double kFactor[] = {1.0, 1.05, 1.15, 1.3, 1.5, 1.7};
  return level ? kFactor[static_cast<int>(*level)] : 1.0;
}

// Pay factor by place: 西安 1.0, elsewhere 0.85 (illustrative).
double RegionFactor(const RegionCode& region) {
  return region.str().substr(0, 4) == "6101" ? 1.0 : 0.85;
}

std::optional<SkillLevel> DrawRequiredLevel(Rng& rng) {
  static const std::vector<double> kWeights = {45, 10, 25, 12,
                                               6,  2};  // none, special, 5..2
  const size_t pick = rng.Weighted(kWeights);
  if (pick == 0) return std::nullopt;
  return static_cast<SkillLevel>(pick - 1);
}

}  // namespace

std::string WorldGenerator::EmployerName(size_t county,
                                         const OccupationCode& code,
                                         Rng& rng) const {
  // About 40 employers per county and trade, so employers post several
  // vacancies; the "示例" words and the number mark the name as generated.
  return ref_->counties[county].name + "示例" +
         std::string(IndustryWord(code)) + "单位" +
         std::to_string(rng.Range(1, 40)) + "号（示例）";
}

Vacancy WorldGenerator::MakeVacancy(int64_t v) const {
  Rng rng(options_.seed, Stream::kVacancy, static_cast<uint64_t>(v));
  Vacancy vacancy;
  vacancy.id = VacancyId(VacancyIdAt(v));
  size_t occupation = 0, county = 0;
  const int64_t order_class = OrderClassOfVacancy(v);
  if (order_class >= 0) {
    // 招生即招工: the employer's post for the class's trainees, same occupation
    // and county, posted before the class starts, open until after it ends.
    const ProjectCore core = CoreOfProject(order_class);
    occupation = core.occupation;
    county = core.county;
    vacancy.training_project_id = ProjectId(ProjectIdAt(order_class));
    if (core.level != SkillLevel::kSpecial) vacancy.required_level = core.level;
    vacancy.posted_date = core.start.AddDays(-rng.Range(0, 30));
    vacancy.expiry_date = core.end.AddDays(rng.Range(30, 90));
    vacancy.employment_type = EmploymentType::kStable;
  } else {
    occupation = vacancy_mix_.Draw(rng);
    county = county_table_.Draw(rng);
    vacancy.required_level = DrawRequiredLevel(rng);
    vacancy.posted_date = options_.today.AddDays(-rng.Range(0, 150));
    vacancy.expiry_date = vacancy.posted_date.AddDays(rng.Range(30, 180));
    vacancy.employment_type =
        rng.Chance(0.8) ? EmploymentType::kStable : EmploymentType::kFlexible;
  }
  const Occupation& o = ref_->occupations[occupation];
  vacancy.occupation_code = o.code;
  vacancy.region = ref_->counties[county].code;
  PlaceAt(county, rng, &vacancy.lat, &vacancy.lon);
  vacancy.employer = EmployerName(county, o.code, rng);
  static const std::vector<double> kHeadcount = {30, 20, 12, 10, 8,
                                                 5,  5,  4,  3,  3};
  vacancy.headcount = static_cast<int>(rng.Weighted(kHeadcount)) + 1;
  if (rng.Chance(0.05)) vacancy.headcount = rng.Range(10, 50);
  vacancy.title = VacancyTitle(o, vacancy.headcount, rng);
  vacancy.description = VacancyDescription(o, vacancy.required_level, rng);
  for (const auto& item : TaskItems(o.main_tasks, 3)) {
    std::string skill = SkillOfTask(item);
    if (!skill.empty() && skill.size() <= 60)
      vacancy.skills.push_back(std::move(skill));
  }
  const SalaryBand band = SalaryBandOf(o.code);
  const double factor =
      LevelFactor(vacancy.required_level) * RegionFactor(vacancy.region);
  const double low = band.min + (band.max - band.min) * rng.Uniform(0.0, 0.5);
  vacancy.salary_min = RoundTo(low * factor, 100);
  vacancy.salary_max = RoundTo(low * factor * rng.Uniform(1.2, 1.6), 100);
  const bool filled = rng.Chance(0.1);
  vacancy.status = vacancy.expiry_date < options_.today || filled
                       ? EntityStatus::kClosed
                       : EntityStatus::kOpen;
  return vacancy;
}

}  // namespace qiancheng::world
