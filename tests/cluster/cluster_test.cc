// The cluster of issue #11 on loopback: one PostgreSQL server (a private one,
// tests/support/pg_server.h) and three `qiancheng serve` replicas A, B, C on
// it, loaded with a slice of the generated small world (seed 1). Checks:
// read-your-writes across replicas (with min_seq every time, within 1 s
// without), the push feed once per event and capped per day across replicas,
// kill -9 of a replica under a write load (no acknowledged write lost, the
// restarted replica's indexes equal the store), and a PostgreSQL crash and
// restart (503 meanwhile, never 500; nothing acknowledged lost). The tests
// run in file order on one cluster: later ones crash what earlier ones used.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "api/access_logs.h"
#include "cluster/cluster_support.h"
#include "cluster/cluster_world.h"
#include "cluster/replica_process.h"
#include "support/pg_server.h"

namespace qiancheng::testing {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr char kAdminKey[] = "cluster-test-admin-key-000001";
constexpr char kToday[] = "2026-11-24";

int64_t SeqOf(const Answer& a) {
  json doc = json::parse(a.body, nullptr, false);
  return doc.is_object() && doc.contains("seq") ? doc["seq"].get<int64_t>() : 0;
}

class ClusterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  void SetUp() override {
    if (pg_ == nullptr || replicas_.size() != 3) {
      if (InCi()) FAIL() << "no cluster: " << why_;
      GTEST_SKIP() << "no cluster: " << why_;
    }
  }

  static ReplicaProcess& Replica(int i) { return *replicas_[i]; }
  static std::string LastSeq() {
    std::vector<std::string> v =
        Column(db_url_, "SELECT last_seq FROM change_counter");
    return v.empty() ? "" : v[0];
  }
  static std::set<std::string> StoredIds(const std::string& kind,
                                         const std::string& prefix) {
    std::vector<std::string> ids =
        Column(db_url_, "SELECT id FROM entities WHERE kind = '" + kind +
                            "' AND id LIKE '" + prefix + "%'");
    return {ids.begin(), ids.end()};
  }
  // The replica, once caught up with the store, indexes exactly the stored
  // ids of each searchable kind.
  static void ExpectIndexesEqualStore(ReplicaProcess& r, const char* name);

  static inline std::unique_ptr<PgServer> pg_;
  static inline std::string why_;
  static inline std::string db_url_;
  static inline std::string dir_;
  static inline std::unique_ptr<ClusterWorld> world_;
  static inline std::vector<std::unique_ptr<ReplicaProcess>> replicas_;
};

void ClusterTest::SetUpTestSuite() {
  pg_ = PgServer::Start(&why_);
  if (pg_ == nullptr) return;
  PgDatabase db(*pg_, &why_);
  if (!db.created()) {
    pg_.reset();
    return;
  }
  db_url_ = db.url();
  std::string pattern =
      (std::filesystem::temp_directory_path() / "qc-cluster-XXXXXX").string();
  dir_ = ::mkdtemp(pattern.data()) != nullptr ? pattern : "";
  world_ = ClusterWorld::Make(QC_BINARY, QC_SOURCE_DIR "/data", dir_, db_url_,
                              &why_);
  if (world_ == nullptr) return;
  const char* names[] = {"a", "b", "c"};
  for (const char* name : names) {
    const std::string data = dir_ + "/replica-" + name;
    if (std::string(name) != "a")
      world_->SeedReplicaDir(dir_ + "/replica-a", data);
    auto r = std::make_unique<ReplicaProcess>(
        QC_BINARY,
        std::vector<std::string>{
            "--reference-dir", QC_SOURCE_DIR "/data", "serve", "--data-dir",
            data, "--port", "0", "--today", kToday, "--store", db_url_,
            "--secret-file", world_->secret_file(), "--threads", "8",
            "--access-log", AccessLogPath(std::string("cluster_") + name)},
        std::vector<std::pair<std::string, std::string>>{
            {"QIANCHENG_ADMIN_KEY", kAdminKey}},
        dir_ + "/replica-" + name, kAdminKey);
    if (!r->Start(300, &why_)) return;
    replicas_.push_back(std::move(r));
  }
}

