-- What the API's event queries need. Each index returns rows already in the API's order,
-- (network_epoch, event_id), so a page reads about `limit` rows: overall, per contract, and per
-- contract and event type. Their keys grow with the chain, so ingest appends to them (measured
-- at 200k batched inserts: 5-10% slower than 0001 alone, about this machine's noise). The 0001
-- (contract_id, event_type, event_id) index is replaced, not added to: with the epoch before the
-- event id it serves its lookups and the API's order.
-- events_order also carries the filter columns: a filtered page tests them in the index before
-- reading a row, and counting `total` for any filter without a contract reads only the index
-- (about a tenth of the table's bytes) instead of every row.
CREATE INDEX events_order ON events (network_epoch, event_id, contract_id, event_type, category, priority, created_at);
CREATE INDEX events_contract_order ON events (contract_id, network_epoch, event_id);
DROP INDEX events_contract_type;
CREATE INDEX events_contract_type ON events (contract_id, event_type, network_epoch, event_id);

-- Deletions (retention) bump this, so cached totals and Last-Modified notice rows going away.
-- Inserts need no trigger: `seq` only grows, and the API compares max(seq).
CREATE TABLE event_deletions (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  count      INTEGER NOT NULL,
  deleted_at TEXT
);
INSERT INTO event_deletions (id, count, deleted_at) VALUES (1, 0, NULL);
CREATE TRIGGER events_deleted AFTER DELETE ON events
BEGIN
  UPDATE event_deletions SET count = count + 1, deleted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1;
END;

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
  delivered     INTEGER NOT NULL DEFAULT 0,
  delivered_at  TEXT,
  updated_at    TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TRIGGER notifications_touched AFTER UPDATE ON notifications
WHEN NEW.updated_at IS OLD.updated_at
BEGIN
  UPDATE notifications SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;
