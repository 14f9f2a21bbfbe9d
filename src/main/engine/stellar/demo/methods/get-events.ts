import { xdr } from '@stellar/stellar-sdk';

import type { GetEventsResult, RpcEvent } from '../../rpc-types.js';
import { ledgerEndCursor, parseCursor } from '../cursor.js';
import { compileFilters, filterPredicate } from '../event-filter.js';
import {
  checkXdrFormat,
  invalidParams,
  optionalObject,
  optionalString,
  optionalUint,
  outsideRetention,
  type MethodHandler,
} from '../json-rpc.js';
import { withEventsJson } from '../raw-json.js';

export const EVENTS_DEFAULT_LIMIT = 100;
export const EVENTS_MAX_LIMIT = 10_000;
/** Ledgers one call scans at most (stellar-rpc's LedgerScanLimit); the cursor resumes after them. */
export const EVENTS_LEDGER_SCAN_LIMIT = 10_000;

function asJsonFormat(event: RpcEvent): Record<string, unknown> {
  const { topic, value, ...rest } = event;
  return {
    ...rest,
    topicJson: topic.map((t) => xdr.ScVal.fromXdr(t, 'base64').toJson()),
    valueJson: xdr.ScVal.fromXdr(value, 'base64').toJson(),
  };
}

export const getEvents: MethodHandler = (params, { chain }) => {
  const format = checkXdrFormat(params.xdrFormat);
  const pagination = optionalObject(params.pagination, 'pagination');
  const cursor = optionalString(pagination?.cursor, 'pagination.cursor');
  const limit = optionalUint(pagination?.limit, 'pagination.limit') || EVENTS_DEFAULT_LIMIT;
  const startLedger = optionalUint(params.startLedger, 'startLedger');
  const endLedger = optionalUint(params.endLedger, 'endLedger');

  if (cursor !== undefined) {
    if (startLedger !== 0 || endLedger !== 0) throw invalidParams('ledger ranges and cursor cannot both be set');
  } else if (startLedger === 0) {
    throw invalidParams('startLedger must be positive');
  }
  if (limit > EVENTS_MAX_LIMIT) throw invalidParams(`limit must not exceed ${EVENTS_MAX_LIMIT}`);
  if (endLedger !== 0 && endLedger <= startLedger) throw invalidParams('endLedger must be greater than startLedger');
  const matches = filterPredicate(compileFilters(params.filters));

  const after = cursor === undefined ? null : parseCursor(cursor);
  const start = after?.ledger ?? startLedger;
  if (start < chain.oldestLedger || start > chain.latestLedger) throw outsideRetention(chain);

  let end = Math.min(start + EVENTS_LEDGER_SCAN_LIMIT, chain.latestLedger + 1);
  if (endLedger !== 0) end = Math.min(end, endLedger);
  const events = chain.scan(start, end, after?.id ?? null, limit, matches);
  const last = events.length === limit ? events[events.length - 1] : undefined;

  const result: Omit<GetEventsResult, 'events'> = {
    cursor: last ? last.id : ledgerEndCursor(end - 1),
    latestLedger: chain.latestLedger,
    oldestLedger: chain.oldestLedger,
    latestLedgerCloseTime: String(chain.closeTimeOf(chain.latestLedger)),
    oldestLedgerCloseTime: String(chain.closeTimeOf(chain.oldestLedger)),
  };
  return format === 'json' ? { events: events.map(asJsonFormat), ...result } : withEventsJson(events, result);
};
