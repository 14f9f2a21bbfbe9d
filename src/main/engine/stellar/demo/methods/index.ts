import type { MethodHandler } from '../json-rpc.js';
import { getEvents } from './get-events.js';
import { getLatestLedger } from './get-latest-ledger.js';
import { getLedgerEntries } from './get-ledger-entries.js';
import { getLedgers } from './get-ledgers.js';
import { getHealth, getNetwork } from './network.js';

export const DEMO_METHODS: Readonly<Record<string, MethodHandler>> = {
  getHealth,
  getNetwork,
  getLatestLedger,
  getLedgers,
  getEvents,
  getLedgerEntries,
};
