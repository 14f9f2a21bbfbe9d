// What /openapi.json says about each route, built from the same schemas the validators use.
import { z } from 'zod';
import {
  contractIdParamSchema,
  contractListResponseSchema,
  watchContractBodySchema,
  watchedContractResponseSchema,
} from '../../../../shared/api/contracts';
import { contractCoverageSchema, fillHolesResponseSchema } from '../../../../shared/api/coverage';
import { apiErrorSchema } from '../../../../shared/api/errors';
import { contractLifecycleSchema } from '../../../../shared/api/lifecycle';
import {
  eventExportQuerySchema,
  eventKeyParamSchema,
  eventListQuerySchema,
  eventListResponseSchema,
  eventStreamQuerySchema,
  jsonValueSchema,
  storedEventSchema,
} from '../../../../shared/api/events';
import { healthSchema } from '../../../../shared/api/health';
import { notificationIdParamSchema, notificationSchema } from '../../../../shared/api/notifications';

export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
}

export interface RouteDoc {
  method: 'get' | 'post' | 'delete';
  /** Hono syntax: `/api/events/:id`. */
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodType;
  params?: z.ZodType;
  headers?: Array<{ name: string; description: string }>;
  body?: z.ZodType;
  /** Needs the bearer token. */
  write?: boolean;
  /** Answers 304 to If-None-Match / If-Modified-Since. */
  conditional?: boolean;
  responses: Record<number, ResponseDoc>;
}

/** Output schemas, published under components/schemas by these names. */
export const OUTPUT_COMPONENTS = new Map<z.ZodType, string>([
  [jsonValueSchema, 'JsonValue'],
  [storedEventSchema, 'Event'],
  [eventListResponseSchema, 'EventList'],
  [watchedContractResponseSchema, 'Contract'],
  [contractListResponseSchema, 'ContractList'],
  [notificationSchema, 'Notification'],
  [healthSchema, 'Health'],
  [apiErrorSchema, 'Error'],
]);
export const INPUT_COMPONENTS = new Map<z.ZodType, string>([[watchContractBodySchema, 'WatchContract']]);

const error = (description: string): ResponseDoc => ({ description, schema: apiErrorSchema });
const bad = { 400: error('A parameter is invalid; the message names it') };

export const ROUTE_DOCS: RouteDoc[] = [
  { method: 'get', path: '/health', summary: 'Ingestion and database health', tag: 'system',
    responses: { 200: { description: 'Ingesting (ok or degraded)', schema: healthSchema }, 503: { description: 'Stalled or database unavailable', schema: healthSchema } } },
  { method: 'get', path: '/metrics', summary: 'Prometheus metrics', tag: 'system',
    responses: { 200: { description: 'Prometheus text exposition', contentType: 'text/plain' } } },
  { method: 'get', path: '/openapi.json', summary: 'This document', tag: 'system', conditional: true,
    responses: { 200: { description: 'OpenAPI 3.1 document' } } },
  { method: 'get', path: '/api/events', summary: 'Stored events, filtered and paged', tag: 'events', query: eventListQuerySchema, conditional: true,
    responses: { 200: { description: 'A page of events', schema: eventListResponseSchema }, ...bad } },
  { method: 'get', path: '/api/events/stream', summary: 'Newly stored events as Server-Sent Events', tag: 'events', query: eventStreamQuerySchema,
    headers: [{ name: 'Last-Event-ID', description: 'Resume after this event (sent by EventSource on reconnect)' }],
    responses: { 200: { description: '`id:` is the event cursor, `data:` the event as JSON', contentType: 'text/event-stream' }, ...bad, 429: error('Too many open streams') } },
  { method: 'get', path: '/api/events/export', summary: 'Every matching event as CSV or NDJSON, streamed', tag: 'events', query: eventExportQuerySchema, conditional: true,
    responses: { 200: { description: 'CSV (text/csv) or NDJSON (application/x-ndjson)', contentType: 'application/x-ndjson' }, ...bad } },
  { method: 'get', path: '/api/events/:id', summary: 'One event by id (or `<epoch>:<id>`)', tag: 'events', params: eventKeyParamSchema, conditional: true,
    responses: { 200: { description: 'The event', schema: storedEventSchema }, ...bad, 404: error('No such event') } },
  { method: 'get', path: '/api/notifications/:id', summary: 'One scheduled notification', tag: 'notifications', params: notificationIdParamSchema, conditional: true,
    responses: { 200: { description: 'The notification', schema: notificationSchema }, ...bad, 404: error('No such notification') } },
  { method: 'get', path: '/api/contracts', summary: 'Watched contracts', tag: 'contracts', conditional: true,
    responses: { 200: { description: 'Every watched contract', schema: contractListResponseSchema } } },
  { method: 'post', path: '/api/contracts', summary: 'Watch a contract (or change how it is watched)', tag: 'contracts', body: watchContractBodySchema, write: true,
    responses: { 200: { description: 'Already watched; updated', schema: watchedContractResponseSchema }, 201: { description: 'Now watched', schema: watchedContractResponseSchema },
      ...bad, 401: error('Missing or wrong bearer token'), 413: error('Body too large'), 415: error('Body is not JSON') } },
  { method: 'delete', path: '/api/contracts/:id', summary: 'Stop watching a contract (its events are kept)', tag: 'contracts', params: contractIdParamSchema, write: true,
    responses: { 204: { description: 'No longer watched' }, ...bad, 401: error('Missing or wrong bearer token'), 404: error('Not watched') } },
  { method: 'get', path: '/api/contracts/:id/coverage', summary: 'Ledger ranges the archive holds for a contract, and its holes', tag: 'contracts', params: contractIdParamSchema,
    responses: { 200: { description: 'Coverage', schema: contractCoverageSchema }, ...bad, 404: error('Not watched') } },
  { method: 'post', path: '/api/contracts/:id/coverage/fill', summary: 'Backfill the holes the RPC still keeps', tag: 'contracts', params: contractIdParamSchema, write: true,
    responses: { 202: { description: 'The backfill started (or null), and holes only an archive can fill', schema: fillHolesResponseSchema },
      ...bad, 401: error('Missing or wrong bearer token'), 404: error('Not watched') } },
  { method: 'get', path: '/api/contracts/:id/lifecycle', summary: 'TTLs of the contract\'s instance and code entries, and the WASM it runs', tag: 'contracts',
    params: contractIdParamSchema, responses: { 200: { description: 'Last check', schema: contractLifecycleSchema }, ...bad, 404: error('Not watched, or not checked yet') } },
];
