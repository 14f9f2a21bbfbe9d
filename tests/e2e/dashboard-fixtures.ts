// Runs `notifychain serve --network demo` on a temp database for the dashboard specs, and
// finds where the dashboard is. Once serve mounts the dashboard route it is the API's own `/`;
// until then a small front server here serves out/renderer with that same route and passes
// everything else through to serve, so the page still reaches the API same-origin.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import type { RouteContext } from '../../src/main/engine/api/context';
import { dashboardRoutes } from '../../src/main/engine/api/routes/dashboard';
import { statsRoutes } from '../../src/main/engine/api/routes/stats';
import Database from 'better-sqlite3';

export const root = resolve(import.meta.dirname, '../..');

export interface ServeHandle {
  /** Where the browser opens the dashboard (no token in it). */
  dashboardUrl: string;
  apiUrl: string;
  token: string;
  dir: string;
  /** True when serve itself serves the dashboard (the route is mounted). */
  mounted: boolean;
  stop(): Promise<void>;
  /** What serve printed, for failure messages. */
  output(): string;
}

export async function startServe(opts: { ledgerIntervalMs?: number; env?: Record<string, string> } = {}): Promise<ServeHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'notifychain-dashboard-e2e-'));
  const config = join(dir, 'notifychain.json');
  writeFileSync(config, JSON.stringify({ demo: { ledgerIntervalMs: opts.ledgerIntervalMs ?? 1_000, historyLedgers: 120 } }));
  const child = spawn(
    process.execPath,
    [join(root, 'out/main/cli.js'), 'serve', '--network', 'demo', '--db', join(dir, 'nc.db'), '--port', '0', '--config', config, '--log-level', 'warn'],
    { cwd: root, env: { ...process.env, ...opts.env, NOTIFICATION_RETRY_SCHEDULE_MS: '0,200,400' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const { apiUrl, token } = await new Promise<{ apiUrl: string; token: string }>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start:\n${text}`)), 30_000);
    const check = () => {
      const api = /API:\s+(http:\/\/\S+)/.exec(text)?.[1];
      const tok = /token:\s+([A-Za-z0-9_-]{20,})/.exec(text)?.[1];
      if (api && tok) {
        clearTimeout(timer);
        done({ apiUrl: api.replace(/\/$/, ''), token: tok });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => fail(new Error(`serve exited with ${code}:\n${text}`)));
  });

  const index = await fetch(`${apiUrl}/`).catch(() => null);
  const mounted = Boolean(index?.ok && (index.headers.get('content-type') ?? '').includes('text/html'));
  const statsMounted = (await fetch(`${apiUrl}/api/stats/events`).catch(() => null))?.status === 200;
  const front = mounted && statsMounted ? null : await startFront(apiUrl, statsMounted ? null : join(dir, 'nc.db'));
  return {
    dashboardUrl: front ? front.url : apiUrl,
    apiUrl,
    token,
    dir,
    mounted,
    output: () => text,
    stop: async () => {
      await front?.close();
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * The dashboard route, and (when serve lacks it) the stats route over a second connection to
 * serve's database (WAL: readers beside the writer), in front of serve.
 */
async function startFront(apiUrl: string, statsDb: string | null): Promise<{ url: string; close(): Promise<void> }> {
  const api = new URL(apiUrl);
  const app = new Hono();
  app.route('/', dashboardRoutes({ dir: join(root, 'out/renderer') }));
  const db = statsDb ? new Database(statsDb, { readonly: true }) : null;
  if (db) app.route('/', statsRoutes({ engine: readOnlyEngine(db) } as unknown as RouteContext));
  app.all('*', async (c) => {
    const url = new URL(c.req.url);
    const headers = new Headers(c.req.raw.headers);
    headers.set('host', api.host);
    // Same-origin for the browser; the API would see a foreign Origin through this hop.
    headers.delete('origin');
    const hasBody = !['GET', 'HEAD'].includes(c.req.method);
    let upstream: Response;
    try {
      upstream = await fetch(`${apiUrl}${url.pathname}${url.search}`, {
        method: c.req.method,
        headers,
        body: hasBody ? await c.req.arrayBuffer() : undefined,
        signal: c.req.raw.signal,
      });
    } catch {
      return c.body(null, 502);
    }
    const out = new Headers(upstream.headers);
    out.delete('content-encoding');
    out.delete('content-length');
    return new Response(quietly(upstream.body), { status: upstream.status, headers: out });
  });
  const server = createAdaptorServer({ fetch: app.fetch, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      });
      db?.close();
    },
  };
}

/** The body, ended rather than failed when the browser goes away mid-stream (SSE on navigation). */
function quietly(body: ReadableStream<Uint8Array> | null): ReadableStream<Uint8Array> | null {
  if (!body) return null;
  const reader = body.getReader();
  return new ReadableStream({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch {
        controller.close();
      }
    },
    cancel: () => reader.cancel().catch(() => {}),
  });
}

/** What the stats route reads of the engine, answered from a read-only connection. */
function readOnlyEngine(db: Database.Database) {
  return {
    store: {
      kind: 'sqlite',
      db,
      listContracts: async () =>
        (db.prepare('SELECT contract_id AS id FROM contracts ORDER BY added_at').all() as { id: string }[]),
      getSpec: async (id: string) => {
        const row = db.prepare('SELECT entries FROM contract_specs WHERE contract_id = ?').get(id) as { entries: string | null } | undefined;
        return row ? { entries: row.entries === null ? null : JSON.parse(row.entries) } : null;
      },
      events: { count: async (f: { contractIds: string[] }) => (db.prepare('SELECT count(*) AS n FROM events WHERE contract_id = ?').get(f.contractIds[0]) as { n: number }).n },
    },
    backfills: { progress: async () => [] },
  };
}
