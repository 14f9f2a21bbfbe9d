import { afterEach, describe, expect, it } from 'vitest';
import { filterGroups } from '../../../src/main/engine/ingest/fetch-range';
import { demoContractIds } from '../../../src/main/engine/stellar/demo';
import type { StellarRpc } from '../../../src/main/engine/stellar/rpc-types';
import { startHarness, type Harness } from '../../fixtures/engine-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Registers the watched contracts (what engine.start() does) without starting the poll loop. */
async function prepare(harness: Harness): Promise<Harness> {
  for (const id of Object.values(harness.demo.chain.contracts)) await harness.engine.watch({ id });
  return harness;
}

describe('ingesting from the demo network', () => {
  it('stores every served event exactly once, across many pages', async () => {
    h = await prepare(await startHarness({ demo: { history: { ledgers: 200, eventsPerLedger: 7 } }, pageLimit: 97 }));
    await h.engine.subscriber.pollOnce();
    expect(h.storedIds()).toEqual(h.servedIds());
    expect(h.storedIds()).toHaveLength(1400);
    // A second poll with nothing new stores nothing more.
    await h.engine.subscriber.pollOnce();
    expect(h.storedIds()).toHaveLength(1400);
  });

  it('picks up events of newly closed ledgers from the stored cursor', async () => {
    h = await prepare(await startHarness({ demo: { history: { ledgers: 5, eventsPerLedger: 2 }, eventsPerLedger: 4 } }));
    await h.engine.subscriber.pollOnce();
    for (let i = 0; i < 3; i++) h.demo.chain.closeLedger();
    await h.engine.subscriber.pollOnce();
    expect(h.storedIds()).toEqual(h.servedIds());
    expect(h.storedIds()).toHaveLength(10 + 12);
    expect(h.engine.subscriber.status).toMatchObject({ state: 'live', latestLedger: h.demo.chain.latestLedger });
  });

  it('names AutoShare fields from the contract spec and TaskBounty fields by position', async () => {
    h = await prepare(await startHarness({ demo: { history: { ledgers: 50, eventsPerLedger: 6 } } }));
    await h.engine.subscriber.pollOnce();
    const rows = h.store.db.prepare('SELECT contract_id, decode_status FROM events').all() as { contract_id: string; decode_status: string }[];
    const { autoshare, taskbounty } = h.demo.chain.contracts;
    expect(new Set(rows.filter((r) => r.contract_id === autoshare).map((r) => r.decode_status))).toEqual(new Set(['spec']));
    expect(new Set(rows.filter((r) => r.contract_id === taskbounty).map((r) => r.decode_status))).toEqual(new Set(['positional']));
    // The spec was fetched once per contract and cached in SQLite.
    expect(await h.store.getSpec(autoshare)).toMatchObject({ entries: expect.any(Array) });
    expect(h.demo.requestCount('getLedgerEntries')).toBeLessThanOrEqual(6);
  });

  it('rides out 429s, 5xx and garbage answers without losing or repeating an event', async () => {
    h = await prepare(await startHarness({ demo: { history: { ledgers: 100, eventsPerLedger: 5 } }, pageLimit: 50 }));
    h.demo.injectFaults(
      { kind: 'http-status', status: 429, retryAfter: 0, method: 'getEvents' },
      { kind: 'http-status', status: 503, method: 'getEvents' },
      { kind: 'garbage', method: 'getEvents' },
      { kind: 'rpc-error', code: -32603, message: 'internal', method: 'getEvents' },
    );
    await h.engine.subscriber.pollOnce();
    expect(h.storedIds()).toEqual(h.servedIds());
    expect(h.demo.requestCount('getEvents')).toBeGreaterThan(10 + 4);
  });

  it('a poll that fails every retry leaves nothing half-done, and the next poll catches up', async () => {
    h = await prepare(await startHarness({ demo: { history: { ledgers: 40, eventsPerLedger: 5 } }, pageLimit: 50 }));
    await h.engine.subscriber.pollOnce();
    for (let i = 0; i < 5; i++) h.demo.chain.closeLedger();
    h.demo.injectFaults({ kind: 'http-status', status: 503, method: 'getEvents', times: 5 });
    await expect(h.engine.subscriber.pollOnce()).rejects.toMatchObject({ code: 'rpc.server_error' });
    await h.engine.subscriber.pollOnce();
    expect(h.storedIds()).toEqual(h.servedIds());
  });

  it('a parameter error from the RPC is reported, not retried, and changes nothing', async () => {
    h = await prepare(await startHarness({ demo: { history: { ledgers: 10, eventsPerLedger: 2 } } }));
    h.demo.injectFaults({ kind: 'rpc-error', code: -32602, message: 'filter 1: invalid contract id', method: 'getEvents' });
    await expect(h.engine.subscriber.pollOnce()).rejects.toMatchObject({ code: 'rpc.request_rejected' });
    expect(h.demo.requestCount('getEvents')).toBe(1);
    expect(h.storedIds()).toEqual([]);
    expect((await h.store.getPollingState()).cursor).toBeNull();
  });

  it('a cursor older than the RPC keeps is recorded as a gap, and reading resumes at the oldest ledger', async () => {
    h = await prepare(await startHarness({ demo: { history: { ledgers: 20, eventsPerLedger: 2 }, eventsPerLedger: 1 } }));
    await h.engine.subscriber.pollOnce();
    const lastRead = h.demo.chain.latestLedger;
    for (let i = 0; i < 30; i++) h.demo.chain.closeLedger();
    h.demo.chain.pruneTo(lastRead + 10);
    await h.engine.subscriber.pollOnce(); // finds the gap
    await h.engine.subscriber.pollOnce(); // resumes after it
    const [gap] = await h.store.listGaps();
    expect(gap).toMatchObject({ from_ledger: lastRead, to_ledger: lastRead + 9 });
    const stored = new Set(h.storedIds());
    for (const id of h.servedIds()) expect(stored.has(id)).toBe(true);
    const health = await h.engine.health();
    expect(health.gaps).toHaveLength(1);
  });

  it('a network reset starts a new epoch, keeps the old events and reads the new chain', async () => {
    h = await prepare(await startHarness({ demo: { history: { ledgers: 30, eventsPerLedger: 2 }, eventsPerLedger: 3 } }));
    await h.engine.subscriber.pollOnce();
    const before = h.storedIds().length;
    h.demo.chain.reset();
    for (let i = 0; i < 4; i++) h.demo.chain.closeLedger();
    await h.engine.subscriber.pollOnce(); // detects the reset
    await h.engine.subscriber.pollOnce(); // reads the new chain
    const epochs = h.store.db.prepare('SELECT network_epoch AS epoch, count(*) AS n FROM events GROUP BY network_epoch').all();
    expect(epochs).toEqual([{ epoch: 0, n: before }, { epoch: 1, n: 12 }]);
    expect(await h.store.lastReset()).toMatchObject({ epoch: 1, reason: expect.stringMatching(/went back|hash/) });
  });

  it('an RPC on another network is refused and nothing is stored', async () => {
    h = await prepare(await startHarness({ expectedPassphrase: 'Test SDF Network ; September 2015', demo: { history: { ledgers: 5, eventsPerLedger: 2 } } }));
    await expect(h.engine.subscriber.pollOnce()).rejects.toMatchObject({ code: 'config.network_mismatch' });
    expect(h.storedIds()).toEqual([]);
  });

  it('keeps only the event types asked for a contract', async () => {
    h = await startHarness({ demo: { history: { ledgers: 100, eventsPerLedger: 6 } } });
    const { autoshare } = h.demo.chain.contracts;
    await h.engine.watch({ id: autoshare, eventTypes: ['withdrawal', 'admin_transferred'] });
    await h.engine.subscriber.pollOnce();
    const types = h.store.db.prepare('SELECT DISTINCT event_type AS t FROM events ORDER BY t').all();
    expect(types).toEqual([{ t: 'admin_transferred' }, { t: 'withdrawal' }]);
  });

  it('watches more contracts than one request can name, in several groups, missing nothing', async () => {
    h = await startHarness({ demo: { history: { ledgers: 60, eventsPerLedger: 5 } }, pageLimit: 40 });
    const others = Array.from({ length: 27 }, (_, i) => Object.values(demoContractIds(1000 + i))).flat().slice(0, 27);
    for (const id of [...others, ...Object.values(h.demo.chain.contracts)]) await h.engine.watch({ id });
    expect(filterGroups((await h.store.listContracts()).map((c) => c.id))).toHaveLength(2);
    await h.engine.subscriber.pollOnce();
    expect(h.storedIds()).toEqual(h.servedIds());
  });

  it('an undecodable event from the RPC is stored raw and flagged, not dropped', async () => {
    const corrupt = (rpc: StellarRpc): StellarRpc => ({
      getHealth: () => rpc.getHealth(),
      getNetwork: () => rpc.getNetwork(),
      getLatestLedger: () => rpc.getLatestLedger(),
      getLedgers: (params) => rpc.getLedgers(params),
      getLedgerEntries: (keys) => rpc.getLedgerEntries(keys),
      getEvents: async (params) => {
        const page = await rpc.getEvents(params);
        return { ...page, events: page.events.map((e, i) => (i === 0 ? { ...e, value: 'bm90IHhkcg==' } : e)) };
      },
    });
    h = await prepare(await startHarness({ demo: { history: { ledgers: 10, eventsPerLedger: 3 } }, wrapRpc: corrupt }));
    await h.engine.subscriber.pollOnce();
    expect(h.storedIds()).toEqual(h.servedIds());
    const flagged = h.store.db.prepare(`SELECT count(*) AS n FROM events WHERE decode_status = 'failed'`).get();
    expect(flagged).toEqual({ n: 1 });
    expect(h.engine.metrics.decodeFailures).toBe(1);
  });

  it('the running engine stores a new ledger’s events without being asked', async () => {
    h = await startHarness({ demo: { history: { ledgers: 3, eventsPerLedger: 1 }, eventsPerLedger: 2, ledgerIntervalMs: 200 }, config: { pollIntervalMs: 1000 } });
    await h.engine.start();
    h.demo.chain.start();
    await new Promise<void>((resolve) => {
      h!.engine.on('events-stored', () => {
        if (h!.storedIds().length >= 3 + 4) resolve();
      });
    });
    expect(h.storedIds().length).toBeGreaterThanOrEqual(7);
  });
});
