import type pg from 'pg';
import type { EventQueries } from '../event-queries';

export class PostgresEventQueries implements EventQueries {
  constructor(private readonly pool: pg.Pool) {}
}
