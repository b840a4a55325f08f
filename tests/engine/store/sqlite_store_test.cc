// Tests of what only store/sqlite_store.h promises: opening a path (parent
// directories, WAL). The Store contract itself runs on every backend in
// store_contract_test.cc and store_list_test.cc.
#include "store/sqlite_store.h"

#include <gtest/gtest.h>

#include "store/migrations/migrations.h"
#include "store_test_util.h"

namespace qiancheng::store {
namespace {

using testing::TempDir;

std::unique_ptr<SqliteStore> OpenOrDie(const std::string& path) {
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path);
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? std::move(store).value() : nullptr;
}

TEST(Migrations, AreNumberedFromOneWithoutGaps) {
  ASSERT_FALSE(Migrations().empty());
  for (size_t i = 0; i < Migrations().size(); ++i) {
    EXPECT_EQ(Migrations()[i].version, static_cast<int>(i) + 1)
        << Migrations()[i].name;
    EXPECT_FALSE(Migrations()[i].sql.empty());
  }
}

TEST(SqliteStore, OpenCreatesParentDirectoriesAndAppliesMigrationsOnce) {
  TempDir dir;
  const std::string path = dir.File("a/b/qiancheng.db");
  {
    auto store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(store->SchemaVersion().value(), Migrations().back().version);
  }
  auto store = OpenOrDie(path);  // reopening applies nothing again
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->SchemaVersion().value(), Migrations().back().version);
}

TEST(SqliteStore, RefusesAStoreWithoutWal) {
  // An in-memory database cannot use WAL: Open must refuse rather than run
  // without the durability it promises.
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(":memory:");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Code::kFailedPrecondition) << store.status();
}

TEST(SqliteStore, OpenFailsWhenTheDirectoryCannotBeMade) {
  TempDir dir;
  ASSERT_NE(OpenOrDie(dir.File("file.db")), nullptr);
  // A path "under" a regular file.
  Result<std::unique_ptr<SqliteStore>> store =
      SqliteStore::Open(dir.File("file.db/sub/q.db"));
  EXPECT_FALSE(store.ok());
}

}  // namespace
}  // namespace qiancheng::store
