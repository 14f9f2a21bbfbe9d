// Picks the store: PostgreSQL when a database URL is configured, else the SQLite file.
import { redactUrl } from '../log/logger';
import { PostgresStore } from './postgres/postgres-store';
import { SqliteStore } from './sqlite/sqlite-store';
import type { Store } from './store';

export async function openStore(options: { databaseUrl?: string; databasePath: string }): Promise<{ store: Store; description: string }> {
  if (options.databaseUrl) {
    return { store: await PostgresStore.open(options.databaseUrl), description: `PostgreSQL ${redactUrl(options.databaseUrl)}` };
  }
  return { store: new SqliteStore(options.databasePath), description: options.databasePath };
}
