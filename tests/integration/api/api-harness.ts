// An API server over a real engine: a SQLite file filled from the demo network over HTTP, the
// API on 127.0.0.1 with a fresh token. Plus raw HTTP helpers for headers fetch will not send.
import { request as httpRequest, Agent } from 'node:http';
import { newToken } from '../../../src/main/engine/api/api-token';
import { startApiServer, type RunningApi } from '../../../src/main/engine/api/server';
import { silentLogger } from '../../../src/main/engine/log/logger';
import { startHarness, type Harness } from '../../fixtures/engine-harness';

export interface ApiHarness {
  h: Harness;
  api: RunningApi;
  token: string;
  url: string;
  contracts: { autoshare: string; notifications: string; taskbounty: string };
  /** Closes `n` ledgers on the demo chain and polls them in. */
  advance(n?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startApiHarness(opts: {
  ledgers?: number;
  eventsPerLedger?: number;
  corsOrigins?: string[];
  bindHost?: string;
  maxStreams?: number;
} = {}): Promise<ApiHarness> {
  const h = await startHarness({
    demo: { history: { ledgers: opts.ledgers ?? 120, eventsPerLedger: opts.eventsPerLedger ?? 6 }, eventsPerLedger: 4 },
  });
  for (const id of Object.values(h.demo.chain.contracts)) await h.engine.watch({ id });
  await h.engine.subscriber.pollOnce();
  const token = newToken();
  const api = await startApiServer(
    { engine: h.engine, log: silentLogger, token, corsOrigins: opts.corsOrigins, maxStreams: opts.maxStreams },
    opts.bindHost ?? '127.0.0.1',
    0,
  );
  return {
    h,
    api,
    token,
    url: api.url,
    contracts: h.demo.chain.contracts,
    advance: async (n = 1) => {
      for (let i = 0; i < n; i++) h.demo.chain.closeLedger();
      await h.engine.subscriber.pollOnce();
    },
    close: async () => {
      await api.close();
      await h.close();
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** node:http, so Host, Origin and odd methods go out as given. */
export function raw(
  url: string,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; keepAlive?: boolean },
): Promise<RawResponse> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: hostname, port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers, agent: opts.keepAlive === false ? false : agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export async function getJson<T = Record<string, unknown>>(url: string, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(url + path, { headers });
  return { status: res.status, headers: res.headers, body: (res.status === 304 ? null : await res.json()) as T };
}
