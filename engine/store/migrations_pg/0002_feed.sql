-- 0002_feed (PostgreSQL dialect of migrations/0002_feed.sql): the push feed
-- (recommend/feed.h). The unique (worker_id, dedupe_key) makes an event seen
-- twice (or by two replicas) write once; (worker_id, day) serves the daily
-- cap. seq is an identity column: AppendFeed holds a per-worker lock to
-- commit, so one worker's items commit in seq order.
CREATE TABLE feed_items (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  worker_id TEXT NOT NULL,
  dedupe_key TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('job', 'training')),
  target_id TEXT NOT NULL,
  event TEXT NOT NULL,
  reason TEXT NOT NULL,
  score_milli BIGINT NOT NULL,  -- score * 1000, rounded
  day TEXT NOT NULL,            -- YYYY-MM-DD
  created_at TEXT NOT NULL,     -- ISO 8601 UTC
  acked BOOLEAN NOT NULL DEFAULT FALSE,
  UNIQUE (worker_id, dedupe_key)
);
CREATE INDEX feed_items_by_worker_day ON feed_items (worker_id, day);
