// The write methods of PostgresStore.
//
// Why sequences come from a counter row and not from an identity column: a
// sequence (nextval) is handed out when a transaction asks, not when it
// commits. With two writers, T1 may take 5, T2 take 6 and commit first; a
// reader tailing ChangesSince(4) then sees 6, moves its cursor past 5, and
// never sees T1's write when it commits a moment later. Instead every entity
// write first updates the single row of change_counter ("last_seq =
// last_seq + k", k the changes it logs), in the same transaction as the write.
// The row lock it takes is held to commit, so a second writer's update waits
// until the first has committed, then (read committed) re-reads the row and
// continues from the committed value. Sequence order is therefore commit
// order, and since PostgreSQL makes a transaction visible before it releases
// its locks, any snapshot that sees sequence n+1 also sees n. A failed write
// rolls its counter update back with everything else: no gaps. The counter is
// always the first row a write locks, so writers cannot deadlock on entity
// rows.
#include "store/internal/postgres_connection.h"
#include "store/postgres_store.h"

namespace qiancheng::store {
namespace {

using internal::PgParams;
using internal::PgRows;
using Connection = internal::PgConnection;

// One entity write as one statement: take the next sequence, log it, upsert
// the row. The INSERT reads `next` before touching the entity, so the
// counter is locked first. $1 kind, $2 id, $3 region, $4 worker_id, $5 body,
// $6 committed_at. Returns the sequence.
constexpr const char* kUpsertEntity =
    "WITH next AS (UPDATE change_counter SET last_seq = last_seq + 1 "
    "RETURNING last_seq), "
    "logged AS (INSERT INTO changes (seq, kind, id, op, committed_at) "
    "SELECT last_seq, $1::text, $2::text, 'upsert', $6::text FROM next) "
    "INSERT INTO entities (kind, id, region, worker_id, body, seq) "
    "SELECT $1::text, $2::text, $3::text, $4::text, $5::text, last_seq "
    "FROM next ON CONFLICT (kind, id) DO UPDATE SET "
    "region = excluded.region, worker_id = excluded.worker_id, "
    "body = excluded.body, seq = excluded.seq RETURNING seq";

// A whole batch as one statement: the rows arrive as five text arrays ($1
// kinds, $2 ids, $3 regions, $4 worker ids, $5 bodies; $6 committed_at), the
// counter moves once by the batch size, row n (from 1) gets base + n. When an
// id repeats, every write is logged and the row keeps the last one, as
// row-by-row upserts would. Returns the last sequence.
constexpr const char* kUpsertBatch =
    "WITH input AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], "
    "$4::text[], $5::text[]) WITH ORDINALITY AS r(kind, id, region, "
    "worker_id, body, n)), "
    "next AS (UPDATE change_counter SET last_seq = last_seq + "
    "(SELECT count(*) FROM input) RETURNING last_seq - "
    "(SELECT count(*) FROM input) AS base), "
    "logged AS (INSERT INTO changes (seq, kind, id, op, committed_at) "
    "SELECT base + n, kind, id, 'upsert', $6::text FROM next, input), "
    "upserted AS (INSERT INTO entities (kind, id, region, worker_id, body, "
    "seq) SELECT DISTINCT ON (kind, id) kind, id, region, worker_id, body, "
    "base + n FROM next, input ORDER BY kind, id, n DESC "
    "ON CONFLICT (kind, id) DO UPDATE SET region = excluded.region, "
    "worker_id = excluded.worker_id, body = excluded.body, "
    "seq = excluded.seq RETURNING seq) "
    "SELECT max(seq) FROM upserted";

// The text form of a PostgreSQL text[] value: elements quoted, with '"' and
// '\' escaped; NULL bare.
class TextArray {
 public:
  void Add(const std::optional<std::string>& value) {
    out_ += out_.empty() ? '{' : ',';
    if (!value) {
      out_ += "NULL";
      return;
    }
    out_ += '"';
    for (char c : *value) {
      if (c == '"' || c == '\\') out_ += '\\';
      out_ += c;
    }
    out_ += '"';
  }
  std::string Finish() {
    if (out_.empty()) out_ += '{';
    out_ += '}';
    return std::move(out_);
  }

