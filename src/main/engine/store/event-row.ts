// The events table's row shape and its mapping to the API's StoredEvent, shared by the stores.
import type { Category, DecodeStatus, Priority, StoredEvent } from '../../../shared/model';
import type { DecodedEvent } from '../stellar/decoded-event';

export interface EventRow {
  seq: number;
  event_id: string;
  network_epoch: number;
  contract_id: string;
  event_type: string;
  ledger_sequence: number;
  created_at: string;
  stored_at: string;
  data: string;
  topics: string;
  raw_topics: string;
  raw_value: string;
  category: string | null;
  priority: string | null;
  tx_hash: string | null;
  decode_status: string;
  decode_error: string | null;
}

export function rowToEvent(row: EventRow): StoredEvent {
  return {
    id: row.event_id,
    contract_id: row.contract_id,
    event_type: row.event_type,
    ledger_sequence: row.ledger_sequence,
    created_at: row.created_at,
    stored_at: row.stored_at,
    data: JSON.parse(row.data),
    topics: JSON.parse(row.topics),
    category: row.category as Category | null,
    priority: row.priority as Priority | null,
    tx_hash: row.tx_hash,
    decode_status: row.decode_status as DecodeStatus,
    decode_error: row.decode_error,
    network_epoch: row.network_epoch,
    raw: { topics: JSON.parse(row.raw_topics), value: row.raw_value },
  };
}

/** The StoredEvent a DecodedEvent becomes, without reading it back from the database. */
export function decodedToStored(event: DecodedEvent, epoch: number, storedAt: string): StoredEvent {
  return {
    id: event.eventId,
    contract_id: event.contractId,
    event_type: event.eventType,
    ledger_sequence: event.ledger,
    created_at: event.closedAt,
    stored_at: storedAt,
    data: event.data,
    topics: event.topics,
    category: event.category,
    priority: event.priority,
    tx_hash: event.txHash,
    decode_status: event.decodeStatus,
    decode_error: event.decodeError,
    network_epoch: epoch,
    raw: { topics: event.rawTopics, value: event.rawValue },
  };
}
