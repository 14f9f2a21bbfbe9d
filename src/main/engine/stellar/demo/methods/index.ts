import type { MethodHandler } from '../json-rpc.js';
import { getEvents } from './get-events.js';
import { getLatestLedger } from './get-latest-ledger.js';
import { getLedgerEntriesWithAccounts } from './get-ledger-entries-accounts.js';
import { getLedgers } from './get-ledgers.js';
import { getHealth, getNetwork } from './network.js';
import { getTransaction } from './get-transaction.js';
import { sendTransaction } from './send-transaction.js';
import { simulateTransaction } from './simulate-transaction.js';

export const DEMO_METHODS: Readonly<Record<string, MethodHandler>> = {
  getHealth,
  getNetwork,
  getLatestLedger,
  getLedgers,
  getEvents,
  getLedgerEntries: getLedgerEntriesWithAccounts,
  simulateTransaction,
  sendTransaction,
  getTransaction,
};
