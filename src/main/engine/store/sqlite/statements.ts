import type Database from 'better-sqlite3';

/** The hot-path statements, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  return {
    getPolling: db.prepare(`SELECT * FROM polling_state WHERE stream = 'main'`),
    insertEvent: db.prepare(
      // ON CONFLICT (not OR IGNORE): only a duplicate is skipped; a NOT NULL violation still fails.
      `INSERT INTO events (event_id, network_epoch, contract_id, event_type, ledger_sequence, created_at,
        stored_at, data, topics, raw_topics, raw_value, category, priority, tx_hash, dedup_key, decode_status, decode_error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    ),
    insertOutbox: db.prepare('INSERT INTO outbox (event_seq, created_at) VALUES (?, ?)'),
    setCursor: db.prepare(`UPDATE polling_state SET cursor = ?, updated_at = ? WHERE stream = 'main'`),
    setCheckpoint: db.prepare(
      `UPDATE polling_state SET checkpoint_ledger = ?, checkpoint_hash = ?, updated_at = ? WHERE stream = 'main'`,
    ),
    advanceBackfill: db.prepare(
      `UPDATE backfills SET cursor = ?, events = events + ?, updated_at = ? WHERE contract_id = ? AND status = 'running'`,
    ),
    setPassphrase: db.prepare(`UPDATE polling_state SET network_passphrase = ?, updated_at = ? WHERE stream = 'main'`),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
