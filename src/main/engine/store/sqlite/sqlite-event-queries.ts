import type Database from 'better-sqlite3';
import type { EventQueries } from '../event-queries';

export class SqliteEventQueries implements EventQueries {
  constructor(private readonly db: Database.Database) {}
}
