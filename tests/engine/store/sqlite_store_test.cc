// Tests of store/sqlite_store.h: opening and migrations, round trips, batches,
// deletes and the change log, meta values and API keys. Listing is in
// sqlite_store_list_test.cc.
#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <thread>
#include <vector>

#include "store/migrations/migrations.h"
#include "store_test_util.h"

namespace qiancheng::store {
namespace {

using testing::SampleEntity;
using testing::Stored;
using testing::TempDir;

std::unique_ptr<SqliteStore> OpenOrDie(const std::string& path) {
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path);
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? std::move(store).value() : nullptr;
}

// Runs `sql` on the file directly, as another tool (or a newer binary) would.
void RawExec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
      << error;
  sqlite3_free(error);
  sqlite3_close(db);
}

std::vector<Entity> Vacancies(int n, const std::string& prefix = "v-") {
  std::vector<Entity> out;
  for (int i = 0; i < n; ++i) {
    out.push_back(
        SampleEntity(EntityKind::kVacancy, prefix + std::to_string(i)));
  }
  return out;
}

TEST(Migrations, AreNumberedFromOneWithoutGaps) {
  ASSERT_FALSE(Migrations().empty());
  for (size_t i = 0; i < Migrations().size(); ++i) {
    EXPECT_EQ(Migrations()[i].version, static_cast<int>(i) + 1)
        << Migrations()[i].name;
    EXPECT_FALSE(Migrations()[i].sql.empty());
  }
}

TEST(SqliteStore, OpenCreatesParentDirectoriesAndAppliesMigrationsOnce) {
  TempDir dir;
  const std::string path = dir.File("a/b/qiancheng.db");
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->SchemaVersion().value(), Migrations().back().version);
  }
  auto store = OpenOrDie(path);  // reopening applies nothing again
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->SchemaVersion().value(), Migrations().back().version);
}

TEST(SqliteStore, RefusesAStoreWithoutWal) {
  // An in-memory database cannot use WAL: Open must refuse rather than run
  // without the durability it promises.
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(":memory:");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Code::kFailedPrecondition) << store.status();
}

TEST(SqliteStore, RefusesANewerSchemaVersion) {
  TempDir dir;
  const std::string path = dir.File("q.db");
  ASSERT_NE(OpenOrDie(path), nullptr);
  RawExec(path,
          "INSERT INTO schema_migrations VALUES (999, '0999_future', 'x')");
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Code::kFailedPrecondition) << store.status();
}

TEST(SqliteStore, RoundTripsEveryKindAcrossReopen) {
  TempDir dir;
  const std::string path = dir.File("q.db");
  {
    auto store = OpenOrDie(path);
    for (EntityKind kind : kAllEntityKinds) {
      ASSERT_TRUE(store->Upsert(SampleEntity(kind)).ok()) << SingularName(kind);
    }
  }
  auto store = OpenOrDie(path);
  for (EntityKind kind : kAllEntityKinds) {
    const Entity expected = SampleEntity(kind);
    Result<Entity> got = store->Get(kind, IdOf(expected));
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(KindOf(*got), kind);
    EXPECT_EQ(Stored(*got), Stored(expected)) << SingularName(kind);
    EXPECT_EQ(store->Count(kind).value(), 1);
  }
  EXPECT_EQ(store->Get(EntityKind::kVacancy, "absent").status().code(),
            Code::kNotFound);
}

TEST(SqliteStore, UpsertReplaces) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("q.db"));
  Entity vacancy = SampleEntity(EntityKind::kVacancy);
  ASSERT_TRUE(store->Upsert(vacancy).ok());
  std::get<Vacancy>(vacancy).headcount = 42;
  ASSERT_TRUE(store->Upsert(vacancy).ok());
  EXPECT_EQ(std::get<Vacancy>(store->Get(EntityKind::kVacancy, "v-1").value())
                .headcount,
            42);
  EXPECT_EQ(store->Count(EntityKind::kVacancy).value(), 1);
}

TEST(SqliteStore, RefusesAWorkerWithClearContact) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("q.db"));
  Entity worker = SampleEntity(EntityKind::kWorker);
  std::get<Worker>(worker).contact.phone = qiancheng::testing::kSamplePhone;
  Result<Sequence> seq = store->Upsert(worker);
  ASSERT_FALSE(seq.ok());
  EXPECT_EQ(seq.status().code(), Code::kInternal);
  EXPECT_EQ(store->Count(EntityKind::kWorker).value(), 0);
  EXPECT_EQ(store->LastSequence().value(), 0);
}

