// SQLite store (better-sqlite3): WAL, synchronous=NORMAL, foreign keys on. Statements are
// prepared once; the ingest path is one transaction per page of events.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { GapRecord, NetworkResetRecord, StoredEvent } from '../../../../shared/model';
import { decodedToStored, rowToEvent, type EventRow } from '../event-row';
import type { Backfill, CachedSpec, IngestBatch, IngestResult, PollingState, RetentionScope, Store, WatchedContract } from '../store';
import { rowToBackfill, rowToContract, rowToPollingState } from '../state-rows';
import { migrate } from './migrate';
import { SqliteArchiveStore } from './sqlite-archive-store';
import { SqliteDispatchStore } from './sqlite-dispatch-store';
import { SqliteEventQueries } from './sqlite-event-queries';
import { SqliteNotificationStore } from './sqlite-notification-store';
import { SqliteRuleStateStore } from './sqlite-rule-state-store';
import { prepareStatements, type Statements } from './statements';

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  readonly events: SqliteEventQueries;
  readonly dispatch: SqliteDispatchStore;
  readonly notifications: SqliteNotificationStore;
  readonly rules: SqliteRuleStateStore;
  readonly archive: SqliteArchiveStore;
  private readonly sql: Statements;

  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // 64 MiB of page cache (the default is 2 MiB): the event indexes of a million-event store
    // stay in memory while a backfill appends to them.
    this.db.pragma('cache_size = -65536');
    migrate(this.db);
    this.sql = prepareStatements(this.db);
    this.events = new SqliteEventQueries(this.db);
    this.dispatch = new SqliteDispatchStore(this.db);
    this.notifications = new SqliteNotificationStore(this.db);
    this.rules = new SqliteRuleStateStore(this.db);
    this.archive = new SqliteArchiveStore(this.db, this.sql.insertEvent);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async ping(): Promise<boolean> {
    try {
      return this.db.open && this.db.prepare('SELECT 1 AS ok').get() !== undefined;
    } catch {
      return false;
    }
  }

  async tryAcquireIngestLock(): Promise<boolean> {
    return true; // one process owns a SQLite file
  }

  async getPollingState(): Promise<PollingState> {
    return this.pollingState();
  }

  private pollingState(): PollingState {
    return rowToPollingState(this.sql.getPolling.get() as Record<string, unknown>);
  }


  async commitIngest(batch: IngestBatch): Promise<IngestResult> {
    return this.commitIngestTx(batch);
  }

  private readonly commitIngestTx = (batch: IngestBatch): IngestResult => {
    const run = this.db.transaction((): IngestResult => {
      const now = new Date().toISOString();
      const epoch = (this.sql.getPolling.get() as { network_epoch: number }).network_epoch;
      const inserted: StoredEvent[] = [];
      for (const event of batch.events) {
        const result = this.sql.insertEvent.run(
          event.eventId, epoch, event.contractId, event.eventType, event.ledger, event.closedAt, now,
          JSON.stringify(event.data), JSON.stringify(event.topics), JSON.stringify(event.rawTopics), event.rawValue,
          event.category, event.priority, event.txHash, event.dedupKey, event.decodeStatus, event.decodeError,
        );
        if (result.changes === 0) continue;
        this.sql.insertOutbox.run(result.lastInsertRowid, now);
        inserted.push(decodedToStored(event, epoch, now));
      }
      this.notifications.applyEvents(inserted);
      if (batch.cursor !== undefined) this.sql.setCursor.run(batch.cursor, now);
      if (batch.backfill) this.sql.advanceBackfill.run(batch.backfill.cursor, inserted.length, now, batch.backfill.contractId);
      if (batch.checkpoint) {
        this.sql.setCheckpoint.run(batch.checkpoint.ledger, batch.checkpoint.hash, now);
        if (batch.checkpoint.covered) this.archive.creditLive(batch.checkpoint.covered, batch.checkpoint.ledger, now);
      }
      return { inserted, duplicates: batch.events.length - inserted.length };
    });
    return run.immediate();
  };

  async setNetwork(passphrase: string): Promise<void> {
    this.sql.setPassphrase.run(passphrase, new Date().toISOString());
  }

  async setResumeLedger(ledger: number): Promise<void> {
    this.db.prepare(`UPDATE polling_state SET resume_ledger = ?, updated_at = ? WHERE stream = 'main'`).run(ledger, new Date().toISOString());
  }

  async recordNetworkReset(reason: string, passphrase: string): Promise<PollingState> {
    this.db.transaction(() => {
      const now = new Date().toISOString();
      const before = this.pollingState();
      const epoch = before.networkEpoch + 1;
      this.db
        .prepare('INSERT INTO network_resets (epoch, reason, old_passphrase, new_passphrase, detected_at) VALUES (?, ?, ?, ?, ?)')
        .run(epoch, reason, before.networkPassphrase, passphrase, now);
      this.db
        .prepare(
          `UPDATE polling_state SET network_epoch = ?, network_passphrase = ?, cursor = NULL, resume_ledger = NULL,
           checkpoint_ledger = NULL, checkpoint_hash = NULL, updated_at = ? WHERE stream = 'main'`,
        )
        .run(epoch, passphrase, now);
      this.archive.breakLive();
    })();
    return this.pollingState();
  }

  async recordGap(gap: { fromLedger: number; toLedger: number; reason: string }): Promise<GapRecord> {
    return this.db.transaction((): GapRecord => {
      const now = new Date().toISOString();
      const epoch = this.pollingState().networkEpoch;
      const result = this.db
        .prepare('INSERT INTO gaps (network_epoch, from_ledger, to_ledger, reason, detected_at) VALUES (?, ?, ?, ?, ?)')
        .run(epoch, gap.fromLedger, gap.toLedger, gap.reason, now);
      // Resume from the first ledger after the gap, not from a cursor inside it.
      this.db
        .prepare(`UPDATE polling_state SET cursor = NULL, resume_ledger = ?, updated_at = ? WHERE stream = 'main'`)
        .run(gap.toLedger + 1, now);
      this.archive.breakLive();
      return { id: Number(result.lastInsertRowid), from_ledger: gap.fromLedger, to_ledger: gap.toLedger, reason: gap.reason, detected_at: now };
    })();
  }

  async listGaps(limit = 100): Promise<GapRecord[]> {
    return this.db
      .prepare('SELECT id, from_ledger, to_ledger, reason, detected_at FROM gaps ORDER BY id DESC LIMIT ?')
      .all(limit) as GapRecord[];
  }

  async lastReset(): Promise<NetworkResetRecord | null> {
    const row = this.db.prepare('SELECT epoch, reason, detected_at FROM network_resets ORDER BY epoch DESC LIMIT 1').get();
    return (row as NetworkResetRecord | undefined) ?? null;
  }

  async listContracts(): Promise<WatchedContract[]> {
    const rows = this.db.prepare('SELECT * FROM contracts ORDER BY added_at, contract_id').all() as Record<string, unknown>[];
    return rows.map(rowToContract);
  }

  async upsertContract(c: { id: string; name?: string | null; eventTypes?: string[]; startLedger?: number | null; retentionDays?: number | null }): Promise<WatchedContract> {
    // retention_days changes only when given (null = back to the global RETENTION_DAYS).
    this.db
      .prepare(
        `INSERT INTO contracts (contract_id, name, event_types, start_ledger, retention_days, added_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (contract_id) DO UPDATE SET name = coalesce(excluded.name, name),
           event_types = excluded.event_types, start_ledger = coalesce(excluded.start_ledger, start_ledger),
           retention_days = CASE WHEN ? THEN excluded.retention_days ELSE retention_days END`,
      )
      .run(c.id, c.name ?? null, JSON.stringify(c.eventTypes ?? []), c.startLedger ?? null, c.retentionDays ?? null, new Date().toISOString(), c.retentionDays !== undefined ? 1 : 0);
    return rowToContract(this.db.prepare('SELECT * FROM contracts WHERE contract_id = ?').get(c.id) as Record<string, unknown>);
  }

  async removeContract(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM contracts WHERE contract_id = ?').run(id).changes > 0;
  }

  async startBackfill(b: { contractId: string; fromLedger: number; toLedger: number }): Promise<Backfill> {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT OR REPLACE INTO backfills (contract_id, from_ledger, to_ledger, cursor, events, status, error, started_at, updated_at)
         VALUES (?, ?, ?, NULL, 0, 'running', NULL, ?, ?)`,
      )
      .run(b.contractId, b.fromLedger, b.toLedger, now, now);
    return (await this.listBackfills()).find((x) => x.contractId === b.contractId)!;
  }

  async listBackfills(): Promise<Backfill[]> {
    const rows = this.db.prepare('SELECT * FROM backfills ORDER BY started_at, contract_id').all() as Record<string, unknown>[];
    return rows.map(rowToBackfill);
  }

  async finishBackfill(contractId: string, status: 'done' | 'failed', error?: string): Promise<void> {
    this.db.transaction(() => {
      const now = new Date().toISOString();
      this.db.prepare('UPDATE backfills SET status = ?, error = ?, updated_at = ? WHERE contract_id = ?').run(status, error ?? null, now, contractId);
      const done = this.db.prepare(`SELECT from_ledger, to_ledger FROM backfills WHERE contract_id = ? AND status = 'done'`).get(contractId) as
        | { from_ledger: number; to_ledger: number }
        | undefined;
      if (done) this.archive.creditRange(this.pollingState().networkEpoch, contractId, done.from_ledger, done.to_ledger, 'backfill', now);
    })();
  }

  async getSpec(contractId: string): Promise<CachedSpec | null> {
    const row = this.db.prepare('SELECT * FROM contract_specs WHERE contract_id = ?').get(contractId) as Record<string, string | null> | undefined;
    if (!row) return null;
    return {
      contractId,
      wasmHash: row.wasm_hash ?? null,
      entries: row.entries ? (JSON.parse(row.entries) as string[]) : null,
      fetchedAt: row.fetched_at!,
    };
  }

  async putSpec(spec: CachedSpec): Promise<void> {
    this.db
      .prepare('INSERT OR REPLACE INTO contract_specs (contract_id, wasm_hash, entries, fetched_at) VALUES (?, ?, ?, ?)')
      .run(spec.contractId, spec.wasmHash, spec.entries ? JSON.stringify(spec.entries) : null, spec.fetchedAt);
  }

  async countEvents(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  }

  async getEvent(id: string): Promise<StoredEvent | null> {
    const row = this.db.prepare('SELECT * FROM events WHERE event_id = ? ORDER BY network_epoch DESC LIMIT 1').get(id);
    return row ? rowToEvent(row as EventRow) : null;
  }

  async recentEvents(limit: number): Promise<StoredEvent[]> {
    return (this.db.prepare('SELECT * FROM events ORDER BY seq DESC LIMIT ?').all(limit) as EventRow[]).map(rowToEvent);
  }

  async lastEventTime(): Promise<string | null> {
    const row = this.db.prepare('SELECT created_at FROM events ORDER BY seq DESC LIMIT 1').get() as { created_at: string } | undefined;
    return row?.created_at ?? null;
  }

  async deleteEventsBefore(before: string, batchSize: number, scope: RetentionScope = {}): Promise<number> {
    const where = scope.contractId ? 'AND contract_id = ?' : scope.excluding?.length ? `AND contract_id NOT IN (${scope.excluding.map(() => '?').join(', ')})` : '';
    const params = scope.contractId ? [scope.contractId] : (scope.excluding ?? []);
    return this.db.transaction(() => {
      const pick = `SELECT seq FROM events WHERE created_at < ? ${where} ORDER BY created_at LIMIT ?`;
      const removed = this.db
        .prepare(`SELECT contract_id, max(ledger_sequence) AS ledger FROM events WHERE seq IN (${pick}) AND event_id NOT LIKE 'local:%' GROUP BY contract_id`)
        .all(before, ...params, batchSize) as Array<{ contract_id: string; ledger: number }>;
      const n = this.db.prepare(`DELETE FROM events WHERE seq IN (${pick})`).run(before, ...params, batchSize).changes;
      this.archive.trimThrough(removed);
      return n;
    })();
  }

  async getSetting<T>(key: string): Promise<T | null> {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : null;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    this.db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, JSON.stringify(value));
  }
}
