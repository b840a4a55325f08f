// world/texts.h -- the words of the generated world: vacancy titles and
// descriptions built from the real occupation names, definitions and main
// tasks; colloquial training wishes ("想学照顾老人"); employer industry words;
// salary bands. Salary bands and amounts are illustrative, not statistics.
// Thread-safe: pure functions over const tables.
#ifndef QIANCHENG_WORLD_TEXTS_H_
#define QIANCHENG_WORLD_TEXTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/domain.h"
#include "world/rng.h"

namespace qiancheng::world {

// Monthly pay in yuan for a vacancy of `code` before level and region factors.
// ILLUSTRATIVE ranges by occupation group, of the order of 2024-2025 postings
// in 陕西/贵州; not taken from any statistic.
struct SalaryBand {
  double min = 0, max = 0;
};
SalaryBand SalaryBandOf(const OccupationCode& code);

// A trade word for an employer of `code` ("养老服务", "机械制造"...).
std::string_view IndustryWord(const OccupationCode& code);

// The numbered items of a main_tasks text ("1.收集...;2.运用...") without
// their numbers; at most `max_items`.
std::vector<std::string> TaskItems(std::string_view main_tasks,
                                   size_t max_items);
// The first clause of a task item (up to the first comma), as a skill word.
std::string SkillOfTask(std::string_view task);

// "招聘养老护理员", "急招电工（3名）"...
std::string VacancyTitle(const Occupation& occupation, int headcount, Rng& rng);
// "岗位职责：...；任职要求：..." from the occupation's main tasks and
// definition.
std::string VacancyDescription(const Occupation& occupation,
                               const std::optional<SkillLevel>& level,
                               Rng& rng);

// A worker's wish in everyday words for `occupation`: a phrase from the table
// of colloquial wishes when it has one for the code, else "想学<name>"-style.
std::string WishText(const Occupation& occupation, Rng& rng);
// Codes that have colloquial phrases (so that a share of workers can wish
// for them in their own words).
const std::vector<std::string_view>& ColloquialWishCodes();
// Everyday skills a worker may list ("做饭", "开车"...).
const std::vector<std::string_view>& EverydaySkills();

// "五级/初级工" etc.: the Chinese name of a level.
std::string_view LevelWords(SkillLevel level);

}  // namespace qiancheng::world

#endif  // QIANCHENG_WORLD_TEXTS_H_
