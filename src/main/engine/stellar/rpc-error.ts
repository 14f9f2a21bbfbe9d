// The RPC client's failures as values: a closed set of codes, the cause kept attached.
// Every `url` here is already redacted: RPC URLs may carry API keys.

import { JSON_RPC_INVALID_PARAMS, JSON_RPC_INVALID_REQUEST } from './rpc-types';

export const RPC_ERROR_CODES = [
  'rpc.unreachable',
  'rpc.timeout',
  'rpc.rate_limited',
  'rpc.server_error',
  'rpc.invalid_response',
  'rpc.request_rejected',
] as const;
export type RpcErrorCode = (typeof RPC_ERROR_CODES)[number];

const JSON_RPC_METHOD_NOT_FOUND = -32601;
const CALLER_FAULT_RPC_CODES = new Set([JSON_RPC_INVALID_REQUEST, JSON_RPC_METHOD_NOT_FOUND, JSON_RPC_INVALID_PARAMS]);

/** Which request failed: the method and the redacted URL it went to. */
export interface RpcRequestContext {
  method: string;
  url: string;
}

export interface RpcErrorDetails extends RpcRequestContext {
  code: RpcErrorCode;
  rpcCode?: number;
  /** The server's own JSON-RPC error message, e.g. the ledger bounds of a retention gap. */
  rpcMessage?: string;
  httpStatus?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

export class RpcError extends Error {
  override readonly name = 'RpcError';
  readonly code: RpcErrorCode;
  /** False only when the request itself is wrong: sending it again cannot help. */
  readonly retryable: boolean;
  readonly url: string;
  readonly method: string;
  readonly rpcCode?: number;
  readonly rpcMessage?: string;
  readonly httpStatus?: number;
  readonly retryAfterMs?: number;

  constructor(problem: string, details: RpcErrorDetails) {
    super(`Stellar RPC ${details.method} at ${details.url}: ${problem}`, { cause: details.cause });
    this.code = details.code;
    this.retryable = details.code !== 'rpc.request_rejected';
    this.url = details.url;
    this.method = details.method;
    this.rpcCode = details.rpcCode;
    this.rpcMessage = details.rpcMessage;
    this.httpStatus = details.httpStatus;
    this.retryAfterMs = details.retryAfterMs;
  }
}

export function isRpcError(value: unknown): value is RpcError {
  return value instanceof RpcError;
}

/** `fetch` threw: the connection failed or the per-request timeout fired. */
export function fetchFailure(cause: unknown, timedOut: boolean, timeoutMs: number, ctx: RpcRequestContext): RpcError {
  if (timedOut) return new RpcError(`no answer within ${timeoutMs} ms`, { ...ctx, code: 'rpc.timeout', cause });
  // Only the system error code: the messages of some fetch errors quote the full URL.
  const sysCode = systemErrorCode(cause);
  return new RpcError(`unreachable (${sysCode ?? 'network error'})`, { ...ctx, code: 'rpc.unreachable', cause });
}

export function httpFailure(
  status: number,
  statusText: string,
  retryAfterMs: number | undefined,
  ctx: RpcRequestContext,
): RpcError {
  const http = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  const wait = retryAfterMs === undefined ? '' : `, asked to retry after ${retryAfterMs} ms`;
  const details = { ...ctx, httpStatus: status, retryAfterMs };
  if (status === 429) return new RpcError(`rate limited (${http}${wait})`, { ...details, code: 'rpc.rate_limited' });
  if (status === 408) return new RpcError(`timed out by the server (${http})`, { ...details, code: 'rpc.timeout' });
  if (status >= 500) return new RpcError(`server error (${http}${wait})`, { ...details, code: 'rpc.server_error' });
  if (status >= 400) return new RpcError(`request rejected (${http})`, { ...details, code: 'rpc.request_rejected' });
  return new RpcError(`unexpected ${http}`, { ...details, code: 'rpc.invalid_response' });
}

/** A well-formed JSON-RPC error object. */
export function jsonRpcFailure(rpcCode: number, rpcMessage: string, ctx: RpcRequestContext): RpcError {
  const said = `[${rpcCode}] ${oneLine(rpcMessage)}`;
  if (CALLER_FAULT_RPC_CODES.has(rpcCode)) {
    return new RpcError(`request rejected: ${said}`, { ...ctx, code: 'rpc.request_rejected', rpcCode, rpcMessage });
  }
  return new RpcError(`server error: ${said}`, { ...ctx, code: 'rpc.server_error', rpcCode, rpcMessage });
}

export function invalidResponse(problem: string, ctx: RpcRequestContext, cause?: unknown): RpcError {
  return new RpcError(`invalid response: ${problem}`, { ...ctx, code: 'rpc.invalid_response', cause });
}

function systemErrorCode(error: unknown): string | undefined {
  // undici wraps the socket error: TypeError('fetch failed', { cause: Error { code: 'ECONNREFUSED' } }).
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function oneLine(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
