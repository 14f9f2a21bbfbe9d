// SQLite side of the DispatchStore: statements prepared once, each method one transaction.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { StoredEvent } from '../../../../shared/model';
import type { DeliveryFilter, DeliveryStatus } from '../../../../shared/targets';
import type {
  AttemptOutcome, AttemptRecord, ClaimResult, DeliveryCounts, DeliveryRecord, DispatchStore, FanOutResult,
  RoutedDelivery, TargetRecord, TargetWrite,
} from '../dispatch-store';
import { toAttempt, toDelivery, toTarget } from '../dispatch-rows';
import { rowToEvent, type EventRow } from '../event-row';

type Row = Record<string, unknown>;
const iso = (ms: number) => new Date(ms).toISOString();
const OPEN = `status IN ('pending', 'failed')`;

export class SqliteDispatchStore implements DispatchStore {
  private readonly sql;
  private readonly shapes = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.sql = {
      targets: db.prepare('SELECT * FROM targets ORDER BY id'),
      target: db.prepare('SELECT * FROM targets WHERE id = ?'),
      rules: db.prepare('SELECT * FROM rules ORDER BY target_id, id'),
      rulesOf: db.prepare('SELECT * FROM rules WHERE target_id = ? ORDER BY id'),
      insertTarget: db.prepare('INSERT INTO targets (name, kind, enabled, config, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)'),
      updateTarget: db.prepare('UPDATE targets SET name = ?, enabled = ?, config = ?, updated_at = ? WHERE id = ?'),
      deleteTarget: db.prepare('DELETE FROM targets WHERE id = ?'),
      insertRule: db.prepare('INSERT INTO rules (target_id, match, created_at, updated_at) VALUES (?, ?, ?, ?)'),
      updateRule: db.prepare('UPDATE rules SET match = ?, updated_at = ? WHERE id = ?'),
      outbox: db.prepare('SELECT o.id AS outbox_id, e.* FROM outbox o JOIN events e ON e.seq = o.event_seq ORDER BY o.id LIMIT ?'),
      deleteOutbox: db.prepare('DELETE FROM outbox WHERE id = ?'),
      insertDelivery: db.prepare(
        `INSERT INTO deliveries (event_seq, target_id, rule_id, webhook_id, status, next_attempt_at, created_at, created_ms, updated_at)
         VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      queue: db.prepare(
        `SELECT d.id AS delivery_id, d.webhook_id, d.attempts, d.next_attempt_at, d.lease_owner, d.lease_expires_at,
           d.created_ms, e.* FROM deliveries d JOIN events e ON e.seq = d.event_seq
         WHERE d.target_id = ? AND d.${OPEN} ORDER BY d.id LIMIT ?`,
      ),
      lease: db.prepare('UPDATE deliveries SET lease_owner = ?, lease_expires_at = ? WHERE id = ?'),
      attemptCount: db.prepare('SELECT attempts FROM deliveries WHERE id = ?').pluck(),
      insertAttempt: db.prepare(
        `INSERT INTO delivery_attempts (delivery_id, attempt, started_at, duration_ms, ok, http_status, error_code, error, retry_after_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      settle: db.prepare(
        `UPDATE deliveries SET status = ?, attempts = attempts + 1, next_attempt_at = ?, last_http_status = ?,
           last_error_code = ?, last_error = ?, lease_owner = NULL, lease_expires_at = NULL, updated_at = ?,
           delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END
         WHERE id = ?`,
      ),
      deadLetter: db.prepare(
        `UPDATE deliveries SET status = 'dead', next_attempt_at = NULL, last_error_code = ?, last_error = ?,
           lease_owner = NULL, lease_expires_at = NULL, updated_at = ? WHERE id = ? AND ${OPEN}`,
      ),
      releaseOwner: db.prepare('UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = ?'),
      releaseAll: db.prepare('UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner IS NOT NULL'),
      delivery: db.prepare('SELECT d.*, e.event_id FROM deliveries d JOIN events e ON e.seq = d.event_seq WHERE d.id = ?'),
      attempts: db.prepare('SELECT * FROM delivery_attempts WHERE delivery_id = ? ORDER BY id'),
      redeliver: db.prepare(
        `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, lease_owner = NULL,
           lease_expires_at = NULL, updated_at = ? WHERE id = ?`,
      ),
      counts: db.prepare('SELECT target_id, status, count(*) AS count FROM deliveries GROUP BY target_id, status'),
    };
  }

  /** Statements whose text depends on the filters given: prepared once per shape. */
  private prepared(sql: string): Database.Statement {
    let statement = this.shapes.get(sql);
    if (!statement) this.shapes.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  async targetsVersion(): Promise<string> {
    return (this.db.prepare(`SELECT (SELECT count(*) FROM targets) || ':' || coalesce((SELECT max(updated_at) FROM targets), '') || ':' || (SELECT count(*) FROM rules) || ':' || coalesce((SELECT max(updated_at) FROM rules), '') AS v`).get() as { v: string }).v;
  }

  async listTargets(): Promise<TargetRecord[]> {
    const rules = new Map<number, Row[]>();
    for (const rule of this.sql.rules.all() as Row[]) {
      const id = rule.target_id as number;
      rules.set(id, [...(rules.get(id) ?? []), rule]);
    }
    return (this.sql.targets.all() as Row[]).map((row) => toTarget(row, rules.get(row.id as number) ?? []));
  }

  async getTarget(id: number): Promise<TargetRecord | null> {
    return this.target(id);
  }

  private target(id: number): TargetRecord | null {
    const row = this.sql.target.get(id) as Row | undefined;
    return row ? toTarget(row, this.sql.rulesOf.all(id) as Row[]) : null;
  }

  async createTarget(t: TargetWrite, now: number): Promise<TargetRecord> {
    return this.db.transaction(() => {
      const id = Number(this.sql.insertTarget.run(t.name, t.kind, t.enabled ? 1 : 0, JSON.stringify(t.config), iso(now), iso(now)).lastInsertRowid);
      this.sql.insertRule.run(id, JSON.stringify(t.rule), iso(now), iso(now));
      return this.target(id)!;
    })();
  }

  async updateTarget(id: number, t: TargetWrite, now: number): Promise<TargetRecord | null> {
    return this.db.transaction(() => {
      if (this.sql.updateTarget.run(t.name, t.enabled ? 1 : 0, JSON.stringify(t.config), iso(now), id).changes === 0) return null;
      const [rule] = this.sql.rulesOf.all(id) as Row[];
      if (rule) this.sql.updateRule.run(JSON.stringify(t.rule), iso(now), rule.id);
      else this.sql.insertRule.run(id, JSON.stringify(t.rule), iso(now), iso(now));
      return this.target(id);
    })();
  }

  async deleteTarget(id: number): Promise<boolean> {
    return this.sql.deleteTarget.run(id).changes > 0;
  }

  async fanOut(limit: number, route: (event: StoredEvent) => RoutedDelivery[], now: number): Promise<FanOutResult> {
    return this.db.transaction((): FanOutResult => {
      const rows = this.sql.outbox.all(limit) as (EventRow & { outbox_id: number })[];
      const targets = new Set<number>();
      let deliveries = 0;
      for (const row of rows) {
        for (const { targetId, ruleId } of route(rowToEvent(row))) {
          const webhookId = `msg_${randomUUID().replaceAll('-', '')}`;
          deliveries += this.sql.insertDelivery.run(row.seq, targetId, ruleId, webhookId, now, iso(now), now, iso(now)).changes;
          targets.add(targetId);
        }
        this.sql.deleteOutbox.run(row.outbox_id);
      }
      return { events: rows.length, deliveries, targetIds: [...targets] };
    }).immediate();
  }

  async claimDue(targetId: number, owner: string, opts: { limit: number; now: number; leaseMs: number }): Promise<ClaimResult> {
    return this.db.transaction((): ClaimResult => {
      const rows = this.sql.queue.all(targetId, opts.limit) as (EventRow & Row)[];
      const claimed: ClaimResult['deliveries'] = [];
      let nextAt: number | null = null;
      const leaseExpiresAt = opts.now + opts.leaseMs;
      for (const row of rows) {
        const leasedByOther = row.lease_owner !== null && row.lease_owner !== owner && (row.lease_expires_at as number) > opts.now;
        if (leasedByOther || (row.next_attempt_at as number) > opts.now) {
          if (claimed.length === 0) nextAt = leasedByOther ? (row.lease_expires_at as number) : (row.next_attempt_at as number);
          break;
        }
        this.sql.lease.run(owner, leaseExpiresAt, row.delivery_id);
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
      return { deliveries: claimed, nextAt };
    }).immediate();
  }

  async recordAttempts(outcomes: AttemptOutcome[], now: number): Promise<void> {
    this.db.transaction(() => {
      for (const o of outcomes) {
        const attempts = this.sql.attemptCount.get(o.deliveryId) as number | undefined;
        if (attempts === undefined) continue; // deleted with its target meanwhile
        this.sql.insertAttempt.run(
          o.deliveryId, attempts + 1, iso(o.startedAt), Math.round(o.durationMs), o.error ? 0 : 1, o.httpStatus,
          o.error?.code ?? null, o.error?.message ?? null, o.retryAfterMs,
        );
        const status: DeliveryStatus = o.next.state === 'delivered' ? 'delivered' : o.next.state === 'retry' ? 'failed' : 'dead';
        const nextAt = o.next.state === 'retry' ? o.next.at : null;
        this.sql.settle.run(status, nextAt, o.httpStatus, o.error?.code ?? null, o.error?.message ?? null, iso(now), status, iso(now), o.deliveryId);
      }
    })();
  }

  async deadLetter(deliveryId: number, error: { code: string; message: string }, now: number): Promise<void> {
    this.sql.deadLetter.run(error.code, error.message, iso(now), deliveryId);
  }

  async releaseLeases(owner: string | null): Promise<void> {
    if (owner === null) this.sql.releaseAll.run();
    else this.sql.releaseOwner.run(owner);
  }

  async listDeliveries(f: DeliveryFilter): Promise<DeliveryRecord[]> {
    const conditions: [string, unknown][] = [];
    if (f.target_id !== undefined) conditions.push(['d.target_id = ?', f.target_id]);
    if (f.status !== undefined) conditions.push(['d.status = ?', f.status]);
    if (f.event_id !== undefined) conditions.push(['e.event_id = ?', f.event_id]);
    if (f.before !== undefined) conditions.push(['d.id < ?', f.before]);
    const where = conditions.map(([clause]) => clause);
    const args = conditions.map(([, value]) => value);
    const sql = `SELECT d.*, e.event_id FROM deliveries d JOIN events e ON e.seq = d.event_seq
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.id DESC LIMIT ?`;
    return (this.prepared(sql).all(...args, f.limit) as Row[]).map(toDelivery);
  }

  async getDelivery(id: number): Promise<DeliveryRecord | null> {
    const row = this.sql.delivery.get(id) as Row | undefined;
    return row ? toDelivery(row) : null;
  }

  async listAttempts(deliveryId: number): Promise<AttemptRecord[]> {
    return (this.sql.attempts.all(deliveryId) as Row[]).map(toAttempt);
  }

  async redeliver(id: number, now: number): Promise<DeliveryRecord | null> {
    if (this.sql.redeliver.run(now, iso(now), id).changes === 0) return null;
    return this.getDelivery(id);
  }

  async redeliverTarget(targetId: number, statuses: DeliveryStatus[], now: number): Promise<number> {
    if (statuses.length === 0) return 0;
    return this.prepared(
      `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?, lease_owner = NULL, lease_expires_at = NULL,
         updated_at = ? WHERE target_id = ? AND status IN (${statuses.map(() => '?').join(', ')})`,
    ).run(now, iso(now), targetId, ...statuses).changes;
  }

  async countDeliveries(): Promise<DeliveryCounts[]> {
    return (this.sql.counts.all() as Row[]).map((r) => ({ targetId: r.target_id as number, status: r.status as DeliveryStatus, count: r.count as number }));
  }
}
