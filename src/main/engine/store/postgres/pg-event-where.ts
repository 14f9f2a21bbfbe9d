// SQL for the event filters' exact conditions, with numbered parameters.
import type { EventFilter } from '../event-queries';

export type { Key } from '../sqlite/sqlite-event-where';

/** Collects parameter values and hands out their `$n` placeholders. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The exact conditions of a filter. */
export function filterClauses(filter: EventFilter, p: Params): string[] {
  const clauses: string[] = [];
  // One value as `=`, not `= ANY`: the planner then reads the per-contract index in API order.
  const oneOf = (column: string, values: readonly string[]) =>
    clauses.push(values.length === 1 ? `${column} = ${p.add(values[0])}` : `${column} = ANY(${p.add(values)}::text[])`);
  if (filter.contractIds) oneOf('contract_id', filter.contractIds);
  if (filter.eventTypes) oneOf('event_type', filter.eventTypes);
  if (filter.categories) oneOf('category', filter.categories);
  if (filter.priorities) oneOf('priority', filter.priorities);
  if (filter.since !== undefined) clauses.push(`created_at >= ${p.add(filter.since)}`);
  if (filter.until !== undefined) clauses.push(`created_at < ${p.add(filter.until)}`);
  if (filter.ledgerFrom !== undefined) clauses.push(`ledger_sequence >= ${p.add(filter.ledgerFrom)}`);
  if (filter.ledgerTo !== undefined) clauses.push(`ledger_sequence <= ${p.add(filter.ledgerTo)}`);
  return clauses;
}

export function whereText(clauses: string[]): string {
  return clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
}