TEST(SqliteStore, BatchWithABadEntityWritesNothingAndNamesIt) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("q.db"));
  std::vector<Entity> batch = Vacancies(5);
  batch[2] = SampleEntity(EntityKind::kWorker);
  std::get<Worker>(batch[2]).contact.id_number =
      qiancheng::testing::kSampleIdNumber;
  Result<Sequence> seq = store->UpsertBatch(batch);
  ASSERT_FALSE(seq.ok());
  EXPECT_EQ(seq.status().code(), Code::kInternal);
  EXPECT_EQ(seq.status().field(), "[2]");

  batch = Vacancies(5);
  std::get<Vacancy>(batch[3]).id = VacancyId("bad id");
  seq = store->UpsertBatch(batch);
  ASSERT_FALSE(seq.ok());
  EXPECT_EQ(seq.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(seq.status().field(), "[3].id");

  EXPECT_EQ(store->Count(EntityKind::kVacancy).value(), 0);
  EXPECT_EQ(store->Count(EntityKind::kWorker).value(), 0);
  EXPECT_EQ(store->LastSequence().value(), 0);
}

TEST(SqliteStore, BatchFailingInsideTheTransactionRollsBack) {
  TempDir dir;
  const std::string path = dir.File("q.db");
  ASSERT_NE(OpenOrDie(path), nullptr);
  // Rows 0..2 are written inside the transaction before row 3 fails in SQLite.
  RawExec(
      path,
      "CREATE TRIGGER fail_v3 BEFORE INSERT ON entities WHEN NEW.id = 'v-3' "
      "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
  auto store = OpenOrDie(path);
  ASSERT_TRUE(store->Upsert(SampleEntity(EntityKind::kOccupation)).ok());
  Result<Sequence> seq = store->UpsertBatch(Vacancies(6));
  ASSERT_FALSE(seq.ok());
  EXPECT_EQ(seq.status().field(), "[3]");
  EXPECT_EQ(store->Count(EntityKind::kVacancy).value(), 0);
  EXPECT_EQ(store->LastSequence().value(), 1);
  EXPECT_EQ(store->ChangesSince(0, 100).value().size(), 1u);
  // The writer is usable afterwards, and the sequence continues without a gap.
  EXPECT_EQ(store->UpsertBatch(Vacancies(3)).value(), 4);
}

TEST(SqliteStore, EmptyBatchReturnsTheLastSequence) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("q.db"));
  ASSERT_TRUE(store->UpsertBatch(Vacancies(2)).ok());
  EXPECT_EQ(store->UpsertBatch({}).value(), 2);
}

TEST(SqliteStore, ChangeLogIncreasesStrictlyAndContinuesAfterReopen) {
  TempDir dir;
  const std::string path = dir.File("q.db");
  {
    auto store = OpenOrDie(path);
    EXPECT_EQ(store->Upsert(SampleEntity(EntityKind::kInstitution)).value(), 1);
    EXPECT_EQ(store->UpsertBatch(Vacancies(3)).value(), 4);
    EXPECT_EQ(store->Delete(EntityKind::kVacancy, "v-1").value(), 5);
  }
  auto store = OpenOrDie(path);
  EXPECT_EQ(store->LastSequence().value(), 5);
  EXPECT_EQ(store->Upsert(SampleEntity(EntityKind::kOccupation)).value(), 6);
  const std::vector<Change> changes = store->ChangesSince(0, 100).value();
  ASSERT_EQ(changes.size(), 6u);
  for (size_t i = 0; i < changes.size(); ++i) {
    EXPECT_EQ(changes[i].seq, Sequence(i + 1));
  }
  EXPECT_EQ(changes[0].kind, EntityKind::kInstitution);
  EXPECT_EQ(changes[2].id, "v-1");
  EXPECT_EQ(changes[4].op, ChangeOp::kDelete);
  EXPECT_EQ(changes[4].id, "v-1");
  EXPECT_EQ(changes[5].id, "4-10-01-05");
  const std::vector<Change> window = store->ChangesSince(2, 2).value();
  ASSERT_EQ(window.size(), 2u);
  EXPECT_EQ(window[0].seq, 3);
  EXPECT_EQ(window[1].seq, 4);
  EXPECT_EQ(store->ChangesSince(0, 0).status().code(), Code::kInvalidArgument);
}

TEST(SqliteStore, DeleteIsLoggedAndDeletingTheAbsentIsNotFound) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("q.db"));
  ASSERT_TRUE(store->Upsert(SampleEntity(EntityKind::kWorker)).ok());
  EXPECT_EQ(store->Delete(EntityKind::kWorker, "w-1").value(), 2);
  EXPECT_EQ(store->Get(EntityKind::kWorker, "w-1").status().code(),
            Code::kNotFound);
  EXPECT_EQ(store->Delete(EntityKind::kWorker, "w-1").status().code(),
            Code::kNotFound);
  // Same id, other kind: not the worker's row.
  EXPECT_EQ(store->Delete(EntityKind::kVacancy, "w-1").status().code(),
            Code::kNotFound);
  EXPECT_EQ(store->LastSequence().value(), 2);
  EXPECT_EQ(store->ChangesSince(0, 100).value().size(), 2u);
}

