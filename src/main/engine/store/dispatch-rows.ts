// Targets, deliveries and attempts rows in the DispatchStore's shapes, for both stores.
// SQLite gives JSON as text and booleans as 0/1; PostgreSQL parsed values and true/false.
import { ruleSchema, type DeliveryStatus, type TargetKind } from '../../../shared/targets';
import type { AttemptRecord, DeliveryRecord, TargetRecord } from './dispatch-store';

type Row = Record<string, unknown>;

const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);
const flag = (value: unknown): boolean => value === true || value === 1;

export function toTarget(row: Row, rules: Row[]): TargetRecord {
  return {
    id: row.id as number,
    name: row.name as string,
    kind: row.kind as TargetKind,
    enabled: flag(row.enabled),
    config: json(row.config) as Record<string, unknown>,
    rules: rules.map((r) => ({ id: r.id as number, match: ruleSchema.parse(json(r.match)) })),
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
  };
}

export function toDelivery(row: Row): DeliveryRecord {
  return {
    id: row.id as number,
    targetId: row.target_id as number,
    eventId: row.event_id as string,
    webhookId: row.webhook_id as string,
    status: row.status as DeliveryStatus,
    attempts: row.attempts as number,
    nextAttemptAt: (row.next_attempt_at as number | null) ?? null,
    lastError: row.last_error_code
      ? { code: row.last_error_code as string, message: (row.last_error as string | null) ?? '', httpStatus: (row.last_http_status as number | null) ?? null }
      : null,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string,
    deliveredAt: (row.delivered_at as string | null) ?? null,
  };
}

export function toAttempt(row: Row): AttemptRecord {
  return {
    attempt: row.attempt as number,
    startedAt: row.started_at as string,
    durationMs: row.duration_ms as number,
    ok: flag(row.ok),
    httpStatus: (row.http_status as number | null) ?? null,
    error: row.error_code ? { code: row.error_code as string, message: (row.error as string | null) ?? '' } : null,
    retryAfterMs: (row.retry_after_ms as number | null) ?? null,
  };
}
