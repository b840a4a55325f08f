// store/postgres_store.h -- stage 1 of engine/README.md: the Store on a
// PostgreSQL server, for deployments where several engine processes share one
// record of truth. The only user of libpq; its types stay in the .cc files
// (store/internal/postgres_connection.h). Invariants, besides store.h's:
//  - rows are encoded as in SqliteStore (store/rows.h: entities in their
//    stored JSON form), so both backends hold the same data;
//  - every session runs with synchronous_commit on and Open() refuses a server
//    with fsync off, so a write that returned success is on disk;
//  - the schema is the embedded migrations_pg/ (same versions as the SQLite
//    ones), applied by Open() in one transaction under an advisory lock and
//    recorded in schema_migrations; a database of a newer version is refused;
//  - change-log sequence order is commit order: a reader tailing
//    ChangesSince() never sees sequence n+1 before n (postgres_store_writes.cc
//    explains how).
// A batch is one statement over arrays of rows (one round trip); if it fails,
// it is retried row by row, pipelined in one transaction, to name the row.
// Thread-safety: safe from many threads and from many processes on one
// database. Calls take a connection from a small pool; reads run
// concurrently, entity writes serialise on the server from the moment they
// take their sequence until they commit.
#ifndef QIANCHENG_STORE_POSTGRES_STORE_H_
#define QIANCHENG_STORE_POSTGRES_STORE_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "store/rows.h"
#include "store/store.h"

namespace qiancheng::store {

namespace internal {
// One server connection and its prepared statements
// (postgres_store_connection.cc).
class PgConnection;
}  // namespace internal

struct PostgresOptions {
  // Connections opened on demand; a call waits when all are busy.
  int max_connections = 4;
  // How long a statement waits for a row lock (another writer's sequence)
  // before failing with kUnavailable.
  int lock_timeout_ms = 5000;
  // How long opening a connection may take.
  int connect_timeout_s = 10;
};

class PostgresStore final : public Store {
 public:
  // Connects to `conninfo` (a "postgresql://" URL or a libpq key=value
  // string), checks the server's durability settings and applies pending
  // migrations. kUnavailable when the server cannot be reached;
  // kFailedPrecondition for fsync off or a database of a newer schema
  // version; kInternal for other server errors. No message contains the
  // password.
  static Result<std::unique_ptr<PostgresStore>> Open(
      const std::string& conninfo, const PostgresOptions& options = {});
  ~PostgresStore() override;
  PostgresStore(const PostgresStore&) = delete;
  PostgresStore& operator=(const PostgresStore&) = delete;

  Result<Sequence> Upsert(const Entity& entity) override;
  Result<Sequence> UpsertBatch(std::span<const Entity> entities) override;
  Result<Entity> Get(EntityKind kind, std::string_view id) const override;
  Result<Sequence> Delete(EntityKind kind, std::string_view id) override;
  // Same limits, cursors and region filters as SqliteStore::List.
  Result<Page> List(EntityKind kind, const ListOptions& options) const override;
  Result<int64_t> Count(EntityKind kind) const override;

  // kInvalidArgument ("limit") unless 1 <= limit <= 100000.
  Result<std::vector<Change>> ChangesSince(Sequence after,
                                           int limit) const override;
  Result<Sequence> LastSequence() const override;

  Result<std::optional<std::string>> GetMeta(
      std::string_view key) const override;
  Status PutMeta(std::string_view key, std::string_view value) override;

  Status PutApiKey(const ApiKeyRecord& key) override;
  Result<ApiKeyRecord> GetApiKey(std::string_view key_id) const override;
  Result<std::vector<ApiKeyRecord>> ListApiKeys() const override;

  // As SqliteStore's: kInvalidArgument for an item without worker, key, a
  // known kind or a day, and ("limit") unless 1 <= limit <= 1000.
  Result<std::vector<FeedItem>> AppendFeed(std::span<const FeedItem> items,
                                           int daily_cap) override;
  Result<std::vector<FeedItem>> ListFeed(std::string_view worker_id,
                                         int64_t after,
                                         int limit) const override;
  Result<int64_t> AckFeed(std::string_view worker_id, int64_t up_to) override;

  // A LISTEN connection on the change-log channel (migration 0003), opened
  // lazily and reopened after a failure (postgres_store_notify.cc).
  std::unique_ptr<ChangeWaiter> WatchChanges() const override;

  // The schema version in force (the highest applied migration).
  Result<int> SchemaVersion() const;
  // The location as given to Open(), password masked: for messages and logs.
  const std::string& shown_as() const { return shown_as_; }

 private:
  using Connection = internal::PgConnection;

  PostgresStore(std::string conninfo, const PostgresOptions& options,
                std::unique_ptr<Connection> first);

  // Writes `rows` and their change-log rows in one transaction. A failing
  // row's index is put in the error's field when `name_index`.
  Result<Sequence> WriteRows(std::span<const EntityRow> rows, bool name_index);
  // Calls f(Connection&) with a pooled connection, returning what f returns.
  template <class F>
  auto WithConnection(F&& f) const;
  Result<std::unique_ptr<Connection>> Acquire() const;
  void Release(std::unique_ptr<Connection> connection) const;

  const std::string conninfo_;  // holds the password: never in a message
  const std::string shown_as_;
  const PostgresOptions options_;

  mutable std::mutex pool_mu_;
  mutable std::condition_variable released_;
  // Both guarded by pool_mu_.
  mutable std::vector<std::unique_ptr<Connection>> idle_;
  mutable int open_ = 0;
};

// `conninfo` with any password replaced by "***": the user:password@ of a
// URL, a password= URL parameter, or a password= key of a key=value string.
// Everything else is kept, so the result still names the server and database.
std::string MaskPassword(std::string_view conninfo);

}  // namespace qiancheng::store

#endif  // QIANCHENG_STORE_POSTGRES_STORE_H_
