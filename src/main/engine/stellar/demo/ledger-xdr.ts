// Header and close-meta XDR for a demo ledger: SDK 17 parses both and throws without them.
import { xdr } from '@stellar/stellar-sdk';

import { DEMO_PROTOCOL_VERSION, type DemoLedger } from './chain-types.js';

const ZERO_HASH = new Uint8Array(32);
const hex = (value: string): Uint8Array => Uint8Array.from(Buffer.from(value, 'hex'));

function header(ledger: DemoLedger): xdr.LedgerHeader {
  return new xdr.LedgerHeader({
    ledgerVersion: DEMO_PROTOCOL_VERSION,
    previousLedgerHash: hex(ledger.previousHash),
    scpValue: new xdr.StellarValue({
      txSetHash: ZERO_HASH,
      closeTime: BigInt(ledger.closeTime),
      upgrades: [],
      ext: xdr.StellarValueExt.stellarValueBasic(),
    }),
    txSetResultHash: ZERO_HASH,
    bucketListHash: ZERO_HASH,
    ledgerSeq: ledger.sequence,
    totalCoins: 1_000_000_000_000_000_000n,
    feePool: 0n,
    inflationSeq: 0,
    idPool: 0n,
    baseFee: 100,
    baseReserve: 5_000_000,
    maxTxSetSize: 1000,
    skipList: [ZERO_HASH, ZERO_HASH, ZERO_HASH, ZERO_HASH],
    ext: xdr.LedgerHeaderExt.v0(),
  });
}

export interface LedgerXdr {
  /** base64 `LedgerHeader` (getLatestLedger). */
  header: string;
  /** base64 `LedgerHeaderHistoryEntry` (getLedgers). */
  historyEntry: string;
  /** base64 `LedgerCloseMeta`. */
  closeMeta: string;
}

export function ledgerXdr(ledger: DemoLedger): LedgerXdr {
  const h = header(ledger);
  const entry = new xdr.LedgerHeaderHistoryEntry({ hash: hex(ledger.hash), header: h, ext: xdr.LedgerHeaderHistoryEntryExt.v0() });
  const meta = xdr.LedgerCloseMeta.v0(
    new xdr.LedgerCloseMetaV0({
      ledgerHeader: entry,
      txSet: new xdr.TransactionSet({ previousLedgerHash: hex(ledger.previousHash), txs: [] }),
      txProcessing: [],
      upgradesProcessing: [],
      scpInfo: [],
    }),
  );
  return { header: h.toXdr('base64'), historyEntry: entry.toXdr('base64'), closeMeta: meta.toXdr('base64') };
}
