import { afterEach, describe, expect, it } from 'vitest';
import { CONTRACT_A } from '../../fixtures/decoded-event';
import { startHttpSink, type HttpSink } from '../../fixtures/sinks/http-sink';
import { eventually, startHarness, type Harness } from './support/harness';

const CONTRACT_B = 'CAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABSC4';

let h: Harness | undefined;
let sink: HttpSink | undefined;
afterEach(async () => {
  await h?.close();
  await sink?.close();
  h = sink = undefined;
});

describe('rules decide which events reach a target', () => {
  it('by contract, event type, category and minimum priority', async () => {
    sink = await startHttpSink();
    h = await startHarness();
    const rules = {
      all: {},
      'contract-b': { contracts: [CONTRACT_B] },
      'deposits': { event_types: ['deposit'] },
      'admin': { categories: ['admin'] },
      'high-and-up': { min_priority: 'high' },
      'b-critical-admin': { contracts: [CONTRACT_B], categories: ['admin'], min_priority: 'critical' },
    };
    for (const [name, rule] of Object.entries(rules)) {
      await h.addTarget({ name, kind: 'webhook', config: { url: `${sink.url}/${name}` }, rule });
    }
    await h.addTarget({ name: 'disabled', kind: 'webhook', enabled: false, config: { url: `${sink.url}/disabled` } });
    h.dispatcher.start();
    const events = [
      h.events(1, 10, { eventType: 'withdrawal', category: 'financial', priority: 'high' })[0]!,
      h.events(1, 11, { eventType: 'deposit', category: 'financial', priority: 'low' })[0]!,
      h.events(1, 12, { contractId: CONTRACT_B, eventType: 'paused', category: 'admin', priority: 'critical' })[0]!,
      h.events(1, 13, { contractId: CONTRACT_B, eventType: 'deposit', category: null, priority: null })[0]!,
      h.events(1, 14, { eventType: 'config', category: 'admin', priority: 'medium' })[0]!,
    ];
    await h.ingest(events);
    const byLedger = (path: string) =>
      sink!.requests.filter((r) => r.path === path).map((r) => (r.json as { data: { ledger_sequence: number } }).data.ledger_sequence);
    const expected = {
      '/all': [10, 11, 12, 13, 14],
      '/contract-b': [12, 13],
      '/deposits': [11, 13],
      '/admin': [12, 14],
      '/high-and-up': [10, 12],
      '/b-critical-admin': [12],
    };
    const total = Object.values(expected).flat().length;
    await sink.waitFor(total);
    // Every event fanned out and every delivery settled: whatever was going to be sent has been.
    await eventually(async () => {
      expect(h!.store.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
      expect(await h!.store.dispatch.listDeliveries({ status: 'pending', limit: 10 })).toHaveLength(0);
      expect(await h!.store.dispatch.listDeliveries({ status: 'delivered', limit: 100 })).toHaveLength(total);
    });
    expect(sink.requests).toHaveLength(total);
    for (const [path, ledgers] of Object.entries(expected)) expect(byLedger(path), path).toEqual(ledgers);
  });

  it('a changed rule applies to the next events without a restart', async () => {
    sink = await startHttpSink();
    h = await startHarness();
    const target = await h.addTarget({ name: 'hook', kind: 'webhook', config: { url: sink.url }, rule: { event_types: ['deposit'] } });
    h.dispatcher.start();
    await h.ingest(h.events(1, 10, { eventType: 'withdrawal' }));
    await eventually(() => expect(h!.store.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 }));
    const result = await h.dispatcher.targets.update(target.id, { rule: { event_types: ['withdrawal'] } });
    expect(result.status).toBe('ok');
    await h.ingest(h.events(1, 11, { eventType: 'withdrawal' }));
    const [req] = await sink.waitFor(1);
    expect((req!.json as { data: { ledger_sequence: number } }).data.ledger_sequence).toBe(11);
    await eventually(async () => expect(await h!.store.dispatch.listDeliveries({ limit: 10 })).toHaveLength(1));
  });
});
