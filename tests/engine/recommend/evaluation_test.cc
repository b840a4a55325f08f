// The offline evaluation (recommend/evaluation.h) on the hand-built world of
// recommend_world.cc, plus one past class that w-elder completed and got a
// stable job after: the held-out outcome the evaluation must hide and ask
// about as of a date before the class started.
#include "recommend/evaluation.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "engine/recommend/recommend_world.h"

namespace qiancheng::testing {
namespace {

// The world plus p-elder-past (养老护理员 near w-elder, ended 10 days ago,
// closed) and w-elder's employed outcome of it.
std::unique_ptr<WorldStack> WorldWithPastClass(const std::string& name) {
  auto world = OpenWorld(FreshWorldDir(name), true);
  TrainingProject past;
  past.id = ProjectId("p-elder-past");
  past.institution_id = InstitutionId("inst-good");
  past.occupation_code = *OccupationCode::Parse("4-10-01-05");
  past.title = "养老护理员（五级）培训班 上期";
  past.description = past.title;
  past.level = SkillLevel::k5;
  past.hours = 80;
  past.schedule = {Schedule::kWeekday};
  past.region = *RegionCode::Parse("610113");
  past.lat = 34.216;
  past.lon = 108.952;
  past.start_date = kToday.AddDays(-60);
  past.end_date = kToday.AddDays(-10);
  past.seats = 30;
  past.fee_yuan = 2000;
  past.base_subsidy_yuan = 1500;
  past.status = EntityStatus::kClosed;
  Outcome o;
  o.id = "o-elder-past";
  o.worker_id = WorkerId("w-elder");
  o.project_id = past.id;
  o.enrolled_date = past.start_date.AddDays(-3);
  o.completed = true;
  o.completion_date = past.end_date;
  o.employment = EmploymentOutcome::kStable;
  o.employment_date = kToday.AddDays(-5);
  o.employer = "示例颐养中心";
  std::vector<Entity> extra = {past, o};
  EXPECT_TRUE(world->store->UpsertBatch(extra).ok());
  EXPECT_TRUE(world->follower->CatchUp().ok());
  return world;
}

std::vector<taxonomy::EvalCase> TextCases() {
  return {{"养老护理员", {"4-10-01-05"}, "work_type"},
          // No class of this occupation is open: nothing to find, skipped.
          {"飞机驾驶员", {"2-02-07-02"}, "work_type"}};
}

recommend::EvalReport Evaluate(WorldStack& world) {
  const SharedModels& m = Models();
  recommend::Evaluator evaluator(*world.catalog, world.indexes, *m.embedder,
                                 m.classifier.get(), &m.taxonomy->occupations,
                                 m.policies, m.weights);
  recommend::EvalOptions options;
  options.today = kToday;
  const std::vector<taxonomy::EvalCase> texts = TextCases();
  auto report = evaluator.Evaluate(texts, options);
  EXPECT_TRUE(report.ok()) << report.status();
  return report.ok() ? *report : recommend::EvalReport{};
}

class EvaluationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = WorldWithPastClass("main").release();
    report_ = new recommend::EvalReport(Evaluate(*world_));
  }
  static void TearDownTestSuite() {
    delete report_;
    delete world_;
  }
  static WorldStack* world_;
  static recommend::EvalReport* report_;
};
WorldStack* EvaluationTest::world_ = nullptr;
recommend::EvalReport* EvaluationTest::report_ = nullptr;

TEST_F(EvaluationTest, HeldOutClassIsFoundWhenAskedBeforeItStarted) {
  // The only employed outcome goes to the evaluation half (half of 1 is 0).
  EXPECT_EQ(report_->employed_outcomes, 1u);
  EXPECT_EQ(report_->fit_cases, 0u);
  ASSERT_EQ(report_->eval_cases, 1u);
  // Were the outcome not hidden, the class would be excluded as already
  // taken; were it not reopened, it would be closed: recall would be 0.
  EXPECT_DOUBLE_EQ(report_->hand.outcomes.recall, 1.0);
  EXPECT_GT(report_->hand.outcomes.ndcg, 0.0);
  EXPECT_DOUBLE_EQ(report_->hand.outcomes.occupation_hit, 1.0);
  EXPECT_EQ(report_->reopened_classes, 1u);
}

