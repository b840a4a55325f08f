// The push-feed methods of PostgresStore (migrations_pg/0002_feed.sql), with
// the semantics of sqlite_store_feed.cc. SQLite gets its daily cap right by
// having one writer; here AppendFeed takes a transaction-scoped advisory lock
// per worker (in sorted order, so two appends cannot deadlock) before it
// counts, so concurrent appends for one worker cannot both fill the last slot.
#include <algorithm>
#include <cmath>
#include <set>

#include "store/internal/postgres_connection.h"
#include "store/postgres_store.h"

namespace qiancheng::store {
namespace {

using internal::PgParams;
using internal::PgRows;
using Connection = internal::PgConnection;

constexpr const char* kFeedColumns =
    "seq, worker_id, dedupe_key, kind, target_id, event, reason, score_milli, "
    "day, created_at, acked";

Status CheckFeedItem(const FeedItem& item) {
  if (item.worker_id.empty()) {
    return Status::InvalidArgument("worker_id", "a feed item needs a worker");
  }
  if (item.dedupe_key.empty()) {
    return Status::InvalidArgument("dedupe_key", "a feed item needs a key");
  }
  if (item.kind != "job" && item.kind != "training") {
    return Status::InvalidArgument("kind", "must be job or training");
  }
  if (item.day.size() != 10) {
    return Status::InvalidArgument("day", "must be YYYY-MM-DD");
  }
  return Status::Ok();
}

Result<FeedItem> FeedFromRow(const PgRows& rows, int row) {
  FeedItem item;
  QC_ASSIGN_OR_RETURN(item.seq, rows.Int(row, 0));
  item.worker_id = rows.Text(row, 1);
  item.dedupe_key = rows.Text(row, 2);
  item.kind = rows.Text(row, 3);
  item.target_id = rows.Text(row, 4);
  item.event = rows.Text(row, 5);
  item.reason = rows.Text(row, 6);
  QC_ASSIGN_OR_RETURN(int64_t score_milli, rows.Int(row, 7));
  item.score = static_cast<double>(score_milli) / 1000.0;
  item.day = rows.Text(row, 8);
  item.created_at = rows.Text(row, 9);
  item.acked = rows.Text(row, 10) == "t";
  return item;
}

// Writes `item` unless its worker's day is full or it was seen before;
// returns it as stored, or nullopt.
Result<std::optional<FeedItem>> AppendOne(Connection& c, const FeedItem& item,
                                          int daily_cap,
                                          const std::string& now) {
  PgParams day;
  day.Text(item.worker_id).Text(item.day);
  QC_ASSIGN_OR_RETURN(
      PgRows count,
      c.Run("SELECT COUNT(*) FROM feed_items WHERE worker_id = $1 AND day = $2",
            day));
  QC_ASSIGN_OR_RETURN(int64_t stored, count.Int(0, 0));
  if (stored >= daily_cap) return std::optional<FeedItem>();
  const int64_t score_milli = std::llround(item.score * 1000.0);
  PgParams params;
  params.Text(item.worker_id).Text(item.dedupe_key).Text(item.kind);
  params.Text(item.target_id).Text(item.event).Text(item.reason);
  params.Int(score_milli).Text(item.day).Text(now);
  QC_ASSIGN_OR_RETURN(
      PgRows inserted,
      c.Run("INSERT INTO feed_items (worker_id, dedupe_key, kind, target_id, "
            "event, reason, score_milli, day, created_at) VALUES ($1, $2, $3, "
            "$4, $5, $6, $7, $8, $9) ON CONFLICT (worker_id, dedupe_key) DO "
            "NOTHING RETURNING seq",
            params));
  if (inserted.size() == 0) return std::optional<FeedItem>();  // seen before
  FeedItem written = item;
  QC_ASSIGN_OR_RETURN(written.seq, inserted.Int(0, 0));
  written.created_at = now;
  written.acked = false;
  written.score = static_cast<double>(score_milli) / 1000.0;
  return std::optional<FeedItem>(std::move(written));
}

}  // namespace

Result<std::vector<FeedItem>> PostgresStore::AppendFeed(
    std::span<const FeedItem> items, int daily_cap) {
  for (const FeedItem& item : items) QC_RETURN_IF_ERROR(CheckFeedItem(item));
  std::set<std::string> workers;
  for (const FeedItem& item : items) workers.insert(item.worker_id);
  const std::string now = NowUtc();
  return WithConnection([&](Connection& c) -> Result<std::vector<FeedItem>> {
    std::vector<FeedItem> written;
    const Status status = c.InTransaction([&]() -> Status {
      for (const std::string& worker : workers) {  // sorted: no deadlock
        PgParams key;
        key.Text(worker);
        QC_RETURN_IF_ERROR(
            c.Run("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", key)
                .status());
      }
      for (const FeedItem& item : items) {
        QC_ASSIGN_OR_RETURN(std::optional<FeedItem> stored,
                            AppendOne(c, item, daily_cap, now));
        if (stored) written.push_back(std::move(*stored));
      }
      return Status::Ok();
    });
    if (!status.ok()) return status;
    return written;
  });
}

Result<std::vector<FeedItem>> PostgresStore::ListFeed(
    std::string_view worker_id, int64_t after, int limit) const {
  if (limit < 1 || limit > 1000) {
    return Status::InvalidArgument("limit", "must be 1..1000");
  }
  std::string sql = "SELECT ";
  sql += kFeedColumns;
  sql +=
      " FROM feed_items WHERE worker_id = $1 AND seq > $2 ORDER BY seq "
      "LIMIT $3";
  PgParams params;
  params.Text(worker_id).Int(after).Int(limit);
  return WithConnection([&](Connection& c) -> Result<std::vector<FeedItem>> {
    QC_ASSIGN_OR_RETURN(PgRows rows, c.Run(sql, params));
    std::vector<FeedItem> out;
    for (int i = 0; i < rows.size(); ++i) {
      QC_ASSIGN_OR_RETURN(FeedItem item, FeedFromRow(rows, i));
      out.push_back(std::move(item));
    }
    return out;
  });
}

Result<int64_t> PostgresStore::AckFeed(std::string_view worker_id,
                                       int64_t up_to) {
  PgParams params;
  params.Text(worker_id).Int(up_to);
  return WithConnection([&](Connection& c) -> Result<int64_t> {
    QC_ASSIGN_OR_RETURN(
        PgRows rows,
        c.Run("UPDATE feed_items SET acked = TRUE WHERE worker_id = $1 AND "
              "seq <= $2 AND NOT acked",
              params));
    return rows.affected();
  });
}

}  // namespace qiancheng::store
