// What the dispatcher uses when the host does not say: settings from the seed's environment
// variables, and a SecretBox keyed from NOTIFYCHAIN_SECRET_KEY or a key file next to the database.
import { randomBytes } from 'node:crypto';
import {
  DISPATCH_ENV_NAMES, dispatchSettingsSchema, type DispatchSettings, type DispatchSettingsInput,
} from '../../../shared/targets';
import type { Logger } from '../log/logger';
import { createNodeSecretBox, keyFileFor, SECRET_KEY_ENV } from '../secrets/key-source';
import { createAesSecretBox, type SecretBox } from '../secrets/secret-box';
import type { Store } from '../store/store';

type Env = Record<string, string | undefined>;

export class DispatchConfigError extends Error {
  readonly code = 'config.invalid';
}

/** Defaults < environment < the host's settings. */
export function resolveDispatchSettings(input: DispatchSettingsInput | undefined, env: Env): DispatchSettings {
  const fromEnv: Record<string, string> = {};
  for (const [field, name] of Object.entries(DISPATCH_ENV_NAMES)) {
    const value = env[name];
    if (value !== undefined && value !== '') fromEnv[field] = value;
  }
  const parsed = dispatchSettingsSchema.safeParse({ ...fromEnv, ...input });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? 'settings');
    const source = field in fromEnv && !(input && field in input) ? ` (${DISPATCH_ENV_NAMES[field as keyof DispatchSettings]})` : '';
    return `dispatch.${issue.path.join('.')}${source}: ${issue.message}`;
  });
  throw new DispatchConfigError(`invalid dispatch settings:\n  ${problems.join('\n  ')}`);
}

export function resolveSecretBox(opts: { secretBox?: SecretBox; secretKeyFile?: string; store: Store; env: Env; log: Logger }): SecretBox {
  if (opts.secretBox) return opts.secretBox;
  const path = (opts.store as { path?: unknown }).path;
  const inMemory = path === ':memory:';
  const keyFile = opts.secretKeyFile ?? (typeof path === 'string' && !inMemory ? keyFileFor(path) : null);
  // Shared stores (PostgreSQL) have no file to sit next to: the key must come from the env or the host.
  if (!inMemory || keyFile || opts.env[SECRET_KEY_ENV]) return createNodeSecretBox({ env: opts.env, keyFile });
  // An in-memory database dies with the process, so a key that does too loses nothing.
  return createAesSecretBox(() => {
    opts.log.warn(`no ${SECRET_KEY_ENV} and no database file: target secrets use a key that lasts until exit`);
    return randomBytes(32);
  });
}
