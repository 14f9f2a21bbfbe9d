-- What the API's event queries need; SQLite's 0002 explains each index. PostgreSQL picks among
-- them itself (it keeps statistics), so the list columns of events_order are INCLUDEd rather
-- than keyed: filters are still tested in the index, and its keys stay small.
-- Event ids and close times compare as bytes (COLLATE "C"), as in SQLite, so paging and time
-- filters order the same whatever locale the database was created with.
ALTER TABLE events
  ALTER COLUMN event_id TYPE TEXT COLLATE "C",
  ALTER COLUMN created_at TYPE TEXT COLLATE "C";
CREATE INDEX events_order ON events (network_epoch, event_id) INCLUDE (contract_id, event_type, category, priority, created_at);
CREATE INDEX events_contract_order ON events (contract_id, network_epoch, event_id);
DROP INDEX events_contract_type;
CREATE INDEX events_contract_type ON events (contract_id, event_type, network_epoch, event_id);

-- The time as SQLite's strftime('%Y-%m-%dT%H:%M:%fZ', 'now') writes it (= toISOString()).
CREATE FUNCTION iso_now() RETURNS TEXT LANGUAGE sql VOLATILE AS $$
  SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- Deletions (retention) bump this, so cached totals and Last-Modified notice rows going away;
-- the trigger runs once per DELETE statement and adds the rows it removed. Inserts need no
-- trigger: ingest commits one at a time (polling_state row lock), so `seq` grows in commit
-- order and the API compares max(seq).
CREATE TABLE event_deletions (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  count      BIGINT  NOT NULL,
  deleted_at TEXT
);
INSERT INTO event_deletions (id, count, deleted_at) VALUES (1, 0, NULL);
CREATE FUNCTION events_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE event_deletions SET count = count + (SELECT count(*) FROM gone), deleted_at = iso_now()
  WHERE id = 1 AND EXISTS (SELECT 1 FROM gone);
  RETURN NULL;
END
$$;
CREATE TRIGGER events_deleted AFTER DELETE ON events
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION events_deleted();

-- Scheduled notifications, in the seed's columns; the scheduler writes them, the API reads them.
-- `updated_at` drives Last-Modified and is kept current by the trigger whatever the writer does.
CREATE TABLE notifications (
  id            TEXT PRIMARY KEY,
  creator       TEXT,
  created_at    TEXT    NOT NULL,
  expires_at    TEXT,
  revoked_by    TEXT,
  revoked_at    TEXT,
  scheduled_for TEXT,
  delivered     BOOLEAN NOT NULL DEFAULT false,
  delivered_at  TEXT,
  updated_at    TEXT    NOT NULL DEFAULT iso_now()
);
CREATE FUNCTION notifications_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
    NEW.updated_at := iso_now();
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER notifications_touched BEFORE UPDATE ON notifications
  FOR EACH ROW EXECUTE FUNCTION notifications_touched();
