// The read methods of SqliteStore: each runs on a pooled reader connection,
// so in WAL mode it sees the last committed state without waiting for a write.
#include "store/internal/sqlite_connection.h"
#include "store/sqlite_store.h"

namespace qiancheng::store {
namespace {

using internal::Query;
using Connection = internal::SqliteConnection;

Result<ApiKeyRecord> ApiKeyFromRow(const Query& query) {
  ApiKeyRecord key;
  key.key_id = query.ColumnText(0);
  key.secret_hash = query.ColumnText(1);
  Result<Role> role = Parse<Role>(query.ColumnText(2), "role");
  if (!role.ok()) {
    return Status::Internal("stored api key " + key.key_id +
                            " has an unknown role");
  }
  key.role = *role;
  QC_ASSIGN_OR_RETURN(key.regions, SplitRegions(query.ColumnText(3)));
  key.created_at = query.ColumnText(4);
  key.revoked = query.ColumnInt(5) != 0;
  return key;
}

constexpr const char* kSelectApiKey =
    "SELECT key_id, secret_hash, role, regions, created_at, revoked FROM "
    "api_keys";

}  // namespace

Result<Entity> SqliteStore::Get(EntityKind kind, std::string_view id) const {
  return WithReader([&](Connection& c) -> Result<Entity> {
    QC_ASSIGN_OR_RETURN(
        Query query,
        c.Prepare("SELECT body FROM entities WHERE kind = ?1 AND id = ?2"));
    QC_ASSIGN_OR_RETURN(bool row,
                        query.Text(1, SingularName(kind)).Text(2, id).Step());
    if (!row) {
      return Status::NotFound(std::string(SingularName(kind)) + " " +
                              std::string(id) + " not found");
    }
    return FromRow(kind, id, query.ColumnText(0));
  });
}

Result<Page> SqliteStore::List(EntityKind kind,
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
  return WithReader([&](Connection& c) -> Result<Page> {
    QC_ASSIGN_OR_RETURN(Query query, c.Prepare(ListSql(kind, range_count)));
    // One row more than the page tells whether another page follows.
    query.Text(1, SingularName(kind)).Text(2, after).Int(3, options.limit + 1);
    for (size_t i = 0; i < range_count; ++i) {
      query.Text(static_cast<int>(4 + 2 * i), (*ranges)[i].low);
      query.Text(static_cast<int>(5 + 2 * i), (*ranges)[i].high);
    }
    Page page;
    std::string last_id;
    while (true) {
      QC_ASSIGN_OR_RETURN(bool row, query.Step());
      if (!row) break;
      if (static_cast<int>(page.items.size()) == options.limit) {
        page.next_cursor = EncodeCursor(last_id);
        break;
      }
      last_id = query.ColumnText(0);
      QC_ASSIGN_OR_RETURN(Entity entity,
                          FromRow(kind, last_id, query.ColumnText(1)));
      page.items.push_back(std::move(entity));
    }
    return page;
  });
}

Result<int64_t> SqliteStore::Count(EntityKind kind) const {
  return WithReader([&](Connection& c) -> Result<int64_t> {
    QC_ASSIGN_OR_RETURN(
        Query query,
        c.Prepare("SELECT COUNT(*) FROM entities WHERE kind = ?1"));
    QC_RETURN_IF_ERROR(query.Text(1, SingularName(kind)).Run());
    return query.ColumnInt(0);
  });
}

Result<std::vector<Change>> SqliteStore::ChangesSince(Sequence after,
                                                      int limit) const {
  if (limit < 1 || limit > kMaxChangesLimit) {
    return Status::InvalidArgument(
        "limit", "must be 1.." + std::to_string(kMaxChangesLimit));
  }
  return WithReader([&](Connection& c) -> Result<std::vector<Change>> {
    QC_ASSIGN_OR_RETURN(Query query,
                        c.Prepare("SELECT seq, kind, id, op FROM changes "
                                  "WHERE seq > ?1 ORDER BY seq LIMIT ?2"));
    query.Int(1, after).Int(2, limit);
    std::vector<Change> changes;
    while (true) {
      QC_ASSIGN_OR_RETURN(bool row, query.Step());
      if (!row) break;
      Change change;
      change.seq = query.ColumnInt(0);
      Result<EntityKind> kind = ParseEntityKind(query.ColumnText(1));
      if (!kind.ok()) return Status::Internal("change log has an unknown kind");
      change.kind = *kind;
      change.id = query.ColumnText(2);
      QC_ASSIGN_OR_RETURN(change.op, ParseOp(query.ColumnText(3)));
      changes.push_back(std::move(change));
    }
    return changes;
  });
}

Result<Sequence> SqliteStore::LastSequence() const {
  return WithReader([&](Connection& c) -> Result<Sequence> {
    QC_ASSIGN_OR_RETURN(
        Query query,
        c.Prepare("SELECT COALESCE((SELECT seq FROM sqlite_sequence "
                  "WHERE name = 'changes'), 0)"));
    QC_RETURN_IF_ERROR(query.Run());
    return query.ColumnInt(0);
  });
}

Result<std::optional<std::string>> SqliteStore::GetMeta(
    std::string_view key) const {
  return WithReader([&](Connection& c) -> Result<std::optional<std::string>> {
    QC_ASSIGN_OR_RETURN(Query query,
                        c.Prepare("SELECT value FROM meta WHERE key = ?1"));
    QC_ASSIGN_OR_RETURN(bool row, query.Text(1, key).Step());
    if (!row) return std::optional<std::string>();
    return std::optional<std::string>(query.ColumnText(0));
  });
}

Result<ApiKeyRecord> SqliteStore::GetApiKey(std::string_view key_id) const {
  return WithReader([&](Connection& c) -> Result<ApiKeyRecord> {
    QC_ASSIGN_OR_RETURN(Query query, c.Prepare(std::string(kSelectApiKey) +
                                               " WHERE key_id = ?1"));
    QC_ASSIGN_OR_RETURN(bool row, query.Text(1, key_id).Step());
    if (!row) return Status::NotFound("api key not found");
    return ApiKeyFromRow(query);
  });
}

Result<std::vector<ApiKeyRecord>> SqliteStore::ListApiKeys() const {
  return WithReader([&](Connection& c) -> Result<std::vector<ApiKeyRecord>> {
    QC_ASSIGN_OR_RETURN(Query query, c.Prepare(std::string(kSelectApiKey) +
                                               " ORDER BY key_id"));
    std::vector<ApiKeyRecord> keys;
    while (true) {
      QC_ASSIGN_OR_RETURN(bool row, query.Step());
      if (!row) break;
      QC_ASSIGN_OR_RETURN(ApiKeyRecord key, ApiKeyFromRow(query));
      keys.push_back(std::move(key));
    }
    return keys;
  });
}

}  // namespace qiancheng::store
