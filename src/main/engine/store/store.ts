// The store interface the engine, API and dispatcher use. SQLite implements it for the app and
// `serve`; PostgreSQL will implement the same interface for shared deployments, so every method
// is async even where SQLite answers synchronously.
import type { GapRecord, NetworkResetRecord, StoredEvent } from '../../../shared/model';
import type { DecodedEvent } from '../stellar/decoded-event';
import type { ArchiveStore } from './archive-store';
import type { DispatchStore } from './dispatch-store';
import type { EventQueries } from './event-queries';
import type { NotificationStore } from './notification-store';
import type { RuleStateStore } from './rule-state-store';

export interface PollingState {
  networkPassphrase: string | null;
  networkEpoch: number;
  /** Exclusive `getEvents` cursor; null = start from a ledger. */
  cursor: string | null;
  /** Where to start when there is no cursor. */
  resumeLedger: number | null;
  /** The last ledger fully ingested, and its hash, to detect network resets. */
  checkpointLedger: number | null;
  checkpointHash: string | null;
  updatedAt: string | null;
}

export interface IngestBatch {
  events: DecodedEvent[];
  /** A backfill's progress, advanced in the same transaction as its events. */
  backfill?: { contractId: string; cursor: string };
  /** Advance the cursor in the same transaction (absent = leave it). */
  cursor?: string | null;
  /** `covered`: the contracts the live stream read up to this ledger (credited to their coverage). */
  checkpoint?: { ledger: number; hash: string; covered?: string[] };
}

/** Which events a retention pass removes: one contract's, or all but the listed ones. */
export interface RetentionScope {
  contractId?: string;
  excluding?: string[];
}

export interface IngestResult {
  /** Events that were new (not already stored); duplicates are dropped by the unique key. */
  inserted: StoredEvent[];
  duplicates: number;
}

export interface WatchedContract {
  id: string;
  name: string | null;
  eventTypes: string[];
  startLedger: number | null;
  /** null = the global RETENTION_DAYS; 0 = keep forever; N = keep N days. */
  retentionDays: number | null;
  addedAt: string;
}

export type BackfillStatus = 'running' | 'done' | 'failed';

export interface Backfill {
  contractId: string;
  fromLedger: number;
  toLedger: number;
  cursor: string | null;
  events: number;
  status: BackfillStatus;
  error: string | null;
  startedAt: string;
  updatedAt: string;
}

export interface CachedSpec {
  contractId: string;
  wasmHash: string | null;
  /** Base64 ScSpecEntry XDR; null = the contract has no spec (checked, none found). */
  entries: string[] | null;
  fetchedAt: string;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Reading events for the API (filters, paging, export). */
  readonly events: EventQueries;
  /** Targets, rules and deliveries. */
  readonly dispatch: DispatchStore;
  /** Scheduled notifications and local reminders. */
  readonly notifications: NotificationStore;
  /** The rule engine's windows, silence, noise control and counters, and the alerts it raises. */
  readonly rules: RuleStateStore;
  /** Coverage of the local archive, and export/import of its history. */
  readonly archive: ArchiveStore;
  close(): Promise<void>;
  ping(): Promise<boolean>;

  /**
   * Whether this process may ingest now. Only one instance ingests a network at a time
   * (PostgreSQL: an advisory lock that passes on when its holder dies; SQLite: always true).
   */
  tryAcquireIngestLock(): Promise<boolean>;

  getPollingState(): Promise<PollingState>;
  /** Events + outbox rows + cursor/checkpoint in one transaction. */
  commitIngest(batch: IngestBatch): Promise<IngestResult>;
  setNetwork(passphrase: string): Promise<void>;
  /** Where to start reading when there is no cursor yet. */
  setResumeLedger(ledger: number): Promise<void>;
  /** Starts a new network epoch: cursor and checkpoint cleared, old events kept. */
  recordNetworkReset(reason: string, passphrase: string): Promise<PollingState>;
  /** Records a gap and moves the start past it (cursor cleared), in one transaction. */
  recordGap(gap: { fromLedger: number; toLedger: number; reason: string }): Promise<GapRecord>;
  listGaps(limit?: number): Promise<GapRecord[]>;
  lastReset(): Promise<NetworkResetRecord | null>;

  listContracts(): Promise<WatchedContract[]>;
  upsertContract(contract: { id: string; name?: string | null; eventTypes?: string[]; startLedger?: number | null; retentionDays?: number | null }): Promise<WatchedContract>;
  removeContract(id: string): Promise<boolean>;
  /** Starts (or restarts) reading a contract's past events from `fromLedger` up to `toLedger`. */
  startBackfill(b: { contractId: string; fromLedger: number; toLedger: number }): Promise<Backfill>;
  listBackfills(): Promise<Backfill[]>;
  finishBackfill(contractId: string, status: Exclude<BackfillStatus, 'running'>, error?: string): Promise<void>;
  getSpec(contractId: string): Promise<CachedSpec | null>;
  putSpec(spec: CachedSpec): Promise<void>;

  countEvents(): Promise<number>;
  getEvent(id: string): Promise<StoredEvent | null>;
  /** Newest first. */
  recentEvents(limit: number): Promise<StoredEvent[]>;
  lastEventTime(): Promise<string | null>;
  /** Deletes up to `batchSize` events closed before `before` (in `scope`), trimming coverage; returns how many went. */
  deleteEventsBefore(before: string, batchSize: number, scope?: RetentionScope): Promise<number>;

  getSetting<T>(key: string): Promise<T | null>;
  setSetting(key: string, value: unknown): Promise<void>;
}
