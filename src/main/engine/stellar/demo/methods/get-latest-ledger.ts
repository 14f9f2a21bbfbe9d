import type { GetLatestLedgerResult } from '../../rpc-types.js';
import { DEMO_PROTOCOL_VERSION } from '../chain-types.js';
import type { MethodHandler } from '../json-rpc.js';
import { ledgerXdr } from '../ledger-xdr.js';

export const getLatestLedger: MethodHandler = (_params, { chain }): GetLatestLedgerResult => {
  const ledger = chain.ledger(chain.latestLedger)!;
  const encoded = ledgerXdr(ledger);
  return {
    id: ledger.hash,
    sequence: ledger.sequence,
    protocolVersion: DEMO_PROTOCOL_VERSION,
    closeTime: String(ledger.closeTime),
    headerXdr: encoded.header,
    metadataXdr: encoded.closeMeta,
  };
};
