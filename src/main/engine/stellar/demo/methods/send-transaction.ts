// sendTransaction: checks what a real network checks before accepting a transaction (sequence,
// source signature, Soroban data, time bounds), then queues it for the next ledger. A repeat of
// an accepted transaction answers DUPLICATE, so a client may resend after a lost reply.
import { Keypair, type Transaction } from '@stellar/stellar-sdk';

import type { MethodHandler } from '../json-rpc.js';
import { checkCall } from './contract-calls.js';
import { parseTransaction } from './parse-transaction.js';
import { refusalXdr } from './tx-results.js';
import { sequenceOf, txState } from './tx-state.js';

function signedBySource(tx: Transaction): boolean {
  const source = Keypair.fromPublicKey(tx.source);
  const hash = tx.hash();
  return tx.signatures.some((s) => {
    try {
      return source.verify(hash, Buffer.from(s.signature.value));
    } catch {
      return false;
    }
  });
}

export const sendTransaction: MethodHandler = (params, { chain }) => {
  const tx = parseTransaction(chain, params.transaction);
  const hash = Buffer.from(tx.hash()).toString('hex');
  const latestLedger = chain.latestLedger;
  const base = { hash, latestLedger, latestLedgerCloseTime: String(chain.closeTimeOf(latestLedger)) };
  const state = txState(chain);
  if (state.transactions.has(hash)) return { ...base, status: 'DUPLICATE' };
  const refuse = (code: Parameters<typeof refusalXdr>[0]) => ({ ...base, status: 'ERROR', errorResultXdr: refusalXdr(code) });

  const next = sequenceOf(chain, tx.source) + 1n;
  if (BigInt(tx.sequence) !== next) return refuse('txBadSeq');
  if (!signedBySource(tx)) return refuse('txBadAuth');
  const envelope = tx.toEnvelope();
  if (envelope.type !== 'envelopeTypeTx' || envelope.v1.tx.ext.type === 'v0') return refuse('txSorobanInvalid');
  const maxTime = tx.timeBounds ? Number(tx.timeBounds.maxTime) : 0;
  if (maxTime !== 0 && maxTime < chain.closeTimeOf(latestLedger)) return refuse('txTooLate');

  // Accepted: the sequence is used even if the contract then refuses the call (FAILED).
  const check = checkCall(chain, tx);
  state.sequences.set(tx.source, next);
  state.transactions.set(hash, {
    hash,
    envelopeXdr: params.transaction as string,
    ledger: latestLedger + 1,
    ok: check.ok,
    failure: check.ok ? null : check.error,
  });
  if (check.ok) check.call.apply();
  return { ...base, status: 'PENDING' };
};
