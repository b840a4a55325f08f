-- 0002_feed: the push feed (recommend/feed.h). One row per item; the unique
-- (worker_id, dedupe_key) makes an event seen twice (or by two replicas)
-- write once, and (worker_id, day) serves the per-day cap.
CREATE TABLE feed_items (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  worker_id TEXT NOT NULL,
  dedupe_key TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('job', 'training')),
  target_id TEXT NOT NULL,
  event TEXT NOT NULL,
  reason TEXT NOT NULL,
  score_milli INTEGER NOT NULL,  -- score * 1000, rounded
  day TEXT NOT NULL,             -- YYYY-MM-DD
  created_at TEXT NOT NULL,      -- ISO 8601 UTC
  acked INTEGER NOT NULL DEFAULT 0,
  UNIQUE (worker_id, dedupe_key)
);
CREATE INDEX feed_items_by_worker_day ON feed_items (worker_id, day);
