// tests/support/pg_server.h -- a throwaway PostgreSQL server for the store
// tests and benchmarks, driven through tests/support/pg_server.sh (initdb +
// pg_ctl on a Unix socket in a temporary directory, fsync on, run as
// "postgres" under root, stopped by a watchdog if this process dies).
// Two ways to get one:
//  - SharedPgServer(): the server of the ctest fixture (QC_TEST_PG_DIR, set by
//    tests/engine/store/CMakeLists.txt), or, when a test binary runs by hand,
//    a private one started on first use and stopped at exit;
//  - PgServer::Start(): a private server (the kill -9 test crashes its own).
// Each test makes its own database (PgDatabase) so tests run in parallel.
// Header-only: the benchmarks, built one file per binary, use it too.
// Thread-compatible: set up from the test's main thread.
#ifndef QIANCHENG_TESTS_SUPPORT_PG_SERVER_H_
#define QIANCHENG_TESTS_SUPPORT_PG_SERVER_H_

#include <libpq-fe.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

namespace qiancheng::testing {

// CI=true: a missing PostgreSQL is a failure there, a skip elsewhere.
inline bool InCi() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string(ci) == "true";
}

class PgServer {
 public:
  // Starts a private server in a fresh temporary directory. nullptr with
  // *why when PostgreSQL is not installed or does not start.
  static std::unique_ptr<PgServer> Start(std::string* why) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "qc-pg-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      *why = "cannot make a temporary directory";
      return nullptr;
    }
    std::unique_ptr<PgServer> server(new PgServer(pattern, /*owned=*/true));
    if (!server->Script("start")) {
      *why = "pg_server.sh start failed (see " + pattern + "/server.log)";
      return nullptr;
    }
    if (!server->Available(why)) return nullptr;
    return server;
  }

  // The server another process started in `dir` (the ctest fixture); not
  // stopped by this object.
  static std::unique_ptr<PgServer> Attach(const std::string& dir,
                                          std::string* why) {
    std::unique_ptr<PgServer> server(new PgServer(dir, /*owned=*/false));
    if (!server->Available(why)) return nullptr;
    return server;
  }

  ~PgServer() {
    if (owned_) Script("stop");
  }
  PgServer(const PgServer&) = delete;
  PgServer& operator=(const PgServer&) = delete;

  // The libpq URL of `database` on this server.
  std::string Url(const std::string& database) const {
    std::string url = "postgresql:///";
    url += database;
    url += "?host=";
    url += dir_;
    url += "&user=qc";
    return url;
  }

  // Runs `sql` on the "postgres" database; false with *error on failure.
  bool Exec(const std::string& sql, std::string* error) const {
    return ExecOn(Url("postgres"), sql, error);
  }

  // SIGKILL to the server and its backends: a crash.
  bool Kill9() { return Script("kill9"); }
  // Starts it again on the same data (crash recovery runs).
  bool Restart() { return Script("restart"); }

  static bool ExecOn(const std::string& url, const std::string& sql,
                     std::string* error) {
    PGconn* conn = PQconnectdb(url.c_str());
    bool ok = PQstatus(conn) == CONNECTION_OK;
    if (ok) {
      PGresult* result = PQexec(conn, sql.c_str());
      const ExecStatusType status = PQresultStatus(result);
      ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
      PQclear(result);
    }
    if (!ok && error != nullptr) *error = PQerrorMessage(conn);
    PQfinish(conn);
    return ok;
  }

 private:
  PgServer(std::string dir, bool owned) : dir_(std::move(dir)), owned_(owned) {}

  bool Script(const std::string& command) const {
    std::string line = QC_SOURCE_DIR "/tests/support/pg_server.sh ";
    line += command;
    line += " '";
    line += dir_;
    line += "' ";
    line += std::to_string(::getpid());
    line += " >/dev/null";
    return std::system(line.c_str()) == 0;
  }

  // False with the reason pg_server.sh left when it found no PostgreSQL.
  bool Available(std::string* why) const {
    std::ifstream unavailable(dir_ + "/unavailable");
    if (unavailable) {
      std::stringstream reason;
      reason << unavailable.rdbuf();
      *why = reason.str();
      return false;
    }
    std::string error;
    if (!Exec("SELECT 1", &error)) {
      *why = "no PostgreSQL server in " + dir_ + ": " + error;
      return false;
    }
    return true;
  }

  const std::string dir_;
  const bool owned_;
};

// The server this process's tests share (see the file comment); nullptr with
// *why when there is none. Started at most once per process.
inline PgServer* SharedPgServer(std::string* why) {
  static std::string reason;
  static std::unique_ptr<PgServer> server = [] {
    const char* dir = std::getenv("QC_TEST_PG_DIR");
    return dir != nullptr ? PgServer::Attach(dir, &reason)
                          : PgServer::Start(&reason);
  }();
  if (server == nullptr) *why = reason;
  return server.get();
}

// A database of its own for one test on `server`. Not dropped at the end:
// DROP DATABASE forces a checkpoint (half a second with fsync on), and the
// whole server directory goes when the server stops.
class PgDatabase {
 public:
  PgDatabase(const PgServer& server, std::string* error) : server_(server) {
    static std::atomic<int> counter{0};
    name_ =
        "qc_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    created_ = server_.Exec("CREATE DATABASE " + name_, error);
  }
  PgDatabase(const PgDatabase&) = delete;
  PgDatabase& operator=(const PgDatabase&) = delete;

  bool created() const { return created_; }
  std::string url() const { return server_.Url(name_); }

 private:
  const PgServer& server_;
  std::string name_;
  bool created_ = false;
};

}  // namespace qiancheng::testing

#endif  // QIANCHENG_TESTS_SUPPORT_PG_SERVER_H_
