// JSON-RPC 2.0 errors and named-parameter readers shared by the demo RPC's methods.
import { JSON_RPC_INVALID_PARAMS, JSON_RPC_INVALID_REQUEST } from '../rpc-types.js';
import type { DemoChain } from './chain.js';

export const JSON_RPC_PARSE_ERROR = -32700;
export const JSON_RPC_METHOD_NOT_FOUND = -32601;
export const JSON_RPC_INTERNAL_ERROR = -32603;

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

export const invalidParams = (message: string): RpcError => new RpcError(JSON_RPC_INVALID_PARAMS, message);
export const invalidRequest = (message: string): RpcError => new RpcError(JSON_RPC_INVALID_REQUEST, message);

export interface MethodContext {
  readonly chain: DemoChain;
}

export type MethodHandler = (params: Record<string, unknown>, ctx: MethodContext) => unknown;

/** Stellar RPC takes named params only; absent or null params read as `{}`. */
export function namedParams(params: unknown): Record<string, unknown> {
  if (params === undefined || params === null) return {};
  if (typeof params !== 'object' || Array.isArray(params)) {
    throw invalidParams('invalid parameters: params must be an object of named parameters');
  }
  return params as Record<string, unknown>;
}

export function optionalObject(value: unknown, name: string): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParams(`${name} must be an object`);
  return value as Record<string, unknown>;
}

/** A uint32 field; 0 and absent both read as 0, as in the Go server's `omitempty` structs. */
export function optionalUint(value: unknown, name: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw invalidParams(`${name} must be an unsigned 32-bit integer`);
  }
  return value;
}

export function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalidParams(`${name} must be a string`);
  return value;
}

export function checkXdrFormat(value: unknown): 'base64' | 'json' {
  if (value === undefined || value === null || value === '' || value === 'base64') return 'base64';
  if (value === 'json') return 'json';
  throw invalidParams("expected 'base64' or 'json' for optional 'xdrFormat'");
}

/** The retention-window error stellar-rpc gives for a start ledger or cursor it no longer (or not yet) has. */
export function outsideRetention(chain: DemoChain): RpcError {
  return invalidRequest(
    `startLedger must be between the oldest ledger: ${chain.oldestLedger} and the latest ledger: ${chain.latestLedger} for this rpc instance.`,
  );
}