TEST(SqliteStore, MetaRoundTrips) {
  TempDir dir;
  const std::string path = dir.File("q.db");
  {
    auto store = OpenOrDie(path);
    EXPECT_EQ(store->GetMeta("model_version").value(), std::nullopt);
    ASSERT_TRUE(store->PutMeta("model_version", "1").ok());
    ASSERT_TRUE(store->PutMeta("model_version", "2").ok());
    ASSERT_TRUE(store->PutMeta("empty", "").ok());
  }
  auto store = OpenOrDie(path);
  EXPECT_EQ(store->GetMeta("model_version").value(), "2");
  EXPECT_EQ(store->GetMeta("empty").value(), "");
  EXPECT_EQ(store->LastSequence().value(),
            0);  // meta writes are not entity changes
}

TEST(SqliteStore, ApiKeysRoundTrip) {
  TempDir dir;
  const std::string path = dir.File("q.db");
  ApiKeyRecord counselor{
      "k-counselor",
      "ab12",
      Role::kCounselor,
      {*RegionCode::Parse("610113"), *RegionCode::Parse("610100")},
      "2026-11-24T03:00:00Z",
      false};
  ApiKeyRecord admin{
      "k-admin", "cd34", Role::kAdmin, {}, "2026-11-24T03:00:01Z", false};
  {
    auto store = OpenOrDie(path);
    ASSERT_TRUE(store->PutApiKey(counselor).ok());
    ASSERT_TRUE(store->PutApiKey(admin).ok());
    admin.revoked = true;
    ASSERT_TRUE(store->PutApiKey(admin).ok());
    EXPECT_EQ(store->PutApiKey(ApiKeyRecord{}).code(), Code::kInvalidArgument);
  }
  auto store = OpenOrDie(path);
  const ApiKeyRecord got = store->GetApiKey("k-counselor").value();
  EXPECT_EQ(got.secret_hash, "ab12");
  EXPECT_EQ(got.role, Role::kCounselor);
  ASSERT_EQ(got.regions.size(), 2u);
  EXPECT_EQ(got.regions[1].str(), "610100");
  EXPECT_EQ(got.created_at, "2026-11-24T03:00:00Z");
  EXPECT_FALSE(got.revoked);
  const std::vector<ApiKeyRecord> keys = store->ListApiKeys().value();
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].key_id, "k-admin");  // ordered by key_id
  EXPECT_TRUE(keys[0].revoked);
  EXPECT_TRUE(keys[0].regions.empty());
  EXPECT_EQ(store->GetApiKey("k-none").status().code(), Code::kNotFound);
}

TEST(SqliteStore, ConcurrentWritersAndReadersSeeAConsistentLog) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("q.db"));
  constexpr int kThreads = 4, kWrites = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        const std::string id =
            "v-" + std::to_string(t) + "-" + std::to_string(i);
        EXPECT_TRUE(store->Upsert(SampleEntity(EntityKind::kVacancy, id)).ok());
        EXPECT_TRUE(
            store->Get(EntityKind::kVacancy, id).ok());  // read your write
        EXPECT_TRUE(store->List(EntityKind::kVacancy, ListOptions{}).ok());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(store->Count(EntityKind::kVacancy).value(), kThreads * kWrites);
  const std::vector<Change> changes = store->ChangesSince(0, 1000).value();
  ASSERT_EQ(changes.size(), size_t{kThreads * kWrites});
  for (size_t i = 0; i < changes.size(); ++i) {
    EXPECT_EQ(changes[i].seq, Sequence(i + 1));
  }
}

TEST(SqliteStore, ReadersNeverSeePartOfABatch) {
  TempDir dir;
  auto store = OpenOrDie(dir.File("q.db"));
  constexpr int kBatches = 20, kBatchSize = 50;
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int b = 0; b < kBatches; ++b) {
      EXPECT_TRUE(store
                      ->UpsertBatch(
                          Vacancies(kBatchSize, "b" + std::to_string(b) + "-"))
                      .ok());
    }
    done = true;
  });
  do {
    const int64_t count = store->Count(EntityKind::kVacancy).value();
    EXPECT_EQ(count % kBatchSize, 0) << "a reader saw a partial batch";
  } while (!done);
  writer.join();
  EXPECT_EQ(store->Count(EntityKind::kVacancy).value(), kBatches * kBatchSize);
}

TEST(SqliteStore, OpenFailsWhenTheDirectoryCannotBeMade) {
  TempDir dir;
  ASSERT_NE(OpenOrDie(dir.File("file.db")), nullptr);
  // A path "under" a regular file.
  Result<std::unique_ptr<SqliteStore>> store =
      SqliteStore::Open(dir.File("file.db/sub/q.db"));
  EXPECT_FALSE(store.ok());
}

}  // namespace
}  // namespace qiancheng::store
