// The read methods of PostgresStore: each is one statement on a pooled
// connection (its own read-committed snapshot), so reads run concurrently
// with each other and never see part of an uncommitted batch.
#include "store/internal/postgres_connection.h"
#include "store/postgres_store.h"

namespace qiancheng::store {
namespace {

using internal::PgParams;
using internal::PgRows;
using Connection = internal::PgConnection;

constexpr const char* kSelectApiKey =
    "SELECT key_id, secret_hash, role, regions, created_at, revoked FROM "
    "api_keys";

Result<ApiKeyRecord> ApiKeyFromRow(const PgRows& rows, int row) {
  ApiKeyRecord key;
  key.key_id = rows.Text(row, 0);
  key.secret_hash = rows.Text(row, 1);
  Result<Role> role = Parse<Role>(rows.Text(row, 2), "role");
  if (!role.ok()) {
    return Status::Internal("stored api key " + key.key_id +
                            " has an unknown role");
  }
  key.role = *role;
  QC_ASSIGN_OR_RETURN(key.regions, SplitRegions(rows.Text(row, 3)));
  key.created_at = rows.Text(row, 4);
  key.revoked = rows.Text(row, 5) == "t";
  return key;
}

// rows.h writes its SQL with SQLite's "?N" parameters; PostgreSQL's are "$N".
// ListSql has no other '?'.
std::string WithDollarParameters(std::string sql) {
  for (char& c : sql) {
    if (c == '?') c = '$';
  }
  return sql;
}

}  // namespace

Result<Entity> PostgresStore::Get(EntityKind kind, std::string_view id) const {
  PgParams params;
  params.Text(SingularName(kind)).Text(id);
  return WithConnection([&](Connection& c) -> Result<Entity> {
    QC_ASSIGN_OR_RETURN(
        PgRows rows,
        c.Run("SELECT body FROM entities WHERE kind = $1 AND id = $2", params));
    if (rows.size() == 0) {
      return Status::NotFound(std::string(SingularName(kind)) + " " +
                              std::string(id) + " not found");
    }
    return FromRow(kind, id, rows.Text(0, 0));
  });
}

Result<Page> PostgresStore::List(EntityKind kind,
                                 const ListOptions& options) const {
  if (options.limit < 1 || options.limit > kMaxListLimit) {
    return Status::InvalidArgument(
        "limit", "must be 1.." + std::to_string(kMaxListLimit));
  }
  QC_ASSIGN_OR_RETURN(std::string after, DecodeCursor(options.cursor));
  const std::optional<std::vector<RegionRange>> ranges =
      RegionRanges(options.regions);
  if (ranges && ranges->empty()) {
    return Page{};  // regions given, none of them contains anything
  }
  const size_t range_count = ranges ? ranges->size() : 0;
  PgParams params;
  // One row more than the page tells whether another page follows.
  params.Text(SingularName(kind)).Text(after).Int(options.limit + 1);
  for (size_t i = 0; i < range_count; ++i) {
    params.Text((*ranges)[i].low).Text((*ranges)[i].high);
  }
  const std::string sql = WithDollarParameters(ListSql(kind, range_count));
  return WithConnection([&](Connection& c) -> Result<Page> {
    QC_ASSIGN_OR_RETURN(PgRows rows, c.Run(sql, params));
    Page page;
    const int shown = std::min(rows.size(), options.limit);
    for (int i = 0; i < shown; ++i) {
      QC_ASSIGN_OR_RETURN(Entity entity,
                          FromRow(kind, rows.Text(i, 0), rows.Text(i, 1)));
      page.items.push_back(std::move(entity));
    }
    if (rows.size() > options.limit) {
      page.next_cursor = EncodeCursor(rows.Text(shown - 1, 0));
    }
    return page;
  });
}

Result<int64_t> PostgresStore::Count(EntityKind kind) const {
  PgParams params;
  params.Text(SingularName(kind));
  return WithConnection([&](Connection& c) -> Result<int64_t> {
    QC_ASSIGN_OR_RETURN(
        PgRows rows,
        c.Run("SELECT COUNT(*) FROM entities WHERE kind = $1", params));
    return rows.Int(0, 0);
  });
}

Result<std::vector<Change>> PostgresStore::ChangesSince(Sequence after,
                                                        int limit) const {
  if (limit < 1 || limit > kMaxChangesLimit) {
    return Status::InvalidArgument(
        "limit", "must be 1.." + std::to_string(kMaxChangesLimit));
  }
  PgParams params;
  params.Int(after).Int(limit);
  return WithConnection([&](Connection& c) -> Result<std::vector<Change>> {
    QC_ASSIGN_OR_RETURN(PgRows rows,
                        c.Run("SELECT seq, kind, id, op FROM changes "
                              "WHERE seq > $1 ORDER BY seq LIMIT $2",
                              params));
    std::vector<Change> changes;
    changes.reserve(static_cast<size_t>(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
      Change change;
      QC_ASSIGN_OR_RETURN(change.seq, rows.Int(i, 0));
      Result<EntityKind> kind = ParseEntityKind(rows.Text(i, 1));
      if (!kind.ok()) return Status::Internal("change log has an unknown kind");
      change.kind = *kind;
      change.id = rows.Text(i, 2);
      QC_ASSIGN_OR_RETURN(change.op, ParseOp(rows.Text(i, 3)));
      changes.push_back(std::move(change));
    }
    return changes;
  });
}

Result<Sequence> PostgresStore::LastSequence() const {
  return WithConnection([&](Connection& c) -> Result<Sequence> {
    QC_ASSIGN_OR_RETURN(
        PgRows rows, c.Run("SELECT last_seq FROM change_counter", PgParams()));
    if (rows.size() != 1) return Status::Internal("change_counter is empty");
    return rows.Int(0, 0);
  });
}

Result<std::optional<std::string>> PostgresStore::GetMeta(
    std::string_view key) const {
  PgParams params;
  params.Text(key);
  return WithConnection(
      [&](Connection& c) -> Result<std::optional<std::string>> {
        QC_ASSIGN_OR_RETURN(
            PgRows rows,
            c.Run("SELECT value FROM meta WHERE key = $1", params));
        if (rows.size() == 0) return std::optional<std::string>();
        return std::optional<std::string>(rows.Text(0, 0));
      });
}

Result<ApiKeyRecord> PostgresStore::GetApiKey(std::string_view key_id) const {
  PgParams params;
  params.Text(key_id);
  return WithConnection([&](Connection& c) -> Result<ApiKeyRecord> {
    QC_ASSIGN_OR_RETURN(
        PgRows rows,
        c.Run(std::string(kSelectApiKey) + " WHERE key_id = $1", params));
    if (rows.size() == 0) return Status::NotFound("api key not found");
    return ApiKeyFromRow(rows, 0);
  });
}

Result<std::vector<ApiKeyRecord>> PostgresStore::ListApiKeys() const {
  return WithConnection(
      [&](Connection& c) -> Result<std::vector<ApiKeyRecord>> {
        QC_ASSIGN_OR_RETURN(
            PgRows rows,
            c.Run(std::string(kSelectApiKey) + " ORDER BY key_id", PgParams()));
        std::vector<ApiKeyRecord> keys;
        for (int i = 0; i < rows.size(); ++i) {
          QC_ASSIGN_OR_RETURN(ApiKeyRecord key, ApiKeyFromRow(rows, i));
          keys.push_back(std::move(key));
        }
        return keys;
      });
}

}  // namespace qiancheng::store
