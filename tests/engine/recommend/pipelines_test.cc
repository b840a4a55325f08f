// The recommendation pipelines on the hand-built world of recommend_world.cc,
// with known answers (issue 7's acceptance list).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "engine/recommend/recommend_world.h"

namespace qiancheng::testing {
namespace {

class PipelinesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = OpenWorld(FreshWorldDir("pipelines"), true).release();
  }
  static void TearDownTestSuite() {
    delete world_;
    world_ = nullptr;
  }
  static WorldStack* world_;
};
WorldStack* PipelinesTest::world_ = nullptr;

std::vector<std::string> ProjectIds(const recommend::TrainingList& list) {
  std::vector<std::string> ids;
  for (const auto& item : list.items) ids.push_back(item.project.id.str());
  return ids;
}

size_t Position(const std::vector<std::string>& ids, const std::string& id) {
  return static_cast<size_t>(std::find(ids.begin(), ids.end(), id) -
                             ids.begin());
}

TEST_F(PipelinesTest, ElderCareWishGetsTheNearbyElderCareClassFirst) {
  recommend::TrainingQuery query;
  query.today = kToday;
  auto list = world_->recommender->TrainingsForWorker("w-elder", query);
  ASSERT_TRUE(list.ok()) << list.status();
  const auto ids = ProjectIds(*list);
  ASSERT_FALSE(ids.empty());
  EXPECT_EQ(ids[0], "p-elder-near");
  EXPECT_TRUE(list->items[0].subsidy.eligible);
  EXPECT_GT(list->items[0].subsidy.amounts.subsidy_yuan, 0);
  // The far class of the same occupation and the near class of another
  // occupation both come after it.
  EXPECT_LT(Position(ids, "p-elder-near"), Position(ids, "p-elder-far"));
  EXPECT_LT(Position(ids, "p-elder-near"), Position(ids, "p-electric"));
  EXPECT_LT(Position(ids, "p-elder-far"), ids.size()) << "far class missing";
}

TEST_F(PipelinesTest, EveryFactorIsExplainedAndTheStepsAreTimed) {
  recommend::TrainingQuery query;
  query.today = kToday;
  auto list = world_->recommender->TrainingsForWorker("w-elder", query);
  ASSERT_TRUE(list.ok());
  ASSERT_FALSE(list->items.empty());
  const auto& factors = list->items[0].factors;
  const auto names = rank::FeatureNames(rank::Pipeline::kTrainings);
  ASSERT_EQ(factors.size(), names.size());
  for (size_t i = 0; i < names.size(); ++i)
    EXPECT_EQ(factors[i].name, names[i]) << "explanation order";
  double sum = 0;
  for (const auto& f : factors) {
    EXPECT_FALSE(f.detail.empty()) << f.name;
    EXPECT_GE(f.value, 0);
    EXPECT_LE(f.value, 1);
    sum += f.contribution;
  }
  EXPECT_NEAR(sum, list->items[0].score, 1e-9);
  ASSERT_EQ(list->trace.steps.size(), 4u);
  EXPECT_EQ(list->trace.steps[0].name, "retrieve");
  EXPECT_EQ(list->trace.steps[1].name, "eligibility");
  EXPECT_EQ(list->trace.steps[2].name, "rank");
  EXPECT_EQ(list->trace.steps[3].name, "explain");
}

// The brief list (the API's default) ranks exactly like the full one; it
// only leaves out details and the reasons of passed rules.
TEST_F(PipelinesTest, TheBriefListRanksLikeTheFullOneAndExplainsLess) {
  for (bool include_ineligible : {false, true}) {
    for (const char* worker : {"w-elder", "w-cap", "w-trainee"}) {
      recommend::TrainingQuery query;
      query.today = kToday;
      query.k = 20;
      query.include_ineligible = include_ineligible;
      auto full = world_->recommender->TrainingsForWorker(worker, query);
      query.explanation = recommend::Explanation::kBrief;
      auto brief = world_->recommender->TrainingsForWorker(worker, query);
      ASSERT_TRUE(full.ok() && brief.ok()) << worker;
      EXPECT_EQ(ProjectIds(*brief), ProjectIds(*full)) << worker;
      EXPECT_EQ(brief->candidates, full->candidates);
      for (size_t i = 0; i < full->items.size(); ++i) {
        const auto& b = brief->items[i];
        const auto& f = full->items[i];
        EXPECT_EQ(b.score, f.score);
        EXPECT_EQ(b.subsidy.eligible, f.subsidy.eligible);
        EXPECT_EQ(b.subsidy.amounts, f.subsidy.amounts);
        EXPECT_EQ(b.subsidy.priority, f.subsidy.priority);
        EXPECT_EQ(b.subsidy.policies, f.subsidy.policies);
        std::vector<SubsidyReason> failed;
        for (const auto& r : f.subsidy.reasons)
          if (!r.passed) failed.push_back(r);
        EXPECT_EQ(b.subsidy.reasons, failed);
        ASSERT_EQ(b.factors.size(), f.factors.size());
        std::vector<double> detailed;
        double top_without = 0;
        for (size_t j = 0; j < f.factors.size(); ++j) {
          EXPECT_EQ(b.factors[j].name, f.factors[j].name);
          EXPECT_EQ(b.factors[j].contribution, f.factors[j].contribution);
          if (b.factors[j].detail.empty()) {
            top_without = std::max(top_without, b.factors[j].contribution);
          } else {
            EXPECT_EQ(b.factors[j].detail, f.factors[j].detail);
            detailed.push_back(b.factors[j].contribution);
          }
        }
        // The three details are those of the largest contributions.
        ASSERT_EQ(detailed.size(), 3u);
        EXPECT_GE(*std::min_element(detailed.begin(), detailed.end()),
                  top_without);
      }
    }
  }
}

