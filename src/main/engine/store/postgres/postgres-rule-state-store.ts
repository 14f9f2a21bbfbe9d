// PostgreSQL side of the RuleStateStore; alert events go in with their outbox rows in the same
// transaction as the states, as on SQLite.
import type pg from 'pg';
import type { DecodedEvent } from '../../stellar/decoded-event';
import type { DecodeProblem, RuleStateStore, RuleStateWrite } from '../rule-state-store';
import { insertEvents } from './insert-events';
import { inTransaction } from './pg-pool';

const iso = (ms: number) => new Date(ms).toISOString();

export class PostgresRuleStateStore implements RuleStateStore {
  constructor(private readonly pool: pg.Pool) {}

  async load(): Promise<Map<number, string>> {
    const { rows } = await this.pool.query<{ rule_id: number; state: string }>('SELECT rule_id, state FROM rule_state');
    return new Map(rows.map((r) => [r.rule_id, r.state]));
  }

  async save(states: RuleStateWrite[], alerts: DecodedEvent[], now: number): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const at = iso(now);
      if (states.length > 0) {
        await client.query(
          `INSERT INTO rule_state (rule_id, state, updated_at) SELECT id, state, $3 FROM unnest($1::bigint[], $2::text[]) AS s(id, state)
           ON CONFLICT (rule_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
          [states.map((s) => s.ruleId), states.map((s) => s.state), at],
        );
      }
      if (alerts.length === 0) return 0;
      const { rows } = await client.query(`SELECT network_epoch FROM polling_state WHERE stream = 'main'`);
      return (await insertEvents(client, alerts, rows[0].network_epoch as number, at)).size;
    });
  }

  async prune(keep: number[]): Promise<void> {
    await this.pool.query('DELETE FROM rule_state WHERE NOT (rule_id = ANY($1::bigint[]))', [keep]);
  }

  async decodeProblems(): Promise<DecodeProblem[]> {
    const { rows } = await this.pool.query(
      `SELECT contract_id, event_type, decode_status, count(*) AS n, max(created_at) AS last_at FROM events
       WHERE decode_status <> 'spec' AND (decode_status = 'failed'
         OR contract_id IN (SELECT contract_id FROM contract_specs WHERE entries IS NOT NULL AND jsonb_array_length(entries) > 0))
       GROUP BY contract_id, decode_status, event_type ORDER BY contract_id, event_type, decode_status`,
    );
    return rows.map((r) => ({ contractId: r.contract_id, eventType: r.event_type, status: r.decode_status, count: r.n, lastAt: r.last_at }));
  }
}
