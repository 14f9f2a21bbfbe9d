// SQLite side of the NotificationStore. applyEvents runs synchronously inside the ingest
// transaction; every other write is one IMMEDIATE transaction, so two connections to one file
// (tests, a second process) take leases one at a time.
import type Database from 'better-sqlite3';
import type { NotificationState } from '../../../../shared/api/notifications';
import type { StoredEvent } from '../../../../shared/model';
import { lifecycleChanges, type LifecycleChange } from '../../scheduler/lifecycle-events';
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

type Row = Record<string, unknown>;
const iso = (ms: number) => new Date(ms).toISOString();
const OPEN = 'delivered = 0 AND revoked_at IS NULL AND expired_at IS NULL';
const FINISH = 'finished_at = CASE WHEN finished_at IS NULL OR finished_at > @at THEN @at ELSE finished_at END';
const LEASE_FREE = '(lease_owner IS NULL OR lease_expires_at <= @now)';

/** The state model (notification-state.ts) as SQL, at @now (ISO). */
const STATE_SQL: Record<NotificationState, string> = {
  revoked: 'revoked_at IS NOT NULL',
  delivered: 'revoked_at IS NULL AND delivered = 1',
  expired: 'revoked_at IS NULL AND delivered = 0 AND (expired_at IS NOT NULL OR expires_at <= @now)',
  due: `${OPEN} AND (expires_at IS NULL OR expires_at > @now) AND scheduled_for <= @now`,
  scheduled: `${OPEN} AND (expires_at IS NULL OR expires_at > @now) AND (scheduled_for IS NULL OR scheduled_for > @now)`,
};

/** Per change kind: the UPDATE that applies it if its event is the one that should win. */
const CHANGE_SQL: Record<LifecycleChange['kind'], string> = {
  scheduled: `UPDATE notifications SET creator = @creator, created_at = @at, contract_id = @contractId, scheduled_event = @key
    WHERE id = @id AND local = 0 AND (scheduled_event IS NULL OR scheduled_event > @key)`,
  // The latest extension wins; one that comes after the scheduler closed the row on an older
  // expiry reopens it (the chain has not expired it, it was extended).
  expires: `UPDATE notifications SET expires_at = @expiresAt, expires_event = @key,
      finished_at = CASE WHEN expired_event IS NULL AND expired_at IS NOT NULL AND @expiresAt > expired_at AND revoked_at IS NULL AND delivered = 0 THEN NULL ELSE finished_at END,
      chain_expiry_next_at = CASE WHEN expired_event IS NULL AND expired_at IS NOT NULL AND @expiresAt > expired_at THEN NULL ELSE chain_expiry_next_at END,
      expired_at = CASE WHEN expired_event IS NULL AND expired_at IS NOT NULL AND @expiresAt > expired_at THEN NULL ELSE expired_at END
    WHERE id = @id AND local = 0 AND (expires_event IS NULL OR expires_event < @key)`,
  revoked: `UPDATE notifications SET revoked_by = @by, revoked_at = @at, revoked_event = @key, ${FINISH}, chain_expiry_next_at = NULL
    WHERE id = @id AND local = 0 AND (revoked_event IS NULL OR revoked_event > @key)`,
  expired: `UPDATE notifications SET expired_at = @at, expired_event = @key, ${FINISH}, chain_expiry_next_at = NULL
    WHERE id = @id AND local = 0 AND (expired_event IS NULL OR expired_event > @key)`,
  delivered: `UPDATE notifications SET delivered = 1, delivered_at = @at, delivered_event = @key, ${FINISH}, chain_expiry_next_at = NULL
    WHERE id = @id AND local = 0 AND (delivered_event IS NULL OR delivered_event > @key)`,
};

