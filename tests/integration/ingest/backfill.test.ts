import { afterEach, describe, expect, it } from 'vitest';
import type { BackfillProgress } from '../../../src/main/engine/ingest/backfill-runner';
import { startHarness, type Harness } from '../../fixtures/engine-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function doneFor(harness: Harness, contractId: string): Promise<BackfillProgress> {
  return new Promise((resolve) => {
    harness.engine.on('backfill-progress', (p) => {
      if (p.contractId === contractId && p.status === 'done') resolve(p);
    });
  });
}

describe('backfilling a newly watched contract', () => {
  it('reads its past events from the given ledger while the live stream goes on', async () => {
    h = await startHarness({ demo: { history: { ledgers: 300, eventsPerLedger: 6 }, eventsPerLedger: 3 }, pageLimit: 100 });
    const { autoshare, taskbounty } = h.demo.chain.contracts;
    const liveFrom = h.demo.chain.latestLedger - 5;
    await h.store.setResumeLedger(liveFrom);
    await h.engine.watch({ id: autoshare });
    await h.engine.subscriber.pollOnce();

    await h.engine.watch({ id: taskbounty, startLedger: h.demo.chain.oldestLedger });
    const [planned] = await h.store.listBackfills();
    expect(planned).toMatchObject({ contractId: taskbounty, fromLedger: h.demo.chain.oldestLedger, status: 'running' });

    const done = doneFor(h, taskbounty);
    h.engine.backfills.start();
    h.demo.chain.closeLedger();
    await h.engine.subscriber.pollOnce(); // the live stream now includes the new contract
    const progress = await done;

    const stored = new Set(h.storedIds());
    for (const id of h.servedIds([taskbounty])) expect(stored.has(id)).toBe(true);
    expect(progress.ledgersDone).toBe(progress.ledgersTotal);
    expect(progress.events).toBeGreaterThan(0);
    // The older autoshare events were never asked for.
    const autoshareBefore = [...h.demo.chain.events()].filter((e) => e.contractId === autoshare && e.ledger < liveFrom);
    expect(autoshareBefore.some((e) => stored.has(e.id))).toBe(false);
  });

  it('a backfill survives a restart and continues from its own cursor', async () => {
    h = await startHarness({ demo: { history: { ledgers: 200, eventsPerLedger: 6 } }, pageLimit: 50 });
    const { taskbounty } = h.demo.chain.contracts;
    await h.store.setResumeLedger(h.demo.chain.latestLedger);
    await h.engine.subscriber.pollOnce();
    await h.store.commitIngest({ events: [], checkpoint: { ledger: h.demo.chain.latestLedger, hash: h.demo.chain.ledgerHash(h.demo.chain.latestLedger) } });
    await h.engine.watch({ id: taskbounty, startLedger: h.demo.chain.oldestLedger });
    const first = await h.store.listBackfills();
    expect(first[0]?.status).toBe('running');

    // Simulate progress made by an earlier process: part of the range already read.
    const midway = [...h.demo.chain.events()].filter((e) => e.contractId === taskbounty)[20]!.id;
    await h.store.commitIngest({ events: [], backfill: { contractId: taskbounty, cursor: midway } });
    const done = doneFor(h, taskbounty);
    h.engine.backfills.start();
    await done;
    const stored = h.storedIds();
    const served = h.servedIds([taskbounty]);
    expect(stored).toEqual(served.filter((id) => id > midway));
  });

  it('a start ledger older than the RPC keeps begins at its oldest ledger instead of failing', async () => {
    h = await startHarness({ demo: { history: { ledgers: 50, eventsPerLedger: 4 }, retentionLedgers: 40 } });
    const { autoshare } = h.demo.chain.contracts;
    await h.store.setResumeLedger(h.demo.chain.latestLedger);
    await h.engine.watch({ id: autoshare, startLedger: 1 });
    expect((await h.store.listBackfills())[0]).toMatchObject({ fromLedger: 1, toLedger: h.demo.chain.latestLedger });
    const done = doneFor(h, autoshare);
    h.engine.backfills.start();
    const progress = await done;
    expect(progress.fromLedger).toBe(h.demo.chain.oldestLedger);
    expect(h.storedIds()).toEqual(h.servedIds([autoshare]));
  });
});
