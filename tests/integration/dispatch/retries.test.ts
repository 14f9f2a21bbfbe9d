import { afterEach, describe, expect, it } from 'vitest';
import { failing, firstN, startHttpSink, type HttpSink } from '../../fixtures/sinks/http-sink';
import { FakeClock } from './support/fake-clock';
import { eventually, pause, startHarness, type Harness } from './support/harness';

let h: Harness | undefined;
let sink: HttpSink | undefined;
afterEach(async () => {
  await h?.close();
  await sink?.close();
  h = sink = undefined;
});

async function setUp(responder: Parameters<typeof startHttpSink>[0], settings = {}) {
  const clock = new FakeClock();
  sink = await startHttpSink(responder);
  h = await startHarness({ clock, settings });
  const target = await h.addTarget({ name: 'hook', kind: 'webhook', config: { url: sink.url } });
  h.dispatcher.start();
  return { clock, target };
}

const delivery = async () => (await h!.store.dispatch.listDeliveries({ limit: 1 }))[0]!;
const attemptsSettled = (n: number) => eventually(async () => expect((await delivery()).attempts).toBe(n));

/** Moves the fake clock to just before `ms` from now, checks nothing is sent, then to `ms`. */
async function expectNextAttemptAfter(clock: FakeClock, ms: number, requestsSoFar: number) {
  clock.advance(ms - 1);
  await pause(60);
  expect(sink!.requests).toHaveLength(requestsSoFar);
  clock.advance(1);
  await sink!.waitFor(requestsSoFar + 1);
  await attemptsSettled(requestsSoFar + 1);
}

describe('retries', () => {
  it('a failing target is tried immediately, then after 5 s, 25 s, 125 s and 625 s, then dead-lettered with its reason', async () => {
    const { clock } = await setUp(failing(503));
    await h!.ingest(h!.events(1));
    await sink!.waitFor(1);
    await attemptsSettled(1);
    for (const [i, wait] of [5_000, 25_000, 125_000, 625_000].entries()) await expectNextAttemptAfter(clock, wait, i + 1);
    const dead = await delivery();
    expect(dead.status).toBe('dead');
    expect(dead.lastError).toMatchObject({ code: 'target.unreachable', httpStatus: 503 });
    clock.advance(10_000_000);
    await pause(60);
    expect(sink!.requests).toHaveLength(5);
  });

  it('every attempt is logged with its time, status, duration and error', async () => {
    const { clock } = await setUp(firstN(1, { status: 500, body: 'boom' }));
    await h!.ingest(h!.events(1));
    await attemptsSettled(1);
    clock.advance(5_000);
    await eventually(async () => expect((await delivery()).status).toBe('delivered'));
    const attempts = await h!.store.dispatch.listAttempts((await delivery()).id);
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).toMatchObject({ attempt: 1, ok: false, httpStatus: 500, error: { code: 'target.unreachable', message: 'HTTP 500: boom' } });
    expect(attempts[1]).toMatchObject({ attempt: 2, ok: true, httpStatus: 200, error: null });
    expect(Date.parse(attempts[1]!.startedAt) - Date.parse(attempts[0]!.startedAt)).toBe(5_000);
    expect(attempts.every((a) => a.durationMs >= 0)).toBe(true);
  });

  it('a Retry-After longer than the schedule wins', async () => {
    const { clock } = await setUp(firstN(1, { status: 429, headers: { 'retry-after': '60' } }));
    await h!.ingest(h!.events(1));
    await attemptsSettled(1);
    expect((await delivery()).lastError?.code).toBe('target.rate_limited');
    await expectNextAttemptAfter(clock, 60_000, 1);
    expect((await delivery()).status).toBe('delivered');
  });

  it('a Retry-After shorter than the schedule does not shorten it', async () => {
    const { clock } = await setUp(firstN(1, { status: 503, headers: { 'retry-after': '1' } }));
    await h!.ingest(h!.events(1));
    await attemptsSettled(1);
    await expectNextAttemptAfter(clock, 5_000, 1);
  });

  it('a 4xx refusal is not retried: the delivery is dead at once', async () => {
    const { clock } = await setUp(failing(404));
    await h!.ingest(h!.events(1));
    await eventually(async () => expect((await delivery()).status).toBe('dead'));
    expect((await delivery()).lastError).toMatchObject({ code: 'target.rejected', httpStatus: 404 });
    clock.advance(1_000_000);
    await pause(60);
    expect(sink!.requests).toHaveLength(1);
  });

  it.each([408, 429])('HTTP %i is retried', async (status) => {
    const { clock } = await setUp(firstN(1, { status }));
    await h!.ingest(h!.events(1));
    await attemptsSettled(1);
    await expectNextAttemptAfter(clock, 5_000, 1);
    expect((await delivery()).status).toBe('delivered');
  });

  it('an outage: a sink down for the first four attempts receives everything afterwards, in order', async () => {
    const { clock } = await setUp(firstN(4, { drop: true }));
    const events = h!.events(3);
    await h!.ingest(events);
    // The head of the queue fails four times; the two behind it wait their turn.
    await sink!.waitFor(1);
    await attemptsSettledFor(events[0]!.eventId, 1);
    for (const [i, wait] of [5_000, 25_000, 125_000].entries()) {
      clock.advance(wait);
      await sink!.waitFor(i + 2);
      await attemptsSettledFor(events[0]!.eventId, i + 2);
    }
    clock.advance(625_000);
    const requests = await sink!.waitFor(4 + 3);
    const received = requests.slice(4).map((r) => (r.json as { data: { id: string } }).data.id);
    expect(received).toEqual(events.map((e) => e.eventId));
    await eventually(async () => {
      const all = await h!.store.dispatch.listDeliveries({ limit: 10 });
      expect(all.map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);
    });
  });

  it('the schedule is configurable', async () => {
    const { clock } = await setUp(failing(500), { retryScheduleMs: [0, 1_000] });
    await h!.ingest(h!.events(1));
    await attemptsSettled(1);
    await expectNextAttemptAfter(clock, 1_000, 1);
    expect((await delivery()).status).toBe('dead');
  });
});

async function attemptsSettledFor(eventId: string, n: number) {
  await eventually(async () => {
    const [d] = await h!.store.dispatch.listDeliveries({ event_id: eventId, limit: 1 });
    expect(d!.attempts).toBe(n);
  });
}
