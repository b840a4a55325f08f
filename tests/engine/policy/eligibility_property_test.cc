// Property tests of policy/eligibility.h over 10,000 seeded random
// (worker, project, day) triples judged by the real data/policies/ files:
// amounts never negative and never above the caps of the texts; decisions
// deterministic and replayable; the batch filter agrees with Decide(); the
// household registration never changes a decision (R4); every refusal names a
// failed gate rule with its document and clause.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/policy/random_world.h"
#include "policy/eligibility.h"

namespace qiancheng::policy {
namespace {

constexpr int kCases = 10000;
constexpr uint32_t kSeed = 20261124;
constexpr double kCent = 0.011;  // amounts are rounded to cents

const PolicySet& Policies() {
  static const auto* set =
      new PolicySet(*PolicySet::Load(QC_SOURCE_DIR "/data/policies"));
  return *set;
}

void CheckAmounts(const SubsidyDecision& d, const TrainingProject& p) {
  const SubsidyAmounts& a = d.amounts;
  for (double v :
       {a.base_yuan, a.shortage_uplift_yuan, a.online_factor, a.subsidy_yuan,
        a.by_outcome.none, a.by_outcome.flexible, a.by_outcome.stable,
        a.living_allowance_yuan, a.transport_allowance_yuan,
        a.skill_upgrade_yuan, a.worker_pays_yuan}) {
    ASSERT_GE(v, 0);
  }
  EXPECT_LE(a.shortage_uplift_yuan,
            0.30 * a.base_yuan + kCent);  // Xi'an 2025 二(二)
  EXPECT_LE(a.shortage_factor, 1.0);
  EXPECT_LE(a.online_factor, 1.0);
  EXPECT_LE(a.subsidy_yuan, 1.30 * a.base_yuan + kCent);
  EXPECT_LE(a.by_outcome.flexible,
            1.20 * a.subsidy_yuan + kCent);  // Xi'an 2025 二(三)
  EXPECT_LE(a.by_outcome.stable, 1.50 * a.subsidy_yuan + kCent);
  int days = std::max(1, p.end_date - p.start_date + 1);
  // Shaanxi 2021 三(一): 20 + 30 a day, 2500 a period; Tianjin 第十一条: 1000
  // once.
  EXPECT_LE(a.living_allowance_yuan, std::max(20.0 * days, 1000.0) + kCent);
  EXPECT_LE(a.transport_allowance_yuan, 30.0 * days + kCent);
  EXPECT_LE(a.living_allowance_yuan + a.transport_allowance_yuan, 2500 + kCent);
  EXPECT_LE(a.worker_pays_yuan, std::max(0.0, p.fee_yuan) + kCent);
}

void CheckReasons(const SubsidyDecision& d) {
  for (const auto& r : d.reasons) {
    EXPECT_FALSE(r.rule.empty() || r.doc.empty() || r.clause.empty() ||
                 r.message.empty());
  }
  bool gate_failed = std::any_of(
      d.reasons.begin(), d.reasons.end(),
      [](const SubsidyReason& r) { return r.effect == "gate" && !r.passed; });
  EXPECT_EQ(!d.eligible, gate_failed);
  if (!d.eligible) {
    EXPECT_EQ(d.amounts.subsidy_yuan, 0);
    EXPECT_EQ(d.amounts.by_outcome.stable, 0);
    EXPECT_EQ(
        d.amounts.living_allowance_yuan + d.amounts.transport_allowance_yuan,
        0);
  }
}

// Deterministic, blind to the household registration (R4), replayable.
void CheckStable(const Eligibility& eligibility, const SubsidyDecision& d,
                 const Worker& w, const TrainingProject& p,
                 const Institution* inst, Date day) {
  EXPECT_EQ(d, *eligibility.Decide(w, p, inst, day)) << "not deterministic";
  Worker other = w;
  other.hukou_type =
      w.hukou_type == HukouType::kRural ? HukouType::kUrban : HukouType::kRural;
  other.hukou_region = *RegionCode::Parse("530102");
  EXPECT_EQ(d, *eligibility.Decide(other, p, inst, day))
      << "hukou changed the decision";
  auto replayed = eligibility.Replay(d, w, p, inst);
  ASSERT_TRUE(replayed.ok()) << replayed.status();
  EXPECT_EQ(d, *replayed);
}

TEST(EligibilityProperty, TenThousandRandomCases) {
  testing::RandomWorld world(kSeed);
  ShortageList shortage(world.Shortage());
  Eligibility eligibility(Policies(), shortage);
  InstitutionMap institutions = world.Institutions();
  int decided = 0, refused = 0;
  for (int i = 0; i < kCases; ++i) {
    Worker w = world.NextWorker(i);
    TrainingProject p = world.NextProject(i);
    Date day = world.NextDay();
    auto it = institutions.find(p.institution_id);
    const Institution* inst = it == institutions.end() ? nullptr : &it->second;
    auto d = eligibility.Decide(w, p, inst, day);
    auto bit = eligibility.Filter(w, std::span(&p, 1), institutions, day);
    if (!d.ok()) {
      ASSERT_EQ(d.status().code(), Code::kFailedPrecondition) << d.status();
      EXPECT_FALSE(bit[0]);
      continue;
    }
    ++decided;
    refused += d->eligible ? 0 : 1;
    SCOPED_TRACE("case " + std::to_string(i));
    CheckAmounts(*d, p);
    CheckReasons(*d);
    EXPECT_EQ(d->eligible, bit[0]) << "filter and Decide disagree";
    CheckStable(eligibility, *d, w, p, inst, day);
    if (::testing::Test::HasFailure()) break;  // one case's report is enough
  }
  ::testing::Test::RecordProperty("decided", decided);
  ::testing::Test::RecordProperty("refused", refused);
  // The sample must exercise both outcomes, or it proves nothing.
  EXPECT_GT(decided, kCases / 2);
  EXPECT_GT(refused, decided / 10);
  EXPECT_LT(refused, decided);
}

TEST(EligibilityProperty, BatchFilterMatchesDecideForOneWorker) {
  testing::RandomWorld world(kSeed + 1);
  ShortageList shortage(world.Shortage());
  Eligibility eligibility(Policies(), shortage);
  InstitutionMap institutions = world.Institutions();
  Worker w = world.NextWorker(0);
  std::vector<TrainingProject> projects;
  for (int i = 0; i < 2000; ++i) projects.push_back(world.NextProject(i));
  Date day = Date::FromYmd(2026, 3, 1);
  auto bits = eligibility.Filter(w, projects, institutions, day);
  ASSERT_EQ(bits.size(), projects.size());
  for (size_t i = 0; i < projects.size(); ++i) {
    auto it = institutions.find(projects[i].institution_id);
    auto d = eligibility.Decide(
        w, projects[i], it == institutions.end() ? nullptr : &it->second, day);
    EXPECT_EQ(d.ok() && d->eligible, bits[i]) << i;
  }
}

// A list ranks fifty classes decided without reasons (Record::kNone) and
// shows ten decided with the reasons it keeps: every level must give the same
// verdict, amounts and priority, and keep exactly the reasons it promises.
TEST(EligibilityProperty, EveryRecordLevelGivesTheSameVerdictAndAmounts) {
  testing::RandomWorld world(kSeed + 3);
  ShortageList shortage(world.Shortage());
  Eligibility eligibility(Policies(), shortage);
  InstitutionMap institutions = world.Institutions();
  int compared = 0;
  for (int i = 0; i < 3000; ++i) {
    Worker w = world.NextWorker(i);
    TrainingProject p = world.NextProject(i);
    Date day = world.NextDay();
    auto it = institutions.find(p.institution_id.str());  // by string_view
    const Institution* inst = it == institutions.end() ? nullptr : &it->second;
    auto resolved = Policies().Resolve(p.region, day);
    if (!resolved.ok()) continue;
    SCOPED_TRACE("case " + std::to_string(i));
    const SubsidyDecision all = *eligibility.Decide(w, p, inst, day);
    EXPECT_EQ(all, eligibility.DecideResolved(*resolved, w, p, inst, day));
    const SubsidyDecision failed =
        eligibility.DecideResolved(*resolved, w, p, inst, day, Record::kFailed);
    const SubsidyDecision none =
        eligibility.DecideResolved(*resolved, w, p, inst, day, Record::kNone);
    for (const SubsidyDecision* d : {&failed, &none}) {
      EXPECT_EQ(d->eligible, all.eligible);
      EXPECT_EQ(d->amounts, all.amounts);
      EXPECT_EQ(d->priority, all.priority);
      EXPECT_EQ(d->as_of, all.as_of);
    }
    std::vector<SubsidyReason> not_passed;
    for (const SubsidyReason& r : all.reasons)
      if (!r.passed) not_passed.push_back(r);
    EXPECT_EQ(failed.reasons, not_passed);
    EXPECT_EQ(failed.policies, all.policies);
    EXPECT_TRUE(none.reasons.empty());
    EXPECT_TRUE(none.policies.empty());
    ++compared;
    if (::testing::Test::HasFailure()) break;
  }
  EXPECT_GT(compared, 1000);
}

// What Resolve() reads: the documents InForce() lists, the same set.
TEST(EligibilityProperty, ResolveUsesTheDocumentsInForce) {
  for (const char* code :
       {"610113", "610100", "120101", "520102", "000000", "110101"}) {
    for (Date day : {Date::FromYmd(2021, 1, 1), Date::FromYmd(2026, 11, 24)}) {
      const RegionCode region = *RegionCode::Parse(code);
      auto docs = Policies().InForce(region, day);
      auto resolved = Policies().Resolve(region, day);
      EXPECT_EQ(resolved.ok(), !docs.empty()) << code;
      if (!resolved.ok()) continue;
      auto used = resolved->documents;
      std::sort(used.begin(), used.end());
      std::sort(docs.begin(), docs.end());
      EXPECT_EQ(used, docs) << code;
    }
  }
}

TEST(EligibilityReplay, RefusesWhenAPolicyVersionChanged) {
  testing::RandomWorld world(kSeed + 2);
  ShortageList shortage;
  Eligibility eligibility(Policies(), shortage);
  Worker w = world.NextWorker(0);
  TrainingProject p = world.NextProject(0);
  p.region = *RegionCode::Parse("610113");
  auto d = eligibility.Decide(w, p, nullptr, Date::FromYmd(2026, 3, 1));
  ASSERT_TRUE(d.ok());
  SubsidyDecision recorded = *d;
  recorded.policies[0].version = "older";
  EXPECT_EQ(eligibility.Replay(recorded, w, p, nullptr).status().code(),
            Code::kFailedPrecondition);
}

}  // namespace
}  // namespace qiancheng::policy
