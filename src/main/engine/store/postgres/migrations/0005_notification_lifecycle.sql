-- Same columns and indexes as SQLite's 0005 (which explains them), after 0002 created
-- `notifications`. Times stay ISO 8601 text and compare as bytes (COLLATE "C"), as in SQLite.
ALTER TABLE notifications
  ADD COLUMN local                 BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN contract_id           TEXT,
  ADD COLUMN message               TEXT,
  ADD COLUMN target_ids            TEXT    NOT NULL DEFAULT '[]',
  ADD COLUMN expired_at            TEXT,
  ADD COLUMN finished_at           TEXT,
  ADD COLUMN scheduled_event       TEXT,
  ADD COLUMN expires_event         TEXT,
  ADD COLUMN revoked_event         TEXT,
  ADD COLUMN expired_event         TEXT,
  ADD COLUMN delivered_event       TEXT,
  ADD COLUMN lease_owner           TEXT,
  ADD COLUMN lease_expires_at      BIGINT,
  ADD COLUMN chain_expiry_next_at  BIGINT,
  ADD COLUMN chain_expiry_attempts INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN chain_expiry_tx       TEXT,
  ADD COLUMN chain_expiry_error    TEXT;

CREATE INDEX notifications_due ON notifications ((scheduled_for COLLATE "C"))
  WHERE NOT delivered AND revoked_at IS NULL AND expired_at IS NULL AND scheduled_for IS NOT NULL;
CREATE INDEX notifications_expiring ON notifications ((expires_at COLLATE "C"))
  WHERE NOT delivered AND revoked_at IS NULL AND expired_at IS NULL AND expires_at IS NOT NULL;
CREATE INDEX notifications_chain_expiry ON notifications (chain_expiry_next_at) WHERE chain_expiry_next_at IS NOT NULL;
CREATE INDEX notifications_finished ON notifications ((finished_at COLLATE "C")) WHERE finished_at IS NOT NULL;
CREATE INDEX notifications_listing ON notifications ((created_at COLLATE "C"), (id COLLATE "C"));
