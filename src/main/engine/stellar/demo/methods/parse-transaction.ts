// Reading a submitted transaction envelope, with the JSON-RPC error a real RPC gives for junk.
import { FeeBumpTransaction, TransactionBuilder, type Transaction } from '@stellar/stellar-sdk';

import type { DemoChain } from '../chain.js';
import { invalidParams } from '../json-rpc.js';

export function parseTransaction(chain: DemoChain, value: unknown): Transaction {
  if (typeof value !== 'string' || value === '') throw invalidParams('transaction must be a base64 TransactionEnvelope');
  let tx: Transaction | FeeBumpTransaction;
  try {
    tx = TransactionBuilder.fromXDR(value, chain.passphrase);
  } catch {
    throw invalidParams('could not unmarshal the transaction envelope');
  }
  if (tx instanceof FeeBumpTransaction) throw invalidParams('the demo network does not take fee-bump transactions');
  return tx;
}
