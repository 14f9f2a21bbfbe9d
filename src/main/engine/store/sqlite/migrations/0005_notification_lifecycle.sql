-- Notifications as the scheduler keeps them: rows from contract events and local reminders
-- (local = 1), with the key (zero-padded epoch ':' event id) of the event that last set each
-- field, so events arriving late or twice leave the row as if they had come in order. Leases
-- (owner, expiry in epoch ms) let several processors share due rows; `finished_at` is when a
-- row closed, for retention. `chain_expiry_*` track calling expire_notification on chain.
ALTER TABLE notifications ADD COLUMN local INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notifications ADD COLUMN contract_id TEXT;
ALTER TABLE notifications ADD COLUMN message TEXT;
ALTER TABLE notifications ADD COLUMN target_ids TEXT NOT NULL DEFAULT '[]';
ALTER TABLE notifications ADD COLUMN expired_at TEXT;
ALTER TABLE notifications ADD COLUMN finished_at TEXT;
ALTER TABLE notifications ADD COLUMN scheduled_event TEXT;
ALTER TABLE notifications ADD COLUMN expires_event TEXT;
ALTER TABLE notifications ADD COLUMN revoked_event TEXT;
ALTER TABLE notifications ADD COLUMN expired_event TEXT;
ALTER TABLE notifications ADD COLUMN delivered_event TEXT;
ALTER TABLE notifications ADD COLUMN lease_owner TEXT;
ALTER TABLE notifications ADD COLUMN lease_expires_at INTEGER;
ALTER TABLE notifications ADD COLUMN chain_expiry_next_at INTEGER;
ALTER TABLE notifications ADD COLUMN chain_expiry_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notifications ADD COLUMN chain_expiry_tx TEXT;
ALTER TABLE notifications ADD COLUMN chain_expiry_error TEXT;

-- Open rows only (partial), so closed ones cost the scheduler nothing.
CREATE INDEX notifications_due ON notifications (scheduled_for)
  WHERE delivered = 0 AND revoked_at IS NULL AND expired_at IS NULL AND scheduled_for IS NOT NULL;
CREATE INDEX notifications_expiring ON notifications (expires_at)
  WHERE delivered = 0 AND revoked_at IS NULL AND expired_at IS NULL AND expires_at IS NOT NULL;
CREATE INDEX notifications_chain_expiry ON notifications (chain_expiry_next_at) WHERE chain_expiry_next_at IS NOT NULL;
CREATE INDEX notifications_finished ON notifications (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX notifications_listing ON notifications (created_at, id);
