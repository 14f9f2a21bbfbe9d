// Row → object mappings for the small state tables, shared by the SQLite and PostgreSQL stores.
// (SQLite returns JSON columns as text, PostgreSQL's driver as parsed values: both are accepted.)
import type { Backfill, PollingState, WatchedContract } from './store';

type Row = Record<string, unknown>;

const json = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

export function rowToContract(row: Row): WatchedContract {
  return {
    id: row.contract_id as string,
    name: (row.name as string | null) ?? null,
    eventTypes: json<string[]>(row.event_types),
    startLedger: (row.start_ledger as number | null) ?? null,
    retentionDays: (row.retention_days as number | null) ?? null,
    addedAt: row.added_at as string,
  };
}

export function rowToBackfill(row: Row): Backfill {
  return {
    contractId: row.contract_id as string,
    fromLedger: row.from_ledger as number,
    toLedger: row.to_ledger as number,
    cursor: (row.cursor as string | null) ?? null,
    events: row.events as number,
    status: row.status as Backfill['status'],
    error: (row.error as string | null) ?? null,
    startedAt: row.started_at as string,
    updatedAt: row.updated_at as string,
  };
}

export function rowToPollingState(row: Row): PollingState {
  return {
    networkPassphrase: (row.network_passphrase as string | null) ?? null,
    networkEpoch: row.network_epoch as number,
    cursor: (row.cursor as string | null) ?? null,
    resumeLedger: (row.resume_ledger as number | null) ?? null,
    checkpointLedger: (row.checkpoint_ledger as number | null) ?? null,
    checkpointHash: (row.checkpoint_hash as string | null) ?? null,
    updatedAt: (row.updated_at as string | null) ?? null,
  };
}
