import type pg from 'pg';
import type { StoredEvent } from '../../../../shared/model';
import type { NotificationStore } from '../notification-store';

export class PostgresNotificationStore implements NotificationStore {
  constructor(private readonly pool: pg.Pool) {}

  /** Called inside the ingest transaction (on its client) with the events it stored. */
  async applyEvents(_client: pg.PoolClient, _events: StoredEvent[]): Promise<void> {}
}