export class SqliteNotificationStore implements NotificationStore {
  private readonly sql;
  private readonly changes: Record<LifecycleChange['kind'], Database.Statement>;
  private readonly lists = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.changes = Object.fromEntries(Object.entries(CHANGE_SQL).map(([k, text]) => [k, db.prepare(text)])) as typeof this.changes;
    this.sql = {
      get: db.prepare('SELECT * FROM notifications WHERE id = ?'),
      // A row first seen through a later event: created_at is the earliest ledger time seen until
      // notification_scheduled says when it was created.
      placeholder: db.prepare(
        `INSERT INTO notifications (id, contract_id, created_at) VALUES (@id, @contractId, @at)
         ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at
         WHERE notifications.local = 0 AND notifications.scheduled_event IS NULL AND excluded.created_at < notifications.created_at`,
      ),
      insertReminder: db.prepare(
        `INSERT INTO notifications (id, local, creator, created_at, scheduled_for, expires_at, message, target_ids)
         VALUES (@id, 1, @creator, @createdAt, @scheduledFor, @expiresAt, @message, @targetIds)`,
      ),
      revoke: db.prepare(
        `UPDATE notifications SET revoked_by = @by, revoked_at = @at, finished_at = @at, lease_owner = NULL, lease_expires_at = NULL
         WHERE id = @id AND ${OPEN}`,
      ),
      due: db.prepare(
        `SELECT id FROM notifications WHERE ${OPEN} AND ${LEASE_FREE}
           AND ((scheduled_for IS NOT NULL AND scheduled_for <= @nowIso) OR (expires_at IS NOT NULL AND expires_at <= @nowIso))
         ORDER BY coalesce(scheduled_for, expires_at), id LIMIT @limit`,
      ),
      chainDue: db.prepare(
        `SELECT id FROM notifications WHERE chain_expiry_next_at <= @now AND ${LEASE_FREE} ORDER BY chain_expiry_next_at, id LIMIT @limit`,
      ),
      lease: db.prepare('UPDATE notifications SET lease_owner = @owner, lease_expires_at = @until WHERE id = @id'),
      deliver: db.prepare(
        `UPDATE notifications SET delivered = 1, delivered_at = @at, ${FINISH}, lease_owner = NULL, lease_expires_at = NULL
         WHERE id = @id AND lease_owner = @owner AND ${OPEN}`,
      ),
      expire: db.prepare(
        `UPDATE notifications SET expired_at = @at, ${FINISH}, lease_owner = NULL, lease_expires_at = NULL,
           chain_expiry_next_at = CASE WHEN local = 0 THEN @atMs ELSE NULL END
         WHERE id = @id AND lease_owner = @owner AND ${OPEN}`,
      ),
      epoch: db.prepare(`SELECT network_epoch FROM polling_state WHERE stream = 'main'`).pluck(),
      insertEvent: db.prepare(
        `INSERT INTO events (event_id, network_epoch, contract_id, event_type, ledger_sequence, created_at, stored_at, data, topics,
           raw_topics, raw_value, category, priority, tx_hash, dedup_key, decode_status, decode_error)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      insertOutbox: db.prepare('INSERT INTO outbox (event_seq, created_at) VALUES (?, ?)'),
      chainOk: db.prepare(
        `UPDATE notifications SET chain_expiry_tx = @txHash, chain_expiry_error = NULL, chain_expiry_attempts = chain_expiry_attempts + 1,
           chain_expiry_next_at = NULL, lease_owner = NULL, lease_expires_at = NULL WHERE id = @id AND lease_owner = @owner`,
      ),
      chainFailed: db.prepare(
        `UPDATE notifications SET chain_expiry_error = @error, chain_expiry_attempts = chain_expiry_attempts + 1,
           chain_expiry_next_at = CASE WHEN chain_expiry_next_at IS NULL THEN NULL ELSE @retryAt END,
           lease_owner = NULL, lease_expires_at = NULL WHERE id = @id AND lease_owner = @owner`,
      ),
      releaseOwner: db.prepare('UPDATE notifications SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = ?'),
      releaseAll: db.prepare('UPDATE notifications SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner IS NOT NULL'),
      deleteFinished: db.prepare(
        `DELETE FROM notifications WHERE id IN (SELECT id FROM notifications WHERE finished_at < ? AND lease_owner IS NULL
           AND chain_expiry_next_at IS NULL LIMIT ?)`,
      ),
    };
  }

  /** Called inside the ingest transaction with the events it stored. */
  applyEvents(events: StoredEvent[]): void {
    for (const event of events) {
      for (const change of lifecycleChanges(event)) {
        this.sql.placeholder.run({ id: change.id, contractId: change.contractId, at: change.at });
        const { kind: _kind, ...params } = change;
        this.changes[change.kind].run({ creator: null, by: null, expiresAt: null, ...params });
      }
    }
  }

  async get(id: string): Promise<NotificationRecord | null> {
    const row = this.sql.get.get(id) as Row | undefined;
    return row ? rowToNotification(row) : null;
  }

  async list(q: { state?: NotificationState; now: number; limit: number; after?: { createdAt: string; id: string } }): Promise<NotificationPage> {
    const where = [q.state ? STATE_SQL[q.state] : '1 = 1', q.after ? '(created_at, id) < (@afterCreated, @afterId)' : '1 = 1'];
    const text = `SELECT * FROM notifications WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT @limit`;
    let statement = this.lists.get(text);
    if (!statement) this.lists.set(text, (statement = this.db.prepare(text)));
    const params = { limit: q.limit + 1, now: iso(q.now), afterCreated: q.after?.createdAt, afterId: q.after?.id };
    const rows = (statement.all(params) as Row[]).map(rowToNotification);
    return { items: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
  }

  async createReminder(r: ReminderInput): Promise<NotificationRecord> {
    this.sql.insertReminder.run({ ...r, targetIds: JSON.stringify(r.targetIds) });
    return (await this.get(r.id))!;
  }

  async revokeReminder(id: string, by: string, at: string): Promise<RevokeResult> {
    return this.db.transaction((): RevokeResult => {
      const row = this.sql.get.get(id) as Row | undefined;
      if (!row) return { status: 'not_found' };
      const record = rowToNotification(row);
      if (!record.local) return { status: 'not_local', record };
      if (record.revokedAt !== null) return { status: 'already_revoked', record };
      const state = notificationState(record, at);
      if (state !== 'scheduled' && state !== 'due') return { status: 'finished', record };
      this.sql.revoke.run({ id, by, at });
      return { status: 'revoked', record: rowToNotification(this.sql.get.get(id) as Row) };
    }).immediate();
  }

  async claimDue(owner: string, o: LeaseOptions): Promise<NotificationRecord[]> {
    return this.claim(this.sql.due, owner, o);
  }

  async claimChainExpiry(owner: string, o: LeaseOptions): Promise<NotificationRecord[]> {
    return this.claim(this.sql.chainDue, owner, o);
  }

  private claim(select: Database.Statement, owner: string, o: LeaseOptions): NotificationRecord[] {
    return this.db.transaction(() => {
      const ids = select.pluck().all({ now: o.now, nowIso: iso(o.now), limit: o.limit }) as string[];
      for (const id of ids) this.sql.lease.run({ owner, until: o.now + o.leaseMs, id });
      return ids.map((id) => rowToNotification(this.sql.get.get(id) as Row));
    }).immediate();
  }

  async complete(owner: string, completions: Completion[]): Promise<string[]> {
    return this.db.transaction(() => {
      const epoch = this.sql.epoch.get() as number;
      const storedAt = new Date().toISOString();
      const closed: string[] = [];
      for (const c of completions) {
        const params = { id: c.id, owner, at: c.at, atMs: Date.parse(c.at) };
        const statement = c.outcome === 'delivered' ? this.sql.deliver : this.sql.expire;
        if (statement.run(params).changes === 0) continue; // the lease went to another processor
        closed.push(c.id);
        const e = c.event;
        if (!e) continue;
        const inserted = this.sql.insertEvent.run(
          e.eventId, epoch, e.contractId, e.eventType, e.ledger, e.closedAt, storedAt, JSON.stringify(e.data), JSON.stringify(e.topics),
          JSON.stringify(e.rawTopics), e.rawValue, e.category, e.priority, e.txHash, e.dedupKey, e.decodeStatus, e.decodeError,
        );
        if (inserted.changes > 0) this.sql.insertOutbox.run(inserted.lastInsertRowid, storedAt);
      }
      return closed;
    }).immediate();
  }

  async releaseLeases(owner: string | null): Promise<number> {
    return (owner === null ? this.sql.releaseAll.run() : this.sql.releaseOwner.run(owner)).changes;
  }

  async recordChainExpiry(owner: string, id: string, result: ChainExpiryResult): Promise<void> {
    if (result.ok) this.sql.chainOk.run({ id, owner, txHash: result.txHash });
    else this.sql.chainFailed.run({ id, owner, error: result.error, retryAt: result.retryAt });
  }

  async deleteFinishedBefore(before: string, limit: number): Promise<number> {
    return this.sql.deleteFinished.run(before, limit).changes;
  }
}
