// DispatchStore on PostgreSQL, shared by several instances. Each delivery goes to one instance
// at a time through row leases (owner + expiry, in epoch ms from the caller's clock):
// - claimDue locks the target's row with SKIP LOCKED, so one instance at a time reads and
//   leases a target's queue and a busy target is passed over, not waited for. Skipping locked
//   rows of the queue itself would let a later delivery go before a locked head. Under the
//   lock it applies SQLite's checks: the due prefix, stopping at a head leased by another
//   owner until that lease runs out, which is how a dead instance's work is taken over.
// - fanOut runs one instance at a time (transaction advisory lock), so delivery ids, and with
//   them each target's order, follow the order events were stored.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { StoredEvent } from '../../../../shared/model';
import type { DeliveryFilter, DeliveryStatus } from '../../../../shared/targets';
import type {
  AttemptOutcome, AttemptRecord, ClaimResult, DeliveryCounts, DeliveryRecord, DispatchStore, FanOutResult,
  RoutedDelivery, TargetRecord, TargetWrite,
} from '../dispatch-store';
import { rowToEvent, type EventRow } from '../event-row';
import { eventColumns } from './event-columns';
import { inTransaction } from './pg-pool';
import { toAttempt, toDelivery } from '../dispatch-rows';
import * as targets from './pg-targets';
import { settleAttempts } from './pg-settle-attempts';

type Row = Record<string, unknown>;
const iso = (ms: number) => new Date(ms).toISOString();
const OPEN = `status IN ('pending', 'failed')`;
const FAN_OUT_LOCK = 7_104_202_613;
/** Another instance is claiming this target right now: look again this soon. */
const BUSY_RETRY_MS = 50;

export class PostgresDispatchStore implements DispatchStore {
  constructor(private readonly pool: pg.Pool) {}

  async targetsVersion(): Promise<string> {
    return (await this.pool.query<{ v: string }>(`SELECT (SELECT count(*) FROM targets) || ':' || coalesce((SELECT max(updated_at) FROM targets), '') || ':' || (SELECT count(*) FROM rules) || ':' || coalesce((SELECT max(updated_at) FROM rules), '') AS v`)).rows[0]!.v;
  }

  listTargets(): Promise<TargetRecord[]> {
    return targets.listTargets(this.pool);
  }

  getTarget(id: number): Promise<TargetRecord | null> {
    return targets.getTarget(this.pool, id);
  }

  createTarget(t: TargetWrite, now: number): Promise<TargetRecord> {
    return targets.createTarget(this.pool, t, now);
  }

  updateTarget(id: number, t: TargetWrite, now: number): Promise<TargetRecord | null> {
    return targets.updateTarget(this.pool, id, t, now);
  }

  deleteTarget(id: number): Promise<boolean> {
    return targets.deleteTarget(this.pool, id);
  }

