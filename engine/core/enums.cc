#include "core/enums.h"

#include <array>
#include <string>
#include <utility>

namespace qiancheng {
namespace {

template <class E, size_t N>
using Table = std::array<std::pair<E, std::string_view>, N>;

constexpr Table<SkillLevel, 6> kSkillLevels{{{SkillLevel::kSpecial, "special"},
                                             {SkillLevel::k5, "5"},
                                             {SkillLevel::k4, "4"},
                                             {SkillLevel::k3, "3"},
                                             {SkillLevel::k2, "2"},
                                             {SkillLevel::k1, "1"}}};
constexpr Table<TrainingMode, 3> kModes{{{TrainingMode::kOffline, "offline"},
                                         {TrainingMode::kOnline, "online"},
                                         {TrainingMode::kBlended, "blended"}}};
constexpr Table<Schedule, 3> kSchedules{{{Schedule::kWeekday, "weekday"},
                                         {Schedule::kEvening, "evening"},
                                         {Schedule::kWeekend, "weekend"}}};
constexpr Table<EntityStatus, 2> kStatuses{
    {{EntityStatus::kOpen, "open"}, {EntityStatus::kClosed, "closed"}}};
constexpr Table<EmploymentType, 2> kEmploymentTypes{
    {{EmploymentType::kStable, "stable"},
     {EmploymentType::kFlexible, "flexible"}}};
constexpr Table<HukouType, 2> kHukouTypes{
    {{HukouType::kRural, "rural"}, {HukouType::kUrban, "urban"}}};
constexpr Table<EmploymentStatus, 4> kEmploymentStatuses{
    {{EmploymentStatus::kUnemployed, "unemployed"},
     {EmploymentStatus::kEmployed, "employed"},
     {EmploymentStatus::kFlexible, "flexible"},
     {EmploymentStatus::kStudent, "student"}}};
constexpr Table<EmploymentOutcome, 3> kEmploymentOutcomes{
    {{EmploymentOutcome::kNone, "none"},
     {EmploymentOutcome::kFlexible, "flexible"},
     {EmploymentOutcome::kStable, "stable"}}};
constexpr Table<SubsidyKind, 6> kSubsidyKinds{
    {{SubsidyKind::kTraining, "training"},
     {SubsidyKind::kWorkBased, "work_based"},
     {SubsidyKind::kLiving, "living"},
     {SubsidyKind::kSkillUpgrade, "skill_upgrade"},
     {SubsidyKind::kEntrepreneurship, "entrepreneurship"},
     {SubsidyKind::kCertificate, "certificate"}}};
constexpr Table<TargetGroup, 11> kTargetGroups{
    {{TargetGroup::kCollegeGraduate, "college_graduate"},
     {TargetGroup::kRuralMigrant, "rural_migrant"},
     {TargetGroup::kRegisteredUnemployed, "registered_unemployed"},
     {TargetGroup::kEmploymentDifficulty, "employment_difficulty"},
     {TargetGroup::kPovertyAlleviated, "poverty_alleviated"},
     {TargetGroup::kVeteran, "veteran"},
     {TargetGroup::kDisabled, "disabled"},
     {TargetGroup::kLowIncomeFamily, "low_income_family"},
     {TargetGroup::kZeroEmploymentFamily, "zero_employment_family"},
     {TargetGroup::kStudent, "student"},
     {TargetGroup::kGraduateNotContinuing, "graduate_not_continuing"}}};
constexpr Table<Education, 8> kEducations{
    {{Education::kUnknown, "unknown"},
     {Education::kPrimary, "primary"},
     {Education::kJuniorSecondary, "junior_secondary"},
     {Education::kSeniorSecondary, "senior_secondary"},
     {Education::kSecondaryVocational, "secondary_vocational"},
     {Education::kHigherVocational, "higher_vocational"},
     {Education::kBachelor, "bachelor"},
     {Education::kPostgraduate, "postgraduate"}}};

constexpr Table<Role, 4> kRoles{{{Role::kAdmin, "admin"},
                                 {Role::kService, "service"},
                                 {Role::kCounselor, "counselor"},
                                 {Role::kAnalyst, "analyst"}}};

template <class E, size_t N>
std::string_view NameIn(const Table<E, N>& table, E v) {
  for (const auto& [value, name] : table) {
    if (value == v) return name;
  }
  return "?";
}

template <class E, size_t N>
Result<E> ParseIn(const Table<E, N>& table, std::string_view text,
                  std::string_view field) {
  for (const auto& [value, name] : table) {
    if (name == text) return value;
  }
  std::string allowed;
  for (const auto& entry : table) {
    if (!allowed.empty()) allowed += ", ";
    allowed += '"';
    allowed += entry.second;
    allowed += '"';
  }
  return Status::InvalidArgument(field, "must be one of " + allowed);
}

}  // namespace

#define QC_ENUM_TABLE_(E, table)                                      \
  std::string_view Name(E v) { return NameIn(table, v); }             \
  template <>                                                         \
  Result<E> Parse<E>(std::string_view text, std::string_view field) { \
    return ParseIn(table, text, field);                               \
  }

QC_ENUM_TABLE_(SkillLevel, kSkillLevels)
QC_ENUM_TABLE_(TrainingMode, kModes)
QC_ENUM_TABLE_(Schedule, kSchedules)
QC_ENUM_TABLE_(EntityStatus, kStatuses)
QC_ENUM_TABLE_(EmploymentType, kEmploymentTypes)
QC_ENUM_TABLE_(HukouType, kHukouTypes)
QC_ENUM_TABLE_(EmploymentStatus, kEmploymentStatuses)
QC_ENUM_TABLE_(EmploymentOutcome, kEmploymentOutcomes)
QC_ENUM_TABLE_(SubsidyKind, kSubsidyKinds)
QC_ENUM_TABLE_(TargetGroup, kTargetGroups)
QC_ENUM_TABLE_(Education, kEducations)
QC_ENUM_TABLE_(Role, kRoles)

#undef QC_ENUM_TABLE_

int LevelRank(SkillLevel level) { return static_cast<int>(level); }

}  // namespace qiancheng
