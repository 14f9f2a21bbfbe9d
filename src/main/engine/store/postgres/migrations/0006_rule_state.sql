-- Same as SQLite's 0006: the rule engine's state per rule, and the decoder-health index.
CREATE TABLE rule_state (
  rule_id    BIGINT PRIMARY KEY,
  state      TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE INDEX events_decode_problems ON events (contract_id, decode_status, event_type) WHERE decode_status <> 'spec';
