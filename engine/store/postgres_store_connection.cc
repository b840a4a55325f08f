// The libpq adapter (store/internal/postgres_connection.h). The only
// #include <libpq-fe.h> of the engine: libpq results and SQLSTATEs become
// Status here and nowhere else.
#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <utility>

#include "store/internal/postgres_connection.h"

namespace qiancheng::store::internal {
namespace {

// Statements of one pipeline sent before their results are read. Bounded so
// that neither side's socket buffer fills while the other is not reading.
constexpr size_t kPipelineChunk = 128;

std::string Trimmed(const char* text) {
  std::string out = text != nullptr ? text : "";
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) {
    out.pop_back();
  }
  return out;
}

// SQLSTATE classes that mean "try again" rather than a broken store.
Code CodeOf(std::string_view sqlstate) {
  if (sqlstate.starts_with("08") ||   // connection exception
      sqlstate == "40001" ||          // serialization failure
      sqlstate == "40P01" ||          // deadlock
      sqlstate == "55P03" ||          // lock_timeout
      sqlstate == "57014" ||          // statement cancelled
      sqlstate.starts_with("57P") ||  // server shutting down
      sqlstate == "53300") {          // too many connections
    return Code::kUnavailable;
  }
  if (sqlstate.starts_with("53")) return Code::kResourceExhausted;
  return Code::kInternal;
}

Status ConnectionError(PGconn* conn, std::string_view what) {
  std::string message(what);
  message += ": ";
  message += Trimmed(PQerrorMessage(conn));
  return Status(
      PQstatus(conn) == CONNECTION_OK ? Code::kInternal : Code::kUnavailable,
      message);
}

// The Status of a failed result (or of a missing one: nullptr).
Status FromResult(const PGresult* result, PGconn* conn, std::string_view what) {
  if (result == nullptr) return ConnectionError(conn, what);
  const char* sqlstate = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  std::string message(what);
  message += ": ";
  message += Trimmed(PQresultErrorMessage(result));
  if (sqlstate == nullptr) {  // raised by libpq itself: the connection is gone
    return Status(
        PQstatus(conn) == CONNECTION_OK ? Code::kInternal : Code::kUnavailable,
        message);
  }
  return Status(CodeOf(sqlstate), message);
}

bool Succeeded(const PGresult* result) {
  const ExecStatusType status = PQresultStatus(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

// Sessions never print notices (e.g. "relation already exists, skipping").
void IgnoreNotice(void*, const char*) {}

// Reads one pipelined statement's result and the NULL that ends it.
PGresult* NextPipelineResult(PGconn* conn) {
  PGresult* result = PQgetResult(conn);
  if (result == nullptr) return nullptr;
  if (PQresultStatus(result) == PGRES_PIPELINE_SYNC) return result;
  while (PGresult* extra = PQgetResult(conn)) PQclear(extra);
  return result;
}

}  // namespace

// --- PgParams ---

PgParams& PgParams::Text(std::string_view text) {
  values_.emplace_back(text);
  is_null_.push_back(false);
  return *this;
}

PgParams& PgParams::Int(int64_t value) { return Text(std::to_string(value)); }

PgParams& PgParams::OptionalText(const std::optional<std::string>& text) {
  if (text) return Text(*text);
  values_.emplace_back();
  is_null_.push_back(true);
  return *this;
}

const char* const* PgParams::pointers() const {
  pointers_.clear();
  for (size_t i = 0; i < values_.size(); ++i) {
    pointers_.push_back(is_null_[i] ? nullptr : values_[i].c_str());
  }
  return pointers_.data();
}

// --- PgRows ---

PgRows::PgRows(PgRows&& other) noexcept
    : result_(std::exchange(other.result_, nullptr)) {}

PgRows& PgRows::operator=(PgRows&& other) noexcept {
  if (this != &other) {
    PQclear(result_);
    result_ = std::exchange(other.result_, nullptr);
  }
  return *this;
}

PgRows::~PgRows() { PQclear(result_); }

int PgRows::size() const { return result_ ? PQntuples(result_) : 0; }

std::string_view PgRows::Text(int row, int col) const {
  return std::string_view(PQgetvalue(result_, row, col),
                          PQgetlength(result_, row, col));
}

Result<int64_t> PgRows::Int(int row, int col) const {
  const std::string_view text = Text(row, col);
  int64_t value = 0;
  const auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    return Status::Internal("expected an integer column, got '" +
                            std::string(text) + "'");
  }
  return value;
}

int64_t PgRows::affected() const {
  const char* text = result_ ? PQcmdTuples(result_) : "";
  return text[0] == '\0' ? 0 : std::stoll(text);
}

// --- PgConnection ---

Result<std::unique_ptr<PgConnection>> PgConnection::Open(
    const std::string& conninfo, const std::string& shown_as,
    const PostgresOptions& options) {
  const std::string timeout = std::to_string(options.connect_timeout_s);
  // Our defaults first: settings in `conninfo` (expanded from "dbname")
  // override them.
  const char* keys[] = {"connect_timeout", "fallback_application_name",
                        "dbname", nullptr};
  const char* values[] = {timeout.c_str(), "qiancheng", conninfo.c_str(),
                          nullptr};
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (conn == nullptr) return Status::ResourceExhausted("out of memory");
  // Owns `conn` from here on, also when connecting failed.
  std::unique_ptr<PgConnection> c(new PgConnection(conn, shown_as));
  if (PQstatus(conn) != CONNECTION_OK) {
    return Status::Unavailable("cannot connect to " + shown_as + ": " +
                               Trimmed(PQerrorMessage(conn)));
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  if (PQsetClientEncoding(conn, "UTF8") != 0) {
    return ConnectionError(conn, "set client_encoding");
  }
  // Per session, so that a server or role default cannot weaken them:
  // acknowledged means flushed to the WAL on disk; the change counter relies
  // on read committed (a waiting writer re-reads the row it waited for).
  QC_RETURN_IF_ERROR(
      c->Exec("SET synchronous_commit TO on; "
              "SET default_transaction_isolation TO 'read committed'; "
              "SET client_min_messages TO warning; SET lock_timeout TO " +
              std::to_string(std::max(1, options.lock_timeout_ms))));
  QC_ASSIGN_OR_RETURN(std::string fsync, c->QueryValue("SHOW fsync"));
  if (fsync != "on") {
    return Status::FailedPrecondition("fsync is off on " + shown_as +
                                      ": writes would not be durable");
  }
  return c;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

Result<std::string> PgConnection::Prepared(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return it->second;
  std::string name = "qc_";
  name += std::to_string(statements_.size());
  PGresult* result = PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr);
  const Status status =
      Succeeded(result) ? Status::Ok() : FromResult(result, conn_, "prepare");
  PQclear(result);
  if (!status.ok()) return status;
  statements_.emplace(sql, name);
  return name;
}

Result<PgRows> PgConnection::Run(const std::string& sql,
                                 const PgParams& params) {
  QC_ASSIGN_OR_RETURN(std::string name, Prepared(sql));
  PGresult* result = PQexecPrepared(conn_, name.c_str(), params.size(),
                                    params.pointers(), nullptr, nullptr, 0);
  if (!Succeeded(result)) {
    Status status = FromResult(result, conn_, "query");
    PQclear(result);
    return status;
  }
  return PgRows(result);
}

Result<PgRows> PgConnection::RunPipelined(const std::string& sql,
                                          std::span<const PgParams> statements,
                                          std::optional<size_t>* failed_index) {
  *failed_index = std::nullopt;
  QC_ASSIGN_OR_RETURN(std::string name, Prepared(sql));
  if (PQenterPipelineMode(conn_) != 1) {
    return ConnectionError(conn_, "enter pipeline mode");
  }
  PgRows last;
  Status failure;
  size_t done = 0;
  bool sync_sent = false, sync_read = false;
  while (done < statements.size() && failure.ok()) {
    const size_t end = std::min(statements.size(), done + kPipelineChunk);
    for (size_t i = done; i < end && failure.ok(); ++i) {
      const PgParams& p = statements[i];
      if (PQsendQueryPrepared(conn_, name.c_str(), p.size(), p.pointers(),
                              nullptr, nullptr, 0) != 1) {
        failure = ConnectionError(conn_, "send");
      }
    }
    if (!failure.ok()) break;
    // The last chunk ends with the sync that commits the implicit
    // transaction; the others only ask the server to send their results.
    sync_sent = end == statements.size();
    const int queued =
        sync_sent ? PQpipelineSync(conn_) : PQsendFlushRequest(conn_);
    if (queued != 1 || PQflush(conn_) != 0) {
      failure = ConnectionError(conn_, "send");
      break;
    }
    for (; done < end; ++done) {
      PGresult* result = NextPipelineResult(conn_);
      if (!Succeeded(result)) {
        failure = FromResult(result, conn_, "query");
        *failed_index = done;
        PQclear(result);
        break;
      }
      last = PgRows(result);
    }
  }
  if (failure.ok()) {
    // The sync's own result comes after the commit; a failed commit shows
    // as an error before it.
    PGresult* result = PQgetResult(conn_);
    sync_read = PQresultStatus(result) == PGRES_PIPELINE_SYNC;
    if (!sync_read) failure = FromResult(result, conn_, "commit");
    PQclear(result);
  }
  if (!sync_read) {
    // A sync makes the server roll back and skip what is still queued.
    if (!sync_sent && PQpipelineSync(conn_) == 1) (void)PQflush(conn_);
    EndPipeline();
  }
  if (PQexitPipelineMode(conn_) != 1 && failure.ok()) {
    failure = ConnectionError(conn_, "leave pipeline mode");
  }
  if (!failure.ok()) return failure;
  return last;
}

void PgConnection::EndPipeline() {
  // Aborted statements and the sync's result; two NULLs in a row mean nothing
  // more is owed (or the connection is gone).
  int nulls = 0;
  while (nulls < 2 && PQstatus(conn_) == CONNECTION_OK) {
    PGresult* result = PQgetResult(conn_);
    if (result == nullptr) {
      ++nulls;
      continue;
    }
    nulls = 0;
    const bool sync = PQresultStatus(result) == PGRES_PIPELINE_SYNC;
    PQclear(result);
    if (sync) return;
  }
}

Status PgConnection::Exec(const std::string& script) {
  PGresult* result = PQexec(conn_, script.c_str());
  const Status status =
      Succeeded(result) ? Status::Ok() : FromResult(result, conn_, "exec");
  PQclear(result);
  return status;
}

Result<std::string> PgConnection::QueryValue(const std::string& sql) {
  PGresult* result = PQexec(conn_, sql.c_str());
  if (!Succeeded(result)) {
    Status status = FromResult(result, conn_, sql);
    PQclear(result);
    return status;
  }
  PgRows rows(result);
  if (rows.size() < 1) return Status::Internal(sql + " returned nothing");
  return std::string(rows.Text(0, 0));
}

bool PgConnection::Reusable() const {
  return PQstatus(conn_) == CONNECTION_OK &&
         PQtransactionStatus(conn_) == PQTRANS_IDLE &&
         PQpipelineStatus(conn_) == PQ_PIPELINE_OFF;
}

Result<int> PgConnection::AwaitNotices(std::chrono::milliseconds timeout) {
  // Notices may already sit in libpq's buffer (read along with an earlier
  // result): take them before sleeping on the socket.
  auto drain = [this] {
    int count = 0;
    while (PGnotify* notice = PQnotifies(conn_)) {
      PQfreemem(notice);
      ++count;
    }
    return count;
  };
  if (PQstatus(conn_) != CONNECTION_OK) {
    return ConnectionError(conn_, "listen for changes");
  }
  int count = drain();
  if (count > 0) return count;
  const int fd = PQsocket(conn_);
  if (fd < 0) return ConnectionError(conn_, "listen for changes");
  // Readable without a notice happens (a server's FATAL message arrives
  // before its end of stream): keep waiting until the deadline.
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return 0;
    pollfd waiting{fd, POLLIN, 0};
    const int ready = poll(&waiting, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno != EINTR) {
      return Status::Unavailable("listen for changes: poll failed");
    }
    if (ready <= 0) continue;
    // Readable: notices, or the server closing the connection, which
    // PQconsumeInput reports.
    if (PQconsumeInput(conn_) == 0 || PQstatus(conn_) != CONNECTION_OK) {
      return ConnectionError(conn_, "listen for changes");
    }
    count = drain();
    if (count > 0) return count;
  }
}

Result<int> CurrentVersion(PgConnection& c) {
  QC_ASSIGN_OR_RETURN(
      PgRows rows,
      c.Run("SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
            PgParams()));
  if (rows.size() != 1) return Status::Internal("no schema version");
  QC_ASSIGN_OR_RETURN(int64_t version, rows.Int(0, 0));
  return static_cast<int>(version);
}

}  // namespace qiancheng::store::internal
