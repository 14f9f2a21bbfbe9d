// The demo network's Stellar-RPC-compatible JSON-RPC 2.0 server (node:http, POST, named params).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { JSON_RPC_INVALID_REQUEST } from '../rpc-types.js';
import { DemoChain } from './chain.js';
import type { DemoChainOptions } from './chain-types.js';
import { FaultQueue, type DemoFault } from './faults.js';
import {
  JSON_RPC_INTERNAL_ERROR,
  JSON_RPC_METHOD_NOT_FOUND,
  JSON_RPC_PARSE_ERROR,
  namedParams,
  RpcError,
  type MethodContext,
} from './json-rpc.js';
import { DEMO_METHODS } from './methods/index.js';
import { resultJson } from './raw-json.js';

export interface DemoRpcServerOptions extends DemoChainOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Close a ledger every `ledgerIntervalMs` (default true); tests turn it off and call `chain.closeLedger()`. */
  autoStart?: boolean;
}

export interface DemoRpcServer {
  readonly url: string;
  readonly chain: DemoChain;
  close(): Promise<void>;
  /** Serves the next matching requests with these faults, in order. */
  injectFaults(...faults: DemoFault[]): void;
  clearFaults(): void;
  /** Requests received (faulted ones included), for one method or all. */
  requestCount(method?: string): number;
}

const MAX_BODY_BYTES = 1 << 20;
type RpcId = string | number | null;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function errorReply(id: RpcId, code: number, message: string): string {
  return JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } });
}

/** One JSON-RPC message in, its reply as JSON text out. */
function answer(message: unknown, ctx: MethodContext): string {
  if (!isObject(message)) return errorReply(null, JSON_RPC_INVALID_REQUEST, 'invalid request: expected a JSON-RPC 2.0 object');
  const id: RpcId = typeof message.id === 'string' || typeof message.id === 'number' ? message.id : null;
  if (message.jsonrpc !== '2.0' || typeof message.method !== 'string') {
    return errorReply(id, JSON_RPC_INVALID_REQUEST, 'invalid request: jsonrpc must be "2.0" and method a string');
  }
  const handler = DEMO_METHODS[message.method];
  if (!handler) return errorReply(id, JSON_RPC_METHOD_NOT_FOUND, `method not found: ${message.method}`);
  try {
    const result = resultJson(handler(namedParams(message.params), ctx));
    return `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":${result}}`;
  } catch (error) {
    if (error instanceof RpcError) return errorReply(id, error.code, error.message);
    return errorReply(id, JSON_RPC_INTERNAL_ERROR, error instanceof Error ? error.message : String(error));
  }
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

/** Returns true when the fault answered the request itself. */
async function applyFault(fault: DemoFault, res: ServerResponse, id: RpcId): Promise<boolean> {
  switch (fault.kind) {
    case 'delay':
      await new Promise((resolve) => setTimeout(resolve, fault.ms));
      return false;
    case 'disconnect':
      res.socket?.destroy();
      return true;
    case 'http-status': {
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) };
      send(res, fault.status, fault.body ?? JSON.stringify({ error: `demo fault: HTTP ${fault.status}` }), headers);
      return true;
    }
    case 'garbage':
      send(res, 200, fault.body ?? '{"jsonrpc":"2.0","id":1,"result":{"status":');
      return true;
    case 'rpc-error':
      send(res, 200, errorReply(id, fault.code, fault.message));
      return true;
  }
}

export async function startDemoRpcServer(options: DemoRpcServerOptions = {}): Promise<DemoRpcServer> {
  const { host = '127.0.0.1', port = 0, autoStart = true, ...chainOptions } = options;
  const chain = new DemoChain(chainOptions);
  const ctx: MethodContext = { chain };
  const faults = new FaultQueue();
  const counts = new Map<string, number>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      send(res, 405, errorReply(null, JSON_RPC_INVALID_REQUEST, 'only POST is supported'), { allow: 'POST' });
      return;
    }
    const body = await readBody(req);
    if (body === null) {
      send(res, 413, errorReply(null, JSON_RPC_INVALID_REQUEST, 'request body too large'));
      return;
    }
    let message: unknown;
    let parsed = true;
    try {
      message = JSON.parse(body);
    } catch {
      parsed = false;
    }
    const method = isObject(message) && typeof message.method === 'string' ? message.method : undefined;
    const id: RpcId = isObject(message) && (typeof message.id === 'string' || typeof message.id === 'number') ? message.id : null;
    counts.set(method ?? '', (counts.get(method ?? '') ?? 0) + 1);

    const fault = faults.take(method);
    if (fault && (await applyFault(fault, res, id))) return;
    if (!parsed) {
      send(res, 200, errorReply(null, JSON_RPC_PARSE_ERROR, 'parse error: the body is not JSON'));
    } else if (Array.isArray(message)) {
      const replies = message.map((m) => answer(m, ctx));
      send(res, 200, replies.length > 0 ? `[${replies.join(',')}]` : errorReply(null, JSON_RPC_INVALID_REQUEST, 'empty batch'));
    } else {
      send(res, 200, answer(message, ctx));
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, errorReply(null, JSON_RPC_INTERNAL_ERROR, String(error)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  if (autoStart) chain.start();
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${urlHost}:${address.port}`,
    chain,
    close: async () => {
      chain.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
    injectFaults: (...list) => faults.add(list),
    clearFaults: () => faults.clear(),
    requestCount: (m) => (m === undefined ? [...counts.values()].reduce((a, b) => a + b, 0) : (counts.get(m) ?? 0)),
  };
}
