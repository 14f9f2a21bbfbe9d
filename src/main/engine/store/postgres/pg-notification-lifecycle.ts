// Notification rows from a page of contract events, on PostgreSQL, inside the ingest
// transaction: the page's changes are reduced to the one that counts per notification and kind
// (reduceChanges), then applied in a few set-wide statements instead of two round trips per
// event. SET sees each row as it was, as SQLite's per-event statements do.
import type pg from 'pg';
import type { StoredEvent } from '../../../../shared/model';
import { lifecycleChanges, reduceChanges, type LifecycleChange } from '../../scheduler/lifecycle-events';

const C = (column: string) => `${column} COLLATE "C"`;
const FINISH_AT = `finished_at = CASE WHEN n.finished_at IS NULL OR ${C('n.finished_at')} > c.at THEN c.at ELSE n.finished_at END`;
const REOPEN = `n.expired_event IS NULL AND n.expired_at IS NOT NULL AND c.expires_at > ${C('n.expired_at')}`;

/** Per kind: the extra columns it carries, what it sets, and the stored event key it must beat. */
const CHANGES: Record<LifecycleChange['kind'], { columns: string[]; set: string; wins: string }> = {
  scheduled: {
    columns: ['contract_id', 'creator'],
    set: 'creator = c.creator, created_at = c.at, contract_id = c.contract_id, scheduled_event = c.key',
    wins: `n.scheduled_event IS NULL OR ${C('n.scheduled_event')} > c.key`,
  },
  // The latest extension wins; one that comes after the scheduler closed the row on an older
  // expiry reopens it (the chain has not expired it, it was extended).
  expires: {
    columns: ['expires_at'],
    set: `expires_at = c.expires_at, expires_event = c.key,
      finished_at = CASE WHEN ${REOPEN} AND n.revoked_at IS NULL AND NOT n.delivered THEN NULL ELSE n.finished_at END,
      chain_expiry_next_at = CASE WHEN ${REOPEN} THEN NULL ELSE n.chain_expiry_next_at END,
      expired_at = CASE WHEN ${REOPEN} THEN NULL ELSE n.expired_at END`,
    wins: `n.expires_event IS NULL OR ${C('n.expires_event')} < c.key`,
  },
  revoked: {
    columns: ['revoked_by'],
    set: `revoked_by = c.revoked_by, revoked_at = c.at, revoked_event = c.key, ${FINISH_AT}, chain_expiry_next_at = NULL`,
    wins: `n.revoked_event IS NULL OR ${C('n.revoked_event')} > c.key`,
  },
  expired: {
    columns: [],
    set: `expired_at = c.at, expired_event = c.key, ${FINISH_AT}, chain_expiry_next_at = NULL`,
    wins: `n.expired_event IS NULL OR ${C('n.expired_event')} > c.key`,
  },
  delivered: {
    columns: [],
    set: `delivered = TRUE, delivered_at = c.at, delivered_event = c.key, ${FINISH_AT}, chain_expiry_next_at = NULL`,
    wins: `n.delivered_event IS NULL OR ${C('n.delivered_event')} > c.key`,
  },
};

// A row first seen through a later event: created_at is the earliest ledger time seen until
// notification_scheduled says when it was created.
const PLACEHOLDERS = `INSERT INTO notifications (id, contract_id, created_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
  ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at
  WHERE NOT notifications.local AND notifications.scheduled_event IS NULL AND ${C('excluded.created_at')} < notifications.created_at`;

function value(change: LifecycleChange, column: string): string | null {
  if (column === 'contract_id') return change.contractId;
  if (column === 'creator' && change.kind === 'scheduled') return change.creator;
  if (column === 'expires_at' && change.kind === 'expires') return change.expiresAt;
  if (column === 'revoked_by' && change.kind === 'revoked') return change.by;
  return null;
}

export async function applyLifecycle(client: pg.PoolClient, events: StoredEvent[]): Promise<void> {
  const { placeholders, winners } = reduceChanges(events.flatMap(lifecycleChanges));
  if (placeholders.length === 0) return;
  await client.query(PLACEHOLDERS, [placeholders.map((p) => p.id), placeholders.map((p) => p.contractId), placeholders.map((p) => p.at)]);
  for (const [kind, sql] of Object.entries(CHANGES)) {
    const changes = winners.filter((w) => w.kind === kind);
    if (changes.length === 0) continue;
    const names = ['id', 'key', 'at', ...sql.columns];
    await client.query(
      `UPDATE notifications n SET ${sql.set}
       FROM unnest(${names.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS c(${names.join(', ')})
       WHERE n.id = c.id AND NOT n.local AND (${sql.wins})`,
      [changes.map((c) => c.id), changes.map((c) => c.key), changes.map((c) => c.at), ...sql.columns.map((col) => changes.map((c) => value(c, col)))],
    );
  }
}