  async fanOut(limit: number, route: (event: StoredEvent) => RoutedDelivery[], now: number): Promise<FanOutResult> {
    return inTransaction(this.pool, async (client) => {
      // Its own statement: the outbox is read with a snapshot taken after the lock is held.
      await client.query('SELECT pg_advisory_xact_lock($1)', [FAN_OUT_LOCK]);
      const { rows } = await client.query<EventRow & { outbox_id: number }>(
        `SELECT o.id AS outbox_id, ${eventColumns('e')} FROM outbox o JOIN events e ON e.seq = o.event_seq ORDER BY o.id LIMIT $1`,
        [limit],
      );
      const routed = { seqs: [] as number[], targetIds: [] as number[], ruleIds: [] as number[], webhookIds: [] as string[] };
      for (const row of rows) {
        for (const { targetId, ruleId } of route(rowToEvent(row))) {
          routed.seqs.push(row.seq);
          routed.targetIds.push(targetId);
          routed.ruleIds.push(ruleId);
          routed.webhookIds.push(`msg_${randomUUID().replaceAll('-', '')}`);
        }
      }
      let deliveries = 0;
      if (routed.seqs.length > 0) {
        // Joined with targets: another instance may have deleted a target this one still routes to.
        const inserted = await client.query(
          `INSERT INTO deliveries (event_seq, target_id, rule_id, webhook_id, status, next_attempt_at, created_at, created_ms, updated_at)
           SELECT r.seq, r.target_id, r.rule_id, r.webhook_id, 'pending', $5, $6, $5, $6
           FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[]) WITH ORDINALITY AS r(seq, target_id, rule_id, webhook_id, ord)
           JOIN targets t ON t.id = r.target_id
           ORDER BY r.ord
           ON CONFLICT DO NOTHING`,
          [routed.seqs, routed.targetIds, routed.ruleIds, routed.webhookIds, now, iso(now)],
        );
        deliveries = inserted.rowCount ?? 0;
      }
      if (rows.length > 0) await client.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [rows.map((r) => r.outbox_id)]);
      return { events: rows.length, deliveries, targetIds: [...new Set(routed.targetIds)] };
    });
  }

  async claimDue(targetId: number, owner: string, opts: { limit: number; now: number; leaseMs: number }): Promise<ClaimResult> {
    return inTransaction(this.pool, async (client) => {
      // NO KEY UPDATE: conflicts with other claims, target edits and deletes, but not with the
      // key-share locks that fan-out's inserts take on the target row.
      const locked = await client.query('SELECT id FROM targets WHERE id = $1 FOR NO KEY UPDATE SKIP LOCKED', [targetId]);
      if (locked.rowCount === 0) {
        const exists = (await client.query('SELECT 1 FROM targets WHERE id = $1', [targetId])).rowCount ?? 0;
        return { deliveries: [], nextAt: exists > 0 ? opts.now + BUSY_RETRY_MS : null };
      }
      // A statement of its own after the lock: it sees every lease committed before the lock was taken.
      const { rows } = await client.query<EventRow & Row>(
        `SELECT d.id AS delivery_id, d.webhook_id, d.attempts, d.next_attempt_at, d.lease_owner, d.lease_expires_at,
           d.created_ms, ${eventColumns('e')} FROM deliveries d JOIN events e ON e.seq = d.event_seq
         WHERE d.target_id = $1 AND d.${OPEN} ORDER BY d.id LIMIT $2`,
        [targetId, opts.limit],
      );
      const claimed: ClaimResult['deliveries'] = [];
      let nextAt: number | null = null;
      const leaseExpiresAt = opts.now + opts.leaseMs;
      for (const row of rows) {
        const leasedByOther = row.lease_owner !== null && row.lease_owner !== owner && (row.lease_expires_at as number) > opts.now;
        if (leasedByOther || (row.next_attempt_at as number) > opts.now) {
          if (claimed.length === 0) nextAt = leasedByOther ? (row.lease_expires_at as number) : (row.next_attempt_at as number);
          break;
        }
        claimed.push({
          id: row.delivery_id as number,
          targetId,
          webhookId: row.webhook_id as string,
          attempts: row.attempts as number,
          createdAt: row.created_ms as number,
          leaseExpiresAt,
          event: rowToEvent(row),
        });
      }
      if (claimed.length === 0) return { deliveries: [], nextAt };
      // Settled meanwhile by an instance whose lease had run out: not claimed again.
      const leased = await client.query<{ id: number }>(
        `UPDATE deliveries SET lease_owner = $1, lease_expires_at = $2 WHERE id = ANY($3::bigint[]) AND ${OPEN} RETURNING id`,
        [owner, leaseExpiresAt, claimed.map((d) => d.id)],
      );
      const ids = new Set(leased.rows.map((r) => r.id));
      return { deliveries: claimed.filter((d) => ids.has(d.id)), nextAt };
    });
  }

  async recordAttempts(outcomes: AttemptOutcome[], now: number): Promise<void> {
    if (outcomes.length === 0) return;
    await inTransaction(this.pool, (client) => settleAttempts(client, outcomes, iso(now)));
  }

  async deadLetter(deliveryId: number, error: { code: string; message: string }, now: number): Promise<void> {
    await this.pool.query(
      `UPDATE deliveries SET status = 'dead', next_attempt_at = NULL, last_error_code = $1, last_error = $2,
         lease_owner = NULL, lease_expires_at = NULL, updated_at = $3 WHERE id = $4 AND ${OPEN}`,
      [error.code, error.message, iso(now), deliveryId],
    );
  }

  async releaseLeases(owner: string | null): Promise<void> {
    if (owner === null) await this.pool.query('UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner IS NOT NULL');
    else await this.pool.query('UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = $1', [owner]);
  }

  async listDeliveries(f: DeliveryFilter): Promise<DeliveryRecord[]> {
    const clauses: string[] = [];
    const values: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      values.push(value);
      clauses.push(`${clause} $${values.length}`);
    };
    if (f.target_id !== undefined) add('d.target_id =', f.target_id);
    if (f.status !== undefined) add('d.status =', f.status);
    if (f.event_id !== undefined) add('e.event_id =', f.event_id);
    if (f.before !== undefined) add('d.id <', f.before);
    values.push(f.limit);
    const { rows } = await this.pool.query(
      `SELECT d.*, e.event_id FROM deliveries d JOIN events e ON e.seq = d.event_seq
       ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''} ORDER BY d.id DESC LIMIT $${values.length}`,
      values,
    );
    return rows.map(toDelivery);
  }

  async getDelivery(id: number): Promise<DeliveryRecord | null> {
    const { rows } = await this.pool.query('SELECT d.*, e.event_id FROM deliveries d JOIN events e ON e.seq = d.event_seq WHERE d.id = $1', [id]);
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  async listAttempts(deliveryId: number): Promise<AttemptRecord[]> {
    return (await this.pool.query('SELECT * FROM delivery_attempts WHERE delivery_id = $1 ORDER BY id', [deliveryId])).rows.map(toAttempt);
  }

  async redeliver(id: number, now: number): Promise<DeliveryRecord | null> {
    const updated = await this.pool.query(
      `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = $1, lease_owner = NULL,
         lease_expires_at = NULL, updated_at = $2 WHERE id = $3`,
      [now, iso(now), id],
    );
    return updated.rowCount === 0 ? null : this.getDelivery(id);
  }

  async redeliverTarget(targetId: number, statuses: DeliveryStatus[], now: number): Promise<number> {
    if (statuses.length === 0) return 0;
    const updated = await this.pool.query(
      `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = $1, lease_owner = NULL, lease_expires_at = NULL,
         updated_at = $2 WHERE target_id = $3 AND status = ANY($4::text[])`,
      [now, iso(now), targetId, statuses],
    );
    return updated.rowCount ?? 0;
  }

  async countDeliveries(): Promise<DeliveryCounts[]> {
    const { rows } = await this.pool.query('SELECT target_id, status, count(*) AS count FROM deliveries GROUP BY target_id, status ORDER BY target_id, status');
    return rows.map((r) => ({ targetId: r.target_id as number, status: r.status as DeliveryStatus, count: r.count as number }));
  }
}
