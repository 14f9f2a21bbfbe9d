-- The rule engine's memory per rule (JSON: window buckets, silence, noise control, counters).
-- No foreign key to rules: the engine prunes states of deleted rules itself, the same way on
-- PostgreSQL, where this migration may run before the dispatch tables exist.
CREATE TABLE rule_state (
  rule_id    INTEGER PRIMARY KEY,
  state      TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Decoder health counts only the events that did not decode by name: a partial index keeps
-- that count from reading the (much larger) rest of the table.
CREATE INDEX events_decode_problems ON events (contract_id, decode_status, event_type) WHERE decode_status <> 'spec';
