import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../../src/main/engine/store/sqlite/migrate';
import { SqliteStore } from '../../../src/main/engine/store/sqlite/sqlite-store';
import { decodedEvent } from '../../fixtures/decoded-event';

let dir: string;
let store: SqliteStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nc-store-'));
  store = new SqliteStore(join(dir, 'nested', 'notifychain.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite store', () => {
  it('every migration runs in order on an empty database and is recorded once', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(migrate(db)).toEqual([]);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all().map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['events', 'outbox', 'polling_state', 'gaps', 'contracts', 'contract_specs', 'settings']));
  });

  it('refuses a database written by a newer version', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run('9999_from_the_future', 'now');
    expect(() => migrate(db)).toThrow(/newer NotifyChain/);
  });

  it('uses WAL and foreign keys', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('stores events, their outbox rows and the cursor together', async () => {
    const events = [decodedEvent(10, 0), decodedEvent(10, 1), decodedEvent(11, 0)];
    const result = await store.commitIngest({ events, cursor: events[2]!.eventId });
    expect(result.inserted.map((e) => e.id)).toEqual(events.map((e) => e.eventId));
    expect(await store.countEvents()).toBe(3);
    expect(store.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 3 });
    expect((await store.getPollingState()).cursor).toBe(events[2]!.eventId);
  });

  it('a repeated event is stored once and gets no second outbox row', async () => {
    await store.commitIngest({ events: [decodedEvent(10, 0)] });
    const again = await store.commitIngest({ events: [decodedEvent(10, 0), decodedEvent(10, 1)] });
    expect(again.inserted.map((e) => e.id)).toEqual([decodedEvent(10, 1).eventId]);
    expect(again.duplicates).toBe(1);
    expect(await store.countEvents()).toBe(2);
    expect(store.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 2 });
  });

  it('a failing batch leaves events, outbox and cursor as they were', async () => {
    await store.commitIngest({ events: [decodedEvent(10, 0)], cursor: 'before' });
    const broken = decodedEvent(11, 0, { contractId: null as unknown as string });
    await expect(store.commitIngest({ events: [decodedEvent(10, 1), broken], cursor: 'after' })).rejects.toThrow();
    expect(await store.countEvents()).toBe(1);
    expect((await store.getPollingState()).cursor).toBe('before');
  });

  it('keeps i128 values and raw XDR exactly', async () => {
    const [stored] = (await store.commitIngest({ events: [decodedEvent(12, 0)] })).inserted;
    const read = await store.getEvent(stored!.id);
    expect(read).toEqual(stored);
    expect(read!.data).toEqual({ amount: '340282366920938463463374607431768211455' });
    expect(read!.raw.topics).toEqual(['AAAADwAAAAp3aXRoZHJhd2FsAAA=']);
  });

  it('a network reset starts a new epoch, clears the cursor and keeps old events', async () => {
    await store.setNetwork('Test SDF Network ; September 2015');
    await store.commitIngest({ events: [decodedEvent(10, 0)], cursor: 'c1', checkpoint: { ledger: 10, hash: 'aa' } });
    const state = await store.recordNetworkReset('ledger sequence went back', 'Test SDF Network ; September 2015');
    expect(state).toMatchObject({ networkEpoch: 1, cursor: null, checkpointLedger: null, resumeLedger: null });
    // The same event id on the new network is a different event.
    const again = await store.commitIngest({ events: [decodedEvent(10, 0)] });
    expect(again.inserted).toHaveLength(1);
    expect(await store.countEvents()).toBe(2);
    expect(await store.lastReset()).toMatchObject({ epoch: 1, reason: 'ledger sequence went back' });
  });

  it('a gap is recorded and ingestion resumes after it', async () => {
    await store.commitIngest({ events: [], cursor: 'c1' });
    const gap = await store.recordGap({ fromLedger: 100, toLedger: 199, reason: 'retention' });
    expect(gap).toMatchObject({ from_ledger: 100, to_ledger: 199 });
    expect(await store.getPollingState()).toMatchObject({ cursor: null, resumeLedger: 200 });
    expect(await store.listGaps()).toHaveLength(1);
  });

  it('retention deletes old events in batches and their outbox rows with them', async () => {
    await store.commitIngest({ events: [decodedEvent(10, 0), decodedEvent(20, 0), decodedEvent(30, 0)] });
    const cutoff = decodedEvent(25, 0).closedAt;
    expect(await store.deleteEventsBefore(cutoff, 1)).toBe(1);
    expect(await store.deleteEventsBefore(cutoff, 1)).toBe(1);
    expect(await store.deleteEventsBefore(cutoff, 1)).toBe(0);
    expect(await store.countEvents()).toBe(1);
    expect(store.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
  });

  it('watched contracts are upserted and removed', async () => {
    const id = decodedEvent(1).contractId;
    await store.upsertContract({ id, name: 'AutoShare', eventTypes: ['withdrawal'] });
    await store.upsertContract({ id, eventTypes: [] });
    expect(await store.listContracts()).toEqual([expect.objectContaining({ id, name: 'AutoShare', eventTypes: [] })]);
    expect(await store.removeContract(id)).toBe(true);
    expect(await store.removeContract(id)).toBe(false);
  });
});
