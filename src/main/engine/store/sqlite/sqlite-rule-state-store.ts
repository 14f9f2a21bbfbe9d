// SQLite side of the RuleStateStore: statements prepared once, each write one transaction.
import type Database from 'better-sqlite3';
import type { DecodedEvent } from '../../stellar/decoded-event';
import type { DecodeProblem, RuleStateStore, RuleStateWrite } from '../rule-state-store';

const iso = (ms: number) => new Date(ms).toISOString();

export class SqliteRuleStateStore implements RuleStateStore {
  private readonly sql;

  constructor(private readonly db: Database.Database) {
    this.sql = {
      load: db.prepare('SELECT rule_id, state FROM rule_state'),
      upsert: db.prepare(
        `INSERT INTO rule_state (rule_id, state, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (rule_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      ),
      ids: db.prepare('SELECT rule_id FROM rule_state').pluck(),
      remove: db.prepare('DELETE FROM rule_state WHERE rule_id = ?'),
      epoch: db.prepare(`SELECT network_epoch FROM polling_state WHERE stream = 'main'`).pluck(),
      insertEvent: db.prepare(
        `INSERT INTO events (event_id, network_epoch, contract_id, event_type, ledger_sequence, created_at, stored_at, data, topics,
           raw_topics, raw_value, category, priority, tx_hash, dedup_key, decode_status, decode_error)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      insertOutbox: db.prepare('INSERT INTO outbox (event_seq, created_at) VALUES (?, ?)'),
      problems: db.prepare(
        `SELECT contract_id, event_type, decode_status, count(*) AS n, max(created_at) AS last_at FROM events
         WHERE decode_status <> 'spec' AND (decode_status = 'failed'
           OR contract_id IN (SELECT contract_id FROM contract_specs WHERE entries IS NOT NULL AND entries <> '[]'))
         GROUP BY contract_id, decode_status, event_type ORDER BY contract_id, event_type, decode_status`,
      ),
    };
  }

  async load(): Promise<Map<number, string>> {
    return new Map((this.sql.load.all() as { rule_id: number; state: string }[]).map((r) => [r.rule_id, r.state]));
  }

  async save(states: RuleStateWrite[], alerts: DecodedEvent[], now: number): Promise<number> {
    return this.db.transaction((): number => {
      const at = iso(now);
      for (const s of states) this.sql.upsert.run(s.ruleId, s.state, at);
      if (alerts.length === 0) return 0;
      const epoch = this.sql.epoch.get() as number;
      let inserted = 0;
      for (const e of alerts) {
        const result = this.sql.insertEvent.run(
          e.eventId, epoch, e.contractId, e.eventType, e.ledger, e.closedAt, at, JSON.stringify(e.data), JSON.stringify(e.topics),
          JSON.stringify(e.rawTopics), e.rawValue, e.category, e.priority, e.txHash, e.dedupKey, e.decodeStatus, e.decodeError,
        );
        if (result.changes === 0) continue;
        this.sql.insertOutbox.run(result.lastInsertRowid, at);
        inserted++;
      }
      return inserted;
    }).immediate();
  }

  async prune(keep: number[]): Promise<void> {
    const kept = new Set(keep);
    this.db.transaction(() => {
      for (const id of this.sql.ids.all() as number[]) if (!kept.has(id)) this.sql.remove.run(id);
    })();
  }

  async decodeProblems(): Promise<DecodeProblem[]> {
    return (this.sql.problems.all() as Record<string, unknown>[]).map((r) => ({
      contractId: r.contract_id as string,
      eventType: r.event_type as string,
      status: r.decode_status as DecodeProblem['status'],
      count: r.n as number,
      lastAt: r.last_at as string,
    }));
  }
}
