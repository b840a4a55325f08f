// Retrieval's over-fetch path (recommend/internal/pipeline.h) on a crowded
// world: the hand-built world of recommend_world.cc plus a few hundred
// vacancies and workers around 雁塔区, most of which do not pass (closed
// vacancies, employed workers). The first over-fetch then keeps too few, and
// retrieval must fetch again by the observed share instead of building the
// filter, and answer exactly as the filtered search does (the indexes are
// flat below 20k items, so both searches are exact).
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "engine/recommend/recommend_world.h"

namespace qiancheng::testing {
namespace {

constexpr int kExtraItems = 1000;
constexpr uint64_t kSeed = 7;

template <class T>
const T& Find(const std::vector<Entity>& world, const std::string& id) {
  for (const Entity& e : world) {
    if (const T* t = std::get_if<T>(&e); t != nullptr && t->id.str() == id)
      return *t;
  }
  throw std::runtime_error("no entity " + id);
}

// Vacancies and workers within ~10 km of 雁塔区, 15% of them passing.
std::vector<Entity> Crowd() {
  const std::vector<Entity> world = WorldEntities();
  const Vacancy& vacancy = Find<Vacancy>(world, "v-other");
  const Worker& worker = Find<Worker>(world, "w-elder");
  const std::vector<std::string> titles = {
      "养老护理员 照顾老人", "招聘电工 持证上岗", "护理院护工",
      "家政服务员 保洁",     "维修电工 夜班",     "社区养老服务 护理"};
  std::mt19937_64 rng(kSeed);
  std::uniform_real_distribution<double> offset(-0.08, 0.08);
  std::bernoulli_distribution passes(0.15);
  std::vector<Entity> out;
  for (int i = 0; i < kExtraItems; ++i) {
    Vacancy v = vacancy;
    v.id = VacancyId("v-crowd-" + std::to_string(i));
    v.title = titles[i % titles.size()];
    v.description = v.title;
    v.lat = *vacancy.lat + offset(rng);
    v.lon = *vacancy.lon + offset(rng);
    if (!passes(rng)) v.status = EntityStatus::kClosed;
    out.push_back(v);
    Worker w = worker;
    w.id = WorkerId("w-crowd-" + std::to_string(i));
    w.lat = *worker.lat + offset(rng);
    w.lon = *worker.lon + offset(rng);
    if (!passes(rng)) w.employment_status = EmploymentStatus::kEmployed;
    out.push_back(w);
  }
  return out;
}

class RetrievalTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = OpenWorld(FreshWorldDir("retrieval"), true).release();
    const std::vector<Entity> crowd = Crowd();
    if (!world_->store->UpsertBatch(crowd).ok() ||
        !world_->follower->CatchUp().ok()) {
      throw std::runtime_error("crowd not written");
    }
  }
  static void TearDownTestSuite() {
    delete world_;
    world_ = nullptr;
  }

  // A recommender retrieving `m` per list, always by the filter (`post` =
  // false) or by the over-fetch wherever possible.
  static std::unique_ptr<recommend::Recommender> Make(size_t m, bool post) {
    const SharedModels& models = Models();
    recommend::RecommenderOptions options;
    options.retrieve_min = m;
    options.retrieve_per_k = 1;
    options.post_filter_from_items = post ? 1 : 1000000;
    return std::make_unique<recommend::Recommender>(
        *world_->catalog, world_->indexes, *models.embedder,
        models.classifier.get(), &models.taxonomy->occupations, models.policies,
        models.weights, options);
  }
  static WorldStack* world_;
};
WorldStack* RetrievalTest::world_ = nullptr;

TEST_F(RetrievalTest, OverFetchingAgainAnswersLikeTheFilterForJobs) {
  for (size_t m : {10u, 40u}) {
    auto filtered = Make(m, false);
    auto post = Make(m, true);
    for (const char* worker : {"w-elder", "w-trainee", "w-crowd-3"}) {
      auto a = filtered->JobsForWorker(worker, m, kToday);
      auto b = post->JobsForWorker(worker, m, kToday);
      ASSERT_TRUE(a.ok() && b.ok()) << worker;
      ASSERT_GE(a->items.size(), m / 2) << worker;
      ASSERT_EQ(a->items.size(), b->items.size()) << worker << " m=" << m;
      for (size_t i = 0; i < a->items.size(); ++i) {
        EXPECT_EQ(a->items[i].vacancy.id, b->items[i].vacancy.id)
            << worker << " m=" << m << " #" << i;
      }
      // The over-fetch path reports the cells' count (every vacancy around
      // the point), the filter path the passing ones: the over-fetch ran.
      EXPECT_GT(b->candidates, a->candidates) << worker << " m=" << m;
      for (const recommend::JobItem& item : b->items) {
        EXPECT_EQ(item.vacancy.status, EntityStatus::kOpen);
      }
    }
  }
}

TEST_F(RetrievalTest, OverFetchingAgainAnswersLikeTheFilterForCandidates) {
  for (size_t m : {10u, 40u}) {
    auto filtered = Make(m, false);
    auto post = Make(m, true);
    for (const char* vacancy : {"v-other", "v-electric", "v-crowd-5"}) {
      auto a = filtered->CandidatesFor(vacancy, m, kToday, {});
      auto b = post->CandidatesFor(vacancy, m, kToday, {});
      ASSERT_TRUE(a.ok() && b.ok()) << vacancy;
      ASSERT_GE(a->items.size(), m / 2) << vacancy;
      ASSERT_EQ(a->items.size(), b->items.size()) << vacancy << " m=" << m;
      for (size_t i = 0; i < a->items.size(); ++i) {
        EXPECT_EQ(a->items[i].worker.id, b->items[i].worker.id)
            << vacancy << " m=" << m << " #" << i;
      }
      EXPECT_GT(b->candidates, a->candidates) << vacancy << " m=" << m;
      for (const recommend::CandidateItem& item : b->items) {
        EXPECT_NE(item.worker.employment_status, EmploymentStatus::kEmployed);
      }
    }
  }
}

// When so few items pass that no fetch within its cap would find m of them,
// retrieval ends on the filter path and still lists every passing item.
TEST_F(RetrievalTest, TooFewPassingFallsBackToTheFilter) {
  auto filtered = Make(1000, false);
  auto post = Make(1000, true);
  auto a = filtered->JobsForWorker("w-elder", 100, kToday);
  auto b = post->JobsForWorker("w-elder", 100, kToday);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->candidates, b->candidates);  // both counted what passed
  ASSERT_EQ(a->items.size(), b->items.size());
  for (size_t i = 0; i < a->items.size(); ++i) {
    EXPECT_EQ(a->items[i].vacancy.id, b->items[i].vacancy.id) << i;
  }
}

}  // namespace
}  // namespace qiancheng::testing
