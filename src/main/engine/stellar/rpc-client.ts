// JSON-RPC 2.0 client for Stellar RPC: per-request timeouts, retries with backoff, failover
// between several URLs. Every failure is thrown as an RpcError (see rpc-error.ts).

import { setTimeout as delay } from 'node:timers/promises';
import type { z } from 'zod';
import { redactUrl } from '../log/logger';
import { parseRetryAfter, retryDelay, type RetryDelayOptions } from '../retry/backoff';
import {
  fetchFailure,
  httpFailure,
  invalidResponse,
  RpcError,
  type RpcErrorCode,
  type RpcRequestContext,
} from './rpc-error';
import {
  getEventsResultSchema,
  getHealthResultSchema,
  getLatestLedgerResultSchema,
  getLedgerEntriesResultSchema,
  getLedgersResultSchema,
  getNetworkResultSchema,
  readJsonRpcResult,
} from './rpc-schemas';
import type {
  GetEventsParams,
  GetEventsResult,
  GetHealthResult,
  GetLatestLedgerResult,
  GetLedgerEntriesResult,
  GetLedgersParams,
  GetLedgersResult,
  GetNetworkResult,
  StellarRpc,
} from './rpc-types';

export interface RpcRequestInfo extends RpcRequestContext {
  durationMs: number;
  outcome: 'ok' | RpcErrorCode;
}

export interface RpcClientOptions {
  /** One or more http(s) URLs; a failing one hands the next attempt to the next. */
  urls: string[];
  /** Per HTTP request. */
  timeoutMs?: number;
  /** Per call, across all URLs. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Called once per HTTP request, e.g. for metrics; `url` is redacted. */
  onRequest?: (info: RpcRequestInfo) => void;
}

interface Endpoint {
  /** What fetch gets: any user:password moved out into `authorization`. */
  target: string;
  /** What messages and health reports show. */
  display: string;
  authorization?: string;
}

export class RpcClient implements StellarRpc {
  readonly #endpoints: Endpoint[];
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #delays: RetryDelayOptions;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #onRequest: ((info: RpcRequestInfo) => void) | undefined;
  #preferred = 0;
  #nextId = 1;

