// End to end on the demo network: the engine polls a demo RPC over HTTP, stores the AutoShare
// events the test puts on chain, and the rules deliver to a local webhook sink exactly when they
// should: a threshold when the third large withdrawal lands within a minute, a silence when
// five ledgers close without a delivery notice, and again only after notices resumed.
import { afterEach, describe, expect, it } from 'vitest';
import { targetInputSchema } from '../../../src/shared/targets';
import { startHarness, type Harness } from '../../fixtures/engine-harness';
import { startHttpSink, type HttpSink } from '../../fixtures/sinks/http-sink';
import { eventually } from '../dispatch/support/harness';
import { injectEvents, type Injector } from './support/demo-injector';

let h: Harness | undefined;
let sink: HttpSink | undefined;
afterEach(async () => {
  await h?.close();
  await sink?.close();
  h = sink = undefined;
});

const alerts = (path: string) =>
  sink!.requests.filter((r) => r.path === path).map((r) => (r.json as { data: { event_type: string; data: Record<string, unknown> } }).data);

async function setUp(): Promise<{ chain: Injector; close(n?: number): Promise<void> }> {
  sink = await startHttpSink();
  h = await startHarness({ demo: { eventsPerLedger: 0 } });
  const chain = injectEvents(h.demo);
  return {
    chain,
    close: async (n = 1) => {
      for (let i = 0; i < n; i++) h!.demo.chain.closeLedger();
      await h!.engine.subscriber.pollOnce();
    },
  };
}

/**
 * The rules have seen every ledger the chain has closed, with nothing left to read: any alert due
 * by now is stored. Then "no alert" is a fact, not a guess about how long to wait.
 */
async function expectNoAlertYet(path: string, type: 'rule_threshold' | 'rule_silence'): Promise<void> {
  const latest = h!.demo.chain.latestLedger;
  await eventually(() => {
    const settled = h!.engine.dispatcher.rules.lastSettled;
    expect(Math.max(settled?.ledger ?? 0, settled?.eventsUpToLedger ?? 0)).toBeGreaterThanOrEqual(latest);
  });
  const stored = h!.store.db.prepare('SELECT count(*) AS n FROM events WHERE event_type = ?').get(type) as { n: number };
  expect(stored.n, `${type} alerts stored`).toBe(alerts(path).length);
}

const addTarget = (name: string, rule: unknown) =>
  h!.engine.dispatcher.targets.create(targetInputSchema.parse({ name, kind: 'webhook', config: { url: `${sink!.url}/${name}` }, rule }));

describe('rules against the demo network', () => {
  it('a threshold rule delivers once, when the third large withdrawal lands within a minute', async () => {
    const { chain, close } = await setUp();
    const autoshare = h!.demo.chain.contracts.autoshare;
    await addTarget('whales', {
      contracts: [autoshare],
      event_types: ['withdrawal'],
      condition: 'event.amount > 18446744073709551616',
      trigger: { kind: 'count', above: 2, window_minutes: 1 },
    });
    await h!.engine.start();
    await close();
    const big = 2n ** 64n + 1n;
    chain.emit('withdrawal', { amount: big });
    chain.emit('withdrawal', { amount: 5n }); // small: the condition leaves it out
    await close();
    chain.emit('withdrawal', { amount: big });
    await close();
    await expectNoAlertYet('/whales', 'rule_threshold');
    expect(alerts('/whales')).toEqual([]);
    chain.emit('withdrawal', { amount: big * 3n });
    await close();
    await eventually(() => expect(alerts('/whales')).toHaveLength(1));
    expect(alerts('/whales')[0]).toMatchObject({ event_type: 'rule_threshold', contract_id: autoshare, data: { count: 3, above: '2', value: '3' } });
    // 13 ledgers (65 s of chain time) later the window has emptied: one more is not a burst.
    await close(13);
    chain.emit('withdrawal', { amount: big });
    await close();
    await expectNoAlertYet('/whales', 'rule_threshold');
    expect(alerts('/whales')).toHaveLength(1);
  });

  it('a silence rule delivers once after five quiet ledgers, and again only after the notices resumed', async () => {
    const { chain, close } = await setUp();
    const notifications = h!.demo.chain.contracts.notifications;
    const rule = { contracts: [notifications], event_types: ['notification_delivered'], trigger: { kind: 'silence', ledgers: 5 } };
    await addTarget('quiet', rule);
    await h!.engine.start();
    await close();
    const armedAt = h!.demo.chain.latestLedger;
    await eventually(() => expect(h!.engine.dispatcher.rules.list()[0]?.evaluator.state.silence?.lastSeenLedger).toBe(armedAt));
    chain.emit('notification_delivered');
    await close(); // armedAt + 1: a notice
    await close(4); // four quiet ledgers
    await expectNoAlertYet('/quiet', 'rule_silence');
    expect(alerts('/quiet')).toEqual([]);
    await close(); // the fifth
    await eventually(() => expect(alerts('/quiet')).toHaveLength(1));
    expect(alerts('/quiet')[0]).toMatchObject({ event_type: 'rule_silence', contract_id: notifications, data: { silent_ledgers: 5, last_seen_ledger: armedAt + 1 } });
    await close(10);
    await expectNoAlertYet('/quiet', 'rule_silence');
    expect(alerts('/quiet')).toHaveLength(1);
    chain.emit('notification_delivered');
    await close();
    await close(4);
    await expectNoAlertYet('/quiet', 'rule_silence');
    expect(alerts('/quiet')).toHaveLength(1);
    await close();
    await eventually(() => expect(alerts('/quiet')).toHaveLength(2));
  });
});
