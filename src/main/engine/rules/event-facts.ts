// What the rule engine reads off a stored event besides its condition: its time, an integer
// field (exact), its priority's rank, and a dedup key rendered from it.
import Mustache from 'mustache';
import { PRIORITIES, type JsonValue, type StoredEvent } from '../../../shared/model';

/** The ledger's close time: thresholds, cooldowns and digests run on chain time, so a preview over stored events agrees with the live path. */
export function eventTime(event: StoredEvent): number {
  const at = Date.parse(event.created_at);
  return Number.isFinite(at) ? at : 0;
}

/** The field at a dotted path of the decoded data, as an exact integer; null when absent or not an integer. */
export function integerAt(data: JsonValue, path: string): bigint | null {
  let value: JsonValue | undefined = data;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    value = value[part];
  }
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  return null;
}

export function priorityRank(event: StoredEvent): bigint {
  return BigInt(Math.max(0, PRIORITIES.indexOf(event.priority ?? 'low')));
}

/** The dedup key: the template over the event's fields by name and its envelope, as message templates see them. */
export function renderKey(template: string, event: StoredEvent): string {
  const data = event.data;
  const named = data !== null && typeof data === 'object' && !Array.isArray(data) ? data : {};
  const view = {
    ...named,
    data,
    event_type: event.event_type,
    contract_id: event.contract_id,
    ledger: event.ledger_sequence,
    category: event.category,
    priority: event.priority,
    tx_hash: event.tx_hash,
  };
  return Mustache.render(template, view, undefined, { escape: (value: unknown) => String(value) });
}
