// Tests of what only store/postgres_store.h and store/open_store.h promise:
// the PostgreSQL migrations mirror the SQLite ones, passwords never reach a
// message, OpenStore picks the backend from the location, the pool recovers
// when the server drops its connections, and concurrent opens migrate once.
#include <gtest/gtest.h>

#include <atomic>
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
