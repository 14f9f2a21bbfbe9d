// Dispatch benchmarks: deliveries/s from the outbox to a local webhook sink in another process
// (target ≥ 1,000/s; one target, so strictly in order, every attempt recorded), and 429s from a
// Discord-like sink enforcing 10 requests/s (target: none after the first second).
import { join } from 'node:path';
import { targetInputSchema } from '../src/shared/targets';
import { systemClock } from '../src/main/engine/clock';
import { Dispatcher } from '../src/main/engine/dispatch/dispatcher';
import { silentLogger } from '../src/main/engine/log/logger';
import { createNodeSecretBox } from '../src/main/engine/secrets/key-source';
import { SqliteStore } from '../src/main/engine/store/sqlite/sqlite-store';
import { decodedEvent } from '../tests/fixtures/decoded-event';
import { startDiscordSink } from '../tests/fixtures/sinks/discord-sink';
import { startSinkProcess } from '../tests/fixtures/sinks/sink-process';
import { perSecond, timed, withTempDir } from './harness';

async function withDispatcher<T>(dir: string, name: string, fn: (store: SqliteStore, dispatcher: Dispatcher) => Promise<T>): Promise<T> {
  const store = new SqliteStore(join(dir, `${name}.db`));
  const dispatcher = new Dispatcher({
    store,
    log: silentLogger,
    clock: systemClock,
    env: {},
    secretBox: createNodeSecretBox({ env: {}, keyFile: join(dir, 'secrets.key') }),
    settings: { pollIntervalMs: 50 },
  });
  try {
    return await fn(store, dispatcher);
  } finally {
    await dispatcher.stop();
    await store.close();
  }
}

async function storeEvents(store: SqliteStore, count: number): Promise<void> {
  for (let from = 0; from < count; from += 1000) {
    const events = Array.from({ length: Math.min(1000, count - from) }, (_, i) => decodedEvent(1000 + from + i));
    await store.commitIngest({ events });
  }
}

/** Outbox → deliveries → one webhook target, in order, every attempt recorded. */
async function webhookThroughput(dir: string, events: number) {
  const sink = await startSinkProcess();
  try {
    return await withDispatcher(dir, 'webhook', async (store, dispatcher) => {
      await dispatcher.targets.create(targetInputSchema.parse({ name: 'bench', kind: 'webhook', config: { url: sink.url } }));
      await storeEvents(store, events);
      const { ms } = await timed(async () => {
        dispatcher.start();
        while ((await delivered(store)) < events) await new Promise((r) => setTimeout(r, 20));
      });
      return { deliveries: events, received: await sink.count(), seconds: +(ms / 1000).toFixed(2), deliveries_per_s: perSecond(events, ms) };
    });
  } finally {
    await sink.close();
  }
}

async function delivered(store: SqliteStore): Promise<number> {
  return (await store.dispatch.countDeliveries()).filter((c) => c.status === 'delivered').reduce((n, c) => n + c.count, 0);
}

/** A burst to a sink that answers like Discord (10 requests/s per webhook, 429 beyond). */
async function discordRateLimit(dir: string, events: number) {
  const sink = await startDiscordSink({ limit: 10, windowMs: 1000 });
  try {
    return await withDispatcher(dir, 'discord', async (store, dispatcher) => {
      await dispatcher.targets.create(targetInputSchema.parse({ name: 'discord', kind: 'discord', config: { webhook_url: `${sink.url}/api/webhooks/1/x` } }));
      await storeEvents(store, events);
      const started = Date.now();
      dispatcher.start();
      await sink.waitFor(events + sink.rateLimited.length, 120_000);
      while (sink.accepted.length < events) await new Promise((r) => setTimeout(r, 50));
      const seconds = (Date.now() - started) / 1000;
      return {
        deliveries: events,
        seconds: +seconds.toFixed(2),
        requests_per_s: +(events / seconds).toFixed(2),
        rate_limited_429: sink.rateLimited.length,
        rate_limited_429_after_first_second: sink.rateLimited.filter((at) => at - started > 1000).length,
      };
    });
  } finally {
    await sink.close();
  }
}

export async function benchDispatch(opts: { events?: number; discordEvents?: number } = {}) {
  return withTempDir(async (dir) => {
    const webhook = await webhookThroughput(dir, opts.events ?? 20_000);
    const discord = await discordRateLimit(dir, opts.discordEvents ?? 50);
    return {
      webhook,
      discord,
      targets: { webhook_deliveries_per_s_min: 1_000, discord_429_after_first_second_max: 0 },
    };
  });
}
