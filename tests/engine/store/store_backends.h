// tests/engine/store/store_backends.h -- runs one Store contract test against
// every backend: BackendTest is a TEST_P fixture whose parameter is the
// backend; each test gets an empty location of its own (a SQLite file in a
// temporary directory, or a fresh database on the shared PostgreSQL test
// server) and opens it through OpenStore, as the binary does. Without a
// PostgreSQL server the PostgreSQL cases skip, or fail under CI=true.
#ifndef QIANCHENG_TESTS_ENGINE_STORE_STORE_BACKENDS_H_
#define QIANCHENG_TESTS_ENGINE_STORE_STORE_BACKENDS_H_

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>
#include <ostream>
#include <string>

#include "store/open_store.h"
#include "store/postgres_store.h"
#include "store/sqlite_store.h"
#include "store_test_util.h"
#include "support/pg_server.h"

namespace qiancheng::store::testing {

enum class Backend { kSqlite, kPostgres };

inline std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}
// How gtest prints the parameter in failure messages.
inline void PrintTo(Backend backend, std::ostream* os) {
  *os << (backend == Backend::kSqlite ? "Sqlite" : "Postgres");
}

// One empty store location for one test; removed with the object.
class StoreLocation {
 public:
  virtual ~StoreLocation() = default;
  // What OpenStore takes.
  virtual std::string location() const = 0;
  // Runs `sql` on the database directly, as another tool (or a newer binary)
  // would; false with *error on failure.
  virtual bool RawExec(const std::string& sql, std::string* error) const = 0;
  // SQL that makes every later insert of the entity `id` fail inside the
  // store's transaction (after earlier rows of a batch were written).
  virtual std::string FailInsertsOfSql(const std::string& id) const = 0;
};

class SqliteLocation : public StoreLocation {
 public:
  std::string location() const override { return dir_.File("data/q.db"); }
  bool RawExec(const std::string& sql, std::string* error) const override {
    sqlite3* db = nullptr;
    bool ok = sqlite3_open(location().c_str(), &db) == SQLITE_OK;
    char* message = nullptr;
    ok = ok &&
         sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK;
    if (!ok) *error = message != nullptr ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    sqlite3_close(db);
    return ok;
  }
  std::string FailInsertsOfSql(const std::string& id) const override {
    std::string sql =
        "CREATE TRIGGER fail_insert BEFORE INSERT ON entities WHEN NEW.id = '";
    sql += id;
    sql += "' BEGIN SELECT RAISE(ABORT, 'injected failure'); END";
    return sql;
  }

 private:
  TempDir dir_;
};

class PostgresLocation : public StoreLocation {
 public:
  PostgresLocation(const qiancheng::testing::PgServer& server,
                   std::string* error)
      : database_(server, error) {}
  bool created() const { return database_.created(); }
  std::string location() const override { return database_.url(); }
  bool RawExec(const std::string& sql, std::string* error) const override {
    return qiancheng::testing::PgServer::ExecOn(location(), sql, error);
  }
  std::string FailInsertsOfSql(const std::string& id) const override {
    std::string sql =
        "CREATE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'injected failure'; END $$; "
        "CREATE TRIGGER fail_insert BEFORE INSERT ON entities FOR EACH ROW "
        "WHEN (NEW.id = '";
    sql += id;
    sql += "') EXECUTE FUNCTION fail_insert()";
    return sql;
  }

 private:
  qiancheng::testing::PgDatabase database_;
};

// A new empty location of `backend`; nullptr with *why when the backend is
// not available here.
inline std::unique_ptr<StoreLocation> MakeLocation(Backend backend,
                                                   std::string* why) {
  if (backend == Backend::kSqlite) return std::make_unique<SqliteLocation>();
  qiancheng::testing::PgServer* server =
      qiancheng::testing::SharedPgServer(why);
  if (server == nullptr) return nullptr;
  auto location = std::make_unique<PostgresLocation>(*server, why);
  if (!location->created()) return nullptr;
  return location;
}

// The schema version of a store of either backend.
inline Result<int> SchemaVersionOf(const Store& store) {
  if (const auto* sqlite = dynamic_cast<const SqliteStore*>(&store)) {
    return sqlite->SchemaVersion();
  }
  if (const auto* postgres = dynamic_cast<const PostgresStore*>(&store)) {
    return postgres->SchemaVersion();
  }
  return Status::Internal("unknown backend");
}

class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string why;
    location_ = MakeLocation(GetParam(), &why);
    if (location_ != nullptr) return;
    if (qiancheng::testing::InCi()) FAIL() << "PostgreSQL required: " << why;
    GTEST_SKIP() << "PostgreSQL not available: " << why;
  }

  // Opens (or reopens) this test's store; nullptr after a failed expectation.
  std::unique_ptr<Store> OpenOrDie() const {
    Result<std::unique_ptr<Store>> store = OpenStore(location_->location());
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(store).value() : nullptr;
  }
  void RawExec(const std::string& sql) const {
    std::string error;
    EXPECT_TRUE(location_->RawExec(sql, &error)) << error;
  }

  std::unique_ptr<StoreLocation> location_;
};

// Instantiates the TEST_Ps of `suite` (a BackendTest) once per backend.
#define QC_INSTANTIATE_FOR_BACKENDS(suite)                                \
  INSTANTIATE_TEST_SUITE_P(                                               \
      Backends, suite,                                                    \
      ::testing::Values(::qiancheng::store::testing::Backend::kSqlite,    \
                        ::qiancheng::store::testing::Backend::kPostgres), \
      ::qiancheng::store::testing::BackendName)

}  // namespace qiancheng::store::testing

#endif  // QIANCHENG_TESTS_ENGINE_STORE_STORE_BACKENDS_H_
