// The push-feed methods of SqliteStore (migration 0002_feed.sql).
#include <cmath>

#include "store/internal/sqlite_connection.h"
#include "store/sqlite_store.h"

namespace qiancheng::store {
namespace {

using internal::Query;

constexpr const char* kFeedColumns =
    "seq, worker_id, dedupe_key, kind, target_id, event, reason, score_milli, "
    "day, created_at, acked";

FeedItem FeedFromRow(const Query& q) {
  FeedItem item;
  item.seq = q.ColumnInt(0);
  item.worker_id = q.ColumnText(1);
  item.dedupe_key = q.ColumnText(2);
  item.kind = q.ColumnText(3);
  item.target_id = q.ColumnText(4);
  item.event = q.ColumnText(5);
  item.reason = q.ColumnText(6);
  item.score = static_cast<double>(q.ColumnInt(7)) / 1000.0;
  item.day = q.ColumnText(8);
  item.created_at = q.ColumnText(9);
  item.acked = q.ColumnInt(10) != 0;
  return item;
}

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

}  // namespace

Result<std::vector<FeedItem>> SqliteStore::AppendFeed(
    std::span<const FeedItem> items, int daily_cap) {
  for (const FeedItem& item : items) QC_RETURN_IF_ERROR(CheckFeedItem(item));
  std::vector<FeedItem> written;
  std::lock_guard lock(write_mu_);
  const std::string now = NowUtc();
  Status status = writer_->InTransaction([&]() -> Status {
    for (const FeedItem& item : items) {
      QC_ASSIGN_OR_RETURN(
          Query count,
          writer_->Prepare("SELECT COUNT(*) FROM feed_items WHERE worker_id = "
                           "?1 AND day = ?2"));
      QC_ASSIGN_OR_RETURN(
          bool has, count.Text(1, item.worker_id).Text(2, item.day).Step());
      if (has && count.ColumnInt(0) >= daily_cap) continue;
      QC_ASSIGN_OR_RETURN(
          Query insert,
          writer_->Prepare(
              "INSERT INTO feed_items (worker_id, dedupe_key, kind, target_id, "
              "event, reason, score_milli, day, created_at) VALUES (?1, ?2, "
              "?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (worker_id, dedupe_key) "
              "DO NOTHING"));
      insert.Text(1, item.worker_id)
          .Text(2, item.dedupe_key)
          .Text(3, item.kind);
      insert.Text(4, item.target_id).Text(5, item.event).Text(6, item.reason);
      insert.Int(7, std::llround(item.score * 1000.0)).Text(8, item.day);
      QC_RETURN_IF_ERROR(insert.Text(9, now).Run());
      if (writer_->Changes() == 0) continue;  // seen before
      FeedItem stored = item;
      stored.seq = writer_->LastInsertRowid();
      stored.created_at = now;
      stored.acked = false;
      stored.score =
          static_cast<double>(std::llround(item.score * 1000.0)) / 1000.0;
      written.push_back(std::move(stored));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return written;
}

Result<std::vector<FeedItem>> SqliteStore::ListFeed(std::string_view worker_id,
                                                    int64_t after,
                                                    int limit) const {
  if (limit < 1 || limit > 1000) {
    return Status::InvalidArgument("limit", "must be 1..1000");
  }
  return WithReader([&](Connection& c) -> Result<std::vector<FeedItem>> {
    std::string sql = "SELECT ";
    sql += kFeedColumns;
    sql +=
        " FROM feed_items WHERE worker_id = ?1 AND seq > ?2 ORDER BY seq "
        "LIMIT ?3";
    QC_ASSIGN_OR_RETURN(Query q, c.Prepare(sql));
    q.Text(1, worker_id).Int(2, after).Int(3, limit);
    std::vector<FeedItem> out;
    for (;;) {
      QC_ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      out.push_back(FeedFromRow(q));
    }
    return out;
  });
}

Result<int64_t> SqliteStore::AckFeed(std::string_view worker_id,
                                     int64_t up_to) {
  std::lock_guard lock(write_mu_);
  int64_t changed = 0;
  Status status = writer_->InTransaction([&]() -> Status {
    QC_ASSIGN_OR_RETURN(
        Query q,
        writer_->Prepare("UPDATE feed_items SET acked = 1 WHERE "
                         "worker_id = ?1 AND seq <= ?2 AND acked = 0"));
    QC_RETURN_IF_ERROR(q.Text(1, worker_id).Int(2, up_to).Run());
    changed = writer_->Changes();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return changed;
}

}  // namespace qiancheng::store
