// PostgreSQL side of the NotificationStore: the same rows and rules as SQLite's. Leases are taken
// with FOR UPDATE SKIP LOCKED, so processors on several instances never wait for or share a row.
// Text times compare with COLLATE "C" (byte order, as SQLite compares them).
import type pg from 'pg';
import type { NotificationState } from '../../../../shared/api/notifications';
import type { StoredEvent } from '../../../../shared/model';
import { notificationState } from '../../scheduler/notification-state';
import {
  rowToNotification,
  type ChainExpiryResult,
  type Completion,
  type LeaseOptions,
  type NotificationPage,
  type NotificationRecord,
  type NotificationStore,
  type ReminderInput,
  type RevokeResult,
} from '../notification-store';
import { insertEvents } from './insert-events';
import { applyLifecycle } from './pg-notification-lifecycle';
import { inTransaction } from './pg-pool';

type Queryable = Pick<pg.PoolClient, 'query'>;
const iso = (ms: number) => new Date(ms).toISOString();
const C = (column: string) => `${column} COLLATE "C"`;
const OPEN = 'NOT delivered AND revoked_at IS NULL AND expired_at IS NULL';
const LEASE_FREE = '(lease_owner IS NULL OR lease_expires_at <= @now)';

const STATE_SQL: Record<NotificationState, string> = {
  revoked: 'revoked_at IS NOT NULL',
  delivered: 'revoked_at IS NULL AND delivered',
  expired: `revoked_at IS NULL AND NOT delivered AND (expired_at IS NOT NULL OR ${C('expires_at')} <= @nowIso)`,
  due: `${OPEN} AND (expires_at IS NULL OR ${C('expires_at')} > @nowIso) AND ${C('scheduled_for')} <= @nowIso`,
  scheduled: `${OPEN} AND (expires_at IS NULL OR ${C('expires_at')} > @nowIso) AND (scheduled_for IS NULL OR ${C('scheduled_for')} > @nowIso)`,
};

/** `@name` placeholders to pg's `$n`, so the statements above read like SQLite's. */
function named(text: string, params: Record<string, unknown>): { text: string; values: unknown[] } {
  const order: string[] = [];
  const out = text.replace(/@(\w+)/g, (_m, name: string) => {
    if (!(name in params)) throw new Error(`missing SQL parameter @${name}`);
    const at = order.indexOf(name);
    return `$${at >= 0 ? at + 1 : order.push(name)}`;
  });
  return { text: out, values: order.map((name) => params[name]) };
}

async function run(db: Queryable, text: string, params: Record<string, unknown> = {}) {
  const q = named(text, params);
  return db.query(q.text, q.values);
}

export class PostgresNotificationStore implements NotificationStore {
  constructor(private readonly pool: pg.Pool) {}

  /** Called inside the ingest transaction (on its client) with the events it stored. */
  applyEvents(client: pg.PoolClient, events: StoredEvent[]): Promise<void> {
    return applyLifecycle(client, events);
  }

  async get(id: string): Promise<NotificationRecord | null> {
    const { rows } = await this.pool.query('SELECT * FROM notifications WHERE id = $1', [id]);
    return rows[0] ? rowToNotification(rows[0]) : null;
  }

