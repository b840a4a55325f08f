// store/sqlite_store.h -- stage 1 of engine/README.md: the embedded default
// Store, one SQLite file. The only user of sqlite3; its types stay in the .cc
// files (store/internal/sqlite_connection.h). Invariants, besides store.h's:
//  - WAL journal with synchronous=FULL: Open() reads both pragmas back and
//    fails if they are not in force, so a write that returned success has been
//    fsynced to the WAL;
//  - the schema is the embedded migrations (store/migrations/): Open() applies
//    the pending ones in order in one transaction, recorded in
//    schema_migrations, and refuses a file of a newer schema version;
//  - every write is one transaction that also appends its change-log row(s).
// Thread-safety: safe from many threads. Writes go through one connection
// behind a mutex; reads use a small pool of other connections, so in WAL mode
// they read the last committed state without waiting for a batch to finish.
#ifndef QIANCHENG_STORE_SQLITE_STORE_H_
#define QIANCHENG_STORE_SQLITE_STORE_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/rows.h"
#include "store/store.h"

namespace qiancheng::store {

namespace internal {
// One sqlite3 handle and its cached statements (sqlite_store.cc).
class SqliteConnection;
}  // namespace internal

struct SqliteOptions {
  // Reader connections opened on demand; a read waits when all are busy.
  int max_readers = 4;
  // How long a statement waits for a lock held by another connection.
  int busy_timeout_ms = 5000;
};

class SqliteStore : public Store {
 public:
  // Opens or creates the database at `path` (and its parent directory), checks
  // the pragmas and applies pending migrations. kFailedPrecondition for a file
  // of a newer schema version or when WAL/synchronous=FULL cannot be set;
  // kInternal / kUnavailable for I/O errors and locks that outlast the timeout.
  static Result<std::unique_ptr<SqliteStore>> Open(
      const std::string& path, const SqliteOptions& options = {});
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  Result<Sequence> Upsert(const Entity& entity) override;
  Result<Sequence> UpsertBatch(std::span<const Entity> entities) override;
  Result<Entity> Get(EntityKind kind, std::string_view id) const override;
  Result<Sequence> Delete(EntityKind kind, std::string_view id) override;
  // kInvalidArgument ("limit") unless 1 <= limit <= 10000, ("cursor") for a
  // cursor not returned by this store. Regions filter as in ListOptions; a kind
  // without a region (occupations) matches no region filter except the national
  // one.
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
  Result<std::vector<FeedItem>> AppendFeed(std::span<const FeedItem> items,
                                           int daily_cap) override;
  // kInvalidArgument ("limit") unless 1 <= limit <= 1000.
  Result<std::vector<FeedItem>> ListFeed(std::string_view worker_id,
                                         int64_t after,
                                         int limit) const override;
  Result<int64_t> AckFeed(std::string_view worker_id, int64_t up_to) override;

  // The schema version in force (the highest applied migration).
  Result<int> SchemaVersion() const;

 private:
  using Connection = internal::SqliteConnection;

  SqliteStore(std::string path, const SqliteOptions& options,
              std::unique_ptr<Connection> writer);

  // Writes `rows` and their change-log rows in one transaction. A failing row's
  // index is put in the error's field when `name_index`.
  Result<Sequence> WriteRows(std::span<const EntityRow> rows, bool name_index);
  // Calls f(Connection&) with a reader connection, returning what f returns.
  template <class F>
  auto WithReader(F&& f) const;
  Result<std::unique_ptr<Connection>> AcquireReader() const;
  void ReleaseReader(std::unique_ptr<Connection> reader) const;

  const std::string path_;
  const SqliteOptions options_;

  std::mutex write_mu_;
  std::unique_ptr<Connection> writer_;  // guarded by write_mu_

  mutable std::mutex readers_mu_;
  mutable std::condition_variable reader_released_;
  // Both guarded by readers_mu_.
  mutable std::vector<std::unique_ptr<Connection>> idle_readers_;
  mutable int open_readers_ = 0;
};

}  // namespace qiancheng::store

#endif  // QIANCHENG_STORE_SQLITE_STORE_H_
