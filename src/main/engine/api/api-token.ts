// The bearer token for API writes: 32 random bytes, base64url, created on first start and kept
// in `api-token` next to the database, readable by the owner only (0600). An in-memory
// database gets a fresh token per run. The token is never logged; `serve` shows it once.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ApiToken {
  value: string;
  /** The file it is kept in; null when generated for this run only. */
  path: string | null;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const newToken = () => randomBytes(32).toString('base64url');

export function apiTokenPath(databasePath: string): string {
  return join(dirname(databasePath), 'api-token');
}

export function loadOrCreateApiToken(databasePath: string): ApiToken {
  if (databasePath === ':memory:' || databasePath === '') return { value: newToken(), path: null };
  const path = apiTokenPath(databasePath);
  const existing = readToken(path);
  if (existing !== null && existing !== '') {
    // Tighten a file someone loosened; a token others can read is not a secret.
    if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return { value: existing, path };
  }
  mkdirSync(dirname(path), { recursive: true });
  const value = newToken();
  try {
    // An empty file is a first start that died before writing: fill it.
    writeFileSync(path, `${value}\n`, { mode: 0o600, flag: existing === '' ? 'w' : 'wx' });
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const raced = readToken(path);
    if (raced) return { value: raced, path };
    throw error;
  }
  return { value, path };
}

/** Replaces the token (the old one stops working when the API is restarted with the new one). */
export function regenerateApiToken(databasePath: string): ApiToken {
  const path = apiTokenPath(databasePath);
  const value = newToken();
  writeFileSync(path, `${value}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return { value, path };
}

function readToken(path: string): string | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (text !== '' && !TOKEN.test(text)) {
    throw new Error(`${path} does not hold an API token (43 base64url characters); delete it to get a new one`);
  }
  return text;
}
