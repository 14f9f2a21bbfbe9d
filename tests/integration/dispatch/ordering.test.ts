import { afterEach, describe, expect, it } from 'vitest';
import { startHttpSink, stalling, type HttpSink } from '../../fixtures/sinks/http-sink';
import { eventually, startHarness, type Harness } from './support/harness';

let h: Harness | undefined;
const sinks: HttpSink[] = [];
afterEach(async () => {
  await h?.close();
  await Promise.all(sinks.splice(0).map((s) => s.close()));
  h = undefined;
});

const idOf = (json: unknown) => (json as { data: { id: string } }).data.id;

describe('order and isolation', () => {
  it('each target receives events in the order they were stored, even when the receiver answers unevenly', async () => {
    const a = await startHttpSink((_req, i) => ({ status: 200, delayMs: (i * 7) % 5 }));
    const b = await startHttpSink((_req, i) => ({ status: 200, delayMs: (i * 3) % 4 }));
    sinks.push(a, b);
    h = await startHarness();
    await h.addTarget({ name: 'a', kind: 'webhook', config: { url: a.url } });
    await h.addTarget({ name: 'b', kind: 'webhook', config: { url: b.url } });
    h.dispatcher.start();
    const events = h.events(40);
    for (let i = 0; i < events.length; i += 7) await h.ingest(events.slice(i, i + 7));
    await a.waitFor(40);
    await b.waitFor(40);
    expect(a.requests.map((r) => idOf(r.json))).toEqual(events.map((e) => e.eventId));
    expect(b.requests.map((r) => idOf(r.json))).toEqual(events.map((e) => e.eventId));
  });

  it('a stalled target delays neither another target nor ingestion', async () => {
    const stalled = await startHttpSink(stalling);
    const healthy = await startHttpSink();
    sinks.push(stalled, healthy);
    h = await startHarness({ settings: { requestTimeoutMs: 30_000 } });
    const slow = await h.addTarget({ name: 'stalled', kind: 'webhook', config: { url: stalled.url } });
    await h.addTarget({ name: 'healthy', kind: 'webhook', config: { url: healthy.url } });
    h.dispatcher.start();
    await h.ingest(h.events(5));
    await stalled.waitFor(1);
    const started = Date.now();
    await h.ingest(h.events(5));
    const ingestMs = Date.now() - started;
    await healthy.waitFor(10, 3_000);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(ingestMs).toBeLessThan(500);
    expect(stalled.requests).toHaveLength(1);
    const waiting = await h.store.dispatch.listDeliveries({ target_id: slow.id, status: 'pending', limit: 100 });
    expect(waiting).toHaveLength(10);
  });

  it('a target that times out is retried like any unreachable one', async () => {
    const slow = await startHttpSink((_req, i) => (i === 0 ? { stall: true } : { status: 200 }));
    sinks.push(slow);
    h = await startHarness({ settings: { requestTimeoutMs: 300, retryScheduleMs: [0, 100] } });
    await h.addTarget({ name: 'slow', kind: 'webhook', config: { url: slow.url } });
    h.dispatcher.start();
    await h.ingest(h.events(1));
    await slow.waitFor(2, 5_000);
    const [delivery] = await h.store.dispatch.listDeliveries({ limit: 1 });
    await eventually(async () => expect((await h!.store.dispatch.getDelivery(delivery!.id))!.status).toBe('delivered'));
    const attempts = await h.store.dispatch.listAttempts(delivery!.id);
    expect(attempts[0]!.error).toEqual({ code: 'target.timeout', message: 'no answer within 300 ms' });
  });
});
