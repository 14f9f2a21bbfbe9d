// Merges defaults < config file (JSON) < environment < command line, then validates the result
// with the one schema. Nothing is written before this succeeds.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { engineConfigSchema, type EngineConfig } from '../../../shared/config';
import { ENV_NAMES, configFromEnv } from './env-config';

export class ConfigError extends Error {
  readonly code = 'config.invalid';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

export const FLAG_NAMES: Record<string, string> = {
  network: '--network',
  rpcUrls: '--rpc-url',
  passphrase: '--passphrase',
  contracts: '--watch',
  databasePath: '--db',
  databaseUrl: '--database-url',
  processorId: '--processor-id',
  host: '--host',
  port: '--port',
  pollIntervalMs: '--poll-interval-ms',
  startLedger: '--start-ledger',
  logLevel: '--log-level',
};

export interface ConfigSources {
  file?: string;
  env?: Record<string, string | undefined>;
  flags?: Record<string, unknown>;
}

export function loadConfig(sources: ConfigSources): EngineConfig {
  const fromFile = sources.file ? readConfigFile(sources.file) : {};
  const fromEnv = configFromEnv(sources.env ?? {});
  const fromFlags = sources.flags ?? {};
  const origin = new Map<string, string>();
  for (const key of Object.keys(fromFile)) origin.set(key, `${sources.file}: "${key}"`);
  for (const key of Object.keys(fromEnv)) origin.set(key, ENV_NAMES[key] ?? key);
  for (const key of Object.keys(fromFlags)) origin.set(key, FLAG_NAMES[key] ?? key);

  const merged = { ...fromFile, ...fromEnv, ...fromFlags };
  const parsed = engineConfigSchema.safeParse(merged);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => describe(issue, origin)));
  return parsed.data;
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`--config ${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`--config ${path}: not valid JSON (${(error as Error).message})`]);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError([`--config ${path}: must be a JSON object`]);
  }
  return value as Record<string, unknown>;
}

function describe(issue: z.core.$ZodIssue, origin: Map<string, string>): string {
  const [top, ...rest] = issue.path.map(String);
  const field = top === undefined ? 'config' : [top, ...rest].join('.');
  const source = top === undefined ? undefined : origin.get(top);
  return `${field}${source && source !== top ? ` (${source})` : ''}: ${issue.message}`;
}
