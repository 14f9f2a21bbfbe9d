// A digest window: alerts are collected from the first one for digest_seconds, then sent as
// one message saying how many there were, with the first few as examples.
import type { Priority, StoredEvent } from '../../../../shared/model';
import { PRIORITIES } from '../../../../shared/model';
import type { DigestExample, DigestState } from '../state/rule-state';

const MAX_EXAMPLES = 5;

/** Adds an alert (a matching event, or a threshold or silence alert) to the open digest, opening one at `at`. */
export function addToDigest(digest: DigestState | null, at: number, windowMs: number, item: DigestExample & { priority: Priority | null }): DigestState {
  const open = digest ?? { opensAt: at, closesAt: at + windowMs, count: 0, priority: null, contractId: item.contract_id, ledger: 0, examples: [] };
  const { priority, ...example } = item;
  open.count += 1;
  open.ledger = Math.max(open.ledger, example.ledger);
  open.priority = higher(open.priority, priority);
  if (open.examples.length < MAX_EXAMPLES) open.examples.push(example);
  return open;
}

export function exampleOf(event: StoredEvent): DigestExample {
  return {
    event_id: event.id,
    event_type: event.event_type,
    contract_id: event.contract_id,
    ledger: event.ledger_sequence,
    at: event.created_at,
    fields: event.data,
  };
}

function higher(a: Priority | null, b: Priority | null): Priority | null {
  if (a === null) return b;
  if (b === null) return a;
  return PRIORITIES.indexOf(a) >= PRIORITIES.indexOf(b) ? a : b;
}
