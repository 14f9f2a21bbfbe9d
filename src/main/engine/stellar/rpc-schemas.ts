// Light runtime checks of JSON-RPC answers and of the RPC results: only the fields the engine reads, extra fields kept.
// Some RPC versions send integers as strings and close times as numbers, so both are accepted
// and normalised to the types in rpc-types.ts.

import { z } from 'zod';
import { invalidResponse, jsonRpcFailure, type RpcRequestContext } from './rpc-error';
import type {
  GetEventsResult,
  GetHealthResult,
  GetLatestLedgerResult,
  GetLedgerEntriesResult,
  GetLedgersResult,
  GetNetworkResult,
} from './rpc-types';

const integer = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,15}$/).transform(Number)]);
const numericString = z.union([z.string(), z.number().transform(String)]);

export const getHealthResultSchema = z.looseObject({
  status: z.string(),
  latestLedger: integer,
  oldestLedger: integer,
  ledgerRetentionWindow: integer,
}) satisfies z.ZodType<GetHealthResult>;

export const getNetworkResultSchema = z.looseObject({
  passphrase: z.string(),
  protocolVersion: integer,
  friendbotUrl: z.string().optional(),
}) satisfies z.ZodType<GetNetworkResult>;

export const getLatestLedgerResultSchema = z.looseObject({
  id: z.string(),
  sequence: integer,
  protocolVersion: integer,
  closeTime: numericString.optional(),
  headerXdr: z.string().optional(),
  metadataXdr: z.string().optional(),
}) satisfies z.ZodType<GetLatestLedgerResult>;

const ledgerInfoSchema = z.looseObject({
  hash: z.string(),
  sequence: integer,
  ledgerCloseTime: numericString,
  headerXdr: z.string().optional(),
  metadataXdr: z.string().optional(),
});

export const getLedgersResultSchema = z.looseObject({
  ledgers: z.array(ledgerInfoSchema),
  latestLedger: integer,
  latestLedgerCloseTime: integer,
  oldestLedger: integer,
  oldestLedgerCloseTime: integer,
  cursor: z.string(),
}) satisfies z.ZodType<GetLedgersResult>;

const rpcEventSchema = z.looseObject({
  type: z.string(),
  ledger: integer,
  ledgerClosedAt: z.string(),
  contractId: z.string(),
  id: z.string(),
  opIndex: integer.optional(),
  txIndex: integer.optional(),
  pagingToken: z.string().optional(),
  txHash: z.string().optional(),
  inSuccessfulContractCall: z.boolean().optional(),
  topic: z.array(z.string()),
  value: z.string(),
});

export const getEventsResultSchema = z.looseObject({
  events: z.array(rpcEventSchema),
  cursor: z.string(),
  latestLedger: integer,
  oldestLedger: integer.optional(),
  latestLedgerCloseTime: numericString.optional(),
  oldestLedgerCloseTime: numericString.optional(),
}) satisfies z.ZodType<GetEventsResult>;

const ledgerEntrySchema = z.looseObject({
  key: z.string(),
  xdr: z.string(),
  lastModifiedLedgerSeq: integer,
  liveUntilLedgerSeq: integer.optional(),
});

export const getLedgerEntriesResultSchema = z.looseObject({
  // `entries` can come back null (or absent) when none of the keys exist.
  entries: z.array(ledgerEntrySchema).nullish().transform((entries) => entries ?? null),
  latestLedger: integer,
}) satisfies z.ZodType<GetLedgerEntriesResult>;

const jsonRpcErrorSchema = z.looseObject({
  code: z.int(),
  message: z.string().optional(),
});

/** The result of JSON-RPC response `body` to request `id`, checked against `schema`; else throws an RpcError. */
export function readJsonRpcResult(
  body: unknown,
  id: number,
  schema: z.ZodType | undefined,
  ctx: RpcRequestContext,
): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidResponse('not a JSON-RPC response object', ctx);
  }
  const response = body as Record<string, unknown>;
  // A server that could not read the request's id answers its error with id null.
  if (response.error != null && (response.id === id || response.id === null)) {
    const error = jsonRpcErrorSchema.safeParse(response.error);
    if (!error.success) throw invalidResponse('a malformed JSON-RPC error', ctx, error.error);
    throw jsonRpcFailure(error.data.code, error.data.message ?? '', ctx);
  }
  if (response.id !== id) {
    const got = String(response.id).slice(0, 40);
    throw invalidResponse(`the answer to another request (id ${got}, expected ${id})`, ctx);
  }
  if (!('result' in response)) throw invalidResponse('neither result nor error', ctx);
  if (!schema) return response.result;
  const parsed = schema.safeParse(response.result);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || 'result'}: ${issue.message}`);
  throw invalidResponse(`unexpected ${ctx.method} result (${issues.join('; ')})`, ctx, parsed.error);
}
