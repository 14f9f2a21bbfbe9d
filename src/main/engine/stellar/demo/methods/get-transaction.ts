// getTransaction: NOT_FOUND until the ledger a transaction was queued for has closed, then
// SUCCESS or FAILED with its envelope, result and meta.
import type { MethodHandler } from '../json-rpc.js';
import { invalidParams } from '../json-rpc.js';
import { resultMetaXdr, resultXdr } from './tx-results.js';
import { txState } from './tx-state.js';

export const getTransaction: MethodHandler = (params, { chain }) => {
  const hash = params.hash;
  if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/i.test(hash)) throw invalidParams('hash must be a 64-character hex transaction hash');
  const base = {
    latestLedger: chain.latestLedger,
    latestLedgerCloseTime: String(chain.closeTimeOf(chain.latestLedger)),
    oldestLedger: chain.oldestLedger,
    oldestLedgerCloseTime: String(chain.closeTimeOf(chain.oldestLedger)),
    txHash: hash.toLowerCase(),
  };
  const tx = txState(chain).transactions.get(hash.toLowerCase());
  if (!tx || tx.ledger > chain.latestLedger) return { ...base, status: 'NOT_FOUND' };
  return {
    ...base,
    status: tx.ok ? 'SUCCESS' : 'FAILED',
    applicationOrder: 1,
    feeBump: false,
    envelopeXdr: tx.envelopeXdr,
    resultXdr: resultXdr(tx.ok, Buffer.from(tx.hash, 'hex')),
    resultMetaXdr: resultMetaXdr(),
    ledger: tx.ledger,
    createdAt: String(chain.closeTimeOf(tx.ledger)),
  };
};
