// A watched contract's lifecycle: how long its instance and code entries live before they are
// archived (TTL), and which WASM it runs.
import { z } from 'zod';

export const LIFECYCLE_EVENT_TYPES = ['ttl_expiring', 'ttl_extended', 'contract_archived', 'contract_upgraded'] as const;
export type LifecycleEventType = (typeof LIFECYCLE_EVENT_TYPES)[number];

export const ledgerEntryTtlSchema = z.object({
  live_until_ledger: z.number().int(),
  ledgers_left: z.number().int(),
  /** When the entry is archived at the network's current ledger pace (ISO 8601). */
  estimated_expiry: z.string(),
});
export type LedgerEntryTtl = z.infer<typeof ledgerEntryTtlSchema>;

export const contractLifecycleSchema = z.object({
  contract_id: z.string(),
  /** Hex sha256 of the WASM the instance runs; null for a Stellar Asset Contract or when unknown. */
  wasm_hash: z.string().nullable(),
  /** null: the entry is not live (archived) or the contract does not exist. */
  instance: ledgerEntryTtlSchema.nullable(),
  code: ledgerEntryTtlSchema.nullable(),
  archived: z.boolean(),
  checked_ledger: z.number().int(),
  checked_at: z.string(),
  /** A warning is raised when an entry has this many ledgers left or fewer. */
  warn_within_ledgers: z.number().int(),
});
export type ContractLifecycle = z.infer<typeof contractLifecycleSchema>;
