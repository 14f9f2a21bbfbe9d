// Kill -9 at any moment loses nothing and duplicates nothing: events, outbox rows and the
// cursor are written in one transaction.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSPHRASE, startDemoRpcServer, type DemoRpcServer } from '../../../src/main/engine/stellar/demo';
import { spawnServe } from '../../fixtures/serve-process';

let demo: DemoRpcServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nc-crash-'));
  demo = await startDemoRpcServer({ autoStart: false, history: { ledgers: 1200, eventsPerLedger: 20 }, eventsPerLedger: 5 });
});
afterAll(async () => {
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
});

function storedCount(db: string): number {
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (conn.prepare(`SELECT count(*) AS n FROM events WHERE event_id NOT LIKE 'local:%'`).get() as { n: number }).n;
    } finally {
      conn.close();
    }
  } catch {
    return 0; // not created yet
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('crash safety', () => {
  it('serve killed with SIGKILL mid-ingest, again and again, ends with exactly the served events', async () => {
    const db = join(dir, 'crash.db');
    const args = [
      '--network', 'custom', '--rpc-url', demo.url, '--passphrase', DEMO_PASSPHRASE,
      ...Object.values(demo.chain.contracts).flatMap((id) => ['--watch', id]),
      '--start-ledger', String(demo.chain.oldestLedger), '--db', db, '--port', '0', '--poll-interval-ms', '500',
    ];
    const served = () => [...demo.chain.events()].map((e) => e.id);
    const atKill: number[] = [];
    for (const atLeast of [1, 5_000, 11_000, 17_000]) {
      const serve = spawnServe(args);
      await until(() => storedCount(db) >= atLeast, 60_000);
      serve.child.kill('SIGKILL');
      await serve.exited;
      atKill.push(storedCount(db));
      demo.chain.closeLedger();
    }
    // Each kill landed mid-ingest: the run before it had stored more than the one before that,
    // and events the chain served were still unread when it died.
    atKill.forEach((count, i) => {
      expect(count, `kill ${i + 1}`).toBeGreaterThan(i === 0 ? 0 : atKill[i - 1]!);
      expect(count, `kill ${i + 1}`).toBeLessThan(served().length);
    });

    const last = spawnServe(args);
    await until(() => storedCount(db) >= served().length, 90_000);
    last.child.kill('SIGTERM');
    expect(await last.exited).toBe(0);

    const conn = new Database(db, { readonly: true });
    // `local:` events are NotifyChain's own (a demo notification lapsing), not the chain's.
    const stored = (conn.prepare(`SELECT event_id FROM events WHERE event_id NOT LIKE 'local:%' ORDER BY event_id`).all() as { event_id: string }[]).map((r) => r.event_id);
    conn.close();
    expect(stored).toEqual(served().sort());
  }, 300_000);
});
