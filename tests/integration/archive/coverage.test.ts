// Coverage: what the archive holds per contract, after live reading, a retention gap, a
// backfill, an unwatched stretch and retention cleanup — exactly the ranges and holes.
import { afterEach, describe, expect, it } from 'vitest';
import type { BackfillProgress } from '../../../src/main/engine/ingest/backfill-runner';
import { pruneOldEvents } from '../../../src/main/engine/retention';
import { silentLogger } from '../../../src/main/engine/log/logger';
import type { Clock } from '../../../src/main/engine/clock';
import { startHarness, type Harness } from '../../fixtures/engine-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function backfillDone(harness: Harness, contractId: string): Promise<BackfillProgress> {
  return new Promise((resolve) => {
    harness.engine.on('backfill-progress', (p) => {
      if (p.contractId === contractId && p.status === 'done') resolve(p);
    });
  });
}

const ranges = (c: { ranges: Array<{ from_ledger: number; to_ledger: number }> }) => c.ranges.map((r) => [r.from_ledger, r.to_ledger]);

describe('coverage of the local archive', () => {
  it('holds exactly the ranges read live and backfilled, with the retention gap as a hole', async () => {
    h = await startHarness({ demo: { history: { ledgers: 20, eventsPerLedger: 2 }, eventsPerLedger: 1 } });
    const { autoshare, taskbounty, notifications } = h.demo.chain.contracts;
    const first = h.demo.chain.oldestLedger;
    await h.engine.watch({ id: autoshare });
    await h.engine.watch({ id: taskbounty });
    await h.engine.subscriber.pollOnce();
    const firstTip = h.demo.chain.latestLedger;
    const firstAutoshareTime = [...h.demo.chain.events()].find((e) => e.contractId === autoshare)!.ledgerClosedAt;
    expect(ranges(await h.store.archive.coverage(autoshare, []))).toEqual([[first, firstTip]]);

    // The app is away while the RPC's window moves past where it stopped.
    for (let i = 0; i < 30; i++) h.demo.chain.closeLedger();
    h.demo.chain.pruneTo(firstTip + 10);
    await h.engine.subscriber.pollOnce(); // finds the gap
    await h.engine.subscriber.pollOnce(); // resumes after it
    const secondTip = h.demo.chain.latestLedger;
    const [gap] = await h.store.listGaps();
    const resumedAt = gap!.to_ledger + 1;

    const autoshareCoverage = await h.store.archive.coverage(autoshare, []);
    expect(ranges(autoshareCoverage)).toEqual([[first, firstTip], [resumedAt, secondTip]]);
    expect(autoshareCoverage.holes).toEqual([
      { from_ledger: firstTip + 1, to_ledger: resumedAt - 1, reason: 'retention_gap', detail: expect.stringContaining('could not be read') },
    ]);
    expect(autoshareCoverage.summary).toMatch(/^history from ledger \d+ \(\d{4}-\d{2}-\d{2}\) with 1 hole$/);
    expect(Date.parse(autoshareCoverage.ranges[0]!.from_time!)).toBe(Date.parse(firstAutoshareTime));

    // A contract added now, with a start ledger, is backfilled up to where the live stream is.
    await h.engine.watch({ id: notifications, startLedger: h.demo.chain.oldestLedger });
    const done = backfillDone(h, notifications);
    h.engine.backfills.start();
    await done;
    h.demo.chain.closeLedger();
    await h.engine.subscriber.pollOnce();
    const added = await h.store.archive.coverage(notifications, []);
    expect(ranges(added)).toEqual([[h.demo.chain.oldestLedger, h.demo.chain.latestLedger]]);
    expect(added.ranges[0]!.sources.sort()).toEqual(['backfill', 'live']);
    expect(added.holes).toEqual([]);
    expect(added.summary).toMatch(/with no gaps$/);

    // The retention gap is older than the RPC keeps: filling it is not possible, and says so.
    const contract = (await h.store.listContracts()).find((c) => c.id === autoshare)!;
    const fill = await h.engine.fillHoles(contract);
    expect(fill.backfill).toBeNull();
    expect(fill.beyond_retention).toEqual(autoshareCoverage.holes);
  });

  it('an unwatched stretch is a hole, and filling it backfills exactly that', async () => {
    h = await startHarness({ demo: { history: { ledgers: 10, eventsPerLedger: 2 }, eventsPerLedger: 2 } });
    const { autoshare, taskbounty } = h.demo.chain.contracts;
    await h.engine.watch({ id: autoshare });
    await h.engine.watch({ id: taskbounty });
    await h.engine.subscriber.pollOnce();
    const removedAfter = h.demo.chain.latestLedger;
    await h.engine.unwatch(autoshare);
    for (let i = 0; i < 5; i++) h.demo.chain.closeLedger();
    await h.engine.subscriber.pollOnce(); // taskbounty only
    const backAt = h.demo.chain.latestLedger + 1;
    await h.engine.watch({ id: autoshare });
    for (let i = 0; i < 3; i++) h.demo.chain.closeLedger();
    await h.engine.subscriber.pollOnce();

    const before = await h.store.archive.coverage(autoshare, []);
    expect(before.holes).toEqual([{ from_ledger: removedAfter + 1, to_ledger: backAt - 1, reason: 'not_watched', detail: expect.any(String) }]);
    const missing = [...h.demo.chain.events()].filter((e) => e.contractId === autoshare && e.ledger > removedAfter && e.ledger < backAt);
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.some((e) => h!.storedIds().includes(e.id))).toBe(false);

    const contract = (await h.store.listContracts()).find((c) => c.id === autoshare)!;
    const done = backfillDone(h, autoshare);
    const fill = await h.engine.fillHoles(contract);
    expect(fill.backfill).toEqual({ from_ledger: removedAfter + 1, to_ledger: backAt - 1 });
    h.engine.backfills.start();
    await done;
    const after = await h.store.archive.coverage(autoshare, []);
    expect(after.holes).toEqual([]);
    const stored = new Set(h.storedIds());
    for (const e of missing) expect(stored.has(e.id)).toBe(true);
  });

  it("retention removes old events per contract's own setting and trims coverage with them", async () => {
    h = await startHarness({ demo: { history: { ledgers: 10, eventsPerLedger: 3 } } });
    const { autoshare, taskbounty, notifications } = h.demo.chain.contracts;
    await h.engine.watch({ id: autoshare, retentionDays: 30 });
    await h.engine.watch({ id: taskbounty, retentionDays: 0 }); // forever
    await h.engine.watch({ id: notifications }); // the global setting (0 here: keep)
    await h.engine.subscriber.pollOnce();
    const held = (id: string) => h!.store.db.prepare('SELECT count(*) AS n FROM events WHERE contract_id = ?').get(id) as { n: number };
    const before = { taskbounty: held(taskbounty).n, notifications: held(notifications).n };
    expect(held(autoshare).n).toBeGreaterThan(0);

    const newest = Math.max(...[...h.demo.chain.events()].map((e) => Date.parse(e.ledgerClosedAt)));
    const monthLater: Clock = { now: () => newest + 31 * 86_400_000, sleep: async () => {} };
    const removed = await pruneOldEvents(h.store, 0, monthLater, silentLogger);
    expect(removed).toBeGreaterThan(0);
    expect(held(autoshare).n).toBe(0);
    expect(held(taskbounty).n).toBe(before.taskbounty);
    expect(held(notifications).n).toBe(before.notifications);
    // What was removed is no longer claimed as held.
    const autoshareCoverage = await h.store.archive.coverage(autoshare, []);
    const lastRemoved = Math.max(...[...h.demo.chain.events()].filter((e) => e.contractId === autoshare).map((e) => e.ledger));
    for (const r of autoshareCoverage.ranges) expect(r.from_ledger).toBeGreaterThan(lastRemoved);
    expect(ranges(await h.store.archive.coverage(taskbounty, []))).toEqual([[h.demo.chain.oldestLedger, h.demo.chain.latestLedger]]);
  });
});