void ClusterTest::TearDownTestSuite() {
  replicas_.clear();
  pg_.reset();
  if (!dir_.empty() && !::testing::Test::HasFailure()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

void ClusterTest::ExpectIndexesEqualStore(ReplicaProcess& r, const char* name) {
  const std::string last = LastSeq();
  ASSERT_FALSE(last.empty());
  // Up to 30 s: a restarted replica replays what it missed first.
  Answer caught_up;
  for (int i = 0; i < 30 && caught_up.status != 200; ++i) {
    caught_up = r.Call("GET", "/v1/shortage?min_seq=" + last);
  }
  ASSERT_EQ(caught_up.status, 200) << name << ": " << caught_up.body;
  Answer audit = r.Call("GET", "/v1/admin/read-side");
  ASSERT_EQ(audit.status, 200) << name << ": " << audit.body;
  const json doc = json::parse(audit.body);
  const std::pair<const char*, const char*> kinds[] = {
      {"training-projects", "training_project"},
      {"vacancies", "vacancy"},
      {"workers", "worker"}};
  for (const auto& [collection, kind] : kinds) {
    std::vector<std::string> ids =
        Column(db_url_, std::string("SELECT id FROM entities WHERE kind = '") +
                            kind + "'");
    const json& got = doc["indexes"][collection];
    EXPECT_EQ(got["index_size"].get<size_t>(), ids.size())
        << name << " " << kind;
    EXPECT_EQ(got["catalog_size"].get<size_t>(), ids.size())
        << name << " " << kind;
    EXPECT_EQ(got["indexed"].get<size_t>(), ids.size()) << name << " " << kind;
    EXPECT_EQ(got["ids_fnv1a64"].get<std::string>(), IdsDigest(ids))
        << name << " " << kind;
  }
}

// Read-your-writes: a worker written through A is found by B when the read
// carries the write's seq, every time (B would 404 an unknown worker).
TEST_F(ClusterTest, AWriteThroughOneReplicaIsReadThroughAnotherWithMinSeq) {
  for (int i = 0; i < 25; ++i) {
    const std::string id = "ryw-w-" + std::to_string(i);
    Answer put =
        Replica(0).Call("PUT", "/v1/workers/" + id, world_->WorkerBody(id, i));
    ASSERT_EQ(put.status, 200) << put.body;
    const int64_t seq = SeqOf(put);
    ASSERT_GT(seq, 0);
    Answer get = Replica(1).Call(
        "GET", "/v1/workers/" + id + "/recommendations/trainings?k=3&min_seq=" +
                   std::to_string(seq));
    EXPECT_EQ(get.status, 200) << i << ": " << get.body;
  }
}

// Without min_seq, the other replica's follower picks the write up by itself
// within 1 s: woken by PostgreSQL's commit notice (LISTEN, migration 0003),
// with a 1 s poll only as the safety net, so the notices must show in its
// /metrics.
TEST_F(ClusterTest, AWriteReachesAnotherReplicaWithinOneSecondWithoutMinSeq) {
  std::vector<double> lag_ms;
  for (int i = 0; i < 25; ++i) {
    const std::string id = "lag-w-" + std::to_string(i);
    Answer put =
        Replica(0).Call("PUT", "/v1/workers/" + id, world_->WorkerBody(id, i));
    ASSERT_EQ(put.status, 200) << put.body;
    const auto written = Clock::now();
    const std::string path = "/v1/workers/" + id + "/recommendations/jobs?k=1";
    Answer get;
    while (Clock::now() - written < std::chrono::seconds(3)) {
      get = Replica(2).Call("GET", path);
      if (get.status != 404) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_EQ(get.status, 200) << get.body;
    lag_ms.push_back(
        std::chrono::duration<double, std::milli>(Clock::now() - written)
            .count());
  }
  std::sort(lag_ms.begin(), lag_ms.end());
  std::printf(
      "replica lag, write on A -> visible on C: p50 %.0f ms, max %.0f ms\n",
      lag_ms[lag_ms.size() / 2], lag_ms.back());
  EXPECT_LT(lag_ms.back(), 1000.0);
  const Answer metrics = Replica(2).Call("GET", "/metrics");
  ASSERT_EQ(metrics.status, 200) << metrics.body;
  const std::string name = "qiancheng_changelog_notices_total ";
  const size_t at = metrics.body.find("\n" + name);
  ASSERT_NE(at, std::string::npos) << metrics.body;
  EXPECT_GE(std::stod(metrics.body.substr(at + 1 + name.size())), 25.0)
      << "the replica was not woken by commit notices";
}

// A min_seq never committed is the client's error, not a replica behind.
TEST_F(ClusterTest, AMinSeqBeyondTheLogIsRefused) {
  Answer a = Replica(1).Call("GET", "/v1/shortage?min_seq=900000000");
  EXPECT_EQ(a.status, 400) << a.body;
  EXPECT_NE(a.body.find("min_seq"), std::string::npos);
}

// Every replica sees every vacancy event and offers its items; the store
// keeps one item per (worker, vacancy) and at most 5 per worker and day.
TEST_F(ClusterTest, FeedItemsAreWrittenOncePerEventAndCappedAcrossReplicas) {
  constexpr int kVacancies = 12;
  // A vacancy with a full candidate list, so its copies compete for the same
  // workers' daily cap.
  std::string like;
  for (const std::string& id : world_->OpenVacancyIds()) {
    Answer a =
        Replica(0).Call("GET", "/v1/vacancies/" + id + "/candidates?k=20");
    json doc = json::parse(a.body, nullptr, false);
    if (a.status == 200 && doc["items"].size() >= 10) {
      like = id;
      break;
    }
  }
  ASSERT_FALSE(like.empty()) << "no open vacancy with 10 candidates";
  std::vector<std::thread> writers;
  std::atomic<int> acked{0};
  std::atomic<int64_t> last_seq{0};
  for (int t = 0; t < 3; ++t) {
    writers.emplace_back([&, t] {
      for (int i = t; i < kVacancies; i += 3) {
        const std::string id = "feed-v-" + std::to_string(i);
        Answer a = Replica(t).Call("PUT", "/v1/vacancies/" + id,
                                   world_->VacancyBody(id, like));
        if (a.status != 200) continue;
        ++acked;
        int64_t seq = SeqOf(a), seen = last_seq.load();
        while (seq > seen && !last_seq.compare_exchange_weak(seen, seq)) {
        }
      }
    });
  }
  for (std::thread& w : writers) w.join();
  ASSERT_EQ(acked.load(), kVacancies);
  for (int r = 0; r < 3; ++r) {
    Answer a = Replica(r).Call(
        "GET", "/v1/shortage?min_seq=" + std::to_string(last_seq.load()));
    ASSERT_EQ(a.status, 200) << a.body;
  }
  const std::string mine = "target_id LIKE 'feed-v-%'";
  const std::vector<std::string> items =
      Column(db_url_, "SELECT count(*) FROM feed_items WHERE " + mine);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_GT(std::stoi(items[0]), 0) << "the vacancies reached no feed";
  EXPECT_TRUE(
      Column(db_url_, "SELECT worker_id FROM feed_items WHERE " + mine +
                          " GROUP BY worker_id, target_id HAVING count(*) > 1")
          .empty());
  EXPECT_TRUE(Column(db_url_,
                     "SELECT worker_id FROM feed_items GROUP BY worker_id, day "
                     "HAVING count(*) > 5")
                  .empty());
  // The cap was reached, so the check above had something to hold back.
  EXPECT_FALSE(Column(db_url_, "SELECT worker_id FROM feed_items WHERE " +
                                   mine +
                                   " GROUP BY worker_id HAVING count(*) = 5")
                   .empty());
}

TEST_F(ClusterTest, Kill9OfAReplicaUnderWriteLoadLosesNoAcknowledgedWrite) {
  std::atomic<bool> stop_c{false}, stop_a{false};
  std::mutex mu;
  std::vector<std::string> acked;
  std::map<int, int> statuses;
  auto count = [&] {
    std::lock_guard lock(mu);
    return acked.size();
  };
  std::vector<std::thread> writers;
  for (int t = 0; t < 2; ++t) {
    writers.emplace_back([&, t] {
      WriteWorkers(Replica(2), *world_, "k9-c" + std::to_string(t) + "-",
                   stop_c, mu, acked, statuses);
    });
  }
  writers.emplace_back([&] {
    WriteWorkers(Replica(0), *world_, "k9-a-", stop_a, mu, acked, statuses);
  });
  ASSERT_TRUE(Eventually(60, [&] { return count() >= 60; }));
  Replica(2).Kill9();
  // C misses these: it must replay them after the restart.
  const size_t at_kill = count();
  ASSERT_TRUE(Eventually(60, [&] { return count() >= at_kill + 30; }));
  stop_c = stop_a = true;
  for (std::thread& w : writers) w.join();

  const std::set<std::string> stored = StoredIds("worker", "k9-");
  for (const std::string& id : acked) {
    EXPECT_TRUE(stored.count(id)) << "acknowledged write lost: " << id;
  }
  std::string why;
  ASSERT_TRUE(Replica(2).Start(120, &why)) << why;
  ExpectIndexesEqualStore(Replica(2), "c (restarted)");
  ExpectIndexesEqualStore(Replica(0), "a");
}

TEST_F(ClusterTest, APostgresCrashIsSurvivedWith503AndNoLostWrite) {
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::vector<std::string> acked;
  std::map<int, int> statuses;
  auto count = [&] {
    std::lock_guard lock(mu);
    return acked.size();
  };
  auto failures = [&] {
    std::lock_guard lock(mu);
    int n = 0;
    for (const auto& [status, times] : statuses) n += status == 200 ? 0 : times;
    return n;
  };
  std::vector<std::thread> writers;
  for (int r = 0; r < 2; ++r) {
    writers.emplace_back([&, r] {
      WriteWorkers(Replica(r), *world_, "pg-" + std::to_string(r) + "-", stop,
                   mu, acked, statuses);
    });
  }
  // Reads on C meanwhile: the read model is in memory, the key check is not.
  std::map<int, int> read_statuses;
  std::thread reader([&] {
    while (!stop.load()) {
      Answer a = Replica(2).Call("GET", "/v1/workers/" + world_->AnyWorkerId() +
                                            "/recommendations/trainings?k=3");
      {
        std::lock_guard lock(mu);
        ++read_statuses[a.status];
        if (a.status == 503) {
          EXPECT_EQ(a.retry_after, "1");
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  ASSERT_TRUE(Eventually(60, [&] { return count() >= 20; }));
  ASSERT_TRUE(pg_->Kill9());
  EXPECT_TRUE(Eventually(30, [&] { return failures() >= 10; }));
  ASSERT_TRUE(pg_->Restart());
  const size_t at_restart = count();
  EXPECT_TRUE(Eventually(120, [&] { return count() >= at_restart + 20; }));
  stop = true;
  for (std::thread& w : writers) w.join();
  reader.join();

  for (const auto& [status, times] : statuses) {
    EXPECT_TRUE(status == 200 || status == 503)
        << times << " writes answered " << status;
  }
  EXPECT_GT(statuses[503], 0) << "no write saw the outage";
  for (const auto& [status, times] : read_statuses) {
    EXPECT_TRUE(status == 200 || status == 503)
        << times << " reads answered " << status;
  }
  const std::set<std::string> stored = StoredIds("worker", "pg-");
  for (const std::string& id : acked) {
    EXPECT_TRUE(stored.count(id)) << "acknowledged write lost: " << id;
  }
  for (int r = 0; r < 3; ++r) {
    ExpectIndexesEqualStore(Replica(r), r == 0 ? "a" : r == 1 ? "b" : "c");
  }
}

}  // namespace
}  // namespace qiancheng::testing
