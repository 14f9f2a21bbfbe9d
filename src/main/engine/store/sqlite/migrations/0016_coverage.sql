-- Coverage: per contract and network epoch, the ledger ranges whose events the archive holds
-- completely (read live, backfilled or imported). Holes are what lies between them.
CREATE TABLE coverage (
  network_epoch INTEGER NOT NULL,
  contract_id   TEXT    NOT NULL,
  from_ledger   INTEGER NOT NULL,
  to_ledger     INTEGER NOT NULL,
  source        TEXT    NOT NULL,
  recorded_at   TEXT    NOT NULL
);
CREATE INDEX coverage_contract ON coverage (network_epoch, contract_id, from_ledger);

-- The last ledger the live stream has read without a break (null: the next read starts anew
-- at resume_ledger, after a gap, a reset or on first run). Older databases start counting now.
ALTER TABLE polling_state ADD COLUMN covered_to INTEGER;
UPDATE polling_state SET covered_to = checkpoint_ledger;

-- Per-contract retention: null = the global RETENTION_DAYS, 0 = keep forever, N = N days.
ALTER TABLE contracts ADD COLUMN retention_days INTEGER;