TEST_F(EvaluationTest, HidesTheOutcomeFromTheCatalogItWasGiven) {
  const bool present =
      world_->catalog->Read([](const recommend::CatalogView& view) {
        return view.outcomes.count("o-elder-past") > 0;
      });
  EXPECT_FALSE(present);
}

TEST_F(EvaluationTest, TextCaseFindsOpenClassesOfItsOccupation) {
  EXPECT_EQ(report_->text_cases, 1u);
  EXPECT_EQ(report_->text_cases_skipped, 1u);
  // Open today: p-elder-near, p-elder-far, p-electric (p-order has started,
  // the blacklisted and closed ones never count).
  EXPECT_EQ(report_->open_classes_today, 3u);
  // Both open elder-care classes are within 50 km: both must be in the top 10.
  EXPECT_DOUBLE_EQ(report_->hand.texts.recall, 1.0);
  EXPECT_DOUBLE_EQ(report_->hand.texts.occupation_hit, 1.0);
  EXPECT_GE(report_->hand.texts.distinct_recommended, 2u);
  EXPECT_NEAR(report_->hand.texts.coverage,
              report_->hand.texts.distinct_recommended / 3.0, 1e-9);
}

TEST_F(EvaluationTest, ReportsGroupsAndProvinces) {
  ASSERT_EQ(report_->outcomes_by_group.size(), 1u);
  EXPECT_EQ(report_->outcomes_by_group[0].group, "registered_unemployed");
  EXPECT_EQ(report_->outcomes_by_group[0].metrics.cases, 1u);
  ASSERT_EQ(report_->outcomes_by_province.size(), 1u);
  EXPECT_EQ(report_->outcomes_by_province[0].group.substr(0, 2), "61");
  ASSERT_EQ(report_->texts_by_kind.size(), 1u);
  EXPECT_EQ(report_->texts_by_kind[0].group, "work_type");
}

TEST_F(EvaluationTest, AblatesEveryTrainingsFeatureOnce) {
  const auto names = rank::FeatureNames(rank::Pipeline::kTrainings);
  ASSERT_EQ(report_->ablation.size(), names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(report_->ablation[i].name, "without " + std::string(names[i]));
    EXPECT_EQ(report_->ablation[i].outcomes.cases, 1u);
  }
}

TEST_F(EvaluationTest, LearnerWithTooFewExamplesIsReportedNotApplied) {
  EXPECT_FALSE(report_->learner.status.ok());
  EXPECT_EQ(report_->learner.status.code(), Code::kFailedPrecondition);
  EXPECT_FALSE(report_->learned.has_value());
  EXPECT_FALSE(report_->learner.hand.empty());
}

TEST(Evaluation, SameWorldAndSeedGiveTheSameReport) {
  auto world = WorldWithPastClass("again");
  const recommend::EvalReport again = Evaluate(*world);
  auto first = WorldWithPastClass("first");
  const recommend::EvalReport once = Evaluate(*first);
  EXPECT_EQ(again.hand.outcomes.ndcg, once.hand.outcomes.ndcg);
  EXPECT_EQ(again.hand.texts.ndcg, once.hand.texts.ndcg);
  for (size_t i = 0; i < once.ablation.size(); ++i) {
    EXPECT_EQ(again.ablation[i].texts.ndcg, once.ablation[i].texts.ndcg);
  }
}

TEST(Evaluation, EmptyWorldIsAFailedPrecondition) {
  auto world = OpenWorld(FreshWorldDir("empty"), false);
  const SharedModels& m = Models();
  recommend::Evaluator evaluator(*world->catalog, world->indexes, *m.embedder,
                                 m.classifier.get(), &m.taxonomy->occupations,
                                 m.policies, m.weights);
  recommend::EvalOptions options;
  options.today = kToday;
  const std::vector<taxonomy::EvalCase> texts = TextCases();
  auto report = evaluator.Evaluate(texts, options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), Code::kFailedPrecondition);
}

}  // namespace
}  // namespace qiancheng::testing
