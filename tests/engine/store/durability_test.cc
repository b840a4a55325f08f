// Durability of every Store backend under kill -9 (label "durability").
// A forked child opens the store and writes in a loop: single upserts, batches
// and deletes. After each call returns success it writes an acknowledgement to
// a pipe. The parent kills it with SIGKILL at a random moment (fixed seed) --
// and for PostgreSQL then kills the server and its backends with SIGKILL too,
// and restarts it (crash recovery) -- then reopens the store through
// OpenStore and checks that every acknowledged write is there,
// that the in-flight batch is all there or not at all, that every row decodes,
// and that replaying the change log gives exactly what is stored, without gaps.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "store_backends.h"

namespace qiancheng::store {
namespace {

using testing::SampleEntity;

constexpr int kRounds = 6;
constexpr int kBatchSize = 20;
constexpr int kMaxOps = 100000;  // the child stops by itself if never killed

struct Ack {
  int32_t op = 0;
  Sequence seq = 0;
};

// The workload, a pure function of (round, op) so the parent knows what each
// acknowledged op wrote: mostly single upserts, every 10th op from 5 a batch,
// every 10th from 9 a delete of op - 3 (a single upsert, acknowledged before).
enum class OpKind { kUpsert, kBatch, kDelete };
OpKind KindOfOp(int op) {
  return op % 10 == 5   ? OpKind::kBatch
         : op % 10 == 9 ? OpKind::kDelete
                        : OpKind::kUpsert;
}

std::string OpId(int round, int op) {
  return "r" + std::to_string(round) + "-" + std::to_string(op);
}
std::string BatchId(int round, int op, int j) {
  return OpId(round, op) + "-" + std::to_string(j);
}

// Single upserts alternate between vacancies and workers; the vacancy's
// headcount records the op, so a stale or torn row would show.
EntityKind KindOfSingle(int op) {
  return op % 3 == 0 ? EntityKind::kWorker : EntityKind::kVacancy;
}

Entity SingleEntity(int round, int op) {
  Entity entity = SampleEntity(KindOfSingle(op), OpId(round, op));
  if (auto* vacancy = std::get_if<Vacancy>(&entity)) {
    vacancy->headcount = op + 1;
  }
  return entity;
}

Result<Sequence> RunOp(Store& store, int round, int op) {
  switch (KindOfOp(op)) {
    case OpKind::kBatch: {
      std::vector<Entity> batch;
      for (int j = 0; j < kBatchSize; ++j) {
        batch.push_back(
            SampleEntity(EntityKind::kVacancy, BatchId(round, op, j)));
      }
      return store.UpsertBatch(batch);
    }
    case OpKind::kDelete:
      return store.Delete(KindOfSingle(op - 3), OpId(round, op - 3));
    case OpKind::kUpsert:
      break;
  }
  return store.Upsert(SingleEntity(round, op));
}

// The child: never returns. Exit codes tell the parent what went wrong.
[[noreturn]] void WriterChild(const std::string& location, int round,
                              int ack_fd) {
  Result<std::unique_ptr<Store>> store = OpenStore(location);
  if (!store.ok()) _exit(2);
  for (int op = 0; op < kMaxOps; ++op) {
    Result<Sequence> seq = RunOp(**store, round, op);
    if (!seq.ok()) _exit(3);
    const Ack ack{op,
                  *seq};  // acknowledged only after the call returned success
    if (write(ack_fd, &ack, sizeof ack) != sizeof ack) _exit(4);
  }
  _exit(0);
}

bool ReadAck(int fd, Ack* ack) {
  auto* bytes = reinterpret_cast<char*>(ack);
  size_t got = 0;
  while (got < sizeof *ack) {
    const ssize_t n = read(fd, bytes + got, sizeof *ack - got);
    if (n <= 0) return false;
    got += static_cast<size_t>(n);
  }
  return true;
}

// Runs one round; returns the acknowledgements in order.
std::vector<Ack> KillAWriter(const std::string& location, int round,
                             std::mt19937& rng,
                             qiancheng::testing::PgServer* server) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    WriterChild(location, round, fds[1]);
  }
  close(fds[1]);
  const int kill_after = std::uniform_int_distribution<int>(5, 60)(rng);
  const int delay_us = std::uniform_int_distribution<int>(0, 3000)(rng);
  std::vector<Ack> acks;
  Ack ack;
  while (static_cast<int>(acks.size()) < kill_after && ReadAck(fds[0], &ack)) {
    acks.push_back(ack);
  }
  std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
  kill(pid, SIGKILL);
  if (server != nullptr) {
    // The server crashes too, at about the same moment: what it acknowledged
    // must come back from its WAL.
    EXPECT_TRUE(server->Kill9());
    EXPECT_TRUE(server->Restart());
  }
  // Acknowledgements written before the kill are still in the pipe.
  while (ReadAck(fds[0], &ack)) acks.push_back(ack);
  close(fds[0]);
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  EXPECT_TRUE(WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGKILL)
      << "writer exited by itself with code " << WEXITSTATUS(wstatus);
  EXPECT_GE(static_cast<int>(acks.size()), kill_after);
  return acks;
}

