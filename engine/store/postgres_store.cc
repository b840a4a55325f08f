// PostgresStore: opening and migrations, the connection pool, and password
// masking. libpq itself is behind store/internal/postgres_connection.h.
#include "store/postgres_store.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "store/internal/postgres_connection.h"
#include "store/migrations_pg/migrations_pg.h"

namespace qiancheng::store {
namespace {

using internal::PgConnection;
using internal::PgParams;

// Held by Open() while it migrates, so two processes opening a fresh database
// at once cannot both apply a migration. An arbitrary constant ("qcmg").
constexpr const char* kMigrationLock =
    "SELECT pg_advisory_xact_lock(1902341479)";

// Applies the pending migrations in order, all in one transaction.
Status Migrate(PgConnection& c) {
  return c.InTransaction([&]() -> Status {
    QC_RETURN_IF_ERROR(c.Exec(kMigrationLock));
    QC_RETURN_IF_ERROR(
        c.Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER "
               "PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
    QC_ASSIGN_OR_RETURN(int current, internal::CurrentVersion(c));
    const std::span<const Migration> migrations = PostgresMigrations();
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    if (current > latest) {
      return Status::FailedPrecondition(
          "database schema version " + std::to_string(current) +
          " is newer than this binary's " + std::to_string(latest));
    }
    const std::string now = NowUtc();
    for (const Migration& migration : migrations) {
      if (migration.version <= current) continue;
      QC_RETURN_IF_ERROR(
          c.Exec(std::string(migration.sql)).WithContext(migration.name));
      PgParams params;
      params.Int(migration.version).Text(migration.name).Text(now);
      QC_RETURN_IF_ERROR(c.Run("INSERT INTO schema_migrations (version, name, "
                               "applied_at) VALUES ($1, $2, $3)",
                               params)
                             .status());
    }
    return Status::Ok();
  });
}

// Replaces [begin, end) of `text` with "***" (nothing when empty).
void MaskRange(std::string& text, size_t begin, size_t end) {
  if (end > begin) text.replace(begin, end - begin, "***");
}

// Masks the value of every "password=" key: in a URL query (up to '&') or a
// key=value string (up to a blank, or a quoted value up to its closing quote).
void MaskPasswordKeys(std::string& text) {
  constexpr std::string_view kKey = "password";
  size_t at = 0;
  while ((at = text.find(kKey, at)) != std::string::npos) {
    const bool starts_key =
        at == 0 || text[at - 1] == '?' || text[at - 1] == '&' ||
        std::isspace(static_cast<unsigned char>(text[at - 1]));
    size_t i = at + kKey.size();
    while (i < text.size() && text[i] == ' ') ++i;
    if (!starts_key || i >= text.size() || text[i] != '=') {
      at += kKey.size();
      continue;
    }
    ++i;
    while (i < text.size() && text[i] == ' ') ++i;
    size_t end = i;
    if (end < text.size() && text[end] == '\'') {
      for (++end; end < text.size() && text[end] != '\''; ++end) {
        if (text[end] == '\\') ++end;
      }
      end = std::min(text.size(), end + 1);
    } else {
      while (end < text.size() && text[end] != '&' &&
             !std::isspace(static_cast<unsigned char>(text[end]))) {
        ++end;
      }
    }
    MaskRange(text, i, end);
    at = i + 3;
  }
}

}  // namespace

std::string MaskPassword(std::string_view conninfo) {
  std::string out(conninfo);
  const size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    // user:password@ ends at the last '@' before the query: a password with
    // an unencoded '/' or '@' is still masked whole (over-masking a path is
    // harmless, leaking a password is not).
    const size_t begin = scheme + 3;
    const size_t query = std::min(out.find('?', begin), out.size());
    const size_t at = out.rfind('@', query == 0 ? 0 : query - 1);
    if (at != std::string::npos && at >= begin) {
      const size_t colon = out.find(':', begin);
      if (colon < at) MaskRange(out, colon + 1, at);
    }
  }
  MaskPasswordKeys(out);
  return out;
}

Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(
    const std::string& conninfo, const PostgresOptions& options) {
  const std::string shown_as = MaskPassword(conninfo);
  QC_ASSIGN_OR_RETURN(auto first,
                      PgConnection::Open(conninfo, shown_as, options));
  QC_RETURN_IF_ERROR(Migrate(*first).WithContext(shown_as));
  return std::unique_ptr<PostgresStore>(
      new PostgresStore(conninfo, options, std::move(first)));
}

PostgresStore::PostgresStore(std::string conninfo,
                             const PostgresOptions& options,
                             std::unique_ptr<Connection> first)
    : conninfo_(std::move(conninfo)),
      shown_as_(MaskPassword(conninfo_)),
      options_(options) {
  idle_.push_back(std::move(first));
  open_ = 1;
}

PostgresStore::~PostgresStore() = default;

Result<std::unique_ptr<PgConnection>> PostgresStore::Acquire() const {
  std::unique_lock lock(pool_mu_);
  released_.wait(lock, [&] {
    return !idle_.empty() || open_ < std::max(1, options_.max_connections);
  });
  if (!idle_.empty()) {
    std::unique_ptr<Connection> connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }
  ++open_;
  lock.unlock();
  Result<std::unique_ptr<Connection>> connection =
      PgConnection::Open(conninfo_, shown_as_, options_);
  if (!connection.ok()) {
    lock.lock();
    --open_;
    released_.notify_one();
  }
  return connection;
}

void PostgresStore::Release(std::unique_ptr<Connection> connection) const {
  // A connection that lost the server or was left inside a transaction is
  // closed rather than reused; the next call opens a fresh one.
  const bool reusable = connection->Reusable();
  if (!reusable) connection.reset();
  std::lock_guard lock(pool_mu_);
  if (reusable) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
  }
  released_.notify_one();
}

Result<int> PostgresStore::SchemaVersion() const {
  return WithConnection(
      [&](Connection& c) { return internal::CurrentVersion(c); });
}

}  // namespace qiancheng::store
