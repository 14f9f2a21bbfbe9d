import type Database from 'better-sqlite3';
import type { StoredEvent } from '../../../../shared/model';
import type { NotificationStore } from '../notification-store';

export class SqliteNotificationStore implements NotificationStore {
  constructor(private readonly db: Database.Database) {}

  /** Called inside the ingest transaction with the events it stored. */
  applyEvents(_events: StoredEvent[]): void {}
}