using Key = std::pair<EntityKind, std::string>;

// Every entity of the store, by listing (so every row must decode).
std::set<Key> ListEverything(const Store& store) {
  std::set<Key> keys;
  for (EntityKind kind : kAllEntityKinds) {
    ListOptions options;
    options.limit = 1000;
    do {
      Result<Page> page = store.List(kind, options);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) return keys;
      for (const Entity& e : page->items) keys.emplace(kind, IdOf(e));
      options.cursor = page->next_cursor;
    } while (!options.cursor.empty());
    EXPECT_EQ(store.Count(kind).value(),
              static_cast<int64_t>(std::count_if(
                  keys.begin(), keys.end(),
                  [&](const Key& k) { return k.first == kind; })));
  }
  return keys;
}

// Replays the whole change log, checking its sequence has no gap or repeat.
std::set<Key> ReplayChangeLog(const Store& store,
                              std::map<Sequence, Change>* by_seq) {
  std::set<Key> present;
  std::vector<Change> changes = store.ChangesSince(0, 100000).value();
  for (size_t i = 0; i < changes.size(); ++i) {
    EXPECT_EQ(changes[i].seq, Sequence(i + 1))
        << "gap or repeat in the change log";
    const Key key(changes[i].kind, changes[i].id);
    if (changes[i].op == ChangeOp::kUpsert) present.insert(key);
    if (changes[i].op == ChangeOp::kDelete) present.erase(key);
    (*by_seq)[changes[i].seq] = changes[i];
  }
  EXPECT_EQ(store.LastSequence().value(), Sequence(changes.size()));
  return present;
}

