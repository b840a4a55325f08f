// The Store contract (store/store.h), run against every backend
// (store_backends.h): migrations, round trips, batches all or nothing,
// deletes and the change log, meta values, API keys, and concurrency,
// including a reader tailing the change log while writers commit. Listing is
// in store_list_test.cc, kill -9 in durability_test.cc.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <type_traits>
#include <vector>

#include "store/migrations/migrations.h"
#include "store_backends.h"

namespace qiancheng::store {
namespace {

using testing::SampleEntity;
using testing::SchemaVersionOf;
using testing::Stored;

// Concatenates the decimal forms and strings of `parts`. (Appending sidesteps
// g++ 12's false -Wrestrict on "literal" + std::string&&.)
template <class... Parts>
std::string Cat(const Parts&... parts) {
  std::string out;
  auto append = [&out](const auto& part) {
    if constexpr (std::is_arithmetic_v<std::decay_t<decltype(part)>>) {
      out += std::to_string(part);
    } else {
      out += part;
    }
  };
  (append(parts), ...);
  return out;
}

std::vector<Entity> Vacancies(int n, const std::string& prefix = "v-") {
  std::vector<Entity> out;
  for (int i = 0; i < n; ++i) {
    out.push_back(SampleEntity(EntityKind::kVacancy, Cat(prefix, i)));
  }
  return out;
}

class StoreContract : public testing::BackendTest {};
QC_INSTANTIATE_FOR_BACKENDS(StoreContract);

TEST_P(StoreContract, OpenAppliesMigrationsOnce) {
  {
    auto store = OpenOrDie();
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(SchemaVersionOf(*store).value(), Migrations().back().version);
  }
  auto store = OpenOrDie();  // reopening applies nothing again
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(SchemaVersionOf(*store).value(), Migrations().back().version);
}

TEST_P(StoreContract, RefusesANewerSchemaVersion) {
  ASSERT_NE(OpenOrDie(), nullptr);
  RawExec("INSERT INTO schema_migrations VALUES (999, '0999_future', 'x')");
  Result<std::unique_ptr<Store>> store = OpenStore(location_->location());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Code::kFailedPrecondition) << store.status();
}

TEST_P(StoreContract, RoundTripsEveryKindAcrossReopen) {
  {
    auto store = OpenOrDie();
    for (EntityKind kind : kAllEntityKinds) {
      ASSERT_TRUE(store->Upsert(SampleEntity(kind)).ok()) << SingularName(kind);
    }
  }
  auto store = OpenOrDie();
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

TEST_P(StoreContract, UpsertReplaces) {
  auto store = OpenOrDie();
  Entity vacancy = SampleEntity(EntityKind::kVacancy);
  ASSERT_TRUE(store->Upsert(vacancy).ok());
  std::get<Vacancy>(vacancy).headcount = 42;
  ASSERT_TRUE(store->Upsert(vacancy).ok());
  EXPECT_EQ(std::get<Vacancy>(store->Get(EntityKind::kVacancy, "v-1").value())
                .headcount,
            42);
  EXPECT_EQ(store->Count(EntityKind::kVacancy).value(), 1);
}

TEST_P(StoreContract, RefusesAWorkerWithClearContact) {
  auto store = OpenOrDie();
  Entity worker = SampleEntity(EntityKind::kWorker);
  std::get<Worker>(worker).contact.phone = qiancheng::testing::kSamplePhone;
  Result<Sequence> seq = store->Upsert(worker);
  ASSERT_FALSE(seq.ok());
  EXPECT_EQ(seq.status().code(), Code::kInternal);
  EXPECT_EQ(store->Count(EntityKind::kWorker).value(), 0);
  EXPECT_EQ(store->LastSequence().value(), 0);
}

TEST_P(StoreContract, BatchWithABadEntityWritesNothingAndNamesIt) {
  auto store = OpenOrDie();
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

// Rows before the failing one are written inside the transaction before the
// database refuses it: all of them must go. For PostgreSQL this fails the
// one-statement batch, then the row-by-row retry that names the row, in its
// third pipelined chunk after two chunks have run.
TEST_P(StoreContract, BatchFailingInsideTheTransactionRollsBack) {
  ASSERT_NE(OpenOrDie(), nullptr);
  RawExec(location_->FailInsertsOfSql("v-300"));
  auto store = OpenOrDie();
  ASSERT_TRUE(store->Upsert(SampleEntity(EntityKind::kOccupation)).ok());
  Result<Sequence> seq = store->UpsertBatch(Vacancies(400));
  ASSERT_FALSE(seq.ok());
  EXPECT_EQ(seq.status().field(), "[300]");
  EXPECT_EQ(store->Count(EntityKind::kVacancy).value(), 0);
  EXPECT_EQ(store->LastSequence().value(), 1);
  EXPECT_EQ(store->ChangesSince(0, 1000).value().size(), 1u);
  // The store is usable afterwards, and the sequence continues without a gap.
  EXPECT_EQ(store->UpsertBatch(Vacancies(3)).value(), 4);
  EXPECT_EQ(store->UpsertBatch(Vacancies(300, "w-")).value(), 304);
  EXPECT_EQ(store->Count(EntityKind::kVacancy).value(), 303);
}

TEST_P(StoreContract, BatchWritingAnEntityTwiceLogsBothAndKeepsTheLast) {
  auto store = OpenOrDie();
  std::vector<Entity> batch = Vacancies(3);
  std::get<Vacancy>(batch[2]).id = VacancyId("v-0");
  std::get<Vacancy>(batch[2]).headcount = 7;
  EXPECT_EQ(store->UpsertBatch(batch).value(), 3);
  EXPECT_EQ(store->Count(EntityKind::kVacancy).value(), 2);
  EXPECT_EQ(std::get<Vacancy>(store->Get(EntityKind::kVacancy, "v-0").value())
                .headcount,
            7);
  const std::vector<Change> changes = store->ChangesSince(0, 10).value();
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].id, "v-0");
  EXPECT_EQ(changes[2].id, "v-0");
}

TEST_P(StoreContract, BatchRoundTripsTextThatNeedsEscaping) {
  auto store = OpenOrDie();
  std::vector<Entity> batch = Vacancies(2);
  const std::string tricky = "引号\"与反斜杠\\ {a,b} NULL '单引号'";
  std::get<Vacancy>(batch[1]).description = tricky;
  ASSERT_TRUE(store->UpsertBatch(batch).ok());
  EXPECT_EQ(std::get<Vacancy>(store->Get(EntityKind::kVacancy, "v-1").value())
                .description,
            tricky);
}

TEST_P(StoreContract, EmptyBatchReturnsTheLastSequence) {
  auto store = OpenOrDie();
  ASSERT_TRUE(store->UpsertBatch(Vacancies(2)).ok());
  EXPECT_EQ(store->UpsertBatch({}).value(), 2);
}

TEST_P(StoreContract, ChangeLogIncreasesStrictlyAndContinuesAfterReopen) {
  {
    auto store = OpenOrDie();
    EXPECT_EQ(store->Upsert(SampleEntity(EntityKind::kInstitution)).value(), 1);
    EXPECT_EQ(store->UpsertBatch(Vacancies(3)).value(), 4);
    EXPECT_EQ(store->Delete(EntityKind::kVacancy, "v-1").value(), 5);
  }
  auto store = OpenOrDie();
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

TEST_P(StoreContract, DeleteIsLoggedAndDeletingTheAbsentIsNotFound) {
  auto store = OpenOrDie();
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
  // A refused delete leaves no gap either.
  EXPECT_EQ(store->Upsert(SampleEntity(EntityKind::kWorker)).value(), 3);
}

TEST_P(StoreContract, MetaRoundTrips) {
  {
    auto store = OpenOrDie();
    EXPECT_EQ(store->GetMeta("model_version").value(), std::nullopt);
    ASSERT_TRUE(store->PutMeta("model_version", "1").ok());
    ASSERT_TRUE(store->PutMeta("model_version", "2").ok());
    ASSERT_TRUE(store->PutMeta("empty", "").ok());
  }
  auto store = OpenOrDie();
  EXPECT_EQ(store->GetMeta("model_version").value(), "2");
  EXPECT_EQ(store->GetMeta("empty").value(), "");
  // Meta writes are not entity changes.
  EXPECT_EQ(store->LastSequence().value(), 0);
}

TEST_P(StoreContract, ApiKeysRoundTrip) {
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
    auto store = OpenOrDie();
    ASSERT_TRUE(store->PutApiKey(counselor).ok());
    ASSERT_TRUE(store->PutApiKey(admin).ok());
    admin.revoked = true;
    ASSERT_TRUE(store->PutApiKey(admin).ok());
    EXPECT_EQ(store->PutApiKey(ApiKeyRecord{}).code(), Code::kInvalidArgument);
  }
  auto store = OpenOrDie();
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

TEST_P(StoreContract, ConcurrentWritersAndReadersSeeAConsistentLog) {
  auto store = OpenOrDie();
  constexpr int kThreads = 4, kWrites = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        const std::string id = Cat("v-", t, "-", i);
        EXPECT_TRUE(store->Upsert(SampleEntity(EntityKind::kVacancy, id)).ok());
        // Read your write.
        EXPECT_TRUE(store->Get(EntityKind::kVacancy, id).ok());
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

TEST_P(StoreContract, ReadersNeverSeePartOfABatch) {
  auto store = OpenOrDie();
  constexpr int kBatches = 20, kBatchSize = 50;
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int b = 0; b < kBatches; ++b) {
      EXPECT_TRUE(
          store->UpsertBatch(Vacancies(kBatchSize, Cat("b", b, "-"))).ok());
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

// A reader tailing ChangesSince while several writers commit must see every
// sequence, in order, exactly once: a sequence that commits after a higher one
// was already visible would be skipped for good (the index replays this log).
// Writers mix single upserts, batches of varied size and deletes, so their
// transactions overlap for varied lengths.
TEST_P(StoreContract, TailingReaderNeverSkipsASequence) {
  auto store = OpenOrDie();
  constexpr int kWriters = 3, kOpsPerWriter = 40, kPage = 50;
  std::atomic<int> writers_left{kWriters};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int op = 0; op < kOpsPerWriter; ++op) {
        const std::string prefix = Cat("t", w, "-", op, "-");
        if (op % 4 == 1) {
          const int size = 1 + (op * 7 + w) % 30;
          EXPECT_TRUE(store->UpsertBatch(Vacancies(size, prefix)).ok());
        } else if (op % 4 == 3) {
          // Deletes this writer's single upsert of op - 3.
          const std::string upserted = Cat("t", w, "-", op - 3, "-0");
          EXPECT_TRUE(store->Delete(EntityKind::kVacancy, upserted).ok());
        } else {
          EXPECT_TRUE(
              store->Upsert(SampleEntity(EntityKind::kVacancy, prefix + "0"))
                  .ok());
        }
      }
      --writers_left;
    });
  }
  Sequence last = 0;
  int64_t seen = 0;
  std::string broken;  // set on the first skipped or repeated sequence
  bool caught_up = false;
  while (!caught_up && broken.empty()) {
    const bool writers_done = writers_left == 0;
    Result<std::vector<Change>> changes = store->ChangesSince(last, kPage);
    if (!changes.ok()) {
      broken = changes.status().ToString();
      break;
    }
    for (const Change& change : *changes) {
      if (change.seq != last + 1) {
        broken = Cat("after ", last, " the tail saw ", change.seq);
        break;
      }
      last = change.seq;
      ++seen;
    }
    // Done when the writers had finished before this read and it came back
    // short of a full page: everything committed has been read.
    caught_up = writers_done && changes->size() < size_t{kPage};
  }
  for (auto& writer : writers) writer.join();
  ASSERT_TRUE(broken.empty()) << broken;
  EXPECT_EQ(last, store->LastSequence().value());
  EXPECT_EQ(seen, last);
  EXPECT_GT(seen, kWriters * kOpsPerWriter);
}

}  // namespace
}  // namespace qiancheng::store
