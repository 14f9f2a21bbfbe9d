// The events columns as rowToEvent reads them: json columns as their text, so the data keeps its
// key order and big numbers exactly as stored, as SQLite returns them.
const COLUMNS = [
  'seq', 'event_id', 'network_epoch', 'contract_id', 'event_type', 'ledger_sequence', 'created_at', 'stored_at',
  'data::text AS data', 'topics::text AS topics', 'raw_topics::text AS raw_topics', 'raw_value', 'category', 'priority',
  'tx_hash', 'decode_status', 'decode_error',
];

/** The select list, optionally qualified by a table alias (for joins). */
export function eventColumns(alias?: string): string {
  return alias ? COLUMNS.map((c) => `${alias}.${c}`).join(', ') : COLUMNS.join(', ');
}

export const EVENT_COLUMNS = eventColumns();