  async list(q: { state?: NotificationState; now: number; limit: number; after?: { createdAt: string; id: string } }): Promise<NotificationPage> {
    const where = [q.state ? STATE_SQL[q.state] : 'TRUE', q.after ? `(${C('created_at')}, ${C('id')}) < (@afterCreated, @afterId)` : 'TRUE'];
    const text = `SELECT * FROM notifications WHERE ${where.join(' AND ')} ORDER BY ${C('created_at')} DESC, ${C('id')} DESC LIMIT @limit`;
    const params: Record<string, unknown> = { limit: q.limit + 1 };
    if (text.includes('@nowIso')) params.nowIso = iso(q.now);
    if (q.after) Object.assign(params, { afterCreated: q.after.createdAt, afterId: q.after.id });
    const rows = (await run(this.pool, text, params)).rows.map(rowToNotification);
    return { items: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
  }

  async createReminder(r: ReminderInput): Promise<NotificationRecord> {
    const { rows } = await run(
      this.pool,
      `INSERT INTO notifications (id, local, creator, created_at, scheduled_for, expires_at, message, target_ids)
       VALUES (@id, TRUE, @creator, @createdAt, @scheduledFor, @expiresAt, @message, @targetIds) RETURNING *`,
      { ...r, targetIds: JSON.stringify(r.targetIds) },
    );
    return rowToNotification(rows[0]);
  }

  async revokeReminder(id: string, by: string, at: string): Promise<RevokeResult> {
    return inTransaction(this.pool, async (client): Promise<RevokeResult> => {
      const row = (await client.query('SELECT * FROM notifications WHERE id = $1 FOR UPDATE', [id])).rows[0];
      if (!row) return { status: 'not_found' };
      const record = rowToNotification(row);
      if (!record.local) return { status: 'not_local', record };
      if (record.revokedAt !== null) return { status: 'already_revoked', record };
      const state = notificationState(record, at);
      if (state !== 'scheduled' && state !== 'due') return { status: 'finished', record };
      const { rows } = await run(
        client,
        `UPDATE notifications SET revoked_by = @by, revoked_at = @at, finished_at = @at, lease_owner = NULL, lease_expires_at = NULL
         WHERE id = @id RETURNING *`,
        { id, by, at },
      );
      return { status: 'revoked', record: rowToNotification(rows[0]) };
    });
  }

  async claimDue(owner: string, o: LeaseOptions): Promise<NotificationRecord[]> {
    return this.claim(
      `${OPEN} AND ${LEASE_FREE} AND (${C('scheduled_for')} <= @nowIso OR ${C('expires_at')} <= @nowIso)
       ORDER BY ${C('coalesce(scheduled_for, expires_at)')}, ${C('id')}`,
      owner,
      o,
    );
  }

  async claimChainExpiry(owner: string, o: LeaseOptions): Promise<NotificationRecord[]> {
    return this.claim(`chain_expiry_next_at <= @now AND ${LEASE_FREE} ORDER BY chain_expiry_next_at, ${C('id')}`, owner, o);
  }

  private async claim(condition: string, owner: string, o: LeaseOptions): Promise<NotificationRecord[]> {
    const { rows } = await run(
      this.pool,
      `UPDATE notifications SET lease_owner = @owner, lease_expires_at = @until
       WHERE id IN (SELECT id FROM notifications WHERE ${condition} LIMIT @limit FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      { owner, until: o.now + o.leaseMs, now: o.now, nowIso: iso(o.now), limit: o.limit },
    );
    return rows.map(rowToNotification);
  }

  async complete(owner: string, completions: Completion[]): Promise<string[]> {
    if (completions.length === 0) return [];
    return inTransaction(this.pool, async (client) => {
      // Commits that store events take the state row first, as ingest does, so `seq` follows commit order.
      const state = await client.query(`SELECT network_epoch FROM polling_state WHERE stream = 'main' FOR UPDATE`);
      const epoch = state.rows[0].network_epoch as number;
      const stamp = new Date().toISOString();
      const { rows } = await client.query<{ id: string }>(
        `UPDATE notifications n SET
           delivered = n.delivered OR c.outcome = 'delivered',
           delivered_at = CASE WHEN c.outcome = 'delivered' THEN c.at ELSE n.delivered_at END,
           expired_at = CASE WHEN c.outcome = 'expired' THEN c.at ELSE n.expired_at END,
           finished_at = CASE WHEN n.finished_at IS NULL OR n.finished_at COLLATE "C" > c.at THEN c.at ELSE n.finished_at END,
           chain_expiry_next_at = CASE WHEN c.outcome = 'expired' AND NOT n.local THEN c.at_ms ELSE n.chain_expiry_next_at END,
           lease_owner = NULL, lease_expires_at = NULL
         FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS c(id, outcome, at, at_ms)
         WHERE n.id = c.id AND n.lease_owner = $5 AND NOT n.delivered AND n.revoked_at IS NULL AND n.expired_at IS NULL
         RETURNING n.id`,
        [
          completions.map((c) => c.id), completions.map((c) => c.outcome), completions.map((c) => c.at),
          completions.map((c) => Date.parse(c.at)), owner,
        ],
      );
      const closed = new Set(rows.map((r) => r.id));
      const events = completions.filter((c) => closed.has(c.id)).flatMap((c) => (c.event ? [c.event] : []));
      await insertEvents(client, events, epoch, stamp);
      return completions.filter((c) => closed.has(c.id)).map((c) => c.id);
    });
  }

  async releaseLeases(owner: string | null): Promise<number> {
    const result =
      owner === null
        ? await this.pool.query('UPDATE notifications SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner IS NOT NULL')
        : await this.pool.query('UPDATE notifications SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = $1', [owner]);
    return result.rowCount ?? 0;
  }

  async recordChainExpiry(owner: string, id: string, result: ChainExpiryResult): Promise<void> {
    if (result.ok) {
      await run(
        this.pool,
        `UPDATE notifications SET chain_expiry_tx = @txHash, chain_expiry_error = NULL, chain_expiry_attempts = chain_expiry_attempts + 1,
           chain_expiry_next_at = NULL, lease_owner = NULL, lease_expires_at = NULL WHERE id = @id AND lease_owner = @owner`,
        { id, owner, txHash: result.txHash },
      );
      return;
    }
    await run(
      this.pool,
      `UPDATE notifications SET chain_expiry_error = @error, chain_expiry_attempts = chain_expiry_attempts + 1,
         chain_expiry_next_at = CASE WHEN chain_expiry_next_at IS NULL THEN NULL ELSE @retryAt::bigint END,
         lease_owner = NULL, lease_expires_at = NULL WHERE id = @id AND lease_owner = @owner`,
      { id, owner, error: result.error, retryAt: result.retryAt },
    );
  }

  async deleteFinishedBefore(before: string, limit: number): Promise<number> {
    const result = await this.pool.query(
      `DELETE FROM notifications WHERE id IN (SELECT id FROM notifications WHERE ${C('finished_at')} < $1 AND lease_owner IS NULL
         AND chain_expiry_next_at IS NULL LIMIT $2)`,
      [before, limit],
    );
    return result.rowCount ?? 0;
  }
}