// Checks one round's acknowledged ops against the reopened store.
void CheckRound(const Store& store, int round, const std::vector<Ack>& acks,
                const std::map<Sequence, Change>& log) {
  std::set<int> deleted;
  for (const Ack& ack : acks) {
    if (KindOfOp(ack.op) == OpKind::kDelete) deleted.insert(ack.op - 3);
  }
  // The op in flight when the child died may have committed without being
  // acknowledged. When it is a delete, its target may be gone; the log says
  // whether it committed (a delete of that id after the last acknowledged
  // sequence), and the stored rows must agree with the log.
  const int in_flight = acks.empty() ? 0 : acks.back().op + 1;
  const Sequence last_acked = acks.empty() ? 0 : acks.back().seq;
  if (KindOfOp(in_flight) == OpKind::kDelete) {
    const std::string target = OpId(round, in_flight - 3);
    for (auto it = log.upper_bound(last_acked); it != log.end(); ++it) {
      if (it->second.op == ChangeOp::kDelete && it->second.id == target) {
        deleted.insert(in_flight - 3);
      }
    }
  }
  for (const Ack& ack : acks) {
    ASSERT_TRUE(log.count(ack.seq))
        << "acknowledged seq " << ack.seq << " is not in the log";
    const Change& change = log.at(ack.seq);
    switch (KindOfOp(ack.op)) {
      case OpKind::kBatch:
        EXPECT_EQ(change.id, BatchId(round, ack.op, kBatchSize - 1));
        for (int j = 0; j < kBatchSize; ++j) {
          EXPECT_TRUE(
              store.Get(EntityKind::kVacancy, BatchId(round, ack.op, j)).ok());
        }
        break;
      case OpKind::kDelete:
        EXPECT_EQ(change.op, ChangeOp::kDelete);
        EXPECT_EQ(store.Get(KindOfSingle(ack.op - 3), OpId(round, ack.op - 3))
                      .status()
                      .code(),
                  Code::kNotFound);
        break;
      case OpKind::kUpsert: {
        EXPECT_EQ(change.id, OpId(round, ack.op));
        if (deleted.count(ack.op)) break;
        Result<Entity> got =
            store.Get(KindOfSingle(ack.op), OpId(round, ack.op));
        ASSERT_TRUE(got.ok())
            << "acknowledged op " << ack.op << ": " << got.status();
        EXPECT_EQ(testing::Stored(*got),
                  testing::Stored(SingleEntity(round, ack.op)));
        break;
      }
    }
  }
  // The op in flight when the child died: a batch is all there or not at all.
  if (KindOfOp(in_flight) == OpKind::kBatch) {
    int found = 0;
    for (int j = 0; j < kBatchSize; ++j) {
      found +=
          store.Get(EntityKind::kVacancy, BatchId(round, in_flight, j)).ok()
              ? 1
              : 0;
    }
    EXPECT_TRUE(found == 0 || found == kBatchSize)
        << "half-written batch: " << found;
  }
}

// The kill -9 test gets its own PostgreSQL server: it crashes it.
class StoreDurability : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == testing::Backend::kSqlite) {
      location_ = std::make_unique<testing::SqliteLocation>();
      return;
    }
    std::string why;
    server_ = qiancheng::testing::PgServer::Start(&why);
    if (server_ != nullptr) {
      auto location =
          std::make_unique<testing::PostgresLocation>(*server_, &why);
      if (location->created()) location_ = std::move(location);
    }
    if (location_ != nullptr) return;
    if (qiancheng::testing::InCi()) FAIL() << "PostgreSQL required: " << why;
    GTEST_SKIP() << "PostgreSQL not available: " << why;
  }
  void TearDown() override {
    location_.reset();  // before the server it lives on
    server_.reset();
  }

  std::unique_ptr<qiancheng::testing::PgServer> server_;
  std::unique_ptr<testing::StoreLocation> location_;
};
INSTANTIATE_TEST_SUITE_P(Backends, StoreDurability,
                         ::testing::Values(testing::Backend::kSqlite,
                                           testing::Backend::kPostgres),
                         testing::BackendName);

TEST_P(StoreDurability, AcknowledgedWritesSurviveKillNine) {
  const std::string location = location_->location();
  std::mt19937 rng(3);
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const std::vector<Ack> acks =
        KillAWriter(location, round, rng, server_.get());
    // Acknowledgements are in call order, so their sequences increase.
    for (size_t i = 1; i < acks.size(); ++i) {
      EXPECT_LT(acks[i - 1].seq, acks[i].seq);
    }
    Result<std::unique_ptr<Store>> store = OpenStore(location);
    ASSERT_TRUE(store.ok()) << store.status();
    std::map<Sequence, Change> log;
    const std::set<Key> replayed = ReplayChangeLog(**store, &log);
    EXPECT_EQ(ListEverything(**store), replayed)
        << "change log and stored rows disagree";
    CheckRound(**store, round, acks, log);
    if (::testing::Test::HasFailure()) return;
  }
}

}  // namespace
}  // namespace qiancheng::store
