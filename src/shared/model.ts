// The data every part of NotifyChain agrees on: stored events, their categories and priorities,
// and the health report. Runs anywhere (main, preload, renderer).
import type { DecoderHealth, RuleTotals } from './api/rules';

export const CATEGORIES = ['group', 'admin', 'financial', 'notification', 'system'] as const;
export type Category = (typeof CATEGORIES)[number];

export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Priority = (typeof PRIORITIES)[number];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * How an event's fields were named: from the contract's SEP-48 event spec, positionally
 * (`topic_1`, `value`), or not at all because the XDR could not be decoded (stored raw).
 */
export const DECODE_STATUSES = ['spec', 'positional', 'failed'] as const;
export type DecodeStatus = (typeof DECODE_STATUSES)[number];

/** An event as stored and as served by the API (the seed's fields plus ours). */
export interface StoredEvent {
  /** The Soroban event id, e.g. `0000001234567-0000000001`. */
  id: string;
  contract_id: string;
  event_type: string;
  ledger_sequence: number;
  /** Ledger close time, ISO 8601. */
  created_at: string;
  stored_at: string;
  data: JsonValue;
  topics: JsonValue[];
  category: Category | null;
  priority: Priority | null;
  tx_hash: string | null;
  decode_status: DecodeStatus;
  decode_error: string | null;
  /** Increases on every detected network reset; old events keep their epoch. */
  network_epoch: number;
  raw: { topics: string[]; value: string };
}

export interface GapRecord {
  id: number;
  from_ledger: number;
  to_ledger: number;
  reason: string;
  detected_at: string;
}

export interface NetworkResetRecord {
  epoch: number;
  reason: string;
  detected_at: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'error';
  reason: string | null;
  uptime_seconds: number;
  contracts_watched: number;
  last_event_time: string | null;
  database_ok: boolean;
  network: { name: string; passphrase: string; epoch: number };
  latest_ledger: number | null;
  cursor_ledger: number | null;
  lag_ledgers: number | null;
  events_stored: number;
  gaps: GapRecord[];
  last_reset: NetworkResetRecord | null;
  /**
   * What this instance's ingestion is doing: `live`, `syncing`, `standby` (another instance on
   * the shared database ingests), `paused`, `idle` (nothing watched), `error`, `starting`.
   */
  ingest_state: string;
  /** Every rule's counters added up, suppressed matches included (per rule: GET /api/rules). */
  rules: RuleTotals;
  /** Events that did not decode by name, per contract and type. */
  decoder: DecoderHealth;
}
