// tests/engine/policy/random_world.h -- seeded random workers, projects,
// institutions and shortage rows for the property tests and the benchmark.
// Generated test data (std::mt19937 with a fixed seed), not real people.
#ifndef QIANCHENG_TESTS_ENGINE_POLICY_RANDOM_WORLD_H_
#define QIANCHENG_TESTS_ENGINE_POLICY_RANDOM_WORLD_H_

#include <random>
#include <string>
#include <vector>

#include "core/domain.h"
#include "policy/eligibility.h"

namespace qiancheng::testing {

class RandomWorld {
 public:
  explicit RandomWorld(uint32_t seed) : rng_(seed) {}

  Worker NextWorker(int i) {
    Worker w;
    w.id = WorkerId("w-" + std::to_string(i));
    w.real_name_verified = Chance(0.9);
    w.region = Pick(Regions());
    w.hukou_region = Pick(Regions());
    w.hukou_type = Chance(0.5) ? HukouType::kRural : HukouType::kUrban;
    for (int g = 0; g <= static_cast<int>(TargetGroup::kGraduateNotContinuing);
         ++g) {
      if (Chance(0.12)) w.groups.push_back(static_cast<TargetGroup>(g));
    }
    w.employment_status = static_cast<EmploymentStatus>(Int(0, 3));
    w.unemployment_insured = Chance(0.4);
    int n = Int(0, 6);
    for (int k = 0; k < n; ++k) {
      SubsidyRecord r;
      r.kind = static_cast<SubsidyKind>(Int(0, 5));
      r.date = Date::FromYmd(Int(2024, 2027), Int(1, 12), Int(1, 28));
      r.occupation_code = Pick(Occupations());
      r.level = static_cast<SkillLevel>(Int(0, 5));
      r.amount_yuan = Int(100, 3000);
      if (Chance(0.3)) r.voucher_id = "vch-" + std::to_string(Int(1, 50));
      w.subsidy_history.push_back(r);
    }
    return w;
  }

  TrainingProject NextProject(int i) {
    TrainingProject p;
    p.id = ProjectId("p-" + std::to_string(i));
    p.institution_id = InstitutionId("inst-" + std::to_string(Int(0, 9)));
    p.occupation_code = Pick(Occupations());
    p.level = static_cast<SkillLevel>(Int(0, 5));
    p.hours = Int(8, 400);
    p.mode = static_cast<TrainingMode>(Int(0, 2));
    p.region = Pick(Regions());
    p.start_date = Date::FromYmd(Int(2025, 2027), Int(1, 12), Int(1, 28));
    p.end_date = p.start_date.AddDays(Int(0, 200));
    p.seats = Int(5, 60);
    p.fee_yuan = Int(0, 6000);
    p.base_subsidy_yuan = Int(0, 5000);
    p.work_based = Chance(0.1);
    p.entrepreneurship = Chance(0.1);
    return p;
  }

  // Ten institutions inst-0..inst-9 (inst-9 missing): some blacklisted or
  // unqualified.
  policy::InstitutionMap Institutions() {
    policy::InstitutionMap map;
    for (int i = 0; i < 9; ++i) {
      Institution inst;
      inst.id = InstitutionId("inst-" + std::to_string(i));
      inst.name = "测试机构" + std::to_string(i);
      inst.qualified = i != 7;
      inst.blacklisted = i == 8;
      map.emplace(inst.id, inst);
    }
    return map;
  }

  std::vector<ShortageEntry> Shortage() {
    std::vector<ShortageEntry> rows;
    const char* regions[] = {"000000", "610100", "120000", "520000"};
    for (const auto& occ : Occupations()) {
      if (!Chance(0.6)) continue;
      ShortageEntry e;
      e.id = "s-" + occ.str();
      e.catalog = "测试目录";
      e.region = *RegionCode::Parse(regions[Int(0, 3)]);
      e.occupation_code = occ;
      e.rank = Int(1, 100);
      e.degree = Int(0, 3);
      rows.push_back(e);
    }
    return rows;
  }

  Date NextDay() {
    return Date::FromYmd(Int(2025, 2027), Int(1, 12), Int(1, 28));
  }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  int Int(int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng_);
  }

 private:
  template <class T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(Int(0, static_cast<int>(v.size()) - 1))];
  }
  static const std::vector<RegionCode>& Regions() {
    static const auto* v = new std::vector<RegionCode>{
        *RegionCode::Parse("610113"), *RegionCode::Parse("610402"),
        *RegionCode::Parse("520102"), *RegionCode::Parse("120101"),
        *RegionCode::Parse("110101"), *RegionCode::Parse("610100")};
    return *v;
  }
  static const std::vector<OccupationCode>& Occupations() {
    static const auto* v =
        new std::vector<OccupationCode>{*OccupationCode::Parse("4-10-01-05"),
                                        *OccupationCode::Parse("4-10-01-06"),
                                        *OccupationCode::Parse("4-14-01-02"),
                                        *OccupationCode::Parse("4-04-05-05"),
                                        *OccupationCode::Parse("6-18-01-01"),
                                        *OccupationCode::Parse("6-28-01-01")};
    return *v;
  }
  std::mt19937 rng_;
};

}  // namespace qiancheng::testing

#endif  // QIANCHENG_TESTS_ENGINE_POLICY_RANDOM_WORLD_H_
