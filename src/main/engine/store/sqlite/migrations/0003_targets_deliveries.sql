-- Where notifications go. `config` is the kind's JSON config with every secret leaf sealed.
CREATE TABLE targets (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL,
  kind       TEXT    NOT NULL,
  enabled    INTEGER NOT NULL DEFAULT 1,
  config     TEXT    NOT NULL,
  created_at TEXT    NOT NULL,
  updated_at TEXT    NOT NULL
);

-- Which events go to a target. One per target today; its own table (and a JSON `match`) so
-- conditions, thresholds and noise controls can be added without touching targets.
CREATE TABLE rules (
  id         INTEGER PRIMARY KEY,
  target_id  INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  match      TEXT    NOT NULL,
  created_at TEXT    NOT NULL,
  updated_at TEXT    NOT NULL
);
CREATE INDEX rules_target ON rules (target_id);

-- The outbox fanned out: one row per (event, target), its state and its lease. Times that are
-- compared are epoch milliseconds. `webhook_id` is fixed at creation so every retry and every
-- redelivery carries the same id.
CREATE TABLE deliveries (
  id               INTEGER PRIMARY KEY,
  event_seq        INTEGER NOT NULL REFERENCES events (seq) ON DELETE CASCADE,
  target_id        INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  rule_id          INTEGER REFERENCES rules (id) ON DELETE SET NULL,
  webhook_id       TEXT    NOT NULL,
  status           TEXT    NOT NULL CHECK (status IN ('pending', 'failed', 'delivered', 'dead')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER,
  last_http_status INTEGER,
  last_error_code  TEXT,
  last_error       TEXT,
  lease_owner      TEXT,
  lease_expires_at INTEGER,
  created_at       TEXT    NOT NULL,
  created_ms       INTEGER NOT NULL,
  updated_at       TEXT    NOT NULL,
  delivered_at     TEXT
);
CREATE UNIQUE INDEX deliveries_event_target ON deliveries (event_seq, target_id);
-- The per-target queue: open deliveries in order. Partial, so finished ones cost nothing here.
CREATE INDEX deliveries_open ON deliveries (target_id, id) WHERE status IN ('pending', 'failed');
CREATE INDEX deliveries_target_status ON deliveries (target_id, status, id);
CREATE INDEX deliveries_status ON deliveries (status, id);

-- Every attempt: when, how long, the HTTP status and the error code.
CREATE TABLE delivery_attempts (
  id             INTEGER PRIMARY KEY,
  delivery_id    INTEGER NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
  attempt        INTEGER NOT NULL,
  started_at     TEXT    NOT NULL,
  duration_ms    INTEGER NOT NULL,
  ok             INTEGER NOT NULL,
  http_status    INTEGER,
  error_code     TEXT,
  error          TEXT,
  retry_after_ms INTEGER
);
CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id, id);
