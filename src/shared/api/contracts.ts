// Watched contracts over the API (snake_case, like the events).
import { z } from 'zod';
import { watchedContractSchema } from '../config';
import { contractIdSchema } from '../contract-id';

export const watchContractBodySchema = z.strictObject({
  id: contractIdSchema.describe('The contract id (C… strkey)'),
  name: watchedContractSchema.shape.name.describe('A friendly name'),
  event_types: watchedContractSchema.shape.eventTypes.describe('Store only these event types (absent or empty = all)'),
  start_ledger: z.number().int().min(1).max(2 ** 32 - 1).optional().describe('Read the contract back from this ledger'),
  retention_days: z
    .number().int().min(0).max(36_500).nullable().optional()
    .describe('Keep this contract\'s events N days (0 = forever; null = the global RETENTION_DAYS; absent = unchanged)'),
});
export type WatchContractBody = z.infer<typeof watchContractBodySchema>;

export const contractIdParamSchema = z.strictObject({ id: contractIdSchema });

export const watchedContractResponseSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  event_types: z.array(z.string()),
  start_ledger: z.number().int().nullable(),
  /** null = the global RETENTION_DAYS; 0 = kept forever. */
  retention_days: z.number().int().nullable(),
  added_at: z.string(),
});
export type WatchedContractResponse = z.infer<typeof watchedContractResponseSchema>;

export const contractListResponseSchema = z.object({ contracts: z.array(watchedContractResponseSchema) });
