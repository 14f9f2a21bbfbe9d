// Contract lifecycle on the demo network: a TTL running down alerts once at the threshold and
// once when extended, a lapsed entry reads as archived, an upgrade is an event of its own and
// later events decode with the new spec; alerts reach a webhook target through the outbox.
import { afterEach, describe, expect, it } from 'vitest';
import { lifecycleOf } from '../../../src/main/engine/stellar/demo/contract-lifecycle';
import { startHarness, type Harness } from '../../fixtures/engine-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const WARN = 100;
const lifecycleEvents = (harness: Harness) =>
  harness.store.db
    .prepare(`SELECT event_id, event_type, data FROM events WHERE event_id LIKE 'local:lifecycle:%' ORDER BY seq`)
    .all()
    .map((r) => {
      const row = r as { event_id: string; event_type: string; data: string };
      return { type: row.event_type, ...JSON.parse(row.data) };
    });

describe('watching contract lifecycles', () => {
  it('an instance TTL near its end alerts once at the threshold, once when extended, and archived when it lapses', async () => {
    h = await startHarness({ demo: { history: { ledgers: 5, eventsPerLedger: 1 } }, config: { ttlWarnLedgers: WARN } });
    const { autoshare } = h.demo.chain.contracts;
    await h.engine.watch({ id: autoshare });
    const demo = lifecycleOf(h.demo.chain);
    const tip = () => h!.demo.chain.latestLedger;

    demo.setLiveUntil(autoshare, tip() + WARN + 10);
    expect(await h.engine.lifecycle.refresh()).toEqual([]); // 110 ledgers left: no warning yet
    for (let i = 0; i < 15; i++) h.demo.chain.closeLedger();
    const warned = await h.engine.lifecycle.refresh();
    expect(warned.map((e) => e.event_type)).toEqual(['ttl_expiring']);
    expect(warned[0]!.data).toMatchObject({ entry: 'instance', ledgers_left: WARN - 5, live_until_ledger: tip() + WARN - 5 });
    for (let i = 0; i < 3; i++) h.demo.chain.closeLedger();
    expect(await h.engine.lifecycle.refresh()).toEqual([]); // still expiring: said once

    demo.extend(autoshare, 10_000);
    const extended = await h.engine.lifecycle.refresh();
    expect(extended.map((e) => e.event_type)).toEqual(['ttl_extended']);
    expect(extended[0]!.data).toMatchObject({ entry: 'instance', live_until_ledger: tip() + 10_000 });
    expect(await h.engine.lifecycle.refresh()).toEqual([]);

    demo.setLiveUntil(autoshare, tip() + 2);
    expect((await h.engine.lifecycle.refresh()).map((e) => e.event_type)).toEqual(['ttl_expiring']);
    for (let i = 0; i < 3; i++) h.demo.chain.closeLedger();
    const archived = await h.engine.lifecycle.refresh();
    expect(archived.map((e) => e.event_type)).toEqual(['contract_archived']);
    expect(archived[0]!.priority).toBe('critical');
    expect(await h.engine.lifecycle.lifecycle(autoshare)).toMatchObject({ contract_id: autoshare, archived: true, instance: null });
    expect(lifecycleEvents(h).map((e) => e.type)).toEqual(['ttl_expiring', 'ttl_extended', 'ttl_expiring', 'contract_archived']);
  });

  it('a WASM upgrade is a contract_upgraded event, and later events decode with the new spec', async () => {
    h = await startHarness({ demo: { history: { ledgers: 5, eventsPerLedger: 2 }, eventsPerLedger: 2 } });
    const { notifications } = h.demo.chain.contracts;
    await h.engine.watch({ id: notifications });
    await h.engine.subscriber.pollOnce(); // loads the spec (AutoShare's WASM)
    const demo = lifecycleOf(h.demo.chain);
    const before = demo.wasmHashOf(notifications);
    await h.engine.lifecycle.refresh();
    const status = await h.engine.lifecycle.lifecycle(notifications);
    expect(status).toMatchObject({ wasm_hash: before, archived: false, instance: { ledgers_left: expect.any(Number) }, code: { ledgers_left: expect.any(Number) } });

    const after = demo.upgrade(notifications);
    const upgraded = await h.engine.lifecycle.refresh();
    expect(upgraded.map((e) => [e.event_type, e.data])).toEqual([
      ['contract_upgraded', { old_wasm_hash: before, new_wasm_hash: after, ledger: h.demo.chain.latestLedger }],
    ]);
    expect(await h.engine.lifecycle.refresh()).toEqual([]);
    // The next event is decoded with the spec of the WASM now live: fetched again, not the cached one.
    const fetchesBefore = h.demo.requestCount('getLedgerEntries');
    const tipAtUpgrade = h.demo.chain.latestLedger;
    while (![...h.demo.chain.events()].some((e) => e.contractId === notifications && e.ledger > tipAtUpgrade)) h.demo.chain.closeLedger();
    await h.engine.subscriber.pollOnce();
    expect(h.demo.requestCount('getLedgerEntries')).toBeGreaterThan(fetchesBefore);
    expect((await h.store.getSpec(notifications))!.wasmHash).toBe(after);
  });

  it('the API shows the TTLs of a checked contract and says when none was checked yet', async () => {
    h = await startHarness({ demo: { history: { ledgers: 3, eventsPerLedger: 1 } } });
    const { taskbounty } = h.demo.chain.contracts;
    await h.engine.watch({ id: taskbounty });
    expect(await h.engine.lifecycle.lifecycle(taskbounty)).toBeNull();
    await h.engine.lifecycle.refresh();
    const lifecycle = await h.engine.lifecycle.lifecycle(taskbounty);
    expect(lifecycle!.instance!.live_until_ledger).toBeGreaterThan(h.demo.chain.latestLedger);
    expect(Date.parse(lifecycle!.instance!.estimated_expiry)).toBeGreaterThan(Date.parse(lifecycle!.checked_at));
  });
});
