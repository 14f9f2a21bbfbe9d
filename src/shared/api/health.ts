// /health's body, as a schema for the OpenAPI document (the type lives in ../model).
import { z } from 'zod';
import type { HealthReport } from '../model';
import { decoderHealthSchema, ruleTotalsSchema } from './rules';

const nullableInt = z.number().int().nullable();

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'error']),
  reason: z.string().nullable(),
  uptime_seconds: z.number().int(),
  contracts_watched: z.number().int(),
  last_event_time: z.string().nullable(),
  database_ok: z.boolean(),
  network: z.object({ name: z.string(), passphrase: z.string(), epoch: z.number().int() }),
  latest_ledger: nullableInt,
  cursor_ledger: nullableInt,
  lag_ledgers: nullableInt,
  events_stored: z.number().int(),
  gaps: z.array(
    z.object({ id: z.number().int(), from_ledger: z.number().int(), to_ledger: z.number().int(), reason: z.string(), detected_at: z.string() }),
  ),
  last_reset: z.object({ epoch: z.number().int(), reason: z.string(), detected_at: z.string() }).nullable(),
  ingest_state: z.string(),
  rules: ruleTotalsSchema,
  decoder: decoderHealthSchema,
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameHealth: Same<z.infer<typeof healthSchema>, HealthReport> = true;
void sameHealth;
