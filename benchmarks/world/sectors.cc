#include "world/sectors.h"

#include <map>
#include <sstream>

namespace qiancheng::world {

const std::vector<SectorDef>& PrioritySectors() {
  static const std::vector<SectorDef> kSectors = {
      // 康养托育 ("一老一小": Guizhou 2025 (二), Xi'an 2025 (九)):
      //   4-10-01 生活照料 (养老护理员, 家政服务员, 保育师, 婴幼儿发展引导员,
      //   孤残儿童护理员), 4-14-01-02 医疗护理员, 4-14-01-03 健康照护师,
      //   4-14-02-05 老年人能力评估师.
      {"care",
       "康养托育",
       {"4-10-01", "4-14-01-02", "4-14-01-03", "4-14-02-05"}},
      // 先进制造 (Guizhou 2025 (一)): 机械制造基础加工 6-18, 通用/专用设备,
      //   汽车, 铁路船舶航空, 电气机械, 电子设备 (6-20 .. 6-25), 设备维修
      //   6-31-01 (incl. 电工), 工业机器人 6-31-07.
      {"manufacturing",
       "先进制造",
       {"6-18", "6-20", "6-21", "6-22", "6-23", "6-24", "6-25", "6-31-01",
        "6-31-07"}},
      // 现代服务: 批发零售 4-01, 交通物流快递 4-02, 住宿餐饮 4-03, 房地产
      //   4-06, 租赁和商务服务 4-07 (保安, 客服), 保洁 4-09-08, 美容美发
      //   4-10-03, 社区生活服务 4-10-08, 汽车修理 4-12-01.
      {"modern_services",
       "现代服务",
       {"4-01", "4-02", "4-03", "4-06", "4-07", "4-09-08", "4-10-03", "4-10-08",
        "4-12-01"}},
      // 新职业: occupations first released by MOHRSS as new occupations in
      // 2019-2022 and included in the 2022 classification (a curated list).
      {"new_occupations",
       "新职业",
       {"2-02-38-01", "2-02-38-02", "2-02-38-03", "2-02-38-04", "2-02-38-05",
        "2-02-38-12", "4-04-04-05", "4-04-05-05", "4-04-05-06", "4-04-05-07",
        "4-04-05-10", "4-04-05-11", "4-01-06-02", "4-10-08-01", "4-14-01-03",
        "4-14-02-05", "4-13-01-05", "4-13-04-01", "4-13-04-03", "4-14-04-04",
        "4-14-05-06", "4-09-07-04", "4-02-04-06", "3-01-04-02", "5-05-01-02",
        "6-18-01-13", "6-23-03-15", "6-25-04-05", "6-25-04-09", "6-31-07-01",
        "6-31-07-03"}},
      // 数字技能: 信息传输、软件和信息技术服务 (4-04), 电子商务 (4-01-06),
      // 数字技术工程技术人员 (2-02-38).
      {"digital", "数字技能", {"4-04", "4-01-06", "2-02-38"}},
  };
  return kSectors;
}

bool InGroup(const OccupationCode& code, std::string_view group) {
  const std::string& s = code.str();
  return s.size() >= group.size() &&
         std::string_view(s).substr(0, group.size()) == group &&
         (s.size() == group.size() || s[group.size()] == '-');
}

bool InSector(const SectorDef& sector, const OccupationCode& code) {
  for (std::string_view group : sector.groups) {
    if (InGroup(code, group)) return true;
  }
  return false;
}

namespace {

// Sum over the ranked lists of (11 - rank): rank 1 counts 10, rank 10 counts 1.
std::map<std::string, double> ShortageScores(const ReferenceData& ref) {
  std::map<std::string, double> scores;
  for (const auto& e : ref.shortage)
    scores[e.occupation_code.str()] += 11 - e.rank;
  return scores;
}

// Adds `share` spread over the generatable occupations where `member` holds,
// each weighted by `weight_of`.
template <class Member, class WeightOf>
void AddShare(const ReferenceData& ref, double share, Member member,
              WeightOf weight_of, std::vector<double>* weights) {
  double total = 0;
  for (size_t i = 0; i < ref.occupations.size(); ++i) {
    if (ref.generatable[i] && member(i)) total += weight_of(i);
  }
  if (total <= 0) return;
  for (size_t i = 0; i < ref.occupations.size(); ++i) {
    if (ref.generatable[i] && member(i))
      (*weights)[i] += share * weight_of(i) / total;
  }
}

}  // namespace

OccupationMix::OccupationMix(const ReferenceData& ref,
                             const MixShares& shares) {
  std::vector<double> weights(ref.occupations.size(), 0.0);
  const auto scores = ShortageScores(ref);
  auto score = [&](size_t i) {
    auto it = scores.find(ref.occupations[i].code.str());
    return it == scores.end() ? 0.0 : it->second;
  };
  auto one = [](size_t) { return 1.0; };
  AddShare(
      ref, shares.shortage, [&](size_t i) { return score(i) > 0; }, score,
      &weights);
  const auto& sectors = PrioritySectors();
  for (size_t s = 0; s < sectors.size() && s < shares.sectors.size(); ++s) {
    auto member = [&](size_t i) {
      return InSector(sectors[s], ref.occupations[i].code);
    };
    AddShare(ref, shares.sectors[s], member, one, &weights);
  }
  AddShare(
      ref, shares.uniform, [](size_t) { return true; }, one, &weights);
  table_ = Discrete(weights);
}

MixShares VacancyMix() { return MixShares{}; }

MixShares TrainingMix() {
  return MixShares{0.15, {0.20, 0.15, 0.10, 0.10, 0.10}, 0.20};
}

int ShortageTier(const ReferenceData& ref, const OccupationCode& code) {
  for (const auto& e : ref.shortage) {
    if (e.occupation_code == code) return 1;
  }
  for (const auto& sector : PrioritySectors()) {
    if (InSector(sector, code)) return 2;
  }
  return 3;
}

std::string DescribeMix(const MixShares& shares) {
  std::ostringstream out;
  out << "shortage rankings " << shares.shortage * 100 << "%";
  const auto& sectors = PrioritySectors();
  for (size_t s = 0; s < sectors.size() && s < shares.sectors.size(); ++s) {
    out << ", " << sectors[s].name << " " << shares.sectors[s] * 100 << "%";
  }
  out << ", uniform " << shares.uniform * 100 << "%";
  return out.str();
}

}  // namespace qiancheng::world
