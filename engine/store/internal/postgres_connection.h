// store/internal/postgres_connection.h -- the thin libpq adapter shared by
// postgres_store.cc, postgres_store_writes.cc and postgres_store_reads.cc: one
// server connection with its prepared statements, positional parameters and
// result rows. Declared with opaque handles; defined in
// postgres_store_connection.cc, the only file that includes <libpq-fe.h> and
// turns libpq results into Status.
// Invariant: a connection handed back to the pool is healthy and idle (no
// transaction open); PostgresStore drops any other.
// Thread-compatible: one thread at a time per connection (PostgresStore's pool
// sees to it).
#ifndef QIANCHENG_STORE_INTERNAL_POSTGRES_CONNECTION_H_
#define QIANCHENG_STORE_INTERNAL_POSTGRES_CONNECTION_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/postgres_store.h"

struct pg_conn;
struct pg_result;

namespace qiancheng::store::internal {

// The text-format parameters $1, $2, ... of one statement. Owns copies: libpq
// wants NUL-terminated text.
class PgParams {
 public:
  PgParams& Text(std::string_view text);
  PgParams& Int(int64_t value);
  PgParams& OptionalText(const std::optional<std::string>& text);

  int size() const { return static_cast<int>(values_.size()); }
  // Pointers for libpq, NULL for a NULL parameter; valid until the next Add.
  const char* const* pointers() const;

 private:
  std::vector<std::string> values_;
  std::vector<bool> is_null_;
  mutable std::vector<const char*> pointers_;
};

// The rows of one statement's result, in text format.
class PgRows {
 public:
  PgRows() = default;
  explicit PgRows(pg_result* result) : result_(result) {}
  PgRows(PgRows&& other) noexcept;
  PgRows& operator=(PgRows&& other) noexcept;
  ~PgRows();

  int size() const;
  std::string_view Text(int row, int col) const;
  // kInternal when the value is not an integer: the schema is broken.
  Result<int64_t> Int(int row, int col) const;
  // Rows an INSERT/UPDATE/DELETE touched.
  int64_t affected() const;

 private:
  pg_result* result_ = nullptr;
};

class PgConnection {
 public:
  // Connects with `conninfo` (a libpq URL or key=value string) and makes the
  // session durable and predictable: synchronous_commit on, read committed,
  // UTF-8, lock_timeout. kFailedPrecondition when the server runs with fsync
  // off (no write could be durable); kUnavailable when it cannot connect.
  // Messages name `shown_as` (the location with its password masked), never
  // `conninfo`.
  static Result<std::unique_ptr<PgConnection>> Open(
      const std::string& conninfo, const std::string& shown_as,
      const PostgresOptions& options);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one statement, prepared on first use on this connection.
  Result<PgRows> Run(const std::string& sql, const PgParams& params);
  // Runs `sql` once per parameter set, pipelined (no round trip per
  // statement), in one implicit transaction committed at the end: all or
  // nothing. Returns the last statement's rows. On failure, *failed_index is
  // the index of the statement that failed (nullopt when the commit did).
  Result<PgRows> RunPipelined(const std::string& sql,
                              std::span<const PgParams> statements,
                              std::optional<size_t>* failed_index);
  // Runs a script of statements without parameters (transaction control,
  // migrations) through the simple protocol.
  Status Exec(const std::string& script);
  // The first column of the first row of a parameterless query, e.g. SHOW.
  Result<std::string> QueryValue(const std::string& sql);

  // Runs `body` inside BEGIN .. COMMIT; rolls back when it or the commit
  // fails, so nothing of a failed write stays.
  template <class F>
  Status InTransaction(F&& body) {
    QC_RETURN_IF_ERROR(Exec("BEGIN"));
    Status status = body();
    if (status.ok()) status = Exec("COMMIT");
    if (!status.ok()) (void)Exec("ROLLBACK");
    return status;
  }

  // Connected, and outside any transaction: fit to go back to the pool.
  bool Reusable() const;

  // Waits up to `timeout` for notices of a channel this connection LISTENs
  // on (see Exec) and consumes them all. Returns how many arrived (0 on
  // timeout); kUnavailable when the connection broke.
  Result<int> AwaitNotices(std::chrono::milliseconds timeout);

 private:
  PgConnection(pg_conn* conn, std::string shown_as)
      : conn_(conn), shown_as_(std::move(shown_as)) {}
  // The name of the prepared statement for `sql`, preparing it on first use.
  Result<std::string> Prepared(const std::string& sql);
  // Drains a failed pipeline up to its sync and leaves pipeline mode.
  void EndPipeline();

  pg_conn* conn_;
  const std::string shown_as_;
  std::unordered_map<std::string, std::string> statements_;  // sql -> name
};

// The schema version in force: the highest applied migration (0 if none).
Result<int> CurrentVersion(PgConnection& c);

}  // namespace qiancheng::store::internal

namespace qiancheng::store {

template <class F>
auto PostgresStore::WithConnection(F&& f) const {
  using R = decltype(f(std::declval<Connection&>()));
  Result<std::unique_ptr<Connection>> connection = Acquire();
  if (!connection.ok()) return R(connection.status());
  R result = f(**connection);
  Release(std::move(*connection));
  return result;
}

}  // namespace qiancheng::store

#endif  // QIANCHENG_STORE_INTERNAL_POSTGRES_CONNECTION_H_
