// getLedgerEntries with account entries: any account key is answered (every account exists on
// the demo network) with its current sequence number, so SDK clients can load the source account
// of a transaction. Other keys go to the contract entries as before.
import { StrKey, xdr } from '@stellar/stellar-sdk';

import type { GetLedgerEntriesResult, LedgerEntryResult } from '../../rpc-types.js';
import type { MethodHandler } from '../json-rpc.js';
import { getLedgerEntries } from './get-ledger-entries.js';
import { sequenceOf } from './tx-state.js';

const DEMO_BALANCE = 10_000n * 10_000_000n; // 10 000 lumens

function accountOf(key: unknown): string | null {
  if (typeof key !== 'string') return null;
  try {
    const parsed = xdr.LedgerKey.fromXdr(key, 'base64');
    return parsed.type === 'account' ? StrKey.encodeEd25519PublicKey(Buffer.from(parsed.account.accountId.ed25519.value)) : null;
  } catch {
    return null;
  }
}

export const getLedgerEntriesWithAccounts: MethodHandler = (params, ctx) => {
  const keys = params.keys;
  if (!Array.isArray(keys) || !keys.some((k) => accountOf(k) !== null)) return getLedgerEntries(params, ctx);
  const others = keys.filter((k) => accountOf(k) === null);
  // The contract lookup validates the key list (length, encoding) as a whole.
  const base = getLedgerEntries({ ...params, keys: others.length > 0 ? others : keys.slice(0, 1) }, ctx) as GetLedgerEntriesResult;
  const entries: LedgerEntryResult[] = others.length > 0 ? [...(base.entries ?? [])] : [];
  const { chain } = ctx;
  for (const key of keys) {
    const account = accountOf(key);
    if (account === null) continue;
    const parsed = xdr.LedgerKey.fromXdr(key as string, 'base64');
    if (parsed.type !== 'account') continue;
    const entry = new xdr.AccountEntry({
      accountId: parsed.account.accountId,
      balance: DEMO_BALANCE,
      seqNum: sequenceOf(chain, account),
      numSubEntries: 0,
      inflationDest: null,
      flags: 0,
      homeDomain: '',
      thresholds: new Uint8Array([1, 0, 0, 0]),
      signers: [],
      ext: xdr.AccountEntryExt.v0(),
    });
    entries.push({ key: parsed.toXdr('base64'), xdr: xdr.LedgerEntryData.account(entry).toXdr('base64'), lastModifiedLedgerSeq: chain.latestLedger });
  }
  return { entries, latestLedger: chain.latestLedger };
};
