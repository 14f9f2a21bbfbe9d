// The Store on PostgreSQL, for several `serve` instances sharing one database. Same tables and
// semantics as SQLite: one transaction for events + outbox + cursor, dedup by the unique key.
import type pg from 'pg';
import type { GapRecord, NetworkResetRecord, StoredEvent } from '../../../../shared/model';
import { decodedToStored, rowToEvent, type EventRow } from '../event-row';
import type { Backfill, CachedSpec, IngestBatch, IngestResult, PollingState, RetentionScope, Store, WatchedContract } from '../store';
import { EVENT_COLUMNS } from './event-columns';
import { rowToBackfill, rowToContract, rowToPollingState } from '../state-rows';
import { IngestLock } from './ingest-lock';
import { migratePostgres } from './migrate';
import { createPool, inTransaction } from './pg-pool';
import { PostgresArchiveStore } from './pg-archive-store';
import { PostgresDispatchStore } from './postgres-dispatch-store';
import { PostgresEventQueries } from './postgres-event-queries';
import { PostgresNotificationStore } from './postgres-notification-store';
import { PostgresRuleStateStore } from './postgres-rule-state-store';
import { insertEvents } from './insert-events';

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly events: PostgresEventQueries;
  readonly dispatch: PostgresDispatchStore;
  readonly notifications: PostgresNotificationStore;
  readonly rules: PostgresRuleStateStore;
  readonly archive: PostgresArchiveStore;
  private readonly lock: IngestLock;

  private constructor(
    readonly pool: pg.Pool,
    /** For another connection to the same database (the ingest lock, a second instance in tests). */
    readonly connectionString: string,
  ) {
    this.lock = new IngestLock(connectionString);
    this.events = new PostgresEventQueries(pool);
    this.dispatch = new PostgresDispatchStore(pool);
    this.notifications = new PostgresNotificationStore(pool);
    this.rules = new PostgresRuleStateStore(pool);
    this.archive = new PostgresArchiveStore(pool);
  }

  static async open(connectionString: string): Promise<PostgresStore> {
    const pool = createPool(connectionString);
    pool.on('error', () => {}); // an idle client's error surfaces on its next query instead
    await migratePostgres(pool);
    return new PostgresStore(pool, connectionString);
  }

  async close(): Promise<void> {
    await this.lock.release();
    await this.pool.end();
  }

  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  tryAcquireIngestLock(): Promise<boolean> {
    return this.lock.tryAcquire();
  }

  async getPollingState(): Promise<PollingState> {
    return rowToPollingState((await this.pool.query(`SELECT * FROM polling_state WHERE stream = 'main'`)).rows[0]);
  }

  async commitIngest(batch: IngestBatch): Promise<IngestResult> {
    return inTransaction(this.pool, async (client) => {
      const now = new Date().toISOString();
      // Locking the state row serialises commits, as SQLite's single writer does.
      const state = await client.query(`SELECT network_epoch FROM polling_state WHERE stream = 'main' FOR UPDATE`);
      const epoch = state.rows[0].network_epoch as number;
      const insertedKeys = await insertEvents(client, batch.events, epoch, now);
      const inserted: StoredEvent[] = batch.events.filter((e) => insertedKeys.has(e.dedupKey)).map((e) => decodedToStored(e, epoch, now));
      await this.notifications.applyEvents(client, inserted);
      if (batch.cursor !== undefined) {
        await client.query(`UPDATE polling_state SET cursor = $1, updated_at = $2 WHERE stream = 'main'`, [batch.cursor, now]);
      }
      if (batch.checkpoint) {
        await client.query(`UPDATE polling_state SET checkpoint_ledger = $1, checkpoint_hash = $2, updated_at = $3 WHERE stream = 'main'`, [
          batch.checkpoint.ledger,
          batch.checkpoint.hash,
          now,
        ]);
        if (batch.checkpoint.covered) await this.archive.creditLive(client, batch.checkpoint.covered, batch.checkpoint.ledger, now);
      }
      if (batch.backfill) {
        await client.query(
          `UPDATE backfills SET cursor = $1, events = events + $2, updated_at = $3 WHERE contract_id = $4 AND status = 'running'`,
          [batch.backfill.cursor, inserted.length, now, batch.backfill.contractId],
        );
      }
      return { inserted, duplicates: batch.events.length - inserted.length };
    });
  }

  async setNetwork(passphrase: string): Promise<void> {
    await this.pool.query(`UPDATE polling_state SET network_passphrase = $1, updated_at = $2 WHERE stream = 'main'`, [passphrase, now()]);
  }

  async setResumeLedger(ledger: number): Promise<void> {
    await this.pool.query(`UPDATE polling_state SET resume_ledger = $1, updated_at = $2 WHERE stream = 'main'`, [ledger, now()]);
  }

  async recordNetworkReset(reason: string, passphrase: string): Promise<PollingState> {
    return inTransaction(this.pool, async (client) => {
      const before = rowToPollingState((await client.query(`SELECT * FROM polling_state WHERE stream = 'main' FOR UPDATE`)).rows[0]);
      const epoch = before.networkEpoch + 1;
      await client.query('INSERT INTO network_resets (epoch, reason, old_passphrase, new_passphrase, detected_at) VALUES ($1, $2, $3, $4, $5)', [
        epoch, reason, before.networkPassphrase, passphrase, now(),
      ]);
      const { rows } = await client.query(
        `UPDATE polling_state SET network_epoch = $1, network_passphrase = $2, cursor = NULL, resume_ledger = NULL,
         checkpoint_ledger = NULL, checkpoint_hash = NULL, updated_at = $3 WHERE stream = 'main' RETURNING *`,
        [epoch, passphrase, now()],
      );
      await this.archive.breakLive(client);
      return rowToPollingState(rows[0]);
    });
  }

  async recordGap(gap: { fromLedger: number; toLedger: number; reason: string }): Promise<GapRecord> {
    return inTransaction(this.pool, async (client) => {
      const detectedAt = now();
      const { rows } = await client.query(
        `INSERT INTO gaps (network_epoch, from_ledger, to_ledger, reason, detected_at)
         SELECT network_epoch, $1, $2, $3, $4 FROM polling_state WHERE stream = 'main' RETURNING id`,
        [gap.fromLedger, gap.toLedger, gap.reason, detectedAt],
      );
      await client.query(`UPDATE polling_state SET cursor = NULL, resume_ledger = $1, updated_at = $2 WHERE stream = 'main'`, [gap.toLedger + 1, detectedAt]);
      await this.archive.breakLive(client);
      return { id: rows[0].id, from_ledger: gap.fromLedger, to_ledger: gap.toLedger, reason: gap.reason, detected_at: detectedAt };
    });
  }

  async listGaps(limit = 100): Promise<GapRecord[]> {
    return (await this.pool.query('SELECT id, from_ledger, to_ledger, reason, detected_at FROM gaps ORDER BY id DESC LIMIT $1', [limit])).rows;
  }

  async lastReset(): Promise<NetworkResetRecord | null> {
    return (await this.pool.query('SELECT epoch, reason, detected_at FROM network_resets ORDER BY epoch DESC LIMIT 1')).rows[0] ?? null;
  }

  async listContracts(): Promise<WatchedContract[]> {
    return (await this.pool.query('SELECT * FROM contracts ORDER BY added_at, contract_id')).rows.map(rowToContract);
  }

  async upsertContract(c: { id: string; name?: string | null; eventTypes?: string[]; startLedger?: number | null; retentionDays?: number | null }): Promise<WatchedContract> {
    // retention_days changes only when given (null = back to the global RETENTION_DAYS).
    const { rows } = await this.pool.query(
      `INSERT INTO contracts (contract_id, name, event_types, start_ledger, retention_days, added_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (contract_id) DO UPDATE SET name = coalesce(excluded.name, contracts.name),
         event_types = excluded.event_types, start_ledger = coalesce(excluded.start_ledger, contracts.start_ledger),
         retention_days = CASE WHEN $7 THEN excluded.retention_days ELSE contracts.retention_days END
       RETURNING *`,
      [c.id, c.name ?? null, JSON.stringify(c.eventTypes ?? []), c.startLedger ?? null, c.retentionDays ?? null, now(), c.retentionDays !== undefined],
    );
    return rowToContract(rows[0]);
  }

  async removeContract(id: string): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM contracts WHERE contract_id = $1', [id])).rowCount ?? 0) > 0;
  }

  async startBackfill(b: { contractId: string; fromLedger: number; toLedger: number }): Promise<Backfill> {
    const t = now();
    const { rows } = await this.pool.query(
      `INSERT INTO backfills (contract_id, from_ledger, to_ledger, cursor, events, status, error, started_at, updated_at)
       VALUES ($1, $2, $3, NULL, 0, 'running', NULL, $4, $4)
       ON CONFLICT (contract_id) DO UPDATE SET from_ledger = $2, to_ledger = $3, cursor = NULL, events = 0,
         status = 'running', error = NULL, started_at = $4, updated_at = $4
       RETURNING *`,
      [b.contractId, b.fromLedger, b.toLedger, t],
    );
    return rowToBackfill(rows[0]);
  }

  async listBackfills(): Promise<Backfill[]> {
    return (await this.pool.query('SELECT * FROM backfills ORDER BY started_at, contract_id')).rows.map(rowToBackfill);
  }

  async finishBackfill(contractId: string, status: 'done' | 'failed', error?: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const at = now();
      const { rows } = await client.query(
        `UPDATE backfills SET status = $1, error = $2, updated_at = $3 WHERE contract_id = $4 RETURNING from_ledger, to_ledger,
           (SELECT network_epoch FROM polling_state WHERE stream = 'main') AS epoch`,
        [status, error ?? null, at, contractId],
      );
      const done = rows[0];
      if (done && status === 'done') await this.archive.creditRange(client, done.epoch, contractId, done.from_ledger, done.to_ledger, 'backfill', at);
    });
  }

  async getSpec(contractId: string): Promise<CachedSpec | null> {
    const row = (await this.pool.query('SELECT * FROM contract_specs WHERE contract_id = $1', [contractId])).rows[0];
    return row ? { contractId, wasmHash: row.wasm_hash, entries: row.entries, fetchedAt: row.fetched_at } : null;
  }

  async putSpec(spec: CachedSpec): Promise<void> {
    await this.pool.query(
      `INSERT INTO contract_specs (contract_id, wasm_hash, entries, fetched_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (contract_id) DO UPDATE SET wasm_hash = $2, entries = $3, fetched_at = $4`,
      [spec.contractId, spec.wasmHash, spec.entries ? JSON.stringify(spec.entries) : null, spec.fetchedAt],
    );
  }

  async countEvents(): Promise<number> {
    return (await this.pool.query('SELECT count(*) AS n FROM events')).rows[0].n;
  }

  async getEvent(id: string): Promise<StoredEvent | null> {
    const { rows } = await this.pool.query(`SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = $1 ORDER BY network_epoch DESC LIMIT 1`, [id]);
    return rows[0] ? rowToEvent(rows[0] as EventRow) : null;
  }

  async recentEvents(limit: number): Promise<StoredEvent[]> {
    return (await this.pool.query(`SELECT ${EVENT_COLUMNS} FROM events ORDER BY seq DESC LIMIT $1`, [limit])).rows.map((r) => rowToEvent(r as EventRow));
  }

  async lastEventTime(): Promise<string | null> {
    return (await this.pool.query('SELECT created_at FROM events ORDER BY seq DESC LIMIT 1')).rows[0]?.created_at ?? null;
  }

  async deleteEventsBefore(before: string, batchSize: number, scope: RetentionScope = {}): Promise<number> {
    const where = scope.contractId ? 'AND contract_id = $3' : scope.excluding?.length ? 'AND NOT (contract_id = ANY($3))' : '';
    const params: unknown[] = [before, batchSize, ...(scope.contractId ? [scope.contractId] : scope.excluding?.length ? [scope.excluding] : [])];
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query(
        `DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE created_at < $1 ${where} ORDER BY created_at LIMIT $2)
         RETURNING contract_id, ledger_sequence, event_id`,
        params,
      );
      const latest = new Map<string, number>();
      for (const r of rows) if (!String(r.event_id).startsWith('local:')) latest.set(r.contract_id, Math.max(latest.get(r.contract_id) ?? 0, r.ledger_sequence));
      await this.archive.trimThrough(client, [...latest].map(([contract_id, ledger]) => ({ contract_id, ledger })));
      return rows.length;
    });
  }

  async getSetting<T>(key: string): Promise<T | null> {
    return ((await this.pool.query('SELECT value FROM settings WHERE key = $1', [key])).rows[0]?.value as T | undefined) ?? null;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.pool.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2', [key, JSON.stringify(value)]);
  }
}

const now = () => new Date().toISOString();