  constructor(options: RpcClientOptions) {
    if (options.urls.length === 0) throw new TypeError('RpcClient needs at least one RPC URL');
    this.#endpoints = options.urls.map(toEndpoint);
    this.#timeoutMs = checkedInt('timeoutMs', options.timeoutMs ?? 10_000, 1);
    this.#maxAttempts = checkedInt('maxAttempts', options.maxAttempts ?? 5, 1);
    this.#delays = {
      baseDelayMs: checkedInt('baseDelayMs', options.baseDelayMs ?? 250, 0),
      maxDelayMs: checkedInt('maxDelayMs', options.maxDelayMs ?? 10_000, 0),
      maxRetryAfterMs: checkedInt('maxRetryAfterMs', options.maxRetryAfterMs ?? 60_000, 0),
      random: options.random,
    };
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#sleep = options.sleep ?? ((ms) => delay(ms));
    this.#onRequest = options.onRequest;
  }

  /** The URL the next call starts with (the one that last worked), redacted. */
  get currentUrl(): string {
    return this.#endpoints[this.#preferred]!.display;
  }

  getHealth(): Promise<GetHealthResult> {
    return this.call('getHealth', undefined, getHealthResultSchema);
  }

  getNetwork(): Promise<GetNetworkResult> {
    return this.call('getNetwork', undefined, getNetworkResultSchema);
  }

  getLatestLedger(): Promise<GetLatestLedgerResult> {
    return this.call('getLatestLedger', undefined, getLatestLedgerResultSchema);
  }

  getLedgers(params: GetLedgersParams): Promise<GetLedgersResult> {
    return this.call('getLedgers', params, getLedgersResultSchema);
  }

  getEvents(params: GetEventsParams): Promise<GetEventsResult> {
    return this.call('getEvents', params, getEventsResultSchema);
  }

  getLedgerEntries(keys: string[]): Promise<GetLedgerEntriesResult> {
    return this.call('getLedgerEntries', { keys }, getLedgerEntriesResultSchema);
  }

  /** Calls any method; without a schema the result is returned unchecked. */
  call(method: string, params?: object): Promise<unknown>;
  call<T>(method: string, params: object | undefined, schema: z.ZodType<T>): Promise<T>;
  async call(method: string, params?: object, schema?: z.ZodType): Promise<unknown> {
    if (Array.isArray(params)) throw new TypeError(`${method}: Stellar RPC takes named params, not an array`);
    let index = this.#preferred;
    // A Retry-After binds only the URL that sent it; ends are measured in time waited so far.
    const retryAfterEnds = new Map<number, number>();
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.#attempt(this.#endpoints[index]!, method, params, schema);
        this.#preferred = index;
        return result;
      } catch (error) {
        if (!(error instanceof RpcError) || !error.retryable || attempt >= this.#maxAttempts) throw error;
        if (error.retryAfterMs !== undefined) retryAfterEnds.set(index, waited + error.retryAfterMs);
        index = (index + 1) % this.#endpoints.length;
        const end = retryAfterEnds.get(index);
        const wait = retryDelay(attempt, this.#delays, end === undefined ? undefined : Math.max(0, end - waited));
        await this.#sleep(wait);
        waited += wait;
      }
    }
  }

  async #attempt(endpoint: Endpoint, method: string, params: object | undefined, schema: z.ZodType | undefined) {
    const ctx: RpcRequestContext = { method, url: endpoint.display };
    const id = this.#nextId++;
    const started = performance.now();
    try {
      const result = readJsonRpcResult(await this.#post(endpoint, ctx, id, params), id, schema, ctx);
      this.#report(ctx, started, 'ok');
      return result;
    } catch (error) {
      if (error instanceof RpcError) this.#report(ctx, started, error.code);
      throw error;
    }
  }

  async #post(endpoint: Endpoint, ctx: RpcRequestContext, id: number, params: object | undefined): Promise<unknown> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (endpoint.authorization) headers.Authorization = endpoint.authorization;
    const request = { jsonrpc: '2.0', id, method: ctx.method, ...(params === undefined ? {} : { params }) };
    const body = JSON.stringify(request);
    const signal = AbortSignal.timeout(this.#timeoutMs);
    const post = this.#fetch;
    let text: string;
    let contentType: string | null;
    try {
      const response = await post(endpoint.target, { method: 'POST', headers, body, signal });
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        const asksToWait = response.status === 429 || response.status === 503;
        const retryAfterMs = asksToWait ? parseRetryAfter(response.headers.get('retry-after')) : undefined;
        throw httpFailure(response.status, response.statusText, retryAfterMs, ctx);
      }
      contentType = response.headers.get('content-type');
      text = await response.text();
    } catch (error) {
      if (error instanceof RpcError) throw error;
      throw fetchFailure(error, signal.aborted, this.#timeoutMs, ctx);
    }
    try {
      return JSON.parse(text);
    } catch {
      // Say what came back, but not its content (nor JSON.parse's error, which quotes it): an
      // error page may echo the request's API key.
      const what =
        text.length === 0 ? 'an empty body' : `${text.length} characters of ${contentType ?? 'unknown type'}`;
      throw invalidResponse(`not JSON (${what})`, ctx);
    }
  }

  #report(ctx: RpcRequestContext, started: number, outcome: RpcRequestInfo['outcome']): void {
    try {
      this.#onRequest?.({ ...ctx, durationMs: Math.round(performance.now() - started), outcome });
    } catch {
      // An observer must not turn an answer into a failure.
    }
  }
}

function toEndpoint(raw: string, position: number): Endpoint {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError(`RPC URL #${position + 1} is not a valid URL`);
  }
  const display = redactUrl(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`RPC URL ${display} is not http(s)`);
  if (!url.username && !url.password) return { target: url.href, display };
  // fetch refuses URLs with credentials (and quotes them in its error), so send them as Basic auth.
  const credentials = `${safeDecode(url.username)}:${safeDecode(url.password)}`;
  url.username = '';
  url.password = '';
  return { target: url.href, display, authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function checkedInt(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`RpcClient ${name} must be an integer ≥ ${min}, got ${value}`);
  }
  return value;
}
