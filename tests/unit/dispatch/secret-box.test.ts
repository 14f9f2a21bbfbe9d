import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveSecretBox } from '../../../src/main/engine/dispatch/defaults';
import { silentLogger } from '../../../src/main/engine/log/logger';
import { createNodeSecretBox, keyFileFor } from '../../../src/main/engine/secrets/key-source';
import type { Store } from '../../../src/main/engine/store/store';
import { SecretsError } from '../../../src/main/engine/secrets/secret-box';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nc-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as SecretsError).code;
  }
  return null;
};

describe('secrets at rest', () => {
  it('a sealed secret reads back, and never contains the plain text', () => {
    const box = createNodeSecretBox({ env: {}, keyFile: keyFileFor(join(dir, 'notifychain.db')) });
    const plain = 'https://discord.com/api/webhooks/1/very-secret-token';
    const sealed = box.seal(plain);
    expect(sealed).not.toContain('very-secret-token');
    expect(box.seal(plain)).not.toBe(sealed);
    expect(box.open(sealed)).toBe(plain);
  });

  it('the key file is created next to the database, readable by its owner only, and reused', () => {
    const keyFile = keyFileFor(join(dir, 'notifychain.db'));
    const sealed = createNodeSecretBox({ env: {}, keyFile }).seal('x');
    expect(keyFile).toBe(join(dir, 'secrets.key'));
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8').trim()).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(createNodeSecretBox({ env: {}, keyFile }).open(sealed)).toBe('x');
  });

  it('refuses a key file that other users can read', () => {
    const keyFile = join(dir, 'secrets.key');
    createNodeSecretBox({ env: {}, keyFile }).seal('x');
    chmodSync(keyFile, 0o644);
    expect(codeOf(() => createNodeSecretBox({ env: {}, keyFile }).seal('x'))).toBe(process.platform === 'win32' ? null : 'secrets.bad_key');
  });

  it('NOTIFYCHAIN_SECRET_KEY wins over the key file, as hex, base64 or a passphrase', () => {
    const keyFile = join(dir, 'secrets.key');
    for (const key of ['ab'.repeat(32), Buffer.alloc(32, 7).toString('base64'), 'correct horse battery staple']) {
      const box = createNodeSecretBox({ env: { NOTIFYCHAIN_SECRET_KEY: key }, keyFile });
      expect(createNodeSecretBox({ env: { NOTIFYCHAIN_SECRET_KEY: key } }).open(box.seal('s'))).toBe('s');
    }
    expect(() => statSync(keyFile)).toThrow();
  });

  it('a value sealed with another key, or altered, is refused rather than misread', () => {
    const a = createNodeSecretBox({ env: { NOTIFYCHAIN_SECRET_KEY: 'key one' } });
    const b = createNodeSecretBox({ env: { NOTIFYCHAIN_SECRET_KEY: 'key two' } });
    const sealed = a.seal('token');
    expect(codeOf(() => b.open(sealed))).toBe('secrets.unreadable');
    const altered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(codeOf(() => a.open(altered))).toBe('secrets.unreadable');
    expect(codeOf(() => a.open('plain text'))).toBe('secrets.unreadable');
  });

  it('without a key source there is no silent fallback', () => {
    expect(codeOf(() => createNodeSecretBox({ env: {} }).seal('x'))).toBe('secrets.unavailable');
  });

  it('the dispatcher keys a SQLite file from a key file beside it, and a shared store only from the environment', () => {
    const resolve = (store: object, env = {}) => resolveSecretBox({ store: store as Store, env, log: silentLogger });
    resolve({ path: join(dir, 'notifychain.db') }).seal('x');
    expect(statSync(join(dir, 'secrets.key')).isFile()).toBe(true);
    expect(codeOf(() => resolve({ kind: 'postgres' }).seal('x'))).toBe('secrets.unavailable');
    expect(resolve({ kind: 'postgres' }, { NOTIFYCHAIN_SECRET_KEY: 'shared' }).open(createNodeSecretBox({ env: { NOTIFYCHAIN_SECRET_KEY: 'shared' } }).seal('y'))).toBe('y');
    expect(resolve({ path: ':memory:' }).seal('z')).toMatch(/^v1:/);
  });
});
