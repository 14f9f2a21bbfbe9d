// The engine's configuration: one zod schema validates the config file, the environment and
// the command line alike (src/main/engine/config/load-config.ts merges the three).
import { z } from 'zod';
import { contractIdSchema } from './contract-id';
import { NETWORK_NAMES } from './networks';
import { LOG_LEVEL_NAMES } from './log-levels';

export const eventTypeSchema = z
  .string()
  .regex(/^[A-Za-z0-9_]{1,64}$/, 'an event type is 1-64 letters, digits or underscores');

export const watchedContractSchema = z.strictObject({
  id: contractIdSchema,
  name: z.string().trim().min(1).max(100).optional(),
  /** Only these event types are stored; empty or absent = all. */
  eventTypes: z.array(eventTypeSchema).max(100).optional(),
});
export type WatchedContractConfig = z.infer<typeof watchedContractSchema>;

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const ms = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** A browser origin allowed to call the API cross-origin: scheme, host and port, no path. */
const corsOriginSchema = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return /^https?:$/.test(url.protocol) && url.origin === value.replace(/\/$/, '').toLowerCase();
    } catch {
      return false;
    }
  }, 'must be an origin such as http://localhost:5173 (scheme, host and port; no path, no "*")')
  .transform((value) => new URL(value).origin);

export const engineConfigSchema = z
  .strictObject({
    network: z.enum(NETWORK_NAMES).default('demo'),
    rpcUrls: z.array(httpUrl).max(10).default([]),
    /** The expected network passphrase; the RPC's must match. */
    passphrase: z.string().min(1).optional(),
    contracts: z.array(watchedContractSchema).max(1000).default([]),
    databasePath: z.string().min(1).optional(),
    /** PostgreSQL instead of the SQLite file, for several instances sharing one database. */
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    /** This instance's id for row leases (deliveries, due notifications) on a shared database. */
    processorId: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, '1-64 letters, digits or _.:-').optional(),
    host: z.string().min(1).default('127.0.0.1'),
    port: z.coerce.number().int().min(0).max(65535).default(8787),
    /** Browser origins allowed to call the API (CORS); none by default. */
    corsOrigins: z.array(corsOriginSchema).max(50).default([]),
    /** Upper bound between polls; polls are aligned to ledger closes below it. */
    pollIntervalMs: ms(200, 600_000).default(5_000),
    startLedger: z.coerce.number().int().positive().optional(),
    dedupWindowMs: ms(0, 86_400_000).default(300_000),
    /** 0 keeps events forever. */
    retentionDays: z.coerce.number().int().min(0).max(36_500).default(0),
    /** Warn when a watched contract's instance or code entry has this many ledgers to live or fewer (about 7 days). */
    ttlWarnLedgers: z.coerce.number().int().min(1).max(10_000_000).default(120_960),
    /** Longest wait between scheduler passes (due reminders, expiries); a new reminder wakes it at once. */
    schedulerPollIntervalMs: ms(50, 3_600_000).default(5_000),
    /** Closed notifications are deleted this many days after they closed; 0 keeps them. */
    notificationRetentionDays: z.coerce.number().int().min(0).max(36_500).default(0),
    rpcTimeoutMs: ms(100, 120_000).default(10_000),
    logLevel: z.enum(LOG_LEVEL_NAMES).default('info'),
    demo: z
      .strictObject({
        ledgerIntervalMs: ms(50, 60_000).default(5_000),
        historyLedgers: z.coerce.number().int().min(0).max(1_000_000).default(120),
      })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    if (config.network === 'custom' && config.rpcUrls.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['rpcUrls'], message: 'a custom network needs at least one --rpc-url' });
    }
    if (config.network === 'mainnet' && config.rpcUrls.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['rpcUrls'], message: 'mainnet RPC is provider-specific: give --rpc-url' });
    }
    if (config.network === 'custom' && !config.passphrase) {
      ctx.addIssue({ code: 'custom', path: ['passphrase'], message: 'a custom network needs --passphrase' });
    }
  });

export type EngineConfigInput = z.input<typeof engineConfigSchema>;
export type EngineConfig = z.output<typeof engineConfigSchema>;
