// The world's setup, institutions and training projects.
#include "world/generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "world/texts.h"

namespace qiancheng::world {
namespace {

// Where the world lives: 西安 45%, the rest of 陕西 30%, 贵州 25% (counties
// uniform within each part).
double CountyShare(const County& c,
                   const std::map<std::string, int>& part_sizes) {
  const std::string part =
      c.code.str().substr(0, 4) == "6101" ? "6101" : c.code.str().substr(0, 2);
  const double share = part == "6101" ? 0.45 : part == "61" ? 0.30 : 0.25;
  return share / part_sizes.at(part);
}

std::string PaddedId(std::string_view prefix, int64_t n) {
  char digits[24];
  std::snprintf(digits, sizeof digits, "%08lld", static_cast<long long>(n + 1));
  return std::string(prefix) + digits;
}

// Institutions: name kinds (the numbering and "（示例）" mark them as
// generated).
constexpr std::string_view kInstitutionKinds[] = {
    "职业技能培训学校", "职业培训中心",     "技工学校",
    "养老护理培训中心", "数字技能实训基地", "家政服务培训学校"};

constexpr double kHoursPerWeek[] = {30, 10, 12};  // weekday, evening, weekend

SkillLevel DrawLevel(Rng& rng) {
  static const std::vector<double> kWeights = {25, 35, 24, 11, 4, 1};
  return static_cast<SkillLevel>(rng.Weighted(kWeights));
}

std::vector<Schedule> DrawSchedule(Rng& rng) {
  static const std::vector<std::vector<Schedule>> kChoices = {
      {Schedule::kWeekday},
      {Schedule::kEvening},
      {Schedule::kWeekend},
      {Schedule::kWeekday, Schedule::kWeekend},
      {Schedule::kEvening, Schedule::kWeekend}};
  static const std::vector<double> kWeights = {45, 15, 15, 15, 10};
  return kChoices[rng.Weighted(kWeights)];
}

double RoundTo(double value, double step) {
  return std::round(value / step) * step;
}

}  // namespace

Result<ScaleSpec> ScaleNamed(std::string_view name) {
  if (name == "small") return ScaleSpec{"small", 200, 2000, 20000, 20000, 5000};
  if (name == "medium")
    return ScaleSpec{"medium", 5000, 100000, 1000000, 1000000, 250000};
  if (name == "large")
    return ScaleSpec{"large", 10000, 200000, 2000000, 10000000, 2500000};
  return Status::InvalidArgument(
      "scale", "must be one of \"small\", \"medium\", \"large\"");
}

Result<WorldGenerator> WorldGenerator::Create(const ReferenceData& ref,
                                              const WorldOptions& options) {
  const ScaleSpec& s = options.scale;
  if (s.institutions < 1 || s.projects < 1 || s.workers < 1 ||
      s.vacancies < 0 || s.outcomes < 0) {
    return Status::InvalidArgument(
        "scale", "needs at least one institution, project and worker");
  }
  if (options.order_class_every < 1) {
    return Status::InvalidArgument("order_class_every", "must be at least 1");
  }
  // Unique ID numbers: (county, day of year, sequence) for each worker.
  const int64_t id_capacity =
      static_cast<int64_t>(ref.counties.size()) * 365 * 1000;
  if (s.workers > id_capacity || s.workers > 100000000) {
    return Status::InvalidArgument("scale.workers",
                                   "exceeds the unique ID numbers available");
  }
  return WorldGenerator(ref, options);
}

WorldGenerator::WorldGenerator(const ReferenceData& ref,
                               const WorldOptions& options)
    : ref_(&ref),
      options_(options),
      vacancy_mix_(ref, VacancyMix()),
      training_mix_(ref, TrainingMix()),
      order_classes_((options.scale.projects + options.order_class_every - 1) /
                     options.order_class_every),
      id_permutation_(ref.counties.size() * 365 * 1000, options.seed ^ 0x1d),
      phone_permutation_(100000000, options.seed ^ 0x9f),
      outcome_workers_(options.scale.workers, options.seed ^ 0x0c) {
  std::map<std::string, int> part_sizes;
  std::map<std::string, std::vector<size_t>> cities;
  for (size_t c = 0; c < ref.counties.size(); ++c) {
    const std::string& code = ref.counties[c].code.str();
    ++part_sizes[code.substr(0, 4) == "6101" ? "6101" : code.substr(0, 2)];
    cities[code.substr(0, 4)].push_back(c);
  }
  std::vector<double> weights;
  for (const auto& county : ref.counties) {
    weights.push_back(CountyShare(county, part_sizes));
    city_of_county_.push_back(cities[county.code.str().substr(0, 4)]);
  }
  county_table_ = Discrete(weights);
  for (const auto& o : ref.occupations)
    tier_.push_back(ShortageTier(ref, o.code));
  for (std::string_view code : ColloquialWishCodes()) {
    for (size_t i = 0; i < ref.occupations.size(); ++i) {
      if (ref.occupations[i].code.str() == code)
        colloquial_occupations_.push_back(i);
    }
  }
  order_stride_ =
      order_classes_ > 0 ? options.scale.vacancies / order_classes_ : 0;
  if (order_stride_ < 3)
    order_classes_ = 0;  // too few vacancies for order classes
}

std::string WorldGenerator::InstitutionIdAt(int64_t i) {
  return PaddedId("gen-inst-", i);
}
std::string WorldGenerator::ProjectIdAt(int64_t p) {
  return PaddedId("gen-p-", p);
}
std::string WorldGenerator::VacancyIdAt(int64_t v) {
  return PaddedId("gen-v-", v);
}
std::string WorldGenerator::WorkerIdAt(int64_t w) {
  return PaddedId("gen-w-", w);
}
std::string WorldGenerator::OutcomeIdAt(int64_t o) {
  return PaddedId("gen-o-", o);
}

size_t WorldGenerator::SiblingCounty(size_t county, Rng& rng) const {
  const auto& siblings = city_of_county_[county];
  return siblings[rng.Below(siblings.size())];
}

void WorldGenerator::PlaceAt(size_t county, Rng& rng,
                             std::optional<double>* lat,
                             std::optional<double>* lon) const {
  // Within about 2 km of the county's label point, rounded to 6 decimals.
  const County& c = ref_->counties[county];
  *lat = std::round((c.lat + rng.Uniform(-0.02, 0.02)) * 1e6) / 1e6;
  *lon = std::round((c.lon + rng.Uniform(-0.02, 0.02)) * 1e6) / 1e6;
}

size_t WorldGenerator::CountyOfInstitution(int64_t i) const {
  Rng rng(options_.seed, Stream::kInstitution, static_cast<uint64_t>(i));
  return county_table_.Draw(rng);
}

Institution WorldGenerator::MakeInstitution(int64_t i) const {
  Rng rng(options_.seed, Stream::kInstitution, static_cast<uint64_t>(i));
  const size_t county =
      county_table_.Draw(rng);  // first draw: CountyOfInstitution
  Institution inst;
  inst.id = InstitutionId(InstitutionIdAt(i));
  inst.name =
      ref_->counties[county].name + "示例" +
      std::string(kInstitutionKinds[rng.Below(std::size(kInstitutionKinds))]) +
      std::to_string(i + 1) + "号（示例）";
  inst.region = ref_->counties[county].code;
  inst.qualified = rng.Chance(0.95);
  inst.blacklisted = rng.Chance(0.02);
  if (rng.Chance(0.93)) {  // new institutions have no record yet
    inst.pass_rate = RoundTo(rng.Uniform(0.55, 0.98), 0.01);
    // Some below the 30% line of Shaanxi 2021 四(三) (R10).
    inst.employment_rate = RoundTo(
        rng.Chance(0.1) ? rng.Uniform(0.1, 0.3) : rng.Uniform(0.35, 0.92),
        0.01);
  }
  return inst;
}

WorldGenerator::ProjectCore WorldGenerator::CoreOfProject(int64_t p) const {
  Rng rng(options_.seed, Stream::kProjectCore, static_cast<uint64_t>(p));
  ProjectCore core;
  core.institution =
      static_cast<int64_t>(rng.Below(options_.scale.institutions));
  core.occupation = training_mix_.Draw(rng);
  const size_t home = CountyOfInstitution(core.institution);
  core.county = rng.Chance(0.7) ? home : SiblingCounty(home, rng);
  core.level = DrawLevel(rng);
  static constexpr int kMinHours[] = {40, 80, 120, 180, 240, 280};
  const int lo = kMinHours[static_cast<int>(core.level)];
  core.hours =
      std::max(lo, static_cast<int>(RoundTo(rng.Range(lo, lo * 2), 8)));
  static const std::vector<double> kModeWeights = {60, 15, 25};
  core.mode = static_cast<TrainingMode>(rng.Weighted(kModeWeights));
  core.schedule = DrawSchedule(rng);
  double per_week = 0;
  for (Schedule s : core.schedule)
    per_week += kHoursPerWeek[static_cast<int>(s)];
  core.start = options_.today.AddDays(rng.Range(-150, 120));
  core.end = core.start.AddDays(
      static_cast<int32_t>(std::ceil(core.hours / per_week * 7)));
  return core;
}

WorldGenerator::OrderLinks WorldGenerator::LinksOfProject(int64_t p) const {
  if (order_classes_ == 0 || p % options_.order_class_every != 0) return {};
  const int64_t o = p / options_.order_class_every;
  Rng rng(options_.seed, Stream::kOrderClass, static_cast<uint64_t>(o));
  return {o * order_stride_, rng.Range(1, 3)};
}

int64_t WorldGenerator::OrderClassOfVacancy(int64_t v) const {
  if (order_classes_ == 0) return -1;
  const int64_t o = v / order_stride_;
  if (o >= order_classes_) return -1;
  const int64_t p = o * options_.order_class_every;
  const OrderLinks links = LinksOfProject(p);
  return v - links.first_vacancy < links.count ? p : -1;
}

TrainingProject WorldGenerator::MakeProject(int64_t p) const {
  const ProjectCore core = CoreOfProject(p);
  const Occupation& occupation = ref_->occupations[core.occupation];
  Rng rng(options_.seed, Stream::kProject, static_cast<uint64_t>(p));
  TrainingProject project;
  project.id = ProjectId(ProjectIdAt(p));
  project.institution_id = InstitutionId(InstitutionIdAt(core.institution));
  project.occupation_code = occupation.code;
  project.level = core.level;
  project.hours = core.hours;
  project.mode = core.mode;
  project.schedule = core.schedule;
  project.region = ref_->counties[core.county].code;
  PlaceAt(core.county, rng, &project.lat, &project.lon);
  project.start_date = core.start;
  project.end_date = core.end;
  project.seats = rng.Range(4, 12) * 5;
  project.entrepreneurship = rng.Chance(0.03);
  project.work_based = !project.entrepreneurship && rng.Chance(0.05);
  // ILLUSTRATIVE amounts (yuan): a base standard per level, times the share
  // the Tianjin 2022 rules 第九条 pay by degree of shortage up to 高级工
  // (技师 and above: 100%); fees a little above it.
  static constexpr double kBase[] = {600, 1000, 1500, 2000, 2600, 3200};
  const double share = LevelRank(core.level) > LevelRank(SkillLevel::k3)
                           ? 1.0
                           : ref_->tier_shares[tier_[core.occupation] - 1];
  const double base = kBase[static_cast<int>(core.level)] * share;
  project.base_subsidy_yuan = RoundTo(base, 50);
  project.fee_yuan =
      project.work_based ? 0 : RoundTo(base * rng.Uniform(1.0, 1.6), 100);
  const std::string level_words(LevelWords(core.level));
  project.title =
      project.entrepreneurship ? "创业培训（" + occupation.name + "方向）"
      : project.work_based     ? occupation.name + "以工代训"
                           : occupation.name + "（" + level_words + "）培训班";
  project.description = "职业定义：" + occupation.definition + "培训内容：";
  const auto items = TaskItems(occupation.main_tasks, 3);
  for (size_t k = 0; k < items.size(); ++k) {
    project.description += items[k] + (k + 1 < items.size() ? "；" : "。");
  }
  const OrderLinks links = LinksOfProject(p);
  for (int k = 0; k < links.count; ++k) {
    project.linked_vacancy_ids.push_back(
        VacancyId(VacancyIdAt(links.first_vacancy + k)));
  }
  if (links.count > 0) project.title += "（订单班）";
  const bool cancelled = rng.Chance(0.03);
  project.status = core.end < options_.today || cancelled
                       ? EntityStatus::kClosed
                       : EntityStatus::kOpen;
  return project;
}

}  // namespace qiancheng::world
