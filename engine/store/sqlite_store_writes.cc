// The write methods of SqliteStore: every write is one transaction on the
// writer connection, under the write mutex, that also appends its change-log
// row(s). Rows are encoded before the mutex is taken.
#include "store/internal/sqlite_connection.h"
#include "store/sqlite_store.h"

namespace qiancheng::store {
namespace {

using internal::Query;
using Connection = internal::SqliteConnection;

// Appends one change-log row; returns its sequence.
Result<Sequence> AppendChange(Connection& c, std::string_view kind,
                              std::string_view id, ChangeOp op,
                              const std::string& now) {
  QC_ASSIGN_OR_RETURN(
      Query query, c.Prepare("INSERT INTO changes (kind, id, op, committed_at) "
                             "VALUES (?1, ?2, ?3, ?4)"));
  QC_RETURN_IF_ERROR(
      query.Text(1, kind).Text(2, id).Text(3, OpName(op)).Text(4, now).Run());
  return c.LastInsertRowid();
}

Result<Sequence> WriteRow(Connection& c, const EntityRow& row,
                          const std::string& now) {
  QC_ASSIGN_OR_RETURN(
      Sequence seq, AppendChange(c, row.kind, row.id, ChangeOp::kUpsert, now));
  QC_ASSIGN_OR_RETURN(
      Query query,
      c.Prepare("INSERT INTO entities (kind, id, region, worker_id, body, seq) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (kind, id) "
                "DO UPDATE SET "
                "region = excluded.region, worker_id = excluded.worker_id, "
                "body = excluded.body, seq = excluded.seq"));
  query.Text(1, row.kind).Text(2, row.id).OptionalText(3, row.region);
  QC_RETURN_IF_ERROR(
      query.OptionalText(4, row.worker_id).Text(5, row.body).Int(6, seq).Run());
  return seq;
}

constexpr const char* kUpsertApiKey =
    "INSERT INTO api_keys (key_id, secret_hash, role, regions, created_at, "
    "revoked) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (key_id) DO UPDATE "
    "SET secret_hash = excluded.secret_hash, role = excluded.role, "
    "regions = excluded.regions, created_at = excluded.created_at, "
    "revoked = excluded.revoked";

}  // namespace

Result<Sequence> SqliteStore::WriteRows(std::span<const EntityRow> rows,
                                        bool name_index) {
  std::lock_guard lock(write_mu_);
  const std::string now = NowUtc();
  Sequence last = 0;
  const Status status = writer_->InTransaction([&]() -> Status {
    for (size_t i = 0; i < rows.size(); ++i) {
      Result<Sequence> seq = WriteRow(*writer_, rows[i], now);
      if (!seq.ok()) {
        if (!name_index) return seq.status();
        return Status(seq.status().code(), seq.status().message(),
                      BatchIndexField(i));
      }
      last = *seq;
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return last;
}

Result<Sequence> SqliteStore::Upsert(const Entity& entity) {
  QC_ASSIGN_OR_RETURN(EntityRow row, ToRow(entity));
  return WriteRows(std::span<const EntityRow>(&row, 1), /*name_index=*/false);
}

Result<Sequence> SqliteStore::UpsertBatch(std::span<const Entity> entities) {
  if (entities.empty()) return LastSequence();
  // Encoded before taking the write lock: only SQLite work happens under it.
  std::vector<EntityRow> rows;
  rows.reserve(entities.size());
  for (size_t i = 0; i < entities.size(); ++i) {
    Result<EntityRow> row = ToRow(entities[i]);
    if (!row.ok()) return row.status().WithFieldPrefix(BatchIndexField(i));
    rows.push_back(std::move(row).value());
  }
  return WriteRows(rows, /*name_index=*/true);
}

Result<Sequence> SqliteStore::Delete(EntityKind kind, std::string_view id) {
  std::lock_guard lock(write_mu_);
  Sequence seq = 0;
  const Status status = writer_->InTransaction([&]() -> Status {
    QC_ASSIGN_OR_RETURN(
        Query query,
        writer_->Prepare("DELETE FROM entities WHERE kind = ?1 AND id = ?2"));
    QC_RETURN_IF_ERROR(query.Text(1, SingularName(kind)).Text(2, id).Run());
    if (writer_->Changes() == 0) {
      return Status::NotFound(std::string(SingularName(kind)) + " " +
                              std::string(id) + " not found");
    }
    QC_ASSIGN_OR_RETURN(seq, AppendChange(*writer_, SingularName(kind), id,
                                          ChangeOp::kDelete, NowUtc()));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return seq;
}

Status SqliteStore::PutMeta(std::string_view key, std::string_view value) {
  std::lock_guard lock(write_mu_);
  QC_ASSIGN_OR_RETURN(
      Query query,
      writer_->Prepare("INSERT INTO meta (key, value) VALUES (?1, ?2) "
                       "ON CONFLICT (key) DO UPDATE SET value = "
                       "excluded.value"));
  return query.Text(1, key).Text(2, value).Run();
}

Status SqliteStore::PutApiKey(const ApiKeyRecord& key) {
  if (key.key_id.empty()) return Status::InvalidArgument("key_id", "is empty");
  const std::string regions = JoinRegions(key.regions);
  std::lock_guard lock(write_mu_);
  QC_ASSIGN_OR_RETURN(Query query, writer_->Prepare(kUpsertApiKey));
  query.Text(1, key.key_id)
      .Text(2, key.secret_hash)
      .Text(3, Name(key.role))
      .Text(4, regions);
  return query.Text(5, key.created_at).Int(6, key.revoked ? 1 : 0).Run();
}

}  // namespace qiancheng::store
