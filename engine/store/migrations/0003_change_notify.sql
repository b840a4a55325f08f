-- 0003_change_notify: nothing to change in SQLite. The PostgreSQL dialect of
-- this version (migrations_pg/0003_change_notify.sql) adds a commit notice for
-- replicas tailing the change log; SQLite has no cross-process notices (one
-- process serves an embedded store; an import into it is found by polling),
-- and the two dialects keep the same version numbers.
SELECT 1;
