// core/domain.h -- the domain types of DESIGN.md, as plain structs.
// These are the currency of every stage; field names follow API contract v1.
// Invariant for Worker: `contact` holds the clear ID number and phone only on
// the way in; ingest replaces them with a keyed hash and a masked form before
// anything is stored, and the store refuses a Worker whose `contact` is not
// empty. Value types; thread-compatible.
#ifndef QIANCHENG_CORE_DOMAIN_H_
#define QIANCHENG_CORE_DOMAIN_H_

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/enums.h"
#include "core/ids.h"

namespace qiancheng {

// 职业分类大典 2022: one 细类 (or a higher group when depth() < 4).
struct Occupation {
  OccupationCode code;
  std::string name;
  std::vector<std::string> aliases;  // 工种 names and other names
  std::string definition;
  std::string main_tasks;  // 主要工作任务, as one text
};

// One row of a shortage catalog (e.g. the national "最缺工" ranking).
struct ShortageEntry {
  std::string id;
  std::string catalog;  // catalog name
  RegionCode region;    // jurisdiction
  std::string period;   // "2022Q4", "2025"
  OccupationCode occupation_code;
  std::string occupation_name;
  int rank = 0;  // 1 = most short
  // Degree of shortage where the catalog grades it (Xi'an 2025 二(二): uplift
  // by degree): 1 very short, 2 short, 3 somewhat short; 0 when not graded.
  int degree = 0;
  std::string source;  // document or release the row comes from
};

struct Institution {
  InstitutionId id;
  std::string name;
  RegionCode region;
  bool qualified = false;    // R13: only qualified institutions are paid
  bool blacklisted = false;  // R13: blacklisted institutions are filtered out
  std::optional<double> pass_rate;        // 0..1
  std::optional<double> employment_rate;  // 0..1
};

struct TrainingProject {
  ProjectId id;
  InstitutionId institution_id;
  OccupationCode occupation_code;
  std::string title;
  std::string description;
  SkillLevel level = SkillLevel::kSpecial;
  int hours = 0;
  TrainingMode mode = TrainingMode::kOffline;
  std::vector<Schedule> schedule;
  RegionCode region;
  std::optional<double> lat, lon;
  Date start_date, end_date;
  int seats = 0;
  double fee_yuan = 0;
  double base_subsidy_yuan = 0;
  bool entrepreneurship = false;              // 创业培训
  bool work_based = false;                    // 以工代训
  std::vector<VacancyId> linked_vacancy_ids;  // order class 订单班
  EntityStatus status = EntityStatus::kOpen;
};

struct Vacancy {
  VacancyId id;
  std::string employer;
  OccupationCode occupation_code;
  std::string title;
  std::string description;
  std::vector<std::string> skills;
  std::optional<SkillLevel> required_level;
  double salary_min = 0, salary_max = 0;  // yuan per month
  RegionCode region;
  std::optional<double> lat, lon;
  int headcount = 0;
  EmploymentType employment_type = EmploymentType::kStable;
  EntityStatus status = EntityStatus::kOpen;
  Date posted_date, expiry_date;
  std::optional<ProjectId> training_project_id;  // 招生即招工
};

struct Certificate {
  OccupationCode occupation_code;
  SkillLevel level = SkillLevel::kSpecial;
  Date date;
  RegionCode province;  // issuing province (R14 证书直补 out of province)
};

struct TrainingWishes {
  std::vector<OccupationCode> occupation_codes;
  std::string text;  // free words, e.g. "想学照顾老人"
  std::vector<TrainingMode> modes;
  std::vector<Schedule> schedules;
  std::optional<double> max_distance_km;
};

struct SubsidyRecord {
  OccupationCode occupation_code;
  SkillLevel level = SkillLevel::kSpecial;
  Date date;
  SubsidyKind kind = SubsidyKind::kTraining;
  double amount_yuan = 0;
  std::string voucher_id;  // empty when none
};

struct WorkRecord {
  std::optional<OccupationCode> occupation_code;
  std::string employer;
  Date start_date;
  std::optional<Date> end_date;
};

// Clear-text contact data: write-only input (see the invariant above).
struct ContactInput {
  std::string id_number;
  std::string phone;
  bool empty() const { return id_number.empty() && phone.empty(); }
};

struct Worker {
  WorkerId id;
  bool real_name_verified = false;  // R1
  ContactInput contact;             // cleared by ingest before storage
  std::string id_hash, phone_hash;  // keyed hashes, for lookup
  std::string id_masked, phone_masked;
  Date birth_date;
  Education education = Education::kUnknown;
  RegionCode region;
  std::optional<double> lat, lon;
  RegionCode hukou_region;  // recorded, never a condition (R4)
  HukouType hukou_type = HukouType::kUrban;
  std::vector<TargetGroup> groups;
  EmploymentStatus employment_status = EmploymentStatus::kUnemployed;
  bool unemployment_insured = false;
  std::vector<std::string> skills;
  std::vector<Certificate> certificates;
  TrainingWishes wishes;
  std::vector<SubsidyRecord> subsidy_history;
  std::vector<WorkRecord> work_history;
};

// Enrollment and outcome of one worker in one class.
struct Outcome {
  std::string id;
  WorkerId worker_id;
  ProjectId project_id;
  Date enrolled_date;
  bool completed = false;
  std::optional<Date> completion_date;
  std::optional<SkillLevel> certificate_level;
  EmploymentOutcome employment = EmploymentOutcome::kNone;
  std::string employer;
  std::optional<Date> employment_date;
};

}  // namespace qiancheng

#endif  // QIANCHENG_CORE_DOMAIN_H_