 private:
  std::string out_;
};

PgParams BatchParams(std::span<const EntityRow> rows, const std::string& now) {
  TextArray kinds, ids, regions, workers, bodies;
  for (const EntityRow& row : rows) {
    kinds.Add(std::string(row.kind));
    ids.Add(row.id);
    regions.Add(row.region);
    workers.Add(row.worker_id);
    bodies.Add(row.body);
  }
  PgParams params;
  params.Text(kinds.Finish()).Text(ids.Finish()).Text(regions.Finish());
  params.Text(workers.Finish()).Text(bodies.Finish()).Text(now);
  return params;
}

constexpr const char* kUpsertApiKey =
    "INSERT INTO api_keys (key_id, secret_hash, role, regions, created_at, "
    "revoked) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key_id) DO UPDATE "
    "SET secret_hash = excluded.secret_hash, role = excluded.role, "
    "regions = excluded.regions, created_at = excluded.created_at, "
    "revoked = excluded.revoked";

PgParams UpsertParams(const EntityRow& row, const std::string& now) {
  PgParams params;
  params.Text(row.kind).Text(row.id).OptionalText(row.region);
  params.OptionalText(row.worker_id).Text(row.body).Text(now);
  return params;
}

Result<Sequence> SequenceOf(const PgRows& rows) {
  if (rows.size() != 1) return Status::Internal("write returned no sequence");
  return rows.Int(0, 0);
}

}  // namespace

Result<Sequence> PostgresStore::WriteRows(std::span<const EntityRow> rows,
                                          bool name_index) {
  const std::string now = NowUtc();
  return WithConnection([&](Connection& c) -> Result<Sequence> {
    if (rows.size() == 1) {
      // A single statement is its own transaction: one round trip.
      QC_ASSIGN_OR_RETURN(PgRows result,
                          c.Run(kUpsertEntity, UpsertParams(rows[0], now)));
      return SequenceOf(result);
    }
    // Fast path: the batch as one statement. Should it fail, the batch runs
    // again row by row (pipelined, one transaction) to name the failing row;
    // both attempts are all or nothing.
    Result<PgRows> batch = c.Run(kUpsertBatch, BatchParams(rows, now));
    if (batch.ok()) return SequenceOf(*batch);
    std::vector<PgParams> statements;
    statements.reserve(rows.size());
    for (const EntityRow& row : rows) {
      statements.push_back(UpsertParams(row, now));
    }
    std::optional<size_t> failed;
    Result<PgRows> last = c.RunPipelined(kUpsertEntity, statements, &failed);
    if (!last.ok()) {
      if (!name_index || !failed) return last.status();
      return Status(last.status().code(), last.status().message(),
                    BatchIndexField(*failed));
    }
    return SequenceOf(*last);
  });
}

Result<Sequence> PostgresStore::Upsert(const Entity& entity) {
  QC_ASSIGN_OR_RETURN(EntityRow row, ToRow(entity));
  return WriteRows(std::span<const EntityRow>(&row, 1), /*name_index=*/false);
}

Result<Sequence> PostgresStore::UpsertBatch(std::span<const Entity> entities) {
  if (entities.empty()) return LastSequence();
  std::vector<EntityRow> rows;
  rows.reserve(entities.size());
  for (size_t i = 0; i < entities.size(); ++i) {
    Result<EntityRow> row = ToRow(entities[i]);
    if (!row.ok()) return row.status().WithFieldPrefix(BatchIndexField(i));
    rows.push_back(std::move(row).value());
  }
  return WriteRows(rows, /*name_index=*/true);
}

Result<Sequence> PostgresStore::Delete(EntityKind kind, std::string_view id) {
  const std::string_view kind_name = SingularName(kind);
  return WithConnection([&](Connection& c) -> Result<Sequence> {
    Sequence seq = 0;
    // Statement by statement, the counter first (as in every write), so the
    // DELETE runs on a snapshot taken after the previous writer committed.
    const Status status = c.InTransaction([&]() -> Status {
      QC_ASSIGN_OR_RETURN(
          PgRows next,
          c.Run("UPDATE change_counter SET last_seq = last_seq + 1 "
                "RETURNING last_seq",
                PgParams()));
      QC_ASSIGN_OR_RETURN(seq, SequenceOf(next));
      PgParams key;
      key.Text(kind_name).Text(id);
      QC_ASSIGN_OR_RETURN(
          PgRows deleted,
          c.Run("DELETE FROM entities WHERE kind = $1 AND id = $2", key));
      if (deleted.affected() == 0) {
        // Rolled back with the counter update: nothing is logged.
        return Status::NotFound(std::string(kind_name) + " " + std::string(id) +
                                " not found");
      }
      PgParams change;
      change.Int(seq).Text(kind_name).Text(id).Text(NowUtc());
      return c
          .Run(
              "INSERT INTO changes (seq, kind, id, op, committed_at) "
              "VALUES ($1, $2, $3, 'delete', $4)",
              change)
          .status();
    });
    if (!status.ok()) return status;
    return seq;
  });
}

Status PostgresStore::PutMeta(std::string_view key, std::string_view value) {
  PgParams params;
  params.Text(key).Text(value);
  return WithConnection([&](Connection& c) -> Status {
    return c
        .Run(
            "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) "
            "DO UPDATE SET value = excluded.value",
            params)
        .status();
  });
}

Status PostgresStore::PutApiKey(const ApiKeyRecord& key) {
  if (key.key_id.empty()) return Status::InvalidArgument("key_id", "is empty");
  PgParams params;
  params.Text(key.key_id).Text(key.secret_hash).Text(Name(key.role));
  params.Text(JoinRegions(key.regions))
      .Text(key.created_at)
      .Text(key.revoked ? "true" : "false");
  return WithConnection([&](Connection& c) -> Status {
    return c.Run(kUpsertApiKey, params).status();
  });
}

}  // namespace qiancheng::store
