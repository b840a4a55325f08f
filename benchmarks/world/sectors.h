// world/sectors.h -- which occupations the generated world is about, and how
// often. The priority sectors are those the policy texts name (national 2025
// and Xi'an 2025: 康养托育, 先进制造, 现代服务, 新职业; Xi'an 2025 also
// 数字技能; Guizhou 2025 (一)(二): 先进制造, "一老一小"). Each sector is a set
// of code groups of the 2022 classification, chosen here (see sectors.cc for
// the list and the reasons); the "最缺工" rankings weigh occupations by rank.
// An OccupationMix is immutable after construction; thread-compatible.
#ifndef QIANCHENG_WORLD_SECTORS_H_
#define QIANCHENG_WORLD_SECTORS_H_

#include <string>
#include <string_view>
#include <vector>

#include "world/reference.h"
#include "world/rng.h"

namespace qiancheng::world {

struct SectorDef {
  std::string_view key;   // "care", "manufacturing", ...
  std::string_view name;  // "康养托育", ...
  // Code groups (a 大类/中类/小类 prefix or a full 细类 code).
  std::vector<std::string_view> groups;
};

// The five priority sectors, in the order of MixShares::sectors.
const std::vector<SectorDef>& PrioritySectors();

// True when `code` is `group` or lies under it ("4-10-01" holds "4-10-01-05").
bool InGroup(const OccupationCode& code, std::string_view group);
bool InSector(const SectorDef& sector, const OccupationCode& code);

// How an occupation is drawn: a mixture of (a) the shortage rankings, weight
// sum over lists of (11 - rank); (b) each priority sector, uniform within it;
// (c) uniform over every generatable occupation. Shares need not sum to 1.
struct MixShares {
  double shortage = 0.25;
  std::vector<double> sectors = {0.15, 0.15, 0.10, 0.05, 0.05};
  double uniform = 0.25;
};

// The mixes the world uses: vacancies follow demand (shortage rankings 25%,
// 康养托育 15%, 先进制造 15%, 现代服务 10%, 新职业 5%, 数字技能 5%, uniform
// 25%); training projects, wishes and certificates lean more to the sectors the
// policies push (15 / 20 / 15 / 10 / 10 / 10 / 20%).
MixShares VacancyMix();
MixShares TrainingMix();

class OccupationMix {
 public:
  OccupationMix(const ReferenceData& ref, const MixShares& shares);
  // An index into ref.occupations, always a generatable one.
  size_t Draw(Rng& rng) const { return table_.Draw(rng); }

 private:
  Discrete table_;
};

// The degree of shortage the world gives an occupation, in the three grades
// of the Tianjin 2022 rules 第九条 (ReferenceData::tier_shares): 1 for a ranked
// "最缺工" occupation, 2 for a priority-sector one, 3 otherwise.
int ShortageTier(const ReferenceData& ref, const OccupationCode& code);

// A description of the mixture for the manifest ("shortage 25%, 康养托育 15%
// ...").
std::string DescribeMix(const MixShares& shares);

}  // namespace qiancheng::world

#endif  // QIANCHENG_WORLD_SECTORS_H_
