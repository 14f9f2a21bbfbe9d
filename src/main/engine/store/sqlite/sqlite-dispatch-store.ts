import type Database from 'better-sqlite3';
import type { DispatchStore } from '../dispatch-store';

export class SqliteDispatchStore implements DispatchStore {
  constructor(private readonly db: Database.Database) {}
}
