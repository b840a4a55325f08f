#include "store/rows.h"

#include <ctime>

#include "core/json_codec.h"

namespace qiancheng::store {
namespace {

constexpr std::string_view kCursorPrefix = "1:";

// The entity's own region, for the kinds that have one.
std::optional<std::string> RegionOf(const Entity& entity) {
  return std::visit(
      [](const auto& e) -> std::optional<std::string> {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, Occupation> ||
                      std::is_same_v<T, Outcome>) {
          return std::nullopt;
        } else {
          if (e.region.empty()) return std::nullopt;
          return e.region.str();
        }
      },
      entity);
}

// The significant prefix of a region code, as RegionCode::Contains reads it:
// province "61", city "6101", district all six digits.
std::string SignificantPrefix(const std::string& code) {
  size_t n = 6;
  while (n > 2 && code[n - 1] == '0' && code[n - 2] == '0') n -= 2;
  return code.substr(0, n);
}

}  // namespace

Result<EntityRow> ToRow(const Entity& entity) {
  if (const auto* worker = std::get_if<Worker>(&entity);
      worker && !worker->contact.empty()) {
    // The store never holds a clear ID number or phone (DESIGN.md quality
    // bars).
    return Status::Internal(
        "worker contact data must be hashed and masked before storing");
  }
  EntityRow row;
  row.kind = SingularName(KindOf(entity));
  row.id = IdOf(entity);
  QC_RETURN_IF_ERROR(ValidateEntityId(row.id));
  row.region = RegionOf(entity);
  if (const auto* outcome = std::get_if<Outcome>(&entity)) {
    row.worker_id = outcome->worker_id.str();
  }
  row.body = EncodeEntityText(entity, CodecMode::kStored);
  return row;
}

Result<Entity> FromRow(EntityKind kind, std::string_view id,
                       std::string_view body) {
  Result<Entity> entity = DecodeEntityText(kind, body, CodecMode::kStored);
  if (!entity.ok()) {
    std::string what = "stored ";
    what += SingularName(kind);
    what += " ";
    what += id;
    what += " does not decode (";
    what += entity.status().ToString();
    what += ")";
    return Status::Internal(what);
  }
  return entity;
}

std::string EncodeCursor(std::string_view last_id) {
  std::string cursor(kCursorPrefix);
  cursor += last_id;
  return cursor;
}

Result<std::string> DecodeCursor(std::string_view cursor) {
  if (cursor.empty()) return std::string();
  if (!cursor.starts_with(kCursorPrefix)) {
    return Status::InvalidArgument(
        "cursor", "is not a cursor returned by a previous page");
  }
  std::string last_id(cursor.substr(kCursorPrefix.size()));
  if (!ValidateEntityId(last_id).ok()) {
    return Status::InvalidArgument(
        "cursor", "is not a cursor returned by a previous page");
  }
  return last_id;
}

std::optional<std::vector<RegionRange>> RegionRanges(
    const std::vector<RegionCode>& regions) {
  if (regions.empty()) return std::nullopt;
  std::vector<RegionRange> ranges;
  for (const RegionCode& region : regions) {
    if (region.IsNational()) return std::nullopt;
    // An empty code contains nothing (RegionCode::Contains).
    if (region.str().size() != 6) continue;
    RegionRange range;
    range.low = SignificantPrefix(region.str());
    range.high = range.low;
    // Digits only: the successor of '9' is ':', still above every digit.
    ++range.high.back();
    ranges.push_back(std::move(range));
  }
  return ranges;
}

std::string ListSql(EntityKind kind, size_t region_ranges) {
  const bool via_worker = kind == EntityKind::kOutcome && region_ranges > 0;
  std::string sql = "SELECT e.id, e.body FROM entities e";
  if (via_worker) {
    sql += " JOIN entities w ON w.kind = 'worker' AND w.id = e.worker_id";
  }
  sql += " WHERE e.kind = ?1 AND e.id > ?2";
  const std::string column = via_worker ? "w.region" : "e.region";
  for (size_t i = 0; i < region_ranges; ++i) {
    const std::string low = std::to_string(4 + 2 * i),
                      high = std::to_string(5 + 2 * i);
    sql += i == 0 ? " AND (" : " OR ";
    sql +=
        "(" + column + " >= ?" + low + " AND " + column + " < ?" + high + ")";
  }
  if (region_ranges > 0) sql += ")";
  sql += " ORDER BY e.id LIMIT ?3";
  return sql;
}

std::string JoinRegions(const std::vector<RegionCode>& regions) {
  std::string joined;
  for (const RegionCode& region : regions) {
    if (!joined.empty()) joined += ',';
    joined += region.str();
  }
  return joined;
}

Result<std::vector<RegionCode>> SplitRegions(std::string_view joined) {
  std::vector<RegionCode> regions;
  while (!joined.empty()) {
    const size_t comma = joined.find(',');
    const std::string_view part = joined.substr(0, comma);
    Result<RegionCode> region = RegionCode::Parse(part, "regions");
    if (!region.ok()) {
      return Status::Internal("stored api key has a malformed region");
    }
    regions.push_back(*region);
    joined = comma == std::string_view::npos ? std::string_view()
                                             : joined.substr(comma + 1);
  }
  return regions;
}

std::string BatchIndexField(size_t i) {
  // Appended piecewise: g++ 12 warns falsely (-Wrestrict) on "[" + string&&.
  std::string field = "[";
  field += std::to_string(i);
  field += ']';
  return field;
}

std::string_view OpName(ChangeOp op) {
  return op == ChangeOp::kUpsert ? "upsert" : "delete";
}

Result<ChangeOp> ParseOp(std::string_view name) {
  if (name == "upsert") return ChangeOp::kUpsert;
  if (name == "delete") return ChangeOp::kDelete;
  return Status::Internal("change log has an unknown op");
}

std::string NowUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace qiancheng::store
