// Dashboard benchmark: with 1M events stored, the time from page load (navigation start) to the
// feed's first rows painted, in Chromium driven by Playwright (target ≤ 1 s). The first row
// carries `elementtiming`, so the figure is the browser's own paint time for it. The first load
// is cold (the API has never counted the feed's filter); later loads are fresh tabs.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { engineConfigSchema } from '../src/shared/config';
import { newToken } from '../src/main/engine/api/api-token';
import { createApi } from '../src/main/engine/api/app';
import type { RouteContext } from '../src/main/engine/api/context';
import { dashboardRoutes } from '../src/main/engine/api/routes/dashboard';
import { statsRoutes } from '../src/main/engine/api/routes/stats';
import { Engine } from '../src/main/engine/engine';
import { silentLogger } from '../src/main/engine/log/logger';
import { RpcClient } from '../src/main/engine/stellar/rpc-client';
import { SqliteStore } from '../src/main/engine/store/sqlite/sqlite-store';
import { fillStore } from './api';
import { timed, withTempDir } from './harness';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const FIRST_ROW_TIMEOUT_MS = 30_000;

type Chromium = typeof import('playwright-core').chromium;

/** Loaded at run time, not bundled into out/main/bench.js (Playwright is a dev dependency with its own assets). */
async function chromium(): Promise<Chromium> {
  const name = 'playwright-core';
  return ((await import(/* @vite-ignore */ name)) as typeof import('playwright-core')).chromium;
}

/** The API with the dashboard and the stats routes mounted, as `serve` will have it. */
async function startDashboardApi(engine: Engine, rendererDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const api = createApi({ engine, log: silentLogger, token: newToken() });
  const ctx = { engine, log: silentLogger, token: '' } as unknown as RouteContext;
  api.app.route('/', statsRoutes(ctx));
  api.app.route('/', dashboardRoutes({ dir: rendererDir }));
  const server = createAdaptorServer({ fetch: api.app.fetch, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        api.close();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** In the page: when the first feed row was painted, ms after navigation start. */
function watchFirstRow(): void {
  const w = window as unknown as { __firstRow?: Promise<number> };
  w.__firstRow = new Promise((done) => {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { identifier: string; renderTime: number; loadTime: number })[]) {
        if (entry.identifier === 'feed-first-row') done(entry.renderTime || entry.loadTime || entry.startTime);
      }
    }).observe({ type: 'element', buffered: true });
  });
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!);
  return { p50_ms: at(0.5), max_ms: Math.round(sorted.at(-1)!), runs: samples.length };
}

export async function benchDashboard(opts: { events?: number; loads?: number; chromiumPath?: string; rendererDir?: string } = {}) {
  const events = opts.events ?? 1_000_000;
  const loads = opts.loads ?? 10;
  const rendererDir = resolve(opts.rendererDir ?? 'out/renderer');
  return withTempDir(async (dir) => {
    const store = new SqliteStore(join(dir, 'dashboard.db'));
    const fill = await timed(() => fillStore(store, events));
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const engine = new Engine({
      config: engineConfigSchema.parse({ network: 'demo' }),
      store,
      rpc: new RpcClient({ urls: ['http://127.0.0.1:9'] }),
      log: silentLogger,
      expectedPassphrase: null,
    });
    await store.upsertContract({ id: fill.value.contracts.autoshare, name: 'AutoShare' });
    const server = await startDashboardApi(engine, rendererDir);
    const browser = await (await chromium()).launch({ executablePath: opts.chromiumPath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const samples: number[] = [];
      for (let i = 0; i < loads; i++) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        const page = await context.newPage();
        await page.addInitScript(watchFirstRow);
        await page.goto(`${server.url}/#/feed`);
        const ms = await page.evaluate(
          (timeout) => Promise.race([(window as unknown as { __firstRow: Promise<number> }).__firstRow, new Promise<number>((_, fail) => setTimeout(() => fail(new Error('no feed row painted')), timeout))]),
          FIRST_ROW_TIMEOUT_MS,
        );
        samples.push(ms);
        await context.close();
      }
      return {
        stored_events: events,
        fill_seconds: +(fill.ms / 1000).toFixed(1),
        first_rows_painted: { cold_ms: Math.round(samples[0]!), ...summary(samples.slice(1)) },
        target_ms: 1000,
      };
    } finally {
      await browser.close();
      await server.close();
      await store.close();
    }
  });
}
