// store/internal/sqlite_connection.h -- the thin sqlite3 adapter shared by
// sqlite_store.cc, sqlite_store_writes.cc and sqlite_store_reads.cc: one
// connection with its cached prepared statements, and a Query in use. Declared
// with opaque handles; defined in sqlite_store.cc, the only file that includes
// <sqlite3.h> and turns its return codes into Status.
// Invariant: a Query resets its statement when it goes out of scope, so no
// statement pins an old WAL snapshot or a lock between calls.
// Thread-compatible: one thread at a time per connection (SqliteStore's write
// mutex and reader pool see to it).
#ifndef QIANCHENG_STORE_INTERNAL_SQLITE_CONNECTION_H_
#define QIANCHENG_STORE_INTERNAL_SQLITE_CONNECTION_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/sqlite_store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace qiancheng::store::internal {

// A cached prepared statement in use: binds, steps and reads columns.
class Query {
 public:
  Query(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Query(Query&& other) noexcept;
  Query& operator=(Query&&) = delete;
  ~Query();

  // Binds without copying: the text must outlive the Query's steps.
  Query& Text(int i, std::string_view text);
  Query& Int(int i, int64_t value);
  Query& OptionalText(int i, const std::optional<std::string>& text);

  // True when a row is ready, false when done.
  Result<bool> Step();
  Status Run() { return Step().status(); }

  std::string_view ColumnText(int col) const;
  int64_t ColumnInt(int col) const;

 private:
  Query& Check(int rc);

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int bind_rc_ = 0;  // the first failed bind's code, 0 (SQLITE_OK) if none
};

class SqliteConnection {
 public:
  // Opens `path` and checks the durability pragmas: WAL and synchronous=FULL,
  // kFailedPrecondition if either is not in force. Only the writer creates the
  // file and sets WAL (a persistent mode); readers are query_only.
  static Result<std::unique_ptr<SqliteConnection>> Open(
      const std::string& path, const SqliteOptions& options, bool writer);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // The cached statement for `sql`, prepared on first use.
  Result<Query> Prepare(const std::string& sql);
  // Runs a script of statements without results (pragmas, migrations).
  Status Exec(const std::string& sql);
  // The first column of the first row of `sql` (a pragma), as text.
  Result<std::string> Pragma(const std::string& sql);

  // Runs `body` inside BEGIN IMMEDIATE .. COMMIT; rolls back when it or the
  // commit fails, so nothing of a failed write stays.
  template <class F>
  Status InTransaction(F&& body) {
    QC_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Status status = body();
    if (status.ok()) status = Exec("COMMIT");
    if (!status.ok()) RollbackIfOpen();
    return status;
  }

  int64_t LastInsertRowid() const;
  int64_t Changes() const;  // rows changed by the last statement

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  // A failed COMMIT may leave the transaction open (e.g. SQLITE_BUSY).
  void RollbackIfOpen();

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// The schema version in force: the highest applied migration (0 if none).
Result<int> CurrentVersion(SqliteConnection& c);

}  // namespace qiancheng::store::internal

namespace qiancheng::store {

template <class F>
auto SqliteStore::WithReader(F&& f) const {
  using R = decltype(f(std::declval<Connection&>()));
  Result<std::unique_ptr<Connection>> reader = AcquireReader();
  if (!reader.ok()) return R(reader.status());
  R result = f(**reader);
  ReleaseReader(std::move(*reader));
  return result;
}

}  // namespace qiancheng::store

#endif  // QIANCHENG_STORE_INTERNAL_SQLITE_CONNECTION_H_
