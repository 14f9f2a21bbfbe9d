// `serve` killed with SIGKILL while deliveries are in flight: after a restart every matching
// event reaches the webhook at least once, and a repeat carries the same webhook-id.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../src/shared/model';
import { ruleSchema } from '../../../src/shared/targets';
import { systemClock } from '../../../src/main/engine/clock';
import { ruleMatches } from '../../../src/main/engine/dispatch/rule-match';
import { TargetAdmin } from '../../../src/main/engine/dispatch/target-admin';
import { createNodeSecretBox, keyFileFor } from '../../../src/main/engine/secrets/key-source';
import { SqliteStore } from '../../../src/main/engine/store/sqlite/sqlite-store';
import { startHttpSink, type HttpSink, type SinkRequest } from '../../fixtures/sinks/http-sink';
import { eventually } from './support/harness';

const ROOT = join(import.meta.dirname, '../../..');
const SECRET = `whsec_${Buffer.alloc(32, 5).toString('base64')}`;
const RULE = ruleSchema.parse({ min_priority: 'medium' });

let dir: string;
let sink: HttpSink;
const children: ChildProcess[] = [];

beforeAll(() => {
  // Builds out/main/cli.js when it is missing or older than src/ (npm test has just built it).
  execFileSync(process.execPath, ['scripts/ensure-built.mjs'], { cwd: ROOT, stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'nc-crash-'));
}, 120_000);
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await sink?.close();
  rmSync(dir, { recursive: true, force: true });
});

function serve(db: string, config: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'out/main/cli.js'), 'serve', '--network', 'demo', '--db', db, '--port', '0', '--config', config, '--log-level', 'error'], {
    cwd: dir,
    env: { ...process.env, NOTIFYCHAIN_SECRET_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('NotifyChain is watching')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited (${code}):\n${output}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
const eventOf = (r: SinkRequest) => (r.json as { data: StoredEvent }).data;
// The demo network restarts with serve and may look like a network reset: ids repeat across epochs.
const keyOf = (e: StoredEvent) => `${e.network_epoch}:${e.id}`;

function verified(r: SinkRequest): boolean {
  const key = Buffer.from(SECRET.slice(6), 'base64');
  const mac = createHmac('sha256', key).update(`${r.headers['webhook-id']}.${r.headers['webhook-timestamp']}.${r.body}`).digest('base64');
  return r.headers['webhook-signature'] === `v1,${mac}`;
}

describe('serve killed mid-delivery', () => {
  it('delivers every matching event after a restart, repeats carrying the same webhook-id', async () => {
    const db = join(dir, 'notifychain.db');
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ demo: { ledgerIntervalMs: 300 } }));
    // The 12th request never gets an answer: it is in flight when serve is killed.
    let stallAt = 11;
    sink = await startHttpSink((_req, i) => (i === stallAt ? { stall: true } : { status: 200, delayMs: 40 }));

    const setup = new SqliteStore(db);
    const admin = new TargetAdmin({ store: setup.dispatch, box: createNodeSecretBox({ env: {}, keyFile: keyFileFor(db) }), clock: systemClock, changed: async () => {} });
    await admin.create({ kind: 'webhook', name: 'sink', enabled: true, rule: RULE, config: { url: `${sink.url}/in`, method: 'POST', headers: {}, auth: { type: 'none' }, signing_secret: SECRET } });
    await setup.close();

    const first = await serve(db, config);
    await sink.waitFor(stallAt + 1, 30_000);
    first.kill('SIGKILL');
    await exited(first);
    const inFlight = sink.requests[stallAt]!;

    const afterKill = new SqliteStore(db);
    const stored = await afterKill.recentEvents(100_000);
    await afterKill.close();
    const expected = stored.filter((e) => ruleMatches(RULE, e)).map(keyOf);
    expect(expected.length).toBeGreaterThan(stallAt);

    stallAt = -1;
    const second = await serve(db, config);
    await eventually(() => {
      const received = new Set(sink.requests.map((r) => keyOf(eventOf(r))));
      expect(expected.filter((id) => !received.has(id))).toEqual([]);
    }, 30_000);
    second.kill('SIGTERM');
    await exited(second);

    const idsByEvent = new Map<string, Set<string>>();
    for (const r of sink.requests) {
      const id = keyOf(eventOf(r));
      idsByEvent.set(id, (idsByEvent.get(id) ?? new Set()).add(r.headers['webhook-id']!));
    }
    expect([...idsByEvent.values()].every((ids) => ids.size === 1)).toBe(true);
    const repeats = sink.requests.filter((r) => keyOf(eventOf(r)) === keyOf(eventOf(inFlight)));
    expect(repeats.length).toBeGreaterThanOrEqual(2);
    expect(sink.requests.every((r) => ruleMatches(RULE, eventOf(r)) && verified(r))).toBe(true);
  }, 90_000);
});
