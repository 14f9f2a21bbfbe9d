import type pg from 'pg';
import type { DispatchStore } from '../dispatch-store';

export class PostgresDispatchStore implements DispatchStore {
  constructor(private readonly pool: pg.Pool) {}
}
