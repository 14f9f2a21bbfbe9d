// The events routes' request and response schemas: they validate requests at the API's edge,
// give the TypeScript types, and generate /openapi.json.
import { z } from 'zod';
import { eventTypeSchema } from '../config';
import { contractIdSchema } from '../contract-id';
import { CATEGORIES, DECODE_STATUSES, PRIORITIES, type StoredEvent } from '../model';
import { cursorSchema } from './cursor';
import { commaList, isoTime, wholeNumber } from './params';

export const MAX_PAGE_SIZE = 500;
const MAX_LEDGER = 2 ** 32 - 1;

/** The filters every events route takes (list, stream, export). */
export const eventFilterShape = {
  contract_id: commaList(contractIdSchema, 25).optional().describe('Contract id(s), comma-separated'),
  event_type: commaList(eventTypeSchema, 25).optional().describe('Event type(s), comma-separated'),
  category: commaList(z.enum(CATEGORIES), CATEGORIES.length).optional().describe('Category(ies), comma-separated'),
  priority: commaList(z.enum(PRIORITIES), PRIORITIES.length).optional().describe('Priority(ies), comma-separated'),
  since: isoTime.optional().describe('Ledger closed at or after this ISO 8601 time'),
  until: isoTime.optional().describe('Ledger closed before this ISO 8601 time'),
  ledger_from: wholeNumber(0, MAX_LEDGER).optional().describe('First ledger (inclusive)'),
  ledger_to: wholeNumber(0, MAX_LEDGER).optional().describe('Last ledger (inclusive)'),
};

const orderParam = z.enum(['asc', 'desc']);

type FilterInput = { ledger_from?: number; ledger_to?: number; since?: string; until?: string };
function checkRanges(q: FilterInput, ctx: z.RefinementCtx): void {
  if (q.ledger_from !== undefined && q.ledger_to !== undefined && q.ledger_from > q.ledger_to) {
    ctx.addIssue({ code: 'custom', path: ['ledger_to'], message: 'must not be below ledger_from' });
  }
  if (q.since !== undefined && q.until !== undefined && q.since > q.until) {
    ctx.addIssue({ code: 'custom', path: ['until'], message: 'must not be before since' });
  }
}

export const eventListQuerySchema = z
  .strictObject({
    ...eventFilterShape,
    limit: wholeNumber(1, MAX_PAGE_SIZE).default(100).describe(`Page size, 1-${MAX_PAGE_SIZE}`),
    offset: wholeNumber(0, 10_000_000).default(0).describe('Events to skip (prefer `after` for deep pages)'),
    after: cursorSchema.optional().describe('Keyset cursor: the page that follows this event (next_cursor)'),
    order: orderParam.default('desc').describe('desc = newest first (default), asc = oldest first'),
  })
  .superRefine(checkRanges);
export type EventListQuery = z.output<typeof eventListQuerySchema>;

export const eventStreamQuerySchema = z
  .strictObject({
    ...eventFilterShape,
    after: cursorSchema.optional().describe('Resume after this event (as the Last-Event-ID header does)'),
  })
  .superRefine(checkRanges);
export type EventStreamQuery = z.output<typeof eventStreamQuerySchema>;

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export const eventExportQuerySchema = z
  .strictObject({
    ...eventFilterShape,
    format: z.enum(EXPORT_FORMATS).default('ndjson').describe('csv or ndjson'),
    order: orderParam.default('desc').describe('desc = newest first (default), asc = oldest first'),
  })
  .superRefine(checkRanges);
export type EventExportQuery = z.output<typeof eventExportQuerySchema>;

/** An event id, or `<epoch>:<id>` for an event of an earlier network epoch. */
export const eventKeyParamSchema = z.strictObject({ id: cursorSchema });

export const jsonValueSchema = z.json();

export const storedEventSchema = z.object({
  id: z.string().describe('The Soroban event id'),
  contract_id: z.string(),
  event_type: z.string(),
  ledger_sequence: z.number().int(),
  created_at: z.string().describe('Ledger close time, ISO 8601'),
  stored_at: z.string(),
  data: jsonValueSchema,
  topics: z.array(jsonValueSchema),
  category: z.enum(CATEGORIES).nullable(),
  priority: z.enum(PRIORITIES).nullable(),
  tx_hash: z.string().nullable(),
  decode_status: z.enum(DECODE_STATUSES),
  decode_error: z.string().nullable(),
  network_epoch: z.number().int(),
  raw: z.object({ topics: z.array(z.string()), value: z.string() }),
});

export const eventListResponseSchema = z.object({
  events: z.array(storedEventSchema),
  /** Every event matching the filters (the cursor and offset aside). */
  total: z.number().int(),
  has_more: z.boolean(),
  /** Pass as `after` for the next page; the last event's cursor (or `after` when the page is empty). */
  next_cursor: z.string().nullable(),
});
export type EventListResponse = z.infer<typeof eventListResponseSchema>;

// The schema describes the model's StoredEvent; fail the build if they drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameEvent: Same<z.infer<typeof storedEventSchema>, StoredEvent> = true;
void sameEvent;
