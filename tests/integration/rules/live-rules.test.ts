// The live path: events stored as ingestion stores them, the dispatcher's fan-out running the
// rules, alerts delivered to a local webhook sink; time is a fake clock.
import { afterEach, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../src/main/engine/dispatch/dispatcher';
import { silentLogger } from '../../../src/main/engine/log/logger';
import { createNodeSecretBox } from '../../../src/main/engine/secrets/key-source';
import { join } from 'node:path';
import { startHttpSink, type HttpSink } from '../../fixtures/sinks/http-sink';
import { plainDecoded, T0 } from '../../fixtures/rule-events';
import { FakeClock } from '../dispatch/support/fake-clock';
import { FAST_SETTINGS, eventually, startHarness, type Harness } from '../dispatch/support/harness';

const MIN = 60_000;
let h: Harness | undefined;
let sink: HttpSink | undefined;
let extra: Dispatcher | undefined;
afterEach(async () => {
  await extra?.stop();
  await h?.close();
  await sink?.close();
  h = sink = extra = undefined;
});

const sent = (path: string) => sink!.requests.filter((r) => r.path === path).map((r) => (r.json as { data: { event_type: string; data: Record<string, unknown> } }).data);
/**
 * The rules have let the clock's present time pass (and routed events up to `ledger`), every event
 * is fanned out and every delivery settled: whatever was going to be sent by now has been sent.
 */
const settledAt = (clock: FakeClock, ledger = 0) =>
  eventually(async () => {
    const settled = h!.dispatcher.rules.lastSettled;
    expect(settled?.at).toBeGreaterThanOrEqual(clock.now());
    expect(settled?.eventsUpToLedger ?? 0).toBeGreaterThanOrEqual(ledger);
    outboxEmpty();
    expect(await h!.store.dispatch.listDeliveries({ status: 'pending', limit: 1 })).toEqual([]);
  });
const outboxEmpty = () => expect(h!.store.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });

describe('rules on the live path', () => {
  it('a count threshold delivers one alert when the window goes over, and not for the events themselves', async () => {
    const clock = new FakeClock(T0);
    sink = await startHttpSink();
    h = await startHarness({ clock });
    await h.addTarget({ name: 'burst', kind: 'webhook', config: { url: `${sink.url}/burst` }, rule: { event_types: ['withdrawal'], trigger: { kind: 'count', above: 2, window_minutes: 10 } } });
    h.dispatcher.start();
    await h.ingest([plainDecoded(1, T0), plainDecoded(2, T0 + MIN)]);
    await eventually(outboxEmpty);
    await h.ingest([plainDecoded(3, T0 + 2 * MIN)]);
    await sink.waitFor(1);
    await settledAt(clock, 3);
    expect(sent('/burst')).toEqual([expect.objectContaining({ event_type: 'rule_threshold', data: expect.objectContaining({ count: 3, above: '2', rule_id: expect.any(Number) }) })]);
  });

  it('silence alerts once after the quiet minutes on the clock, and again after events resumed', async () => {
    const clock = new FakeClock(T0);
    sink = await startHttpSink();
    h = await startHarness({ clock });
    await h.addTarget({ name: 'quiet', kind: 'webhook', config: { url: `${sink.url}/quiet` }, rule: { event_types: ['price_submitted'], trigger: { kind: 'silence', minutes: 10 } } });
    h.dispatcher.start();
    const silence = () => h!.dispatcher.rules.list()[0]?.evaluator.state.silence;
    await eventually(() => expect(silence()?.lastSeenAt).toBe(T0));
    clock.advance(9 * MIN);
    await settledAt(clock);
    expect(sink.requests).toHaveLength(0);
    clock.advance(MIN);
    await sink.waitFor(1);
    clock.advance(30 * MIN);
    await settledAt(clock);
    expect(sink.requests).toHaveLength(1);
    await h.ingest([plainDecoded(9, T0 + 40 * MIN, { eventType: 'price_submitted' })]);
    await eventually(() => expect(silence()?.fired).toBe(false));
    clock.advance(10 * MIN);
    await sink.waitFor(2);
    expect(sent('/quiet').map((e) => e.event_type)).toEqual(['rule_silence', 'rule_silence']);
  });

  it('a restart does not lose the window: counts from before it still count', async () => {
    const clock = new FakeClock(T0);
    sink = await startHttpSink();
    h = await startHarness({ clock });
    await h.addTarget({ name: 'burst', kind: 'webhook', config: { url: `${sink.url}/burst` }, rule: { trigger: { kind: 'count', above: 2, window_minutes: 60 } } });
    h.dispatcher.start();
    await h.ingest([plainDecoded(1, T0), plainDecoded(2, T0 + MIN)]);
    await eventually(() => expect(h!.store.db.prepare('SELECT state FROM rule_state').pluck().get()).toContain('"matched":2'));
    await h.dispatcher.stop();
    extra = new Dispatcher({
      store: h.store,
      log: silentLogger,
      clock,
      env: {},
      secretBox: createNodeSecretBox({ env: {}, keyFile: join(h.dir, 'secrets.key') }),
      settings: FAST_SETTINGS,
    });
    extra.start();
    await h.store.commitIngest({ events: [plainDecoded(3, T0 + 2 * MIN)] });
    extra.wake();
    await sink.waitFor(1);
    expect(sent('/burst')[0]).toMatchObject({ event_type: 'rule_threshold', data: { count: 3 } });
  });

  it('suppressed matches are counted, live and in the saved state', async () => {
    const clock = new FakeClock(T0);
    sink = await startHttpSink();
    h = await startHarness({ clock });
    await h.addTarget({ name: 'calm', kind: 'webhook', config: { url: `${sink.url}/calm` }, rule: { noise: { cooldown_seconds: 300 } } });
    h.dispatcher.start();
    await h.ingest([plainDecoded(1, T0), plainDecoded(2, T0 + 1000), plainDecoded(3, T0 + 2000)]);
    await sink.waitFor(1);
    await eventually(() => expect(h!.dispatcher.rules.list()[0]?.evaluator.state.counters).toMatchObject({ matched: 3, alerts: 1, suppressed: { cooldown: 2 } }));
    await eventually(() => expect(h!.store.db.prepare('SELECT state FROM rule_state').pluck().get()).toContain('"cooldown":2'));
    expect(sink.requests).toHaveLength(1);
  });
});
