-- 0001_init (PostgreSQL dialect of migrations/0001_init.sql): entities, the
-- change log, meta values and API keys. Applied by store/postgres_store.cc
-- inside one transaction, then recorded in schema_migrations. Same version
-- numbers as the SQLite migrations. Never edit a released migration.

-- Text columns that are compared or ordered use the "C" collation: List pages
-- walk ids in byte order, as SQLite does, whatever the database's locale.
CREATE TABLE entities (
  kind TEXT COLLATE "C" NOT NULL,  -- SingularName(kind)
  id TEXT COLLATE "C" NOT NULL,    -- IdOf(entity)
  region TEXT COLLATE "C",         -- 6-digit region code, NULL without one
  worker_id TEXT COLLATE "C",      -- an outcome's worker
  body TEXT NOT NULL,              -- the stored JSON form, as in SQLite
  seq BIGINT NOT NULL,             -- change-log sequence of the last write
  PRIMARY KEY (kind, id)
);

-- One row per committed write. `seq` is not an identity column: it comes from
-- change_counter below, so that sequence order is commit order.
CREATE TABLE changes (
  seq BIGINT PRIMARY KEY,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  committed_at TEXT NOT NULL  -- ISO 8601 UTC
);

-- The last sequence handed out: exactly one row. Every entity write updates it
-- first, so the row lock serialises writers from that point to their commit
-- (see postgres_store_writes.cc). Rolled back with a failed write, so a
-- sequence is never skipped; never decreases, so never reused.
CREATE TABLE change_counter (
  only_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
  last_seq BIGINT NOT NULL
);
INSERT INTO change_counter (only_row, last_seq) VALUES (TRUE, 0);

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- API keys: the secret itself is never stored, only its hash.
CREATE TABLE api_keys (
  key_id TEXT COLLATE "C" PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  regions TEXT NOT NULL,  -- region codes joined by ','
  created_at TEXT NOT NULL,
  revoked BOOLEAN NOT NULL DEFAULT FALSE
);
