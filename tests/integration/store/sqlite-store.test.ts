import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../../src/main/engine/store/sqlite/migrate';
import { SqliteStore } from '../../../src/main/engine/store/sqlite/sqlite-store';
import { decodedEvent } from '../../fixtures/decoded-event';

// Behaviour shared with PostgreSQL is in tests/integration/store/shared-store.test.ts.

let dir: string;
let store: SqliteStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nc-store-'));
  store = new SqliteStore(join(dir, 'nested', 'notifychain.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite store', () => {
  it('every migration runs in order on an empty database and is recorded once', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(migrate(db)).toEqual([]);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all().map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['events', 'outbox', 'polling_state', 'gaps', 'contracts', 'contract_specs', 'settings']));
  });

  it('refuses a database written by a newer version', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run('9999_from_the_future', 'now');
    expect(() => migrate(db)).toThrow(/newer NotifyChain/);
  });

  it('uses WAL and foreign keys', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('a NOT NULL violation fails the batch instead of being skipped like a duplicate', async () => {
    const broken = decodedEvent(11, 0, { eventType: null as unknown as string });
    await expect(store.commitIngest({ events: [broken] })).rejects.toThrow(/NOT NULL/);
  });
});
