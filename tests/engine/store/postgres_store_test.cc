// Tests of what only store/postgres_store.h and store/open_store.h promise:
// the PostgreSQL migrations mirror the SQLite ones, passwords never reach a
// message, OpenStore picks the backend from the location, the pool recovers
// when the server drops its connections, and concurrent opens migrate once.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "store/migrations/migrations.h"
#include "store/migrations_pg/migrations_pg.h"
#include "store_backends.h"

namespace qiancheng::store {
namespace {

using testing::SampleEntity;

TEST(PostgresMigrations, MirrorTheSqliteMigrationsOneForOne) {
  ASSERT_EQ(PostgresMigrations().size(), Migrations().size());
  for (size_t i = 0; i < Migrations().size(); ++i) {
    EXPECT_EQ(PostgresMigrations()[i].version, Migrations()[i].version);
    EXPECT_EQ(PostgresMigrations()[i].name, Migrations()[i].name);
    EXPECT_FALSE(PostgresMigrations()[i].sql.empty());
  }
}

TEST(MaskPassword, HidesEveryFormOfPassword) {
  EXPECT_EQ(MaskPassword("postgresql://qc:s3cret@db.example:5432/qiancheng"),
            "postgresql://qc:***@db.example:5432/qiancheng");
  EXPECT_EQ(MaskPassword("postgres://qc:p@ss/w0rd@db/q?sslmode=require"),
            "postgres://qc:***@db/q?sslmode=require");
  EXPECT_EQ(MaskPassword("postgresql://db/q?user=qc&password=s3cret&x=1"),
            "postgresql://db/q?user=qc&password=***&x=1");
  EXPECT_EQ(MaskPassword("host=db user=qc password = 's3 cret' dbname=q"),
            "host=db user=qc password = *** dbname=q");
  EXPECT_EQ(MaskPassword("host=db password=s3cret"), "host=db password=***");
  // Nothing to hide: unchanged.
  EXPECT_EQ(MaskPassword("postgresql://qc@db:5432/q"),
            "postgresql://qc@db:5432/q");
  EXPECT_EQ(MaskPassword("postgresql:///q?host=/tmp/x&user=qc"),
            "postgresql:///q?host=/tmp/x&user=qc");
}

TEST(OpenStore, PicksTheBackendFromTheLocation) {
  qiancheng::testing::TempDir dir;
  for (const std::string& location :
       {dir.File("plain/q.db"), "sqlite:" + dir.File("prefixed/q.db")}) {
    Result<std::unique_ptr<Store>> store = OpenStore(location);
    ASSERT_TRUE(store.ok()) << store.status();
    EXPECT_NE(dynamic_cast<SqliteStore*>(store->get()), nullptr) << location;
  }
  EXPECT_EQ(OpenStore("").status().field(), "location");
  EXPECT_EQ(OpenStore("sqlite:").status().field(), "location");
}

TEST(OpenStore, AnUnreachableServerIsUnavailableAndItsPasswordNeverShown) {
  qiancheng::testing::TempDir dir;  // no server listens in an empty directory
  std::string location = "postgresql://qc:hunter2@/q?host=";
  location += dir.path();
  location += "&connect_timeout=2";
  Result<std::unique_ptr<Store>> store = OpenStore(location);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Code::kUnavailable) << store.status();
  EXPECT_EQ(store.status().ToString().find("hunter2"), std::string::npos)
      << store.status();
  EXPECT_NE(store.status().ToString().find("qc:***@"), std::string::npos)
      << store.status();
  EXPECT_EQ(ShownLocation(location).find("hunter2"), std::string::npos);
}

class PostgresOnly : public testing::BackendTest {};
INSTANTIATE_TEST_SUITE_P(Backends, PostgresOnly,
                         ::testing::Values(testing::Backend::kPostgres),
                         testing::BackendName);

TEST_P(PostgresOnly, OpenStoreGivesAPostgresStore) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  EXPECT_NE(dynamic_cast<PostgresStore*>(store.get()), nullptr);
}

