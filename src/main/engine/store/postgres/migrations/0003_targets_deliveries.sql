-- Where notifications go; SQLite's 0003 has the same tables. `config` and `match` are json, not
-- jsonb, so they read back with their keys in the order written (headers, templates), as there.
CREATE TABLE targets (
  id         BIGSERIAL PRIMARY KEY,
  name       TEXT    NOT NULL,
  kind       TEXT    NOT NULL,
  enabled    BOOLEAN NOT NULL DEFAULT true,
  config     JSON    NOT NULL,
  created_at TEXT    NOT NULL,
  updated_at TEXT    NOT NULL
);

CREATE TABLE rules (
  id         BIGSERIAL PRIMARY KEY,
  target_id  BIGINT NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  match      JSON   NOT NULL,
  created_at TEXT   NOT NULL,
  updated_at TEXT   NOT NULL
);
CREATE INDEX rules_target ON rules (target_id);

-- The outbox fanned out: one row per (event, target), its state and its lease. Times that are
-- compared are epoch milliseconds, from the dispatcher's clock.
CREATE TABLE deliveries (
  id               BIGSERIAL PRIMARY KEY,
  event_seq        BIGINT  NOT NULL REFERENCES events (seq) ON DELETE CASCADE,
  target_id        BIGINT  NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
  rule_id          BIGINT  REFERENCES rules (id) ON DELETE SET NULL,
  webhook_id       TEXT    NOT NULL,
  status           TEXT    NOT NULL CHECK (status IN ('pending', 'failed', 'delivered', 'dead')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  BIGINT,
  last_http_status INTEGER,
  last_error_code  TEXT,
  last_error       TEXT,
  lease_owner      TEXT,
  lease_expires_at BIGINT,
  created_at       TEXT    NOT NULL,
  created_ms       BIGINT  NOT NULL,
  updated_at       TEXT    NOT NULL,
  delivered_at     TEXT
);
CREATE UNIQUE INDEX deliveries_event_target ON deliveries (event_seq, target_id);
CREATE INDEX deliveries_open ON deliveries (target_id, id) WHERE status IN ('pending', 'failed');
CREATE INDEX deliveries_target_status ON deliveries (target_id, status, id);
CREATE INDEX deliveries_status ON deliveries (status, id);

CREATE TABLE delivery_attempts (
  id             BIGSERIAL PRIMARY KEY,
  delivery_id    BIGINT  NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
  attempt        INTEGER NOT NULL,
  started_at     TEXT    NOT NULL,
  duration_ms    BIGINT  NOT NULL,
  ok             BOOLEAN NOT NULL,
  http_status    INTEGER,
  error_code     TEXT,
  error          TEXT,
  retry_after_ms BIGINT
);
CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id, id);
