import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordSink, type DiscordSink } from '../../fixtures/sinks/discord-sink';
import { firstN, ok, startHttpSink, type HttpSink } from '../../fixtures/sinks/http-sink';
import { FakeClock } from './support/fake-clock';
import { eventually, startHarness, type Harness } from './support/harness';

let h: Harness | undefined;
let sink: HttpSink | DiscordSink | undefined;
afterEach(async () => {
  await h?.close();
  await sink?.close();
  h = sink = undefined;
});

const delivery = async () => (await h!.store.dispatch.listDeliveries({ limit: 1 }))[0]!;

describe('rate limits', () => {
  it('a burst of 25 events reaches a Discord webhook at 10 per second or less, without one 429', async () => {
    const discord = await startDiscordSink({ limit: 10, windowMs: 1000 });
    sink = discord;
    h = await startHarness();
    await h.addTarget({ name: 'discord', kind: 'discord', config: { webhook_url: `${discord.url}/api/webhooks/1/t` } });
    h.dispatcher.start();
    const started = Date.now();
    await h.ingest(h.events(25));
    await eventually(() => expect(discord.accepted).toHaveLength(25), 15_000);
    expect(discord.rateLimited).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    const times = discord.requests.map((r) => r.at);
    for (let i = 10; i < times.length; i++) expect(times[i]! - times[i - 10]!).toBeGreaterThanOrEqual(900);
  });

  it("Discord's 429 retry_after (in the body) delays the retry when it is longer than the schedule", async () => {
    const clock = new FakeClock();
    sink = await startHttpSink(firstN(1, { status: 429, body: { message: 'You are being rate limited.', retry_after: 42.5, global: false } }));
    h = await startHarness({ clock });
    await h.addTarget({ name: 'discord', kind: 'discord', config: { webhook_url: sink.url } });
    h.dispatcher.start();
    await h.ingest(h.events(1));
    await eventually(async () => expect((await delivery()).attempts).toBe(1));
    expect((await delivery()).lastError?.code).toBe('target.rate_limited');
    // The worker sleeps until the moment Discord named; a millisecond before it, it still does.
    const retryAt = clock.now() + 42_500;
    await eventually(() => expect(clock.hasSleeperAt(retryAt)).toBe(true));
    clock.advance(42_499);
    expect(clock.hasSleeperAt(retryAt)).toBe(true);
    expect(sink.requests).toHaveLength(1);
    clock.advance(1);
    await sink.waitFor(2);
    await eventually(async () => expect((await delivery()).status).toBe('delivered'));
  });

  it('X-RateLimit-Remaining: 0 holds the next request until X-RateLimit-Reset-After has passed', async () => {
    const clock = new FakeClock();
    sink = await startHttpSink(() => ({ status: 204, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '3.000' } }));
    h = await startHarness({ clock });
    await h.addTarget({ name: 'discord', kind: 'discord', config: { webhook_url: sink.url } });
    h.dispatcher.start();
    await h.ingest(h.events(2));
    await sink.waitFor(1);
    await eventually(async () => expect((await h!.store.dispatch.listDeliveries({ status: 'delivered', limit: 5 })).length).toBe(1));
    const resetAt = clock.now() + 3_000;
    await eventually(() => expect(clock.hasSleeperAt(resetAt)).toBe(true));
    clock.advance(2_999);
    expect(clock.hasSleeperAt(resetAt)).toBe(true);
    expect(sink.requests).toHaveLength(1);
    clock.advance(1);
    await sink.waitFor(2);
  });

  it('HTTP_RATE_LIMIT caps requests per second to a webhook target', async () => {
    const clock = new FakeClock();
    sink = await startHttpSink(ok);
    h = await startHarness({ clock, settings: { httpRateLimit: 5 } });
    await h.addTarget({ name: 'hook', kind: 'webhook', config: { url: sink.url } });
    await h.addTarget({ name: 'fast hook', kind: 'webhook', config: { url: `${sink.url}/fast`, rate_limit_per_second: 0 } });
    h.dispatcher.start();
    await h.ingest(h.events(8));
    // 5 at once (the burst) to the limited target, all 8 to the unlimited one.
    await sink.waitFor(13);
    // The limited worker waits for its next token (one per 200 ms); until then it sends nothing.
    await eventually(() => expect(clock.hasSleeperAt(clock.now() + 200)).toBe(true));
    expect(sink.requests.filter((r) => r.path === '/')).toHaveLength(5);
    clock.advance(200);
    await sink.waitFor(14);
    clock.advance(400);
    await sink.waitFor(16);
    expect(sink.requests.filter((r) => r.path === '/fast')).toHaveLength(8);
  });
});
