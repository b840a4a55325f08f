-- 0003_change_notify: wakes the replicas that tail the change log (issue 11:
-- "LISTEN/NOTIFY to wake, the sequence to resume"). Every entity write moves
-- change_counter (postgres_store_writes.cc), so a statement trigger on it
-- sends one payload-free notice on channel qiancheng_changes. PostgreSQL
-- delivers a notice only when, and after, the writing transaction commits, and
-- folds identical notices of one transaction into one; a listener therefore
-- never wakes for a write it cannot yet read. The notice carries no sequence:
-- a woken replica asks ChangesSince(its applied sequence), so a lost notice
-- (a listener reconnecting) costs latency, never a change.
CREATE FUNCTION qc_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('qiancheng_changes', '');
  RETURN NULL;
END
$fn$;
CREATE TRIGGER change_counter_notify AFTER UPDATE ON change_counter
  FOR EACH STATEMENT EXECUTE FUNCTION qc_notify_change();
