// store/migrations_pg/migrations_pg.h -- the versioned schema of the
// PostgreSQL store: the same migrations as store/migrations/ (same version
// numbers and names), written in PostgreSQL's dialect. Each
// migrations_pg/NNNN_name.sql is embedded at configure time like the SQLite
// ones. PostgresStore::Open applies the pending ones in one transaction.
// Invariants: versions are 1, 2, 3 ... without gaps and match Migrations()
// one for one. Thread-safe: immutable data.
#ifndef QIANCHENG_STORE_MIGRATIONS_PG_MIGRATIONS_PG_H_
#define QIANCHENG_STORE_MIGRATIONS_PG_MIGRATIONS_PG_H_

#include <span>

#include "store/migrations/migrations.h"

namespace qiancheng::store {

// All PostgreSQL migrations, ascending by version.
std::span<const Migration> PostgresMigrations();

}  // namespace qiancheng::store

#endif  // QIANCHENG_STORE_MIGRATIONS_PG_MIGRATIONS_PG_H_
