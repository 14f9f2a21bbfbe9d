// A dispatcher on a real SQLite file in a temp folder, with captured logs and helpers to
// store events (through the real ingest transaction, which writes the outbox rows).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { targetInputSchema, type DispatchSettingsInput, type TargetView } from '../../../../src/shared/targets';
import type { Clock } from '../../../../src/main/engine/clock';
import { systemClock } from '../../../../src/main/engine/clock';
import { Dispatcher, type DispatcherHostOptions } from '../../../../src/main/engine/dispatch/dispatcher';
import { createLogger } from '../../../../src/main/engine/log/logger';
import { createNodeSecretBox } from '../../../../src/main/engine/secrets/key-source';
import { SqliteStore } from '../../../../src/main/engine/store/sqlite/sqlite-store';
import type { DecodedEvent } from '../../../../src/main/engine/stellar/decoded-event';
import { decodedEvent } from '../../../fixtures/decoded-event';

export interface Harness {
  dir: string;
  store: SqliteStore;
  dispatcher: Dispatcher;
  clock: Clock;
  /** Every log line the dispatcher wrote (JSON). */
  logs: string[];
  addTarget(input: unknown): Promise<TargetView>;
  /** Stores events as ingestion does, then wakes the dispatcher. */
  ingest(events: DecodedEvent[]): Promise<void>;
  /** `count` withdrawal events in consecutive ledgers from `ledger`. */
  events(count: number, ledger?: number, overrides?: Partial<DecodedEvent>): DecodedEvent[];
  close(): Promise<void>;
}

export const FAST_SETTINGS: DispatchSettingsInput = { pollIntervalMs: 20, requestTimeoutMs: 2_000, batchTimeoutMs: 200 };

export async function startHarness(opts: { clock?: Clock; settings?: DispatchSettingsInput; host?: DispatcherHostOptions } = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'nc-dispatch-'));
  const store = new SqliteStore(join(dir, 'notifychain.db'));
  const logs: string[] = [];
  const log = createLogger('debug', (line) => logs.push(line));
  const clock = opts.clock ?? systemClock;
  const dispatcher = new Dispatcher({
    store,
    log,
    clock,
    env: {},
    secretBox: createNodeSecretBox({ env: {}, keyFile: join(dir, 'secrets.key') }),
    settings: { ...FAST_SETTINGS, ...opts.settings },
    ...opts.host,
  });
  let nextLedger = 100;
  return {
    dir,
    store,
    dispatcher,
    clock,
    logs,
    addTarget: (input) => dispatcher.targets.create(targetInputSchema.parse(input)),
    ingest: async (events) => {
      await store.commitIngest({ events });
      dispatcher.wake();
    },
    events: (count, ledger, overrides = {}) => {
      const from = ledger ?? nextLedger;
      nextLedger = from + count;
      return Array.from({ length: count }, (_, i) => decodedEvent(from + i, 0, overrides));
    },
    close: async () => {
      await dispatcher.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` (real time) until it stops throwing. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