TEST_F(PipelinesTest, BlacklistedAndClosedClassesNeverAppear) {
  for (bool include_ineligible : {false, true}) {
    recommend::TrainingQuery query;
    query.today = kToday;
    query.include_ineligible = include_ineligible;
    query.k = 50;
    for (const char* worker : {"w-elder", "w-cap"}) {
      auto list = world_->recommender->TrainingsForWorker(worker, query);
      ASSERT_TRUE(list.ok());
      const auto ids = ProjectIds(*list);
      EXPECT_EQ(Position(ids, "p-elder-black"), ids.size()) << worker;
      EXPECT_EQ(Position(ids, "p-elder-closed"), ids.size()) << worker;
      // The order class started 50 days ago: enrolment is over.
      EXPECT_EQ(Position(ids, "p-order"), ids.size()) << worker;
    }
  }
}

TEST_F(PipelinesTest, AWorkerAtTheAnnualCapIsNotOfferedASubsidisedClass) {
  recommend::TrainingQuery query;
  query.today = kToday;
  auto list = world_->recommender->TrainingsForWorker("w-cap", query);
  ASSERT_TRUE(list.ok());
  EXPECT_TRUE(list->items.empty());
  query.include_ineligible = true;
  list = world_->recommender->TrainingsForWorker("w-cap", query);
  ASSERT_TRUE(list.ok());
  ASSERT_FALSE(list->items.empty());
  for (const auto& item : list->items) {
    EXPECT_FALSE(item.subsidy.eligible) << item.project.id.str();
    bool r2_failed = false;
    for (const auto& r : item.subsidy.reasons) {
      r2_failed |= r.rule == "R2" && !r.passed;
    }
    EXPECT_TRUE(r2_failed) << item.project.id.str();
    EXPECT_EQ(item.subsidy.amounts.subsidy_yuan, 0);
  }
}

TEST_F(PipelinesTest, AnAnonymousProfileIsServedWithoutBeingStored) {
  Worker anonymous;
  anonymous.real_name_verified = true;
  anonymous.region = *RegionCode::Parse("610113");
  anonymous.lat = 34.213;
  anonymous.lon = 108.948;
  anonymous.employment_status = EmploymentStatus::kUnemployed;
  anonymous.wishes.text = "想学照顾老人";
  recommend::TrainingQuery query;
  query.today = kToday;
  auto list = world_->recommender->TrainingsFor(anonymous, query);
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_FALSE(list->items.empty());
  EXPECT_EQ(list->items[0].project.occupation_code.str(), "4-10-01-05");
  EXPECT_EQ(world_->catalog->size(EntityKind::kWorker), 4u);
}

TEST_F(PipelinesTest, TheTraineeIsACandidateOfTheOrderVacancyInScopeOnly) {
  auto list = world_->recommender->CandidatesFor("v-order", 10, kToday, {});
  ASSERT_TRUE(list.ok()) << list.status();
  std::vector<std::string> ids;
  for (const auto& c : list->items) ids.push_back(c.worker.id.str());
  EXPECT_LT(Position(ids, "w-trainee"), ids.size());
  EXPECT_EQ(Position(ids, "w-employed"), ids.size());
  const std::vector<RegionCode> other = {*RegionCode::Parse("610200")};
  auto scoped =
      world_->recommender->CandidatesFor("v-order", 10, kToday, other);
  ASSERT_TRUE(scoped.ok());
  EXPECT_TRUE(scoped->items.empty());
  EXPECT_EQ(world_->recommender->CandidatesFor("nope", 10, kToday, {})
                .status()
                .code(),
            Code::kNotFound);
}

TEST_F(PipelinesTest, SupplyDemandSuppressesSmallPersonCountsForAnalysts) {
  auto open = world_->recommender->SupplyDemandFor(*RegionCode::Parse("610100"),
                                                   kToday, 0);
  ASSERT_TRUE(open.ok());
  const recommend::SupplyDemandRow* elder = nullptr;
  for (const auto& r : open->rows) {
    if (r.occupation_code == "4-10-01-05") elder = &r;
  }
  ASSERT_NE(elder, nullptr);
  EXPECT_EQ(elder->occupation_name, "养老护理员");
  EXPECT_EQ(elder->open_vacancies, 2);
  EXPECT_EQ(elder->open_headcount, 10);
  EXPECT_EQ(elder->trainees_active, 1);
  EXPECT_EQ(elder->shortage_rank, 3);
  auto floored = world_->recommender->SupplyDemandFor(
      *RegionCode::Parse("610100"), kToday, 5);
  ASSERT_TRUE(floored.ok());
  for (const auto& r : floored->rows) {
    if (r.occupation_code == "4-10-01-05") {
      EXPECT_EQ(r.trainees_active, -1);
    }
  }
  EXPECT_GT(floored->suppressed_cells, 0);
}

