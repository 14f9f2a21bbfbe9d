import { afterEach, describe, expect, it } from 'vitest';
import { failing, ok, startHttpSink, type HttpSink } from '../../fixtures/sinks/http-sink';
import { eventually, startHarness, type Harness } from './support/harness';

let h: Harness | undefined;
let sink: HttpSink | undefined;
afterEach(async () => {
  await h?.close();
  await sink?.close();
  h = sink = undefined;
});

const idOf = (json: unknown) => (json as { data: { id: string } }).data.id;

describe('redelivery', () => {
  it('a dead-lettered delivery redelivered by hand arrives with the same webhook-id', async () => {
    sink = await startHttpSink(failing(410));
    h = await startHarness();
    await h.addTarget({ name: 'hook', kind: 'webhook', config: { url: sink.url } });
    h.dispatcher.start();
    await h.ingest(h.events(1));
    const [first] = await sink.waitFor(1);
    const dead = await eventually(async () => {
      const [d] = await h!.store.dispatch.listDeliveries({ status: 'dead', limit: 1 });
      expect(d).toBeDefined();
      return d!;
    });
    sink.respond(ok);
    const again = await h.dispatcher.redeliver(dead.id);
    expect(again?.status).toBe('pending');
    const [, second] = await sink.waitFor(2);
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    await eventually(async () => expect((await h!.store.dispatch.getDelivery(dead.id))!.status).toBe('delivered'));
    expect((await h.store.dispatch.listAttempts(dead.id)).map((a) => a.ok)).toEqual([false, true]);
  });

  it("after an outage, bulk redeliver resends a target's dead deliveries in order and leaves other targets alone", async () => {
    sink = await startHttpSink((req) => (req.path === '/down' ? { status: 500 } : { status: 200 }));
    h = await startHarness({ settings: { retryScheduleMs: [0] } });
    const down = await h.addTarget({ name: 'down', kind: 'webhook', config: { url: `${sink.url}/down` } });
    await h.addTarget({ name: 'up', kind: 'webhook', config: { url: `${sink.url}/up` } });
    h.dispatcher.start();
    const events = h.events(4);
    await h.ingest(events);
    await eventually(async () => expect(await h!.store.dispatch.listDeliveries({ target_id: down.id, status: 'dead', limit: 10 })).toHaveLength(4));
    await eventually(() => expect(sink!.requests.filter((r) => r.path === '/up')).toHaveLength(4));
    sink.respond(ok);
    const before = sink.requests.length;
    expect(await h.dispatcher.redeliverTarget(down.id, ['failed', 'dead'])).toBe(4);
    await sink.waitFor(before + 4);
    const resent = sink.requests.slice(before);
    expect(resent.every((r) => r.path === '/down')).toBe(true);
    expect(resent.map((r) => idOf(r.json))).toEqual(events.map((e) => e.eventId));
    expect(await h.dispatcher.redeliverTarget(9999, ['dead'])).toBeNull();
  });
});
