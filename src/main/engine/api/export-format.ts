// Export rows: NDJSON (one event per line, the API's event shape) or CSV (RFC 4180).
import type { StoredEvent } from '../../../shared/model';

export const CSV_COLUMNS = [
  'id', 'network_epoch', 'contract_id', 'event_type', 'ledger_sequence', 'created_at', 'stored_at',
  'category', 'priority', 'tx_hash', 'decode_status', 'decode_error', 'topics', 'data',
] as const satisfies ReadonlyArray<keyof StoredEvent>;

/**
 * Event fields are written by whoever calls the contract, so a cell could hold `=HYPERLINK(…)`;
 * a leading quote keeps spreadsheets from running it (OWASP CSV injection), numbers excepted.
 */
function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = guardFormula(typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvHeader = () => CSV_COLUMNS.join(',') + '\r\n';

export function csvRows(events: readonly StoredEvent[]): string {
  return events.map((e) => CSV_COLUMNS.map((column) => csvCell(e[column])).join(',') + '\r\n').join('');
}

export function ndjsonRows(events: readonly StoredEvent[]): string {
  return events.map((e) => JSON.stringify(e) + '\n').join('');
}
