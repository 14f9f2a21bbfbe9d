CREATE TABLE backfills (
  contract_id  TEXT PRIMARY KEY,
  from_ledger  INTEGER NOT NULL,
  to_ledger    INTEGER NOT NULL,
  cursor       TEXT,
  events       INTEGER NOT NULL DEFAULT 0,
  status       TEXT    NOT NULL DEFAULT 'running',
  error        TEXT,
  started_at   TEXT    NOT NULL,
  updated_at   TEXT    NOT NULL
);
