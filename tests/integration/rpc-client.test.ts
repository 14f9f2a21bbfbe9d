// The Stellar RPC client against real HTTP servers on 127.0.0.1; waits are recorded, not slept.

import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RpcClient, type RpcClientOptions, type RpcRequestInfo } from '../../src/main/engine/stellar/rpc-client';
import { RpcError } from '../../src/main/engine/stellar/rpc-error';

interface Received {
  httpMethod: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: { jsonrpc?: string; id?: number; method?: string; params?: unknown };
}
type Handler = (request: Received, res: ServerResponse, count: number) => void;

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map(closeServer));
});

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** An RPC server answering with `handler`; `received` lists every request it got. */
async function startRpc(handler: Handler) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        httpMethod: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received['body'],
      };
      received.push(request);
      handler(request, res, received.length);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, port, received };
}

/** A URL whose port nobody listens on any more. */
async function deadUrl(): Promise<string> {
  const { url } = await startRpc(() => {});
  await closeServer(servers.pop()!);
  return url;
}

function send(res: ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

const LATEST = { id: 'ab'.repeat(32), sequence: 1234, protocolVersion: 23 };
const answerLatest: Handler = (request, res) => send(res, { jsonrpc: '2.0', id: request.body.id, result: LATEST });

function makeClient(urls: string[], options: Partial<RpcClientOptions> = {}) {
  const slept: number[] = [];
  const requests: RpcRequestInfo[] = [];
  const client = new RpcClient({
    urls,
    sleep: async (ms) => void slept.push(ms),
    random: () => 0.5,
    onRequest: (info) => requests.push(info),
    ...options,
  });
  return { client, slept, requests };
}

async function rejection(promise: Promise<unknown>): Promise<RpcError> {
  const error = await promise.then(
    () => expect.fail('expected the call to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RpcError);
  return error as RpcError;
}

describe('Stellar RPC client', () => {
  it('sends JSON-RPC 2.0 POSTs with named params and a fresh id each time', async () => {
    const rpc = await startRpc((request, res) =>
      send(res, { jsonrpc: '2.0', id: request.body.id, result: { events: [], cursor: 'c1', latestLedger: 10 } }),
    );
    const { client } = makeClient([rpc.url]);
    const params = { startLedger: 5, filters: [{ type: 'contract' as const, contractIds: ['CABC'] }] };

    await client.getEvents(params);
    await client.getEvents(params);

    const [first, second] = rpc.received;
    expect(first?.httpMethod).toBe('POST');
    expect(first?.headers['content-type']).toBe('application/json');
    expect(first?.body).toEqual({ jsonrpc: '2.0', id: expect.any(Number), method: 'getEvents', params });
    expect(second!.body.id).toBeGreaterThan(first!.body.id!);
  });

  it('reads events whose numbers arrive as strings and keeps fields it does not know', async () => {
    const event = {
      type: 'contract',
      ledger: '77',
      ledgerClosedAt: '2026-11-01T10:00:00Z',
      contractId: 'CABC',
      id: '0000000330712596480-0000000000',
      topic: ['AAAADwAAAAR0ZXN0'],
      value: 'AAAAAQ==',
      newField: 'kept',
    };
    const rpc = await startRpc((request, res) =>
      send(res, { jsonrpc: '2.0', id: request.body.id, result: { events: [event], cursor: event.id, latestLedger: 80, latestLedgerCloseTime: 1_700_000_000 } }),
    );
    const { client } = makeClient([rpc.url]);

    const result = await client.getEvents({ startLedger: 70, filters: [] });

    expect(result.events[0]).toMatchObject({ ledger: 77, newField: 'kept' });
    expect(result.latestLedgerCloseTime).toBe('1700000000');
  });

  it('a rate-limited RPC is retried after its Retry-After', async () => {
    const rpc = await startRpc((request, res, count) =>
      count === 1 ? send(res, 'slow down', 429, { 'Retry-After': '3' }) : answerLatest(request, res, count),
    );
    const { client, slept, requests } = makeClient([rpc.url]);

    await expect(client.getLatestLedger()).resolves.toMatchObject({ sequence: 1234 });

    expect(slept).toEqual([3000]);
    expect(requests.map((r) => r.outcome)).toEqual(['rpc.rate_limited', 'ok']);
  });

  it('an RPC asking to wait an hour is retried after maxRetryAfterMs at most', async () => {
    const rpc = await startRpc((request, res, count) =>
      count === 1 ? send(res, '', 429, { 'Retry-After': '3600' }) : answerLatest(request, res, count),
    );
    const { client, slept } = makeClient([rpc.url], { maxRetryAfterMs: 5_000 });

    await client.getLatestLedger();

    expect(slept).toEqual([5_000]);
  });

  it.each([
    ['HTTP 503', (res: ServerResponse) => send(res, 'unavailable', 503)],
    ['HTTP 502', (res: ServerResponse) => send(res, 'bad gateway', 502)],
    ['JSON-RPC -32603', (res: ServerResponse, id?: number) => send(res, { jsonrpc: '2.0', id, error: { code: -32603, message: 'internal' } })],
  ])('a passing server failure (%s) is retried and the next answer is used', async (_name, fail) => {
    const rpc = await startRpc((request, res, count) => (count === 1 ? fail(res, request.body.id) : answerLatest(request, res, count)));
    const { client, slept, requests } = makeClient([rpc.url], { baseDelayMs: 100 });

    await expect(client.getLatestLedger()).resolves.toMatchObject({ sequence: 1234 });

    expect(slept).toEqual([50]);
    expect(requests.map((r) => r.outcome)).toEqual(['rpc.server_error', 'ok']);
  });

  it.each([
    ['an HTML page', (res: ServerResponse) => send(res, '<html>upstream down</html>', 200, { 'Content-Type': 'text/html' }), /not JSON \(26 characters of text\/html\)/],
    ['JSON without result or error', (res: ServerResponse, id?: number) => send(res, { jsonrpc: '2.0', id }), /neither result nor error/],
    ['the answer to another request', (res: ServerResponse, id?: number) => send(res, { jsonrpc: '2.0', id: id! + 1000, result: LATEST }), /another request/],
    ['a result missing fields', (res: ServerResponse, id?: number) => send(res, { jsonrpc: '2.0', id, result: { id: 'ab' } }), /unexpected getLatestLedger result \(sequence: /],
  ])('garbage from the RPC (%s) is retried, then reported as an invalid response', async (_name, garbage, message) => {
    const rpc = await startRpc((request, res) => garbage(res, request.body.id));
    const { client, slept } = makeClient([rpc.url], { maxAttempts: 3 });

    const error = await rejection(client.getLatestLedger());

    expect(error).toMatchObject({ code: 'rpc.invalid_response', retryable: true, method: 'getLatestLedger', url: rpc.url });
    expect(error.message).toMatch(message);
    expect(rpc.received).toHaveLength(3);
    expect(slept).toHaveLength(2);
  });

  it.each([
    ['never answers', () => {}],
    ['sends headers, then nothing', (_request: Received, res: ServerResponse) => res.writeHead(200).flushHeaders()],
  ])('an RPC that %s fails with rpc.timeout once the timeout has passed', async (_name, handler: Handler) => {
    const rpc = await startRpc(handler);
    const { client } = makeClient([rpc.url], { timeoutMs: 150, maxAttempts: 1 });
    const started = performance.now();

    const error = await rejection(client.getHealth());

    const elapsed = performance.now() - started;
    expect(error).toMatchObject({ code: 'rpc.timeout', retryable: true });
    expect(error.message).toContain('no answer within 150 ms');
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(1_500);
  });

  it('invalid params are reported at once, with the server’s explanation, without retrying', async () => {
    const explanation = 'startLedger must be between the oldest ledger: 100 and the latest ledger: 200';
    const rpc = await startRpc((request, res) =>
      send(res, { jsonrpc: '2.0', id: request.body.id, error: { code: -32602, message: explanation } }),
    );
    const { client, slept } = makeClient([rpc.url]);

    const error = await rejection(client.getEvents({ startLedger: 5, filters: [] }));

    expect(error).toMatchObject({ code: 'rpc.request_rejected', retryable: false, rpcCode: -32602, rpcMessage: explanation });
    expect(error.message).toBe(`Stellar RPC getEvents at ${rpc.url}: request rejected: [-32602] ${explanation}`);
    expect(rpc.received).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it('an RPC refusing the request over HTTP (401) is not retried', async () => {
    const rpc = await startRpc((_request, res) => send(res, 'no key', 401));
    const { client } = makeClient([rpc.url]);

    const error = await rejection(client.getNetwork());

    expect(error).toMatchObject({ code: 'rpc.request_rejected', httpStatus: 401, retryable: false });
    expect(rpc.received).toHaveLength(1);
  });

  it('a dead RPC URL fails over to the next one, and later calls start with the one that works', async () => {
    const dead = await deadUrl();
    const live = await startRpc(answerLatest);
    const { client, requests } = makeClient([dead, live.url]);
    expect(client.currentUrl).toBe(dead);

    await client.getLatestLedger();
    expect(requests.map((r) => [r.url, r.outcome])).toEqual([
      [dead, 'rpc.unreachable'],
      [live.url, 'ok'],
    ]);
    expect(client.currentUrl).toBe(live.url);

    requests.length = 0;
    await client.getLatestLedger();
    expect(requests.map((r) => r.url)).toEqual([live.url]);
  });

  it('when every RPC is down the calls alternate between them and the last error is thrown', async () => {
    const [a, b] = [await deadUrl(), await deadUrl()];
    const { client, requests } = makeClient([a, b], { maxAttempts: 3 });

    const error = await rejection(client.getHealth());

    expect(requests.map((r) => r.url)).toEqual([a, b, a]);
    expect(error).toMatchObject({ code: 'rpc.unreachable', url: a });
    expect(error.message).toMatch(/unreachable \(ECONNREFUSED\)/);
  });

  it('a Retry-After holds back only the RPC that sent it, not the failover to another', async () => {
    const limited = await startRpc((_request, res) => send(res, '', 429, { 'Retry-After': '30' }));
    const flaky = await startRpc((request, res, count) => (count === 1 ? send(res, '', 503) : answerLatest(request, res, count)));
    const { client, slept, requests } = makeClient([limited.url, flaky.url], { baseDelayMs: 100 });

    await client.getLatestLedger();

    expect(requests.map((r) => r.url)).toEqual([limited.url, flaky.url, limited.url, flaky.url]);
    // To the other RPC after a plain backoff; back to the limited one only once its 30 s are over.
    expect(slept).toEqual([50, 30_000 - 50, 200]);
  });

  it('retry delays grow exponentially up to the cap, jittered below each ceiling', async () => {
    const rpc = await startRpc((_request, res) => send(res, 'unavailable', 503));
    const draws = [0.5, 0.999, 0, 0.25, 0.999, 0.5];
    const { client, slept } = makeClient([rpc.url], {
      maxAttempts: 7,
      baseDelayMs: 100,
      maxDelayMs: 1_000,
      random: () => draws.shift()!,
    });

    await rejection(client.getHealth());

    // Ceilings 100, 200, 400, 800, 1000, 1000.
    expect(slept).toEqual([50, 199, 0, 200, 999, 500]);
  });

  it('an API key in the RPC URL never shows in errors or in the health report', async () => {
    const rpc = await startRpc((request, res) =>
      send(res, { jsonrpc: '2.0', id: request.body.id, error: { code: -32601, message: 'method not found' } }),
    );
    const secretUrl = `http://alice:s3cret-pass@127.0.0.1:${rpc.port}/rpc?apiKey=TOPSECRETKEY`;
    const { client } = makeClient([secretUrl]);

    const error = await rejection(client.call('noSuchMethod'));

    const shown = `http://127.0.0.1:${rpc.port}/rpc?…`;
    expect(client.currentUrl).toBe(shown);
    expect(error.url).toBe(shown);
    expect(error.message).toContain(shown);
    const everything = `${error.message} ${error.stack} ${JSON.stringify(error)} ${String(error.cause)}`;
    expect(everything).not.toMatch(/TOPSECRETKEY|s3cret|alice/);
    // The credentials still reach the server: the key in the query, user:password as Basic auth.
    expect(rpc.received[0]?.path).toBe('/rpc?apiKey=TOPSECRETKEY');
    expect(rpc.received[0]?.headers.authorization).toBe(`Basic ${Buffer.from('alice:s3cret-pass').toString('base64')}`);
  });

  it('refuses to start without an http(s) URL', () => {
    expect(() => new RpcClient({ urls: [] })).toThrow(/at least one RPC URL/);
    expect(() => new RpcClient({ urls: ['ftp://user:pw@example.org/?key=x'] })).toThrow('RPC URL ftp://example.org/?… is not http(s)');
    expect(() => new RpcClient({ urls: ['not a url'] })).toThrow('RPC URL #1 is not a valid URL');
  });
});
