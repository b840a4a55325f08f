// Retrieval's paths (recommend/internal/pipeline.h) on a crowded world: the
// hand-built world of recommend_world.cc plus a thousand vacancies, workers
// and classes (a fifth of them online, a third of them electricians', half
// at level 4) around 雁塔区, most of which do not pass (closed vacancies and
// classes, employed workers, a certified worker's level). The packed-rows
// path and the over-fetch path must answer exactly as the id path does (the
// oracle: the filter built from the passing ids; the indexes are flat below
// 20k items, so every search is exact), and the packed rows must follow
// changes written through the store.
#include <gtest/gtest.h>

#include <algorithm>
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

// Vacancies, workers and classes within ~10 km of 雁塔区, 15% of them
// passing.
std::vector<Entity> Crowd() {
  const std::vector<Entity> world = WorldEntities();
  const Vacancy& vacancy = Find<Vacancy>(world, "v-other");
  const Worker& worker = Find<Worker>(world, "w-elder");
  const TrainingProject& project = Find<TrainingProject>(world, "p-elder-near");
  const TrainingProject& electric = Find<TrainingProject>(world, "p-electric");
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
    TrainingProject p = project;
    p.id = ProjectId("p-crowd-" + std::to_string(i));
    p.title = titles[i % titles.size()] + " 培训班";
    p.description = p.title;
    p.lat = *project.lat + offset(rng);
    p.lon = *project.lon + offset(rng);
    if (i % 5 == 0) p.mode = TrainingMode::kOnline;
    if (i % 3 == 1) p.occupation_code = electric.occupation_code;
    if (i % 2 == 1) p.level = SkillLevel::k4;
    if (!passes(rng)) p.status = EntityStatus::kClosed;
    out.push_back(p);
  }
  // Holds 养老护理员 at level 5: the level-5 classes of it are not offered.
  Worker certified = worker;
  certified.id = WorkerId("w-certified");
  certified.certificates.push_back(Certificate{
      project.occupation_code, SkillLevel::k5, kToday, worker.region});
  out.push_back(certified);
  return out;
}

enum class Path { kIds, kPacked, kOverFetch };

class RetrievalTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    world_ = OpenWorld(FreshWorldDir("retrieval"), true).release();
    Write(Crowd());
  }
  static void TearDownTestSuite() {
    delete world_;
    world_ = nullptr;
  }
  static void Write(const std::vector<Entity>& entities) {
    const auto written = world_->store->UpsertBatch(entities);
    if (!written.ok()) throw std::runtime_error(written.status().ToString());
    const auto followed = world_->follower->CatchUp();
    if (!followed.ok()) throw std::runtime_error(followed.status().ToString());
  }

  // A recommender retrieving `m` per list by one path: the id path (the
  // oracle), the packed rows, or the over-fetch wherever its share allows
  // (then the packed rows when it keeps too few).
  static std::unique_ptr<recommend::Recommender> Make(size_t m, Path path) {
    const SharedModels& models = Models();
    recommend::RecommenderOptions options;
    options.retrieve_min = m;
    options.retrieve_per_k = 1;
    options.post_filter_from_items = path == Path::kOverFetch ? 1 : 1000000;
    options.packed_rows = path != Path::kIds;
    return std::make_unique<recommend::Recommender>(
        *world_->catalog, world_->indexes, *models.embedder,
        models.classifier.get(), &models.taxonomy->occupations, models.policies,
        models.weights, options);
  }

  static std::vector<std::string> Jobs(const recommend::Recommender& r,
                                       const char* worker, size_t k) {
    auto list = r.JobsForWorker(worker, k, kToday);
    EXPECT_TRUE(list.ok()) << worker << ": " << list.status().ToString();
    std::vector<std::string> ids;
    if (list.ok()) {
      for (const auto& item : list->items) ids.push_back(item.vacancy.id.str());
    }
    return ids;
  }
  static std::vector<std::string> Candidates(const recommend::Recommender& r,
                                             const char* vacancy, size_t k) {
    auto list = r.CandidatesFor(vacancy, k, kToday, {});
    EXPECT_TRUE(list.ok()) << vacancy << ": " << list.status().ToString();
    std::vector<std::string> ids;
    if (list.ok()) {
      for (const auto& item : list->items) ids.push_back(item.worker.id.str());
    }
    return ids;
  }
  static std::vector<std::string> Trainings(const recommend::Recommender& r,
                                            const char* worker, size_t k) {
    recommend::TrainingQuery query;
    query.today = kToday;
    query.k = k;
    auto list = r.TrainingsForWorker(worker, query);
    EXPECT_TRUE(list.ok()) << worker << ": " << list.status().ToString();
    std::vector<std::string> ids;
    if (list.ok()) {
      for (const auto& item : list->items) ids.push_back(item.project.id.str());
    }
    return ids;
  }

  // For m in {10, 40}: list(recommender, subject, m) by the packed and the
  // over-fetch paths equals the id path's list, for each subject.
  using Lister = std::vector<std::string> (*)(const recommend::Recommender&,
                                              const char*, size_t);
  static void ExpectEveryPathLikeIds(
      Lister list, std::initializer_list<const char*> subjects) {
    for (size_t m : {10u, 40u}) {
      auto ids = Make(m, Path::kIds);
      for (Path path : {Path::kPacked, Path::kOverFetch}) {
        auto other = Make(m, path);
        for (const char* subject : subjects) {
          const std::vector<std::string> want = list(*ids, subject, m);
          ASSERT_GE(want.size(), m / 2) << subject;
          EXPECT_EQ(list(*other, subject, m), want)
              << subject << " m=" << m << " path " << static_cast<int>(path);
        }
      }
    }
  }

  static WorldStack* world_;
};
WorldStack* RetrievalTest::world_ = nullptr;