// The server drops every connection of the store (a restart, a failover, an
// administrator): the pool must not hand out dead connections for ever.
TEST_P(PostgresOnly, PoolReplacesConnectionsTheServerDropped) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->Upsert(SampleEntity(EntityKind::kVacancy)).ok());
  RawExec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
      "current_database() AND pid <> pg_backend_pid()");
  // The first call on a dropped connection may fail, as kUnavailable only.
  Result<Entity> first = store->Get(EntityKind::kVacancy, "v-1");
  if (!first.ok()) {
    EXPECT_EQ(first.status().code(), Code::kUnavailable) << first.status();
  }
  EXPECT_TRUE(store->Get(EntityKind::kVacancy, "v-1").ok());
  EXPECT_EQ(store->Upsert(SampleEntity(EntityKind::kVacancy, "v-2")).value(),
            2);
}

// Replicas sleep on LISTEN instead of polling (migration 0003): a write
// committed through another store (another replica's connection) wakes the
// waiter; a write that fails commits nothing and sends nothing; a waiter whose
// connection the server dropped reports it, reconnects and says "maybe
// changed", since notices sent meanwhile were lost.
TEST_P(PostgresOnly, ChangeWaiterWakesOnCommitsOfOtherConnectionsOnly) {
  auto writer = OpenOrDie();
  auto reader = OpenOrDie();
  ASSERT_NE(writer, nullptr);
  ASSERT_NE(reader, nullptr);
  std::unique_ptr<ChangeWaiter> waiter = reader->WatchChanges();
  ASSERT_NE(waiter, nullptr);
  using std::chrono::milliseconds;
  // The first call connects and reports a possible change.
  EXPECT_TRUE(waiter->Wait(milliseconds(10)).value());
  EXPECT_FALSE(waiter->Wait(milliseconds(50)).value()) << "nothing written";

  ASSERT_TRUE(writer->Upsert(SampleEntity(EntityKind::kVacancy, "v-1")).ok());
  EXPECT_TRUE(waiter->Wait(milliseconds(5000)).value());
  EXPECT_FALSE(waiter->Wait(milliseconds(50)).value()) << "one write, one wake";

  // A batch failing inside its transaction, on its second row, rolls back
  // its counter update and with it the notice.
  RawExec(location_->FailInsertsOfSql("v-bad"));
  std::vector<Entity> bad = {SampleEntity(EntityKind::kVacancy, "v-2"),
                             SampleEntity(EntityKind::kVacancy, "v-bad")};
  EXPECT_FALSE(writer->UpsertBatch(bad).ok());
  EXPECT_FALSE(waiter->Wait(milliseconds(200)).value())
      << "a rolled-back write woke the waiter";

  // A batch is one transaction: its notices fold into one.
  std::vector<Entity> batch;
  for (int i = 0; i < 50; ++i) {
    batch.push_back(
        SampleEntity(EntityKind::kVacancy, "b-" + std::to_string(i)));
  }
  ASSERT_TRUE(writer->UpsertBatch(batch).ok());
  EXPECT_TRUE(waiter->Wait(milliseconds(5000)).value());
  EXPECT_FALSE(waiter->Wait(milliseconds(50)).value());

  RawExec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
      "datname = current_database() AND pid <> pg_backend_pid() AND query "
      "LIKE 'LISTEN%'");
  Result<bool> dropped = waiter->Wait(milliseconds(5000));
  ASSERT_FALSE(dropped.ok()) << "the terminated listener went unnoticed";
  EXPECT_EQ(dropped.status().code(), Code::kUnavailable) << dropped.status();
  EXPECT_TRUE(waiter->Wait(milliseconds(10)).value()) << "reconnected";
  ASSERT_TRUE(writer->Delete(EntityKind::kVacancy, "v-1").ok());
  EXPECT_TRUE(waiter->Wait(milliseconds(5000)).value());
}

TEST(SqliteStore, HasNoChangeWaiterItsReadersPoll) {
  qiancheng::testing::TempDir dir;
  Result<std::unique_ptr<Store>> store = OpenStore(dir.File("q.db"));
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_EQ((*store)->WatchChanges(), nullptr);
}

// Several processes (here stores) opening one fresh database at once: the
// advisory lock lets exactly one of them migrate, the others wait and see it
// done.
TEST_P(PostgresOnly, ConcurrentOpensMigrateOnce) {
  std::vector<std::thread> threads;
  std::atomic<int> opened{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      Result<std::unique_ptr<Store>> store = OpenStore(location_->location());
      EXPECT_TRUE(store.ok()) << store.status();
      if (store.ok()) ++opened;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(opened, 4);
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(testing::SchemaVersionOf(*store).value(),
            Migrations().back().version);
}

}  // namespace
}  // namespace qiancheng::store
