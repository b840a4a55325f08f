-- 0001_init: entities, the change log, meta values and API keys.
-- Applied by store/sqlite_store.cc inside one transaction, then recorded in
-- schema_migrations. Never edit a released migration: add 0002_*.sql instead.

-- Every entity kind in one table: `body` is the stored JSON form
-- (core/json_codec.h CodecMode::kStored); the other columns are copies of
-- fields the store filters or joins on.
CREATE TABLE entities (
  kind TEXT NOT NULL,        -- SingularName(kind): "vacancy", "worker", ...
  id TEXT NOT NULL,          -- IdOf(entity)
  region TEXT,               -- 6-digit region code, NULL for kinds without one
  worker_id TEXT,            -- an outcome's worker (region scope goes through it)
  body TEXT NOT NULL,
  seq INTEGER NOT NULL,      -- change-log sequence of the last write
  UNIQUE (kind, id)
);
-- No other index: List walks (kind, id) in order and filters by region on the
-- way, and an outcome's worker is found through (kind, id) too. (An index on
-- (kind, region) made the planner scan a region's workers per outcome.) Add
-- indexes in a later migration together with the query that needs them.

-- One row per committed write. AUTOINCREMENT: a sequence is never reused, even
-- if the log is truncated one day.
CREATE TABLE changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  committed_at TEXT NOT NULL  -- ISO 8601 UTC
);

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- API keys: the secret itself is never stored, only its hash.
CREATE TABLE api_keys (
  key_id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  regions TEXT NOT NULL,  -- region codes joined by ','
  created_at TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
