// The world's workers: target groups, ID numbers, wishes and histories.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "world/generator.h"
#include "world/texts.h"

namespace qiancheng::world {
namespace {

using TG = TargetGroup;
using E = Education;

// One worker profile per primary target group (or none): the mix of ages,
// schooling, household type and employment a counselor would expect.
struct Profile {
  std::optional<TargetGroup> group;
  double weight;
  int age_lo, age_hi;
  std::vector<Education> educations;
  double rural;                  // share with a rural household registration
  std::array<double, 4> status;  // unemployed, employed, flexible, student
};

const std::vector<Profile>& Profiles() {
  static const std::vector<Profile> kProfiles = {
      {TG::kCollegeGraduate,
       14,
       21,
       26,
       {E::kHigherVocational, E::kBachelor, E::kPostgraduate},
       0.4,
       {70, 10, 20, 0}},
      {TG::kRuralMigrant,
       20,
       18,
       55,
       {E::kPrimary, E::kJuniorSecondary, E::kSeniorSecondary},
       1.0,
       {35, 35, 30, 0}},
      {TG::kRegisteredUnemployed,
       14,
       22,
       55,
       {E::kJuniorSecondary, E::kSeniorSecondary, E::kSecondaryVocational,
        E::kHigherVocational},
       0.3,
       {100, 0, 0, 0}},
      {TG::kEmploymentDifficulty,
       8,
       40,
       58,
       {E::kPrimary, E::kJuniorSecondary, E::kSeniorSecondary},
       0.4,
       {85, 0, 15, 0}},
      {TG::kPovertyAlleviated,
       8,
       18,
       55,
       {E::kPrimary, E::kJuniorSecondary, E::kSeniorSecondary},
       1.0,
       {45, 25, 30, 0}},
      {TG::kVeteran,
       5,
       22,
       45,
       {E::kSeniorSecondary, E::kHigherVocational, E::kBachelor},
       0.5,
       {60, 30, 10, 0}},
      {TG::kDisabled,
       3,
       18,
       55,
       {E::kJuniorSecondary, E::kSeniorSecondary, E::kSecondaryVocational},
       0.5,
       {70, 15, 15, 0}},
      {TG::kLowIncomeFamily,
       4,
       18,
       55,
       {E::kJuniorSecondary, E::kSeniorSecondary},
       0.5,
       {70, 10, 20, 0}},
      {TG::kZeroEmploymentFamily,
       2,
       20,
       55,
       {E::kJuniorSecondary, E::kSeniorSecondary},
       0.3,
       {100, 0, 0, 0}},
      {TG::kStudent,
       6,
       16,
       22,
       {E::kSecondaryVocational, E::kHigherVocational, E::kBachelor},
       0.4,
       {0, 0, 0, 100}},
      {TG::kGraduateNotContinuing,
       4,
       16,
       19,
       {E::kJuniorSecondary, E::kSeniorSecondary},
       0.8,
       {90, 0, 10, 0}},
      {std::nullopt,
       12,
       18,
       59,
       {E::kJuniorSecondary, E::kSeniorSecondary, E::kHigherVocational,
        E::kBachelor, E::kUnknown},
       0.4,
       {20, 50, 30, 0}},
  };
  return kProfiles;
}

// Groups that often come together: (primary, also, probability).
struct Companion {
  TargetGroup primary, also;
  double p;
};
constexpr Companion kCompanions[] = {
    {TG::kPovertyAlleviated, TG::kRuralMigrant, 0.5},
    {TG::kEmploymentDifficulty, TG::kRegisteredUnemployed, 0.7},
    {TG::kZeroEmploymentFamily, TG::kRegisteredUnemployed, 0.8},
    {TG::kDisabled, TG::kEmploymentDifficulty, 0.5},
    {TG::kLowIncomeFamily, TG::kEmploymentDifficulty, 0.3},
    {TG::kGraduateNotContinuing, TG::kLowIncomeFamily, 0.25},
    {TG::kGraduateNotContinuing, TG::kPovertyAlleviated, 0.15},
    {TG::kRuralMigrant, TG::kPovertyAlleviated, 0.15},
};

constexpr std::string_view kPhonePrefixes[] = {
    "130", "131", "132", "133", "135", "136", "137", "138", "139",
    "150", "151", "152", "153", "155", "156", "157", "158", "159",
    "166", "173", "177", "180", "181", "182", "183", "185", "186",
    "187", "188", "189", "191", "198", "199"};

char CheckCharacter(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                       3, 7, 9,  10, 5, 8, 4, 2};
  static constexpr char kCheck[11] = {'1', '0', 'X', '9', '8', '7',
                                      '6', '5', '4', '3', '2'};
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

bool Has(const Worker& w, TargetGroup g) {
  return std::find(w.groups.begin(), w.groups.end(), g) != w.groups.end();
}

}  // namespace

Worker WorldGenerator::MakeWorker(int64_t w) const {
  Rng rng(options_.seed, Stream::kWorker, static_cast<uint64_t>(w));
  Worker worker;
  worker.id = WorkerId(WorkerIdAt(w));
  const size_t county = county_table_.Draw(rng);
  worker.region = ref_->counties[county].code;
  PlaceAt(county, rng, &worker.lat, &worker.lon);
  DrawPerson(rng, &worker);
  DrawContact(w, rng, &worker);
  const int skills = static_cast<int>(rng.Below(4));
  const auto& everyday = EverydaySkills();
  for (int k = 0; k < skills; ++k) {
    std::string skill(everyday[rng.Below(everyday.size())]);
    if (std::find(worker.skills.begin(), worker.skills.end(), skill) ==
        worker.skills.end()) {
      worker.skills.push_back(std::move(skill));
    }
  }
  DrawWishes(rng, &worker);
  DrawCertificates(rng, &worker);
  DrawSubsidyHistory(w, rng, &worker);
  DrawWorkHistory(county, rng, &worker);
  return worker;
}

void WorldGenerator::DrawPerson(Rng& rng, Worker* worker) const {
  static const std::vector<double> kWeights = [] {
    std::vector<double> weights;
    for (const auto& p : Profiles()) weights.push_back(p.weight);
    return weights;
  }();
  const Profile& profile = Profiles()[rng.Weighted(kWeights)];
  if (profile.group) {
    worker->groups.push_back(*profile.group);
    for (const auto& c : kCompanions) {
      if (c.primary == *profile.group && rng.Chance(c.p))
        worker->groups.push_back(c.also);
    }
    std::sort(worker->groups.begin(), worker->groups.end());
  }
  const int age = rng.Range(profile.age_lo, profile.age_hi);
  // Provisional: the year only; DrawContact sets the day from the ID number.
  // Born in year (today - age - 1) plus a day of year: the age on `today` is
  // `age` or `age + 1`, never below the profile's minimum.
  worker->birth_date = Date::FromYmd(options_.today.year() - age - 1, 1, 1);
  worker->education = profile.educations[rng.Below(profile.educations.size())];
  worker->hukou_type =
      rng.Chance(profile.rural) ? HukouType::kRural : HukouType::kUrban;
  const std::vector<double> status(profile.status.begin(),
                                   profile.status.end());
  worker->employment_status =
      static_cast<EmploymentStatus>(rng.Weighted(status));
  const double insured =
      worker->employment_status == EmploymentStatus::kEmployed   ? 0.75
      : Has(*worker, TG::kRegisteredUnemployed)                  ? 0.45
      : worker->employment_status == EmploymentStatus::kFlexible ? 0.2
                                                                 : 0.05;
  worker->unemployment_insured = rng.Chance(insured);
  worker->real_name_verified = rng.Chance(0.95);
}

void WorldGenerator::DrawContact(int64_t w, Rng& rng, Worker* worker) const {
  // A unique (county, day of year, sequence) per worker via a keyed bijection.
  const uint64_t u = id_permutation_(static_cast<uint64_t>(w));
  const uint64_t sequence = u % 1000, day = (u / 1000) % 365,
                 county = u / 365000;
  worker->birth_date = worker->birth_date.AddDays(static_cast<int32_t>(day));
  worker->hukou_region = ref_->counties[county].code;
  char first17[24];
  std::snprintf(first17, sizeof first17, "%s%04d%02d%02d%03u",
                worker->hukou_region.str().c_str(), worker->birth_date.year(),
                worker->birth_date.month(), worker->birth_date.day(),
                static_cast<unsigned>(sequence));
  worker->contact.id_number = std::string(first17) + CheckCharacter(first17);
  char phone[24];
  std::snprintf(
      phone, sizeof phone, "%s%08llu",
      std::string(kPhonePrefixes[rng.Below(std::size(kPhonePrefixes))]).c_str(),
      static_cast<unsigned long long>(
          phone_permutation_(static_cast<uint64_t>(w))));
  worker->contact.phone = phone;
}

void WorldGenerator::DrawWishes(Rng& rng, Worker* worker) const {
  TrainingWishes& wishes = worker->wishes;
  const size_t first =
      !colloquial_occupations_.empty() && rng.Chance(0.35)
          ? colloquial_occupations_[rng.Below(colloquial_occupations_.size())]
          : training_mix_.Draw(rng);
  wishes.occupation_codes.push_back(ref_->occupations[first].code);
  const int more = static_cast<int>(rng.Below(3));
  for (int k = 0; k < more; ++k) {
    const OccupationCode& code =
        ref_->occupations[training_mix_.Draw(rng)].code;
    if (std::find(wishes.occupation_codes.begin(),
                  wishes.occupation_codes.end(),
                  code) == wishes.occupation_codes.end()) {
      wishes.occupation_codes.push_back(code);
    }
  }
  if (rng.Chance(0.9)) wishes.text = WishText(ref_->occupations[first], rng);
  for (int m = 0; m < 3; ++m) {
    if (rng.Chance(0.35)) wishes.modes.push_back(static_cast<TrainingMode>(m));
  }
  for (int s = 0; s < 3; ++s) {
    if (rng.Chance(0.35)) wishes.schedules.push_back(static_cast<Schedule>(s));
  }
  static constexpr double kDistances[] = {3, 5, 10, 15, 20, 30, 50};
  if (rng.Chance(0.8))
    wishes.max_distance_km = kDistances[rng.Below(std::size(kDistances))];
}

void WorldGenerator::DrawCertificates(Rng& rng, Worker* worker) const {
  if (!rng.Chance(0.25)) return;
  const Date adult = worker->birth_date.AddDays(16 * 365 + 4);
  const int32_t span = std::min<int32_t>(3650, options_.today - adult);
  if (span < 30) return;
  const int count = rng.Chance(0.8) ? 1 : 2;
  static const std::vector<double> kLevels = {20, 45, 25,
                                              10};  // special, 5, 4, 3
  for (int k = 0; k < count; ++k) {
    Certificate c;
    c.occupation_code = rng.Chance(0.3)
                            ? worker->wishes.occupation_codes.front()
                            : ref_->occupations[training_mix_.Draw(rng)].code;
    c.level = static_cast<SkillLevel>(rng.Weighted(kLevels));
    c.date = options_.today.AddDays(-rng.Range(30, span));
    // Most certificates are local; some were obtained out of province (R14).
    c.province =
        rng.Chance(0.85) || ref_->other_provinces.empty()
            ? worker->region.Province()
            : ref_->other_provinces[rng.Below(ref_->other_provinces.size())];
    worker->certificates.push_back(std::move(c));
  }
}

}  // namespace qiancheng::world
