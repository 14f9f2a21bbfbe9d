/// <reference types="vite/client" />
// Versioned migrations: numbered SQL files applied in order, recorded in schema_migrations.
// A database that has a migration these files do not know was written by a newer NotifyChain:
// refuse to start rather than guess.
import type Database from 'better-sqlite3';

const files = import.meta.glob<string>('./migrations/*.sql', { query: '?raw', import: 'default', eager: true });

export interface Migration {
  id: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = Object.entries(files)
  .map(([path, sql]) => ({ id: path.replace(/^.*\//, '').replace(/\.sql$/, ''), sql }))
  .sort((a, b) => a.id.localeCompare(b.id));

export class MigrationMismatchError extends Error {
  readonly code = 'store.migration_mismatch';
}

export function migrate(db: Database.Database, migrations: Migration[] = MIGRATIONS): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`);
  const applied = (db.prepare('SELECT id FROM schema_migrations ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  const known = new Set(migrations.map((m) => m.id));
  const unknown = applied.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new MigrationMismatchError(
      `the database has migrations this version does not know (${unknown.join(', ')}); it was written by a newer NotifyChain`,
    );
  }
  const done = new Set(applied);
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  const ran: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.id)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.id, new Date().toISOString());
    })();
    ran.push(migration.id);
  }
  return ran;
}
