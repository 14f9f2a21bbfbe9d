// Where the headless SecretBox key comes from: NOTIFYCHAIN_SECRET_KEY (32 bytes as base64 or
// hex; any other string is stretched with scrypt), else a key file next to the database that
// is created on first use with mode 0600 and refused when others can read it.
import { randomBytes, scryptSync } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createAesSecretBox, SecretsError, type SecretBox } from './secret-box';

export const SECRET_KEY_ENV = 'NOTIFYCHAIN_SECRET_KEY';
const KEY_FILE_NAME = 'secrets.key';

export function keyFileFor(databasePath: string): string {
  return join(dirname(databasePath), KEY_FILE_NAME);
}

export interface NodeSecretBoxOptions {
  env?: Record<string, string | undefined>;
  /** Used when the environment has no key; created when missing. */
  keyFile?: string | null;
}

export function createNodeSecretBox({ env = process.env, keyFile = null }: NodeSecretBoxOptions): SecretBox {
  return createAesSecretBox(() => {
    const fromEnv = env[SECRET_KEY_ENV]?.trim();
    if (fromEnv) return keyFromText(fromEnv);
    if (!keyFile) {
      throw new SecretsError('secrets.unavailable', `no secret key: set ${SECRET_KEY_ENV} or give the dispatcher a SecretBox`);
    }
    return readOrCreateKeyFile(keyFile);
  });
}

export function keyFromText(text: string): Buffer {
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  const decoded = Buffer.from(text, 'base64');
  if (decoded.length === 32 && /^[A-Za-z0-9+/]{43}=?$/.test(text)) return decoded;
  // A passphrase rather than a key: stretch it so a short one is not a weak AES key.
  return scryptSync(text, 'notifychain-secret-box', 32);
}

function readOrCreateKeyFile(path: string): Buffer {
  try {
    writeKeyFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new SecretsError('secrets.unavailable', `cannot create the key file ${path}: ${(error as NodeJS.ErrnoException).code}`);
    }
  }
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    throw new SecretsError('secrets.bad_key', `the key file ${path} can be read by other users: chmod 600 it`);
  }
  return keyFromText(readFileSync(path, 'utf8').trim());
}

function writeKeyFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  // 'wx' fails when the file exists, so two processes starting together keep one key.
  writeFileSync(path, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
}
