// The SQLite adapter (store/internal/sqlite_connection.h), opening and
// migrations, and the reader pool. The only #include <sqlite3.h> of the engine:
// sqlite3 return codes become Status here and nowhere else.
#include "store/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <utility>

#include "store/internal/sqlite_connection.h"
#include "store/migrations/migrations.h"

namespace qiancheng::store {
namespace internal {
namespace {

Status FromRc(int rc, sqlite3* db, std::string_view what) {
  std::string message(what);
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Unavailable(message);
    case SQLITE_FULL:
      return Status::ResourceExhausted(message);
    default:
      return Status::Internal(message);
  }
}

}  // namespace

// --- Query ---

Query::Query(Query&& other) noexcept
    : db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      bind_rc_(other.bind_rc_) {}

Query::~Query() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Query& Query::Text(int i, std::string_view text) {
  // A null pointer would bind NULL: an empty text is still text.
  const char* data = text.data() != nullptr ? text.data() : "";
  return Check(sqlite3_bind_text(stmt_, i, data, static_cast<int>(text.size()),
                                 SQLITE_STATIC));
}

Query& Query::Int(int i, int64_t value) {
  return Check(sqlite3_bind_int64(stmt_, i, value));
}

Query& Query::OptionalText(int i, const std::optional<std::string>& text) {
  return text ? Text(i, *text) : Check(sqlite3_bind_null(stmt_, i));
}

Result<bool> Query::Step() {
  if (bind_rc_ != SQLITE_OK) return FromRc(bind_rc_, db_, "bind");
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return FromRc(rc, db_, "step");
}

std::string_view Query::ColumnText(int col) const {
  const auto* text =
      reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (text == nullptr) return std::string_view();
  return std::string_view(text, sqlite3_column_bytes(stmt_, col));
}

int64_t Query::ColumnInt(int col) const {
  return sqlite3_column_int64(stmt_, col);
}

Query& Query::Check(int rc) {
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

// --- SqliteConnection ---

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(
    const std::string& path, const SqliteOptions& options, bool writer) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                    (writer ? SQLITE_OPEN_CREATE : 0);
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  // Owns `db` from here on, also when opening failed.
  std::unique_ptr<SqliteConnection> c(new SqliteConnection(db));
  if (rc != SQLITE_OK) return FromRc(rc, db, "open " + path);
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  QC_ASSIGN_OR_RETURN(
      std::string mode,
      c->Pragma(writer ? "PRAGMA journal_mode=WAL" : "PRAGMA journal_mode"));
  if (mode != "wal") {
    return Status::FailedPrecondition("journal_mode is " + mode +
                                      ", not wal: " + path);
  }
  QC_RETURN_IF_ERROR(c->Exec("PRAGMA synchronous=FULL"));
  QC_ASSIGN_OR_RETURN(std::string synchronous, c->Pragma("PRAGMA synchronous"));
  if (synchronous != "2") {  // 2 = FULL
    return Status::FailedPrecondition("synchronous=FULL is not in force: " +
                                      path);
  }
  if (!writer) QC_RETURN_IF_ERROR(c->Exec("PRAGMA query_only=1"));
  return c;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Result<Query> SqliteConnection::Prepare(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc =
        sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size() + 1),
                           SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return FromRc(rc, db_, "prepare");
    it = statements_.emplace(sql, stmt).first;
  }
  return Query(db_, it->second);
}

Status SqliteConnection::Exec(const std::string& sql) {
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? Status::Ok() : FromRc(rc, db_, "exec");
}

Result<std::string> SqliteConnection::Pragma(const std::string& sql) {
  QC_ASSIGN_OR_RETURN(Query query, Prepare(sql));
  QC_ASSIGN_OR_RETURN(bool row, query.Step());
  if (!row) return Status::Internal(sql + " returned nothing");
  return std::string(query.ColumnText(0));
}