TEST_F(RetrievalTest, EveryPathAnswersLikeTheIdPathForJobs) {
  ExpectEveryPathLikeIds(&Jobs, {"w-elder", "w-trainee", "w-crowd-3"});
}

TEST_F(RetrievalTest, EveryPathAnswersLikeTheIdPathForCandidates) {
  ExpectEveryPathLikeIds(&Candidates, {"v-other", "v-electric", "v-crowd-5"});
}

// In person and online classes: the grid's tables and the province's.
TEST_F(RetrievalTest, EveryPathAnswersLikeTheIdPathForTrainings) {
  ExpectEveryPathLikeIds(&Trainings,
                         {"w-elder", "w-trainee", "w-crowd-3", "w-certified"});
}

// The packed path reports what its facts keep (open, within the radius):
// here exactly the passing count the id path reports, as the crowd differs
// only in status, employment and place.
TEST_F(RetrievalTest, PackedCountsWhatPasses) {
  auto ids = Make(10, Path::kIds);
  auto packed = Make(10, Path::kPacked);
  auto a = ids->JobsForWorker("w-elder", 10, kToday);
  auto b = packed->JobsForWorker("w-elder", 10, kToday);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_GT(a->candidates, 100u);
  EXPECT_EQ(a->candidates, b->candidates);
}

// When so few items pass that the lists are shorter than asked, every path
// lists every passing item.
TEST_F(RetrievalTest, TooFewPassingListsThemAll) {
  auto ids = Make(1000, Path::kIds);
  for (Path path : {Path::kPacked, Path::kOverFetch}) {
    auto other = Make(1000, path);
    const std::vector<std::string> want = Jobs(*ids, "w-elder", 100);
    EXPECT_EQ(want.size(), 100u);
    EXPECT_EQ(Jobs(*other, "w-elder", 100), want);
  }
}

// Changes written through the store reach the packed rows: a closed vacancy
// leaves the list at once, a reopened one (re-embedded into a new index row)
// comes back, a moved worker is found at the new place only. Runs last in
// this suite's order (it changes the world).
TEST_F(RetrievalTest, PackedRowsFollowChanges) {
  auto ids = Make(10, Path::kIds);
  auto packed = Make(10, Path::kPacked);
  const std::vector<std::string> before = Jobs(*packed, "w-elder", 10);
  ASSERT_FALSE(before.empty());
  const std::string first = before.front();

  std::vector<Entity> world = WorldEntities();
  std::vector<Entity> crowd = Crowd();
  world.insert(world.end(), crowd.begin(), crowd.end());
  Vacancy changed = Find<Vacancy>(world, first);
  changed.status = EntityStatus::kClosed;
  Write({changed});
  std::vector<std::string> now = Jobs(*packed, "w-elder", 10);
  EXPECT_EQ(now, Jobs(*ids, "w-elder", 10));
  EXPECT_EQ(std::find(now.begin(), now.end(), first), now.end());

  changed.status = EntityStatus::kOpen;
  Write({changed});
  // Its new row is the last one: among the ~25 open crowd vacancies with the
  // same words (and vector) it now comes last by row, so retrieve them all.
  auto ids_all = Make(200, Path::kIds);
  auto packed_all = Make(200, Path::kPacked);
  now = Jobs(*packed_all, "w-elder", 10);
  EXPECT_EQ(now, Jobs(*ids_all, "w-elder", 10));
  EXPECT_NE(std::find(now.begin(), now.end(), first), now.end());

  // A seeking worker near 雁塔区 moves 300 km away: no longer a candidate.
  const std::vector<std::string> cands = Candidates(*packed, "v-other", 10);
  ASSERT_FALSE(cands.empty());
  Worker moved = Find<Worker>(world, cands.front());
  moved.lat = *moved.lat + 3.0;
  Write({moved});
  const std::vector<std::string> after = Candidates(*packed, "v-other", 10);
  EXPECT_EQ(after, Candidates(*ids, "v-other", 10));
  EXPECT_EQ(std::find(after.begin(), after.end(), cands.front()), after.end());
}

}  // namespace
}  // namespace qiancheng::testing
