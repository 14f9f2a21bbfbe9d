// Two instances' dispatchers on one PostgreSQL database, delivering to a local webhook sink:
// the row leases seen from the worker loops that use them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/main/engine/clock';
import { Dispatcher } from '../../../src/main/engine/dispatch/dispatcher';
import { silentLogger } from '../../../src/main/engine/log/logger';
import { createNodeSecretBox } from '../../../src/main/engine/secrets/key-source';
import type { PostgresStore } from '../../../src/main/engine/store/postgres/postgres-store';
import type { StoredEvent } from '../../../src/shared/model';
import { targetInputSchema, type DispatchSettingsInput } from '../../../src/shared/targets';
import { decodedEvent } from '../../fixtures/decoded-event';
import { startHttpSink, type HttpSink, type SinkRequest } from '../../fixtures/sinks/http-sink';
import { openPostgres, type StoreUnderTest } from '../../fixtures/stores';

let dir: string;
let sink: HttpSink;
let a: StoreUnderTest<PostgresStore>;
let b: StoreUnderTest<PostgresStore>;
const dispatchers: Dispatcher[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nc-pg-dispatch-'));
  a = await openPostgres();
  b = await openPostgres(a.store.connectionString);
});
afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
  await sink?.close();
  await b.close();
  await a.close().catch(() => {}); // already ended when the test killed it
  rmSync(dir, { recursive: true, force: true });
});

function dispatcher(store: PostgresStore, instanceId: string, settings: DispatchSettingsInput = {}): Dispatcher {
  const d = new Dispatcher({
    store,
    log: silentLogger,
    clock: systemClock,
    env: {},
    // Both instances read the targets' secrets with one key, as with a shared NOTIFYCHAIN_SECRET_KEY.
    secretBox: createNodeSecretBox({ env: {}, keyFile: join(dir, 'secrets.key') }),
    settings: { pollIntervalMs: 20, ...settings },
    instanceId,
  });
  dispatchers.push(d);
  return d;
}

const idOf = (r: SinkRequest) => (r.json as { data: StoredEvent }).data.id;
const events = (count: number, from: number) => Array.from({ length: count }, (_, i) => decodedEvent(from + i));

async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !check(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > deadline) throw new Error('timed out');
  }
}

describe('dispatchers of two instances on one PostgreSQL', () => {
  it('deliver every event once, in the order stored, to each target', async () => {
    sink = await startHttpSink((_req, i) => ({ status: 200, delayMs: i % 3 }));
    const [one, two] = [dispatcher(a.store, 'instance-a'), dispatcher(b.store, 'instance-b')];
    await one.targets.create(targetInputSchema.parse({ name: 'first', kind: 'webhook', config: { url: `${sink.url}/first` } }));
    await one.targets.create(targetInputSchema.parse({ name: 'second', kind: 'webhook', config: { url: `${sink.url}/second` } }));
    one.start();
    two.start();
    const stored = events(90, 100);
    for (let i = 0; i < stored.length; i += 9) {
      await (i % 2 === 0 ? a : b).store.commitIngest({ events: stored.slice(i, i + 9) });
      one.wake();
      two.wake();
    }
    await sink.waitFor(180, 20_000);
    // A marker stored last arrives last on each target, so nothing was sent twice before it.
    const [marker] = events(1, 190);
    await b.store.commitIngest({ events: [marker!] });
    one.wake();
    two.wake();
    await sink.waitFor(182, 20_000);
    for (const path of ['/first', '/second']) {
      expect(sink.requests.filter((r) => r.path === path).map(idOf)).toEqual([...stored, marker!].map((e) => e.eventId));
    }
  });

  it("an instance that dies mid-delivery leaves its work to the other once its lease runs out, same webhook-id", async () => {
    sink = await startHttpSink((_req, i) => (i === 2 ? { stall: true } : { status: 200 }));
    const settings = { leaseMs: 2_000, requestTimeoutMs: 1_000, retryScheduleMs: [0, 0] };
    const doomed = dispatcher(a.store, 'instance-a', settings);
    await doomed.targets.create(targetInputSchema.parse({ name: 'hook', kind: 'webhook', config: { url: sink.url } }));
    const stored = events(6, 100);
    await a.store.commitIngest({ events: stored });
    doomed.start();
    await sink.waitFor(3);
    await a.store.pool.end(); // the instance loses its database mid-request: dead to the others
    const survivor = dispatcher(b.store, 'instance-b', settings);
    survivor.start();
    await until(() => new Set(sink.requests.map(idOf)).size === stored.length);
    const stalled = sink.requests[2]!;
    const taken = sink.requests.slice(3);
    // Taken over only once the lease ran out, in order from the oldest delivery not yet recorded
    // (the dead instance may not have written its last results: those repeat too).
    expect(taken[0]!.at - stalled.at).toBeGreaterThanOrEqual(1_900);
    const resent = taken.map(idOf);
    expect(resent).toEqual(stored.map((e) => e.eventId).slice(-resent.length));
    expect(resent).toContain(idOf(stalled));
    const webhookIds = new Map<string, Set<string>>();
    for (const r of sink.requests) webhookIds.set(idOf(r), (webhookIds.get(idOf(r)) ?? new Set()).add(r.headers['webhook-id']!));
    expect([...webhookIds.values()].map((ids) => ids.size)).toEqual(stored.map(() => 1));
  });
});