void SqliteConnection::RollbackIfOpen() {
  if (sqlite3_get_autocommit(db_) == 0) (void)Exec("ROLLBACK");
}

int64_t SqliteConnection::LastInsertRowid() const {
  return sqlite3_last_insert_rowid(db_);
}

int64_t SqliteConnection::Changes() const { return sqlite3_changes64(db_); }

Result<int> CurrentVersion(SqliteConnection& c) {
  QC_ASSIGN_OR_RETURN(
      Query query,
      c.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  QC_ASSIGN_OR_RETURN(bool row, query.Step());
  return row ? static_cast<int>(query.ColumnInt(0)) : 0;
}

}  // namespace internal

namespace {

using internal::Query;
using internal::SqliteConnection;

// Applies the pending migrations in order, all in one transaction, so two
// processes opening a fresh file at once cannot both apply them.
Status Migrate(SqliteConnection& c) {
  return c.InTransaction([&]() -> Status {
    QC_RETURN_IF_ERROR(
        c.Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER "
               "PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
    QC_ASSIGN_OR_RETURN(int current, internal::CurrentVersion(c));
    const int latest = Migrations().empty() ? 0 : Migrations().back().version;
    if (current > latest) {
      return Status::FailedPrecondition(
          "database schema version " + std::to_string(current) +
          " is newer than this binary's " + std::to_string(latest));
    }
    const std::string now = NowUtc();
    for (const Migration& migration : Migrations()) {
      if (migration.version <= current) continue;
      QC_RETURN_IF_ERROR(
          c.Exec(std::string(migration.sql)).WithContext(migration.name));
      QC_ASSIGN_OR_RETURN(
          Query insert,
          c.Prepare("INSERT INTO schema_migrations (version, name, applied_at) "
                    "VALUES (?1, ?2, ?3)"));
      insert.Int(1, migration.version).Text(2, migration.name);
      QC_RETURN_IF_ERROR(insert.Text(3, now).Run());
    }
    return Status::Ok();
  });
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(
    const std::string& path, const SqliteOptions& options) {
  const std::filesystem::path parent =
      std::filesystem::path(path).parent_path();
  std::error_code error;
  if (!parent.empty()) std::filesystem::create_directories(parent, error);
  if (error) {
    return Status::Internal("cannot create " + parent.string() + ": " +
                            error.message());
  }
  QC_ASSIGN_OR_RETURN(auto writer,
                      SqliteConnection::Open(path, options, /*writer=*/true));
  QC_RETURN_IF_ERROR(Migrate(*writer));
  return std::unique_ptr<SqliteStore>(
      new SqliteStore(path, options, std::move(writer)));
}

SqliteStore::SqliteStore(std::string path, const SqliteOptions& options,
                         std::unique_ptr<Connection> writer)
    : path_(std::move(path)), options_(options), writer_(std::move(writer)) {}

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteConnection>> SqliteStore::AcquireReader() const {
  std::unique_lock lock(readers_mu_);
  reader_released_.wait(lock, [&] {
    return !idle_readers_.empty() ||
           open_readers_ < std::max(1, options_.max_readers);
  });
  if (!idle_readers_.empty()) {
    std::unique_ptr<Connection> reader = std::move(idle_readers_.back());
    idle_readers_.pop_back();
    return reader;
  }
  ++open_readers_;
  lock.unlock();
  Result<std::unique_ptr<Connection>> reader =
      SqliteConnection::Open(path_, options_, /*writer=*/false);
  if (!reader.ok()) {
    lock.lock();
    --open_readers_;
    reader_released_.notify_one();
  }
  return reader;
}

void SqliteStore::ReleaseReader(std::unique_ptr<Connection> reader) const {
  std::lock_guard lock(readers_mu_);
  idle_readers_.push_back(std::move(reader));
  reader_released_.notify_one();
}

Result<int> SqliteStore::SchemaVersion() const {
  return WithReader([&](Connection& c) { return internal::CurrentVersion(c); });
}

}  // namespace qiancheng::store
