// store/migrations/migrations.h -- the versioned schema of the SQLite store.
// Each migrations/NNNN_name.sql file is compiled into the library (CMake embeds
// it in a generated migrations.cc), so a binary never needs the source tree.
// SqliteStore::Open applies the pending ones in order, in one transaction,
// each with its row in schema_migrations.
// Invariants: versions are 1, 2, 3 ... without gaps, ascending; a released
// migration is never edited. Thread-safe: immutable data.
#ifndef QIANCHENG_STORE_MIGRATIONS_MIGRATIONS_H_
#define QIANCHENG_STORE_MIGRATIONS_MIGRATIONS_H_

#include <span>
#include <string_view>

namespace qiancheng::store {

struct Migration {
  int version = 0;        // NNNN of the file name
  std::string_view name;  // the file name without ".sql", e.g. "0001_init"
  std::string_view sql;   // the statements, run as one script
};

// All migrations, ascending by version.
std::span<const Migration> Migrations();

}  // namespace qiancheng::store

#endif  // QIANCHENG_STORE_MIGRATIONS_MIGRATIONS_H_
