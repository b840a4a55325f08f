// store/rows.h -- how entities, cursors, region filters and API keys map onto
// the rows of the SQLite schema (store/migrations/). No sqlite3 here: these are
// pure functions that sqlite_store*.cc call before binding and after reading.
// Invariants: a row's body is the kStored JSON form of core/json_codec.h, so
// the clear ID number and phone of a worker can never reach a row (ToRow
// refuses a Worker whose contact is not empty). Thread-safe: pure functions.
#ifndef QIANCHENG_STORE_ROWS_H_
#define QIANCHENG_STORE_ROWS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity.h"
#include "store/store.h"

namespace qiancheng::store {

// The columns of one `entities` row.
struct EntityRow {
  std::string_view kind;              // SingularName(kind)
  std::string id;                     // IdOf(entity)
  std::optional<std::string> region;  // the entity's own region, if it has one
  std::optional<std::string> worker_id;  // an outcome's worker
  std::string body;                      // kStored JSON
};

// kInternal (no field) for a Worker with clear contact data: the write path
// must hash and mask it first (core/domain.h). kInvalidArgument ("id") for an
// id ValidateEntityId refuses.
Result<EntityRow> ToRow(const Entity& entity);
// Decodes a stored body. kInternal when it does not decode: the file is broken.
Result<Entity> FromRow(EntityKind kind, std::string_view id,
                       std::string_view body);

// Cursors are opaque to clients: "1:" + the last id of the previous page.
std::string EncodeCursor(std::string_view last_id);
// The last id ("" for an empty cursor). kInvalidArgument ("cursor") if
// malformed.
Result<std::string> DecodeCursor(std::string_view cursor);

// List limits (ListOptions::limit) and ChangesSince limits.
inline constexpr int kMaxListLimit = 10000;
inline constexpr int kMaxChangesLimit = 100000;

// A region filter as half-open ranges [low, high) of 6-digit codes, one per
// region: the same set RegionCode::Contains accepts. nullopt = no filter (none
// given, or one of them is national); an empty vector matches nothing.
struct RegionRange {
  std::string low, high;
};
std::optional<std::vector<RegionRange>> RegionRanges(
    const std::vector<RegionCode>& regions);

// The SELECT of one List page. Parameters: ?1 kind, ?2 after-id, ?3 limit, then
// low/high pairs from ?4 on. Columns: id, body. Outcomes are filtered by their
// worker's region (a join), other kinds by their own.
std::string ListSql(EntityKind kind, size_t region_ranges);

// API-key columns that are not plain strings.
std::string JoinRegions(const std::vector<RegionCode>& regions);
Result<std::vector<RegionCode>> SplitRegions(std::string_view joined);

// "[i]": the field path naming the i-th entity of a batch in an error.
std::string BatchIndexField(size_t i);

std::string_view OpName(ChangeOp op);  // "upsert" | "delete"
Result<ChangeOp> ParseOp(std::string_view name);

// Now as ISO 8601 UTC, "2026-11-24T03:11:46Z": the change log's committed_at.
std::string NowUtc();

}  // namespace qiancheng::store

#endif  // QIANCHENG_STORE_ROWS_H_
