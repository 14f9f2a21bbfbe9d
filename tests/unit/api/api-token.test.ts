import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateApiToken, regenerateApiToken } from '../../../src/main/engine/api/api-token';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nc-token-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the API token file', () => {
  it('is created on first start next to the database, owner-only, and reused afterwards', () => {
    const db = join(dir, 'data', 'notifychain.db');
    const first = loadOrCreateApiToken(db);
    expect(first.path).toBe(join(dir, 'data', 'api-token'));
    expect(first.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(first.value, 'base64url')).toHaveLength(32);
    if (process.platform !== 'win32') expect(mode(first.path!)).toBe(0o600);
    expect(loadOrCreateApiToken(db)).toEqual(first);
  });

  it('tightens a file others could read', () => {
    const db = join(dir, 'notifychain.db');
    const { path } = loadOrCreateApiToken(db);
    chmodSync(path!, 0o644);
    loadOrCreateApiToken(db);
    if (process.platform !== 'win32') expect(mode(path!)).toBe(0o600);
  });

  it('is per run for an in-memory database', () => {
    const a = loadOrCreateApiToken(':memory:');
    expect(a.path).toBeNull();
    expect(loadOrCreateApiToken(':memory:').value).not.toBe(a.value);
  });

  it('refuses a file that holds something else, fills an empty one, and can be regenerated', () => {
    const db = join(dir, 'notifychain.db');
    writeFileSync(join(dir, 'api-token'), 'hunter2');
    expect(() => loadOrCreateApiToken(db)).toThrow(/does not hold an API token/);
    writeFileSync(join(dir, 'api-token'), '');
    const filled = loadOrCreateApiToken(db);
    expect(readFileSync(join(dir, 'api-token'), 'utf8').trim()).toBe(filled.value);
    const next = regenerateApiToken(db);
    expect(next.value).not.toBe(filled.value);
    expect(loadOrCreateApiToken(db).value).toBe(next.value);
  });
});
