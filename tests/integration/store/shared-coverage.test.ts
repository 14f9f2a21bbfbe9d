// Coverage bookkeeping on both stores: credited in the transactions that read the chain.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTRACT_A, decodedEvent } from '../../fixtures/decoded-event';
import { STORE_KINDS, openStore, type StoreUnderTest } from '../../fixtures/stores';

const B = 'CB64D3G7SM2RTH6JSGG34DDTFTQ5CFDKVDZJZSODMCX4NJ2HV2KN7OHT';

describe.each(STORE_KINDS)('%s store coverage', (kind) => {
  let t: StoreUnderTest;
  beforeEach(async () => {
    t = await openStore(kind);
  });
  afterEach(async () => {
    await t.close();
  });
  const held = async (id: string) => (await t.store.archive.coverage(id, [])).ranges.map((r) => [r.from_ledger, r.to_ledger, r.sources]);

  it('live checkpoints extend one range per contract; a gap breaks it and becomes a hole', async () => {
    await t.store.setResumeLedger(100);
    await t.store.commitIngest({ events: [decodedEvent(101, 0)], checkpoint: { ledger: 110, hash: 'h110', covered: [CONTRACT_A] } });
    await t.store.commitIngest({ events: [], checkpoint: { ledger: 120, hash: 'h120', covered: [CONTRACT_A, B] } });
    expect(await held(CONTRACT_A)).toEqual([[100, 120, ['live']]]);
    expect(await held(B)).toEqual([[111, 120, ['live']]]);
    expect(await t.count('coverage')).toBe(2); // extended in place, not a row per poll

    await t.store.recordGap({ fromLedger: 120, toLedger: 139, reason: 'the RPC keeps ledgers 140-200 only' });
    await t.store.commitIngest({ events: [], checkpoint: { ledger: 150, hash: 'h150', covered: [CONTRACT_A] } });
    const coverage = await t.store.archive.coverage(CONTRACT_A, []);
    expect(coverage.ranges.map((r) => [r.from_ledger, r.to_ledger])).toEqual([[100, 120], [140, 150]]);
    expect(coverage.holes).toEqual([{ from_ledger: 121, to_ledger: 139, reason: 'retention_gap', detail: expect.stringContaining('140-200') }]);
    expect(coverage.ranges[0]!.from_time).toBe(decodedEvent(101, 0).closedAt);
  });

  it('a finished backfill is credited; a failed one is not; a reset starts counting anew', async () => {
    await t.store.upsertContract({ id: CONTRACT_A });
    await t.store.startBackfill({ contractId: CONTRACT_A, fromLedger: 10, toLedger: 50 });
    await t.store.finishBackfill(CONTRACT_A, 'failed', 'boom');
    expect(await held(CONTRACT_A)).toEqual([]);
    await t.store.startBackfill({ contractId: CONTRACT_A, fromLedger: 10, toLedger: 50 });
    await t.store.finishBackfill(CONTRACT_A, 'done');
    expect(await held(CONTRACT_A)).toEqual([[10, 50, ['backfill']]]);

    await t.store.recordNetworkReset('hash differs', 'Another ; network');
    expect(await held(CONTRACT_A)).toEqual([]); // the new epoch holds nothing yet
  });

  it('imported events are stored once, with no outbox rows, and coverage added twice is held once', async () => {
    const rows = await t.store.archive.exportPage({ contractId: CONTRACT_A, fromLedger: 0, toLedger: null, afterId: null, limit: 10 });
    expect(rows).toEqual([]);
    await t.store.commitIngest({ events: [decodedEvent(5, 0), decodedEvent(6, 0)] });
    const exported = await t.store.archive.exportPage({ contractId: CONTRACT_A, fromLedger: 6, toLedger: null, afterId: null, limit: 10 });
    expect(exported.map((e) => e.event_id)).toEqual([decodedEvent(6, 0).eventId]);
    const outboxBefore = await t.count('outbox');
    const moved = { ...exported[0]!, event_id: decodedEvent(7, 0).eventId, ledger_sequence: 7, dedup_key: 'k7' };
    expect(await t.store.archive.importEvents([exported[0]!, moved])).toBe(1);
    expect(await t.store.archive.importEvents([exported[0]!, moved])).toBe(0);
    expect(await t.count('outbox')).toBe(outboxBefore);
    await t.store.archive.addCoverage(CONTRACT_A, 5, 7, 'import');
    await t.store.archive.addCoverage(CONTRACT_A, 5, 7, 'import');
    expect(await held(CONTRACT_A)).toEqual([[5, 7, ['import']]]);
    expect(await t.count('coverage')).toBe(1);
  });

  it('retention scoped to one contract removes only its events and trims its coverage', async () => {
    await t.store.setResumeLedger(1);
    await t.store.commitIngest({ events: [decodedEvent(2, 0), decodedEvent(3, 0)], checkpoint: { ledger: 10, hash: 'h', covered: [CONTRACT_A] } });
    const removed = await t.store.deleteEventsBefore(decodedEvent(3, 0).closedAt, 100, { contractId: CONTRACT_A });
    expect(removed).toBe(1);
    expect(await held(CONTRACT_A)).toEqual([[3, 10, ['live']]]);
    expect(await t.store.deleteEventsBefore(decodedEvent(9, 0).closedAt, 100, { excluding: [CONTRACT_A] })).toBe(0);
  });
});
