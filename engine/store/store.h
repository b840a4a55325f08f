// store/store.h -- stage 1 of engine/README.md: the record of truth.
// A backend-neutral interface: no SQL dialect or driver type appears here, so
// the SQLite implementation (embedded default) and a PostgreSQL one are
// interchangeable. Invariants:
//  - every committed write (upsert or delete of one entity) gets a change-log
//    sequence number, strictly increasing, never reused, surviving restarts;
//  - a write that returned success is durable (it survives kill -9 of the
//  process);
//  - a batch is one transaction: all of it is committed or none of it;
//  - a Worker is refused (kInternal) if its clear contact data is not empty:
//  only
//    keyed hashes and masked forms are ever stored (DESIGN.md quality bars).
// Thread-safety: implementations are safe to call from many threads at once.
#ifndef QIANCHENG_STORE_STORE_H_
#define QIANCHENG_STORE_STORE_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity.h"

namespace qiancheng::store {

using Sequence = int64_t;  // 0 = before the first write

enum class ChangeOp { kUpsert, kDelete };

// One committed write, as index building and replicas replay it.
struct Change {
  Sequence seq = 0;
  EntityKind kind = EntityKind::kOccupation;
  std::string id;
  ChangeOp op = ChangeOp::kUpsert;
};

struct ListOptions {
  std::string cursor;  // from the previous Page; empty = from the start
  int limit = 100;     // 1..10000
  // When set, only entities whose region (or, for an outcome, whose worker's
  // region) lies inside one of these codes, by code structure
  // (RegionCode::Contains).
  std::vector<RegionCode> regions;
};

struct Page {
  std::vector<Entity> items;  // ordered by id
  std::string next_cursor;    // empty when this is the last page
};

// An API key as stored: never the key itself, only its hash.
struct ApiKeyRecord {
  std::string key_id;       // public part, shown in lists and logs
  std::string secret_hash;  // hex SHA-256 of the secret part
  Role role = Role::kService;
  std::vector<RegionCode> regions;  // counselor scope; empty for other roles
  std::string created_at;           // ISO 8601 UTC
  bool revoked = false;
};

// One item of a worker's push feed (recommend/feed.h writes them).
struct FeedItem {
  int64_t seq = 0;  // assigned by the store, increasing
  std::string worker_id;
  std::string dedupe_key;  // one item per (worker, key), e.g. "job:gen-v-1"
  std::string kind;        // "job" | "training"
  std::string target_id;   // the vacancy or training project
  std::string event;       // what produced it, e.g. "training_completed"
  std::string reason;      // one Chinese sentence for the worker
  double score = 0;        // the pipeline's score (3 decimals kept)
  std::string day;         // YYYY-MM-DD it was created: the daily cap's day
  std::string created_at;  // ISO 8601 UTC
  bool acked = false;
};

// Wakes a reader that tails the change log when a write commits elsewhere
// (another process or replica on the same database), so that it need not
// poll often. A wake-up says only "something may have committed": the reader
// resumes from its own sequence with ChangesSince(), which is what guarantees
// no gap and no repeat; a notice lost while reconnecting costs latency only.
// Thread-safety: one thread uses a waiter at a time.
class ChangeWaiter {
 public:
  virtual ~ChangeWaiter() = default;
  // Blocks until a commit notice arrives or `timeout` passes. True when woken
  // by a notice, and also right after (re)connecting, since notices sent
  // while disconnected are lost; false on timeout. kUnavailable when the
  // server cannot be reached (after waiting up to `timeout`, so a caller can
  // loop on it); the next call reconnects.
  virtual Result<bool> Wait(std::chrono::milliseconds timeout) = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // A waiter for commits made through other connections, or nullptr when the
  // backend has none (SQLite: its readers poll ChangesSince()).
  virtual std::unique_ptr<ChangeWaiter> WatchChanges() const { return nullptr; }

  // Inserts or replaces `entity` (keyed by kind and IdOf). Returns its
  // sequence.
  virtual Result<Sequence> Upsert(const Entity& entity) = 0;
  // All or nothing, in one transaction. Returns the last sequence written (or
  // LastSequence() for an empty batch). An error's field starts with "[i]", the
  // index of the offending entity.
  virtual Result<Sequence> UpsertBatch(std::span<const Entity> entities) = 0;
  // kNotFound if absent.
  virtual Result<Entity> Get(EntityKind kind, std::string_view id) const = 0;
  // kNotFound if absent (nothing is logged then). Returns the delete's
  // sequence.
  virtual Result<Sequence> Delete(EntityKind kind, std::string_view id) = 0;
  // Entities of `kind` in id order, a page at a time. kInvalidArgument for a
  // malformed cursor or limit.
  virtual Result<Page> List(EntityKind kind,
                            const ListOptions& options) const = 0;
  virtual Result<int64_t> Count(EntityKind kind) const = 0;

  // Committed changes with seq > `after`, ascending, at most `limit` of them.
  virtual Result<std::vector<Change>> ChangesSince(Sequence after,
                                                   int limit) const = 0;
  virtual Result<Sequence> LastSequence() const = 0;

  // Small named values that must live with the data (e.g. the fitted model's
  // version).
  virtual Result<std::optional<std::string>> GetMeta(
      std::string_view key) const = 0;
  virtual Status PutMeta(std::string_view key, std::string_view value) = 0;

  // API keys. PutApiKey inserts or replaces by key_id.
  virtual Status PutApiKey(const ApiKeyRecord& key) = 0;
  virtual Result<ApiKeyRecord> GetApiKey(
      std::string_view key_id) const = 0;  // kNotFound
  virtual Result<std::vector<ApiKeyRecord>> ListApiKeys() const = 0;

  // The push feed. AppendFeed writes, in one transaction, the items that are
  // new by (worker_id, dedupe_key), keeping at most `daily_cap` items per
  // worker and day (items already stored count), and returns those written
  // with their seq: an event seen twice (two replicas) writes once.
  virtual Result<std::vector<FeedItem>> AppendFeed(
      std::span<const FeedItem> items, int daily_cap) = 0;
  // The worker's items with seq > after, ascending; 1 <= limit <= 1000.
  virtual Result<std::vector<FeedItem>> ListFeed(std::string_view worker_id,
                                                 int64_t after,
                                                 int limit) const = 0;
  // Marks the worker's items with seq <= up_to acknowledged; returns how
  // many changed.
  virtual Result<int64_t> AckFeed(std::string_view worker_id,
                                  int64_t up_to) = 0;
};

}  // namespace qiancheng::store

#endif  // QIANCHENG_STORE_STORE_H_
