// core/enums.h -- the closed vocabularies of API contract v1 and their wire
// names. Each enum has Name() (the contract's string) and Parse<Enum>(text)
// which is kInvalidArgument for an unknown value, naming the field. Thread-safe
// (const tables).
#ifndef QIANCHENG_CORE_ENUMS_H_
#define QIANCHENG_CORE_ENUMS_H_

#include <string_view>

#include "core/result.h"

namespace qiancheng {

// 职业技能等级: 专项能力, then 五级/初级工 (5) up to 一级/高级技师 (1).
enum class SkillLevel { kSpecial, k5, k4, k3, k2, k1 };
enum class TrainingMode { kOffline, kOnline, kBlended };
enum class Schedule { kWeekday, kEvening, kWeekend };
enum class EntityStatus { kOpen, kClosed };
enum class EmploymentType { kStable, kFlexible };
enum class HukouType { kRural, kUrban };
enum class EmploymentStatus { kUnemployed, kEmployed, kFlexible, kStudent };
enum class EmploymentOutcome { kNone, kFlexible, kStable };
enum class SubsidyKind {
  kTraining,
  kWorkBased,
  kLiving,
  kSkillUpgrade,
  kEntrepreneurship,
  kCertificate
};
enum class TargetGroup {
  kCollegeGraduate,        // 高校毕业生
  kRuralMigrant,           // 农村转移就业劳动者
  kRegisteredUnemployed,   // 登记失业人员
  kEmploymentDifficulty,   // 就业困难人员
  kPovertyAlleviated,      // 脱贫人口
  kVeteran,                // 退役军人
  kDisabled,               // 残疾人
  kLowIncomeFamily,        // 低保家庭
  kZeroEmploymentFamily,   // 零就业家庭
  kStudent,                // 在校学生
  kGraduateNotContinuing,  // 未继续升学的初高中毕业生 (两后生)
};
// Roles of API keys (API contract v1, POST /v1/keys).
enum class Role { kAdmin, kService, kCounselor, kAnalyst };
enum class Education {
  kUnknown,
  kPrimary,
  kJuniorSecondary,
  kSeniorSecondary,
  kSecondaryVocational,
  kHigherVocational,
  kBachelor,
  kPostgraduate
};

std::string_view Name(SkillLevel v);
std::string_view Name(TrainingMode v);
std::string_view Name(Schedule v);
std::string_view Name(EntityStatus v);
std::string_view Name(EmploymentType v);
std::string_view Name(HukouType v);
std::string_view Name(EmploymentStatus v);
std::string_view Name(EmploymentOutcome v);
std::string_view Name(SubsidyKind v);
std::string_view Name(TargetGroup v);
std::string_view Name(Education v);
std::string_view Name(Role v);

// Parse<E>(text, field): the enum value whose Name() is `text`.
template <class E>
Result<E> Parse(std::string_view text, std::string_view field);

// Numeric rank of a level for comparisons: special 0, 5 -> 1 ... 1 -> 5
// (higher is more advanced).
int LevelRank(SkillLevel level);

}  // namespace qiancheng

#endif  // QIANCHENG_CORE_ENUMS_H_
