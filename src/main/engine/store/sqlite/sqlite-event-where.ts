// SQL for the event filters: exact conditions, plus key bounds on (network_epoch, event_id) that
// let an index range scan start and stop where matches can be. Bounds may be wider than the
// matches (never narrower); the exact conditions decide.
import type Database from 'better-sqlite3';
import type { EventFilter } from '../event-queries';

export interface Key {
  epoch: number;
  eventId: string;
}

export interface Bound {
  key: Key;
  inclusive: boolean;
}

export interface Bounds {
  lower?: Bound;
  upper?: Bound;
  /** Known to match nothing. */
  empty?: boolean;
}

export interface Sql {
  clauses: string[];
  params: unknown[];
}

export function compareKeys(a: Key, b: Key): number {
  if (a.epoch !== b.epoch) return a.epoch - b.epoch;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

export function tighterLower(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a || !b) return a ?? b;
  const c = compareKeys(a.key, b.key);
  return c > 0 || (c === 0 && !a.inclusive) ? a : b;
}

export function tighterUpper(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a || !b) return a ?? b;
  const c = compareKeys(a.key, b.key);
  return c < 0 || (c === 0 && !a.inclusive) ? a : b;
}

export function isEmptyRange(bounds: Bounds): boolean {
  if (bounds.empty) return true;
  if (!bounds.lower || !bounds.upper) return false;
  const c = compareKeys(bounds.lower.key, bounds.upper.key);
  return c > 0 || (c === 0 && !(bounds.lower.inclusive && bounds.upper.inclusive));
}

const inList = (column: string, values: readonly unknown[], sql: Sql) => {
  sql.clauses.push(values.length === 1 ? `${column} = ?` : `${column} IN (${values.map(() => '?').join(', ')})`);
  sql.params.push(...values);
};

/** The exact conditions of a filter. */
export function filterSql(filter: EventFilter): Sql {
  const sql: Sql = { clauses: [], params: [] };
  if (filter.contractIds) inList('contract_id', filter.contractIds, sql);
  if (filter.eventTypes) inList('event_type', filter.eventTypes, sql);
  if (filter.categories) inList('category', filter.categories, sql);
  if (filter.priorities) inList('priority', filter.priorities, sql);
  const compare = (clause: string, value: unknown) => {
    sql.clauses.push(clause);
    sql.params.push(value);
  };
  if (filter.since !== undefined) compare('created_at >= ?', filter.since);
  if (filter.until !== undefined) compare('created_at < ?', filter.until);
  if (filter.ledgerFrom !== undefined) compare('ledger_sequence >= ?', filter.ledgerFrom);
  if (filter.ledgerTo !== undefined) compare('ledger_sequence <= ?', filter.ledgerTo);
  return sql;
}

/** Row-value bounds, which SQLite turns into an index range. */
export function boundsSql(bounds: Bounds): Sql {
  const sql: Sql = { clauses: [], params: [] };
  if (bounds.lower) {
    sql.clauses.push(`(network_epoch, event_id) ${bounds.lower.inclusive ? '>=' : '>'} (?, ?)`);
    sql.params.push(bounds.lower.key.epoch, bounds.lower.key.eventId);
  }
  if (bounds.upper) {
    sql.clauses.push(`(network_epoch, event_id) ${bounds.upper.inclusive ? '<=' : '<'} (?, ?)`);
    sql.params.push(bounds.upper.key.epoch, bounds.upper.key.eventId);
  }
  return sql;
}

export function joinSql(...parts: Sql[]): Sql {
  return { clauses: parts.flatMap((p) => p.clauses), params: parts.flatMap((p) => p.params) };
}

export function whereText(sql: Sql): string {
  return sql.clauses.length > 0 ? `WHERE ${sql.clauses.join(' AND ')}` : '';
}

/**
 * The index that returns the filter's rows already in API order. Chosen here rather than by the
 * planner: without statistics it prefers an equality match plus a sort, which for a busy
 * contract means sorting hundreds of thousands of rows to return a hundred.
 */
export function orderIndexFor(filter: EventFilter): string {
  if (filter.contractIds?.length === 1) {
    return filter.eventTypes?.length === 1 ? 'events_contract_type' : 'events_contract_order';
  }
  return 'events_order';
}

/** Prepared statements by SQL text: filter combinations are few, preparing is not free. */
export function statementCache(db: Database.Database, max = 512): (text: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (text) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = db.prepare(text);
      statements.set(text, statement);
      if (statements.size > max) statements.delete(statements.keys().next().value!);
    }
    return statement;
  };
}
