// The read side after a kill -9 (issue 5): a child process builds the world,
// snapshots the indexes, keeps writing and is killed mid-write; the restarted
// follower (snapshot + replay of the change log) must hold exactly the
// store's live ids in each index and answer like a fresh rebuild.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "engine/recommend/recommend_world.h"

namespace qiancheng::testing {
namespace {

std::set<std::string> IndexIds(const index::VectorIndex& index) {
  std::set<std::string> ids;
  index.FilterWhere([&](std::string_view id) {
    ids.insert(std::string(id));
    return false;
  });
  return ids;
}

std::set<std::string> StoreIds(store::Store& store, EntityKind kind) {
  std::set<std::string> ids;
  store::ListOptions options;
  options.limit = 1000;
  do {
    auto page = store.List(kind, options);
    if (!page.ok()) ADD_FAILURE() << page.status();
    if (!page.ok()) break;
    for (const Entity& e : page->items) ids.insert(IdOf(e));
    options.cursor = page->next_cursor;
  } while (!options.cursor.empty());
  return ids;
}

Vacancy Churn(int i) {
  Vacancy v;
  v.id = VacancyId("v-churn-" + std::to_string(i));
  v.employer = "示例养老服务公司";
  v.occupation_code =
      *OccupationCode::Parse(i % 2 ? "4-10-01-05" : "6-31-01-03");
  // Distinct words per vacancy: no two have the same vector, so no tie at
  // the retrieval cut depends on the index's internal row order.
  static const char* const kWords[] = {"老人", "照料", "护理", "生活", "清洁",
                                       "康复", "服务", "饮食", "起居", "安全",
                                       "线路", "配电", "安装", "维修", "检测",
                                       "照明", "设备", "调试", "巡检", "记录"};
  v.title = i % 2 ? "养老护理员" : "电工";
  v.title += kWords[i % 20];
  v.title += kWords[(i / 20) % 20];
  v.title += kWords[(i / 400) % 20];
  v.description = v.title;
  v.region = *RegionCode::Parse("610113");
  v.lat = 34.2 + i * 0.0003;  // distinct points: no tied scores
  v.lon = 108.9;
  v.headcount = 1;
  v.salary_min = 3000;
  v.salary_max = 4000;
  v.posted_date = kToday;
  v.expiry_date = kToday.AddDays(30);
  return v;
}

TEST(RestartTest, KillNineBetweenSnapshotAndLaterWritesLosesNothing) {
  Models();  // load before forking: the child inherits it
  const std::string dir = FreshWorldDir("restart");
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(ready[0]);
    auto world = OpenWorld(dir, true);
    for (int i = 0; i < 40; ++i) (void)world->store->Upsert(Churn(i));
    (void)world->follower->CatchUp();
    if (!world->follower->Snapshot().ok()) ::_exit(3);
    // After the snapshot: deletes, replacements and new items, then keep
    // writing until killed.
    for (int i = 0; i < 10; ++i)
      (void)world->store->Delete(EntityKind::kVacancy,
                                 "v-churn-" + std::to_string(i));
    (void)world->store->Delete(EntityKind::kTrainingProject, "p-electric");
    const char byte = 1;
    if (::write(ready[1], &byte, 1) != 1) ::_exit(4);
    for (int i = 100;; ++i) {
      (void)world->store->Upsert(Churn(i));
      if (i % 5 == 0) (void)world->follower->CatchUp();
    }
  }
  ::close(ready[1]);
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  ::usleep(300 * 1000);  // let it write (and catch up) for a while
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));

  auto restarted = OpenWorld(dir, false);
  // Each index came from its snapshot plus the replayed log, not a rebuild.
  int from_snapshot = 0;
  for (const std::string& line : restarted->start_log) {
    from_snapshot += line.find("snapshot at") != std::string::npos;
  }
  EXPECT_EQ(from_snapshot, 3);
  const auto kinds = {EntityKind::kTrainingProject, EntityKind::kVacancy,
                      EntityKind::kWorker};
  for (EntityKind kind : kinds) {
    EXPECT_EQ(IndexIds(*restarted->indexes.For(kind)),
              StoreIds(*restarted->store, kind))
        << CollectionName(kind);
  }
  EXPECT_FALSE(restarted->indexes.vacancies->Contains("v-churn-3"));
  EXPECT_TRUE(restarted->indexes.vacancies->Contains("v-churn-103"));
  EXPECT_FALSE(restarted->indexes.projects->Contains("p-electric"));

  // Answers like a fresh rebuild: same store, no snapshot.
  const std::string fresh_dir = dir + "_fresh";
  std::filesystem::remove_all(fresh_dir);
  std::filesystem::create_directories(fresh_dir);
  std::filesystem::copy_file(dir + "/qiancheng.db",
                             fresh_dir + "/qiancheng.db");
  if (std::filesystem::exists(dir + "/qiancheng.db-wal")) {
    std::filesystem::copy_file(dir + "/qiancheng.db-wal",
                               fresh_dir + "/qiancheng.db-wal");
  }
  auto fresh = OpenWorld(fresh_dir, false);
  recommend::TrainingQuery query;
  query.today = kToday;
  for (const char* worker : {"w-elder", "w-cap", "w-trainee"}) {
    auto a = restarted->recommender->TrainingsForWorker(worker, query);
    auto b = fresh->recommender->TrainingsForWorker(worker, query);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->items.size(), b->items.size()) << worker;
    for (size_t i = 0; i < a->items.size(); ++i) {
      EXPECT_EQ(a->items[i].project.id, b->items[i].project.id) << worker;
    }
    auto ja = restarted->recommender->JobsForWorker(worker, 10, kToday);
    auto jb = fresh->recommender->JobsForWorker(worker, 10, kToday);
    ASSERT_TRUE(ja.ok() && jb.ok());
    ASSERT_EQ(ja->items.size(), jb->items.size()) << worker;
    for (size_t i = 0; i < ja->items.size(); ++i) {
      EXPECT_EQ(ja->items[i].vacancy.id, jb->items[i].vacancy.id) << worker;
    }
  }
}

}  // namespace
}  // namespace qiancheng::testing