// Jobs and candidates take the over-fetch-and-post-filter path when many
// items lie around the point: forced here, it must give the same answers as
// the filtered search on this small world.
TEST_F(PipelinesTest, PostFilterRetrievalAnswersLikeTheFilteredSearch) {
  const SharedModels& m = Models();
  // Retrieve only 2 per query so that the over-fetch path fills its quota on
  // this small world instead of falling back to the filter.
  recommend::RecommenderOptions filtered;
  filtered.retrieve_min = 2;
  filtered.retrieve_per_k = 1;
  filtered.post_filter_from_items = 1000000;
  filtered.packed_rows = false;  // the id path, the oracle
  recommend::RecommenderOptions post = filtered;
  post.post_filter_from_items = 1;
  post.packed_rows = true;
  auto make = [&](const recommend::RecommenderOptions& options) {
    return std::make_unique<recommend::Recommender>(
        *world_->catalog, world_->indexes, *m.embedder, m.classifier.get(),
        &m.taxonomy->occupations, m.policies, m.weights, options);
  };
  auto a_rec = make(filtered);
  auto b_rec = make(post);
  for (const char* worker : {"w-elder", "w-cap"}) {
    auto a = a_rec->JobsForWorker(worker, 2, kToday);
    auto b = b_rec->JobsForWorker(worker, 2, kToday);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->items.size(), 2u) << worker;
    ASSERT_EQ(a->items.size(), b->items.size()) << worker;
    for (size_t i = 0; i < a->items.size(); ++i) {
      EXPECT_EQ(a->items[i].vacancy.id, b->items[i].vacancy.id) << worker;
    }
  }
  for (const char* worker : {"w-elder", "w-trainee"}) {
    recommend::TrainingQuery query;
    query.today = kToday;
    query.k = 2;
    auto a = a_rec->TrainingsForWorker(worker, query);
    auto b = b_rec->TrainingsForWorker(worker, query);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(ProjectIds(*a), ProjectIds(*b)) << worker;
    EXPECT_FALSE(a->items.empty()) << worker;
  }
  auto a = a_rec->CandidatesFor("v-other", 2, kToday, {});
  auto b = b_rec->CandidatesFor("v-other", 2, kToday, {});
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->items.size(), 2u);
  ASSERT_EQ(a->items.size(), b->items.size());
  for (size_t i = 0; i < a->items.size(); ++i) {
    EXPECT_EQ(a->items[i].worker.id, b->items[i].worker.id);
  }
  // The over-fetch path reports the cells' count, the filter path the exact
  // passing count: different numbers show which path ran.
  EXPECT_NE(a->candidates, b->candidates);
}

// Runs last in this suite's file order: it records an outcome.
TEST_F(PipelinesTest, ZCompletingTheOrderClassPutsTheEmployersVacancyFirst) {
  auto before = world_->feed->List("w-trainee", 0, 100);
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->empty());
  Outcome done;
  done.id = "o-trainee";
  done.worker_id = WorkerId("w-trainee");
  done.project_id = ProjectId("p-order");
  done.enrolled_date = kToday.AddDays(-50);
  done.completed = true;
  done.completion_date = kToday;
  done.certificate_level = SkillLevel::k5;
  ASSERT_TRUE(world_->store->Upsert(done).ok());
  ASSERT_TRUE(world_->follower->CatchUp().ok());

  auto feed = world_->feed->List("w-trainee", 0, 100);
  ASSERT_TRUE(feed.ok());
  ASSERT_FALSE(feed->empty());
  EXPECT_EQ((*feed)[0].target_id, "v-order");
  EXPECT_EQ((*feed)[0].kind, "job");
  auto jobs = world_->recommender->JobsForWorker("w-trainee", 10, kToday);
  ASSERT_TRUE(jobs.ok());
  ASSERT_FALSE(jobs->items.empty());
  EXPECT_EQ(jobs->items[0].vacancy.id.str(), "v-order");
  EXPECT_TRUE(jobs->items[0].order_class);

  // The same event again (a second replica, a replay) writes nothing new.
  const int64_t written = world_->feed->items_written();
  world_->feed->Handle({recommend::FollowEvent{
      recommend::FollowEvent::Kind::kTrainingCompleted, "o-trainee", 0}});
  EXPECT_EQ(world_->feed->items_written(), written);
  auto again = world_->feed->List("w-trainee", 0, 100);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->size(), feed->size());

  // Acknowledging up to the first item leaves the rest unread.
  auto acked = world_->feed->Ack("w-trainee", (*feed)[0].seq);
  ASSERT_TRUE(acked.ok());
  EXPECT_EQ(*acked, 1);
  auto after = world_->feed->List("w-trainee", 0, 100);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE((*after)[0].acked);
}

}  // namespace
}  // namespace qiancheng::testing
