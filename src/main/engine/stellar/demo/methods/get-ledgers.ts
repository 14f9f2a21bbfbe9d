import type { GetLedgersResult, LedgerInfo } from '../../rpc-types.js';
import {
  checkXdrFormat,
  invalidParams,
  invalidRequest,
  optionalObject,
  optionalString,
  optionalUint,
  type MethodHandler,
} from '../json-rpc.js';
import { ledgerXdr } from '../ledger-xdr.js';

export const LEDGERS_DEFAULT_LIMIT = 50;
export const LEDGERS_MAX_LIMIT = 200;

export const getLedgers: MethodHandler = (params, { chain }): GetLedgersResult => {
  if (checkXdrFormat(params.xdrFormat) === 'json') throw invalidParams("the demo network serves getLedgers as 'base64' only");
  const pagination = optionalObject(params.pagination, 'pagination');
  const cursor = optionalString(pagination?.cursor, 'pagination.cursor');
  const limit = optionalUint(pagination?.limit, 'pagination.limit') || LEDGERS_DEFAULT_LIMIT;
  const startLedger = optionalUint(params.startLedger, 'startLedger');
  const range = `between the oldest ledger: ${chain.oldestLedger} and the latest ledger: ${chain.latestLedger} for this rpc instance`;

  if (cursor !== undefined && startLedger !== 0) throw invalidRequest('startLedger and cursor cannot both be set');
  if (limit > LEDGERS_MAX_LIMIT) throw invalidRequest(`limit must not exceed ${LEDGERS_MAX_LIMIT}`);
  let start = startLedger;
  if (cursor !== undefined) {
    if (!/^\d{1,10}$/.test(cursor)) throw invalidParams(`invalid cursor ${JSON.stringify(cursor)}: expected a ledger sequence`);
    start = Number(cursor) + 1;
    if (start < chain.oldestLedger || start > chain.latestLedger + 1) throw invalidParams(`cursor ('${cursor}') must be ${range}`);
  } else if (start < chain.oldestLedger || start > chain.latestLedger) {
    throw invalidRequest(`start ledger must be ${range}`);
  }

  const ledgers: LedgerInfo[] = [];
  for (let seq = start; seq < start + limit && seq <= chain.latestLedger; seq++) {
    const ledger = chain.ledger(seq)!;
    const encoded = ledgerXdr(ledger);
    ledgers.push({
      hash: ledger.hash,
      sequence: seq,
      ledgerCloseTime: String(ledger.closeTime),
      headerXdr: encoded.historyEntry,
      metadataXdr: encoded.closeMeta,
    });
  }
  return {
    ledgers,
    latestLedger: chain.latestLedger,
    latestLedgerCloseTime: chain.closeTimeOf(chain.latestLedger),
    oldestLedger: chain.oldestLedger,
    oldestLedgerCloseTime: chain.closeTimeOf(chain.oldestLedger),
    cursor: String(ledgers.at(-1)?.sequence ?? (cursor ?? start - 1)),
  };
};
