import { xdr } from '@stellar/stellar-sdk';

import type { GetLedgerEntriesResult, LedgerEntryResult } from '../../rpc-types.js';
import { lifecycleOf } from '../contract-lifecycle.js';
import { checkXdrFormat, invalidParams, type MethodHandler } from '../json-rpc.js';

export const MAX_LEDGER_KEYS = 200;

export const getLedgerEntries: MethodHandler = (params, { chain }): GetLedgerEntriesResult => {
  if (checkXdrFormat(params.xdrFormat) === 'json') throw invalidParams("the demo network serves getLedgerEntries as 'base64' only");
  const keys = params.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw invalidParams('key list must not be empty');
  if (keys.length > MAX_LEDGER_KEYS) throw invalidParams(`key list cannot exceed ${MAX_LEDGER_KEYS} keys`);

  const stored = lifecycleOf(chain).entries();
  const entries: LedgerEntryResult[] = [];
  keys.forEach((key: unknown, i) => {
    let canonical: string;
    try {
      if (typeof key !== 'string') throw new TypeError('not a string');
      canonical = xdr.LedgerKey.fromXdr(key, 'base64').toXdr('base64');
    } catch {
      throw invalidParams(`cannot unmarshal key value ${String(key)} at index ${i}`);
    }
    const entry = stored.get(canonical);
    if (entry) entries.push({ key: canonical, ...entry });
  });
  return { entries, latestLedger: chain.latestLedger };
};
