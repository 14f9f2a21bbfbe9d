// One suite, both stores: the engine must not be able to tell SQLite from PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/main/engine/store/sqlite/migrate';
import { PG_MIGRATIONS } from '../../../src/main/engine/store/postgres/migrate';
import { PostgresStore } from '../../../src/main/engine/store/postgres/postgres-store';
import { CONTRACT_A, decodedEvent } from '../../fixtures/decoded-event';
import { STORE_KINDS, openPostgres, openStore, type StoreUnderTest } from '../../fixtures/stores';

it('both stores have the same migrations, versioned the same way', () => {
  expect(PG_MIGRATIONS.map((m) => m.id)).toEqual(MIGRATIONS.map((m) => m.id));
});

describe.each(STORE_KINDS)('%s store', (kind) => {
  let t: StoreUnderTest;
  beforeEach(async () => {
    t = await openStore(kind);
  });
  afterEach(async () => {
    await t.close();
  });

  it('stores events, their outbox rows and the cursor together', async () => {
    const events = [decodedEvent(10, 0), decodedEvent(10, 1), decodedEvent(11, 0)];
    const result = await t.store.commitIngest({ events, cursor: events[2]!.eventId });
    expect(result.inserted.map((e) => e.id)).toEqual(events.map((e) => e.eventId));
    expect(await t.store.countEvents()).toBe(3);
    expect(await t.count('outbox')).toBe(3);
    expect((await t.store.getPollingState()).cursor).toBe(events[2]!.eventId);
  });

  it('a repeated event is stored once and gets no second outbox row', async () => {
    await t.store.commitIngest({ events: [decodedEvent(10, 0)] });
    const again = await t.store.commitIngest({ events: [decodedEvent(10, 0), decodedEvent(10, 1)] });
    expect(again.inserted.map((e) => e.id)).toEqual([decodedEvent(10, 1).eventId]);
    expect(again.duplicates).toBe(1);
    expect(await t.count('outbox')).toBe(2);
  });

  it('a failing batch leaves events, outbox and cursor as they were', async () => {
    await t.store.commitIngest({ events: [decodedEvent(10, 0)], cursor: 'before' });
    const broken = decodedEvent(11, 0, { contractId: null as unknown as string });
    await expect(t.store.commitIngest({ events: [decodedEvent(10, 1), broken], cursor: 'after' })).rejects.toThrow();
    expect(await t.store.countEvents()).toBe(1);
    expect((await t.store.getPollingState()).cursor).toBe('before');
  });

  it('reads back exactly what was stored, i128 and raw XDR included', async () => {
    const [stored] = (await t.store.commitIngest({ events: [decodedEvent(12, 0)] })).inserted;
    expect(await t.store.getEvent(stored!.id)).toEqual(stored);
    expect(await t.store.recentEvents(1)).toEqual([stored]);
    expect(await t.store.lastEventTime()).toBe(stored!.created_at);
  });

  it('a network reset starts a new epoch and keeps the old events', async () => {
    await t.store.setNetwork('Test SDF Network ; September 2015');
    await t.store.commitIngest({ events: [decodedEvent(10, 0)], cursor: 'c1', checkpoint: { ledger: 10, hash: 'aa' } });
    const state = await t.store.recordNetworkReset('ledger sequence went back', 'Test SDF Network ; September 2015');
    expect(state).toMatchObject({ networkEpoch: 1, cursor: null, checkpointLedger: null, resumeLedger: null });
    expect((await t.store.commitIngest({ events: [decodedEvent(10, 0)] })).inserted).toHaveLength(1);
    expect(await t.store.countEvents()).toBe(2);
    expect(await t.store.lastReset()).toMatchObject({ epoch: 1, reason: 'ledger sequence went back' });
  });

  it('a gap is recorded and ingestion resumes after it', async () => {
    await t.store.commitIngest({ events: [], cursor: 'c1' });
    expect(await t.store.recordGap({ fromLedger: 100, toLedger: 199, reason: 'retention' })).toMatchObject({ from_ledger: 100, to_ledger: 199 });
    expect(await t.store.getPollingState()).toMatchObject({ cursor: null, resumeLedger: 200 });
    expect(await t.store.listGaps()).toEqual([expect.objectContaining({ from_ledger: 100, to_ledger: 199, reason: 'retention' })]);
  });

  it('retention deletes old events in batches, outbox rows with them', async () => {
    await t.store.commitIngest({ events: [decodedEvent(10, 0), decodedEvent(20, 0), decodedEvent(30, 0)] });
    const cutoff = decodedEvent(25, 0).closedAt;
    expect(await t.store.deleteEventsBefore(cutoff, 1)).toBe(1);
    expect(await t.store.deleteEventsBefore(cutoff, 5)).toBe(1);
    expect(await t.store.countEvents()).toBe(1);
    expect(await t.count('outbox')).toBe(1);
  });

  it('watched contracts, specs, settings and backfills round-trip', async () => {
    await t.store.upsertContract({ id: CONTRACT_A, name: 'AutoShare', eventTypes: ['withdrawal'] });
    await t.store.upsertContract({ id: CONTRACT_A, eventTypes: [] });
    expect(await t.store.listContracts()).toEqual([expect.objectContaining({ id: CONTRACT_A, name: 'AutoShare', eventTypes: [] })]);
    await t.store.putSpec({ contractId: CONTRACT_A, wasmHash: 'ab', entries: ['AAAA'], fetchedAt: 'now' });
    expect(await t.store.getSpec(CONTRACT_A)).toEqual({ contractId: CONTRACT_A, wasmHash: 'ab', entries: ['AAAA'], fetchedAt: 'now' });
    await t.store.setSetting('demo.anchor', 12345);
    expect(await t.store.getSetting('demo.anchor')).toBe(12345);
    await t.store.startBackfill({ contractId: CONTRACT_A, fromLedger: 5, toLedger: 50 });
    await t.store.commitIngest({ events: [decodedEvent(6, 0)], backfill: { contractId: CONTRACT_A, cursor: 'c6' } });
    expect(await t.store.listBackfills()).toEqual([expect.objectContaining({ contractId: CONTRACT_A, cursor: 'c6', events: 1, status: 'running' })]);
    await t.store.finishBackfill(CONTRACT_A, 'done');
    expect((await t.store.listBackfills())[0]?.status).toBe('done');
    expect(await t.store.removeContract(CONTRACT_A)).toBe(true);
    expect(await t.store.removeContract(CONTRACT_A)).toBe(false);
  });

  it('concurrent commits of overlapping pages store each event once', async () => {
    const page = (from: number) => Array.from({ length: 50 }, (_, i) => decodedEvent(100 + Math.floor((from + i) / 5), (from + i) % 5));
    const results = await Promise.all([0, 25, 50, 25].map((from) => t.store.commitIngest({ events: page(from) })));
    const inserted = results.flatMap((r) => r.inserted.map((e) => e.id));
    expect(new Set(inserted).size).toBe(inserted.length);
    expect(await t.store.countEvents()).toBe(100);
    expect(await t.count('outbox')).toBe(100);
  });
});

describe('PostgreSQL ingest lock', () => {
  it('only one instance holds it, and it passes on when the holder goes away', async () => {
    const a = await openPostgres();
    const b = await PostgresStore.open(a.store.connectionString);
    try {
      expect(await a.store.tryAcquireIngestLock()).toBe(true);
      expect(await b.tryAcquireIngestLock()).toBe(false);
      expect(await a.store.tryAcquireIngestLock()).toBe(true);
      await a.close();
      expect(await b.tryAcquireIngestLock()).toBe(true);
    } finally {
      await b.close();
    }
  });
});
