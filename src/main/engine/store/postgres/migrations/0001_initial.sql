-- The same tables as SQLite's 0001_initial. Times stay ISO-8601 text so both stores order and
-- format them identically; event JSON keeps its key order (json, not jsonb), like SQLite.
CREATE TABLE events (
  seq             BIGSERIAL PRIMARY KEY,
  event_id        TEXT    NOT NULL,
  network_epoch   INTEGER NOT NULL,
  contract_id     TEXT    NOT NULL,
  event_type      TEXT    NOT NULL,
  ledger_sequence INTEGER NOT NULL,
  created_at      TEXT    NOT NULL,
  stored_at       TEXT    NOT NULL,
  processed_at    TEXT,
  data            JSON    NOT NULL,
  topics          JSON    NOT NULL,
  raw_topics      JSON    NOT NULL,
  raw_value       TEXT    NOT NULL,
  category        TEXT,
  priority        TEXT,
  tx_hash         TEXT,
  dedup_key       TEXT    NOT NULL,
  decode_status   TEXT    NOT NULL,
  decode_error    TEXT
);
CREATE UNIQUE INDEX events_dedup_key ON events (network_epoch, dedup_key);
CREATE UNIQUE INDEX events_event_id ON events (event_id, network_epoch);
CREATE INDEX events_contract_type ON events (contract_id, event_type, event_id);
CREATE INDEX events_created_at ON events (created_at);

CREATE TABLE outbox (
  id         BIGSERIAL PRIMARY KEY,
  event_seq  BIGINT NOT NULL REFERENCES events (seq) ON DELETE CASCADE,
  created_at TEXT   NOT NULL
);

CREATE TABLE polling_state (
  stream             TEXT PRIMARY KEY,
  network_passphrase TEXT,
  network_epoch      INTEGER NOT NULL DEFAULT 0,
  cursor             TEXT,
  resume_ledger      INTEGER,
  checkpoint_ledger  INTEGER,
  checkpoint_hash    TEXT,
  updated_at         TEXT
);
INSERT INTO polling_state (stream) VALUES ('main');

CREATE TABLE network_resets (
  epoch           INTEGER PRIMARY KEY,
  reason          TEXT NOT NULL,
  old_passphrase  TEXT,
  new_passphrase  TEXT,
  detected_at     TEXT NOT NULL
);

CREATE TABLE gaps (
  id            BIGSERIAL PRIMARY KEY,
  network_epoch INTEGER NOT NULL,
  from_ledger   INTEGER NOT NULL,
  to_ledger     INTEGER NOT NULL,
  reason        TEXT    NOT NULL,
  detected_at   TEXT    NOT NULL
);

CREATE TABLE contracts (
  contract_id  TEXT PRIMARY KEY,
  name         TEXT,
  event_types  JSONB NOT NULL DEFAULT '[]',
  start_ledger INTEGER,
  added_at     TEXT NOT NULL
);

CREATE TABLE contract_specs (
  contract_id TEXT PRIMARY KEY,
  wasm_hash   TEXT,
  entries     JSONB,
  fetched_at  TEXT NOT NULL
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value JSONB NOT NULL
);
