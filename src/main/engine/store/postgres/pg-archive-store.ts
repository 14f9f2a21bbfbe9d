// Coverage and archive import/export on PostgreSQL. The `credit…`/`trim…` methods take the
// client of the store's own transaction (ingest checkpoint, backfill end, retention delete).
import type pg from 'pg';
import type { ArchiveEvent, ContractCoverage, CoverageSource } from '../../../../shared/api/coverage';
import type { ArchiveStore } from '../archive-store';
import { holesBetween, mergeRanges, summarize, type RangeRow } from '../coverage-ranges';
import { insertEvents } from './insert-events';
import { inTransaction } from './pg-pool';

type Queryable = pg.Pool | pg.PoolClient;

async function epochOf(db: Queryable): Promise<number> {
  return (await db.query(`SELECT network_epoch FROM polling_state WHERE stream = 'main'`)).rows[0].network_epoch as number;
}

export class PostgresArchiveStore implements ArchiveStore {
  constructor(private readonly pool: pg.Pool) {}

  /** The live stream read [covered_to + 1 (or resume_ledger), toLedger] for these contracts. */
  async creditLive(client: pg.PoolClient, contracts: string[], toLedger: number, now: string): Promise<void> {
    const { rows } = await client.query(`SELECT network_epoch, covered_to, resume_ledger FROM polling_state WHERE stream = 'main'`);
    const state = rows[0] as { network_epoch: number; covered_to: number | null; resume_ledger: number | null };
    const from = state.covered_to !== null ? state.covered_to + 1 : (state.resume_ledger ?? toLedger);
    if (from <= toLedger) for (const id of contracts) await this.creditRange(client, state.network_epoch, id, from, toLedger, 'live', now);
    await client.query(`UPDATE polling_state SET covered_to = $1 WHERE stream = 'main'`, [Math.max(toLedger, state.covered_to ?? toLedger)]);
  }

  /** The next live read starts anew (after a gap or a reset): nothing in between is credited. */
  async breakLive(client: pg.PoolClient): Promise<void> {
    await client.query(`UPDATE polling_state SET covered_to = NULL WHERE stream = 'main'`);
  }

  /** Events up to `ledger` of these contracts were removed: their coverage now starts after it. */
  async trimThrough(client: pg.PoolClient, removed: Array<{ contract_id: string; ledger: number }>): Promise<void> {
    const epoch = await epochOf(client);
    for (const { contract_id, ledger } of removed) {
      await client.query('DELETE FROM coverage WHERE network_epoch = $1 AND contract_id = $2 AND to_ledger <= $3', [epoch, contract_id, ledger]);
      await client.query('UPDATE coverage SET from_ledger = $3 + 1 WHERE network_epoch = $1 AND contract_id = $2 AND from_ledger <= $3', [epoch, contract_id, ledger]);
    }
  }

  /** Records [from, to] as held, extending the range it continues. */
  async creditRange(client: Queryable, epoch: number, contractId: string, from: number, to: number, source: CoverageSource, now: string): Promise<void> {
    const held = await client.query(
      'SELECT 1 FROM coverage WHERE network_epoch = $1 AND contract_id = $2 AND from_ledger <= $3 AND to_ledger >= $4 LIMIT 1',
      [epoch, contractId, from, to],
    );
    if (held.rows.length > 0) return; // already held (an archive imported twice)
    const extended = await client.query(
      `UPDATE coverage SET to_ledger = $1 WHERE network_epoch = $2 AND contract_id = $3 AND source = $4 AND to_ledger = $5 - 1`,
      [to, epoch, contractId, source, from],
    );
    if ((extended.rowCount ?? 0) > 0) return;
    await client.query(
      'INSERT INTO coverage (network_epoch, contract_id, from_ledger, to_ledger, source, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [epoch, contractId, from, to, source, now],
    );
  }

  async addCoverage(contractId: string, fromLedger: number, toLedger: number, source: CoverageSource): Promise<void> {
    if (toLedger < fromLedger) return;
    await this.creditRange(this.pool, await epochOf(this.pool), contractId, fromLedger, toLedger, source, new Date().toISOString());
  }

  async coverage(contractId: string, eventTypes: string[]): Promise<ContractCoverage> {
    const epoch = await epochOf(this.pool);
    const rows = (
      await this.pool.query('SELECT from_ledger AS "from", to_ledger AS "to", source FROM coverage WHERE network_epoch = $1 AND contract_id = $2', [epoch, contractId])
    ).rows as RangeRow[];
    const gaps = (await this.pool.query('SELECT from_ledger AS "from", to_ledger AS "to", reason FROM gaps WHERE network_epoch = $1', [epoch])).rows;
    const merged = mergeRanges(rows);
    const ranges = [];
    for (const r of merged) {
      const first = await this.pool.query(
        `SELECT created_at FROM events WHERE network_epoch = $1 AND contract_id = $2 AND ledger_sequence >= $3 AND ledger_sequence <= $4
         ORDER BY ledger_sequence LIMIT 1`,
        [epoch, contractId, r.from, r.to],
      );
      ranges.push({ from_ledger: r.from, to_ledger: r.to, sources: r.sources, from_time: (first.rows[0]?.created_at as string | undefined) ?? null });
    }
    const holes = holesBetween(merged, gaps);
    return {
      contract_id: contractId,
      network_epoch: epoch,
      event_types: eventTypes,
      first_ledger: merged[0]?.from ?? null,
      last_ledger: merged.at(-1)?.to ?? null,
      ranges,
      holes,
      summary: summarize(ranges, holes),
    };
  }

  async exportPage(q: { contractId: string; fromLedger: number; toLedger: number | null; afterId: string | null; limit: number }): Promise<ArchiveEvent[]> {
    const { rows } = await this.pool.query(
      `SELECT event_id, contract_id, event_type, ledger_sequence, created_at, data, topics, raw_topics, raw_value,
              category, priority, tx_hash, dedup_key, decode_status, decode_error
       FROM events
       WHERE network_epoch = $1 AND contract_id = $2 AND event_id > $3 AND event_id NOT LIKE 'local:%'
         AND ledger_sequence >= $4 AND ledger_sequence <= $5
       ORDER BY event_id COLLATE "C" LIMIT $6`,
      [await epochOf(this.pool), q.contractId, q.afterId ?? '', q.fromLedger, q.toLedger ?? 2 ** 31 - 1, q.limit],
    );
    return rows as ArchiveEvent[];
  }

  async importEvents(events: ArchiveEvent[]): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const epoch = (await client.query(`SELECT network_epoch FROM polling_state WHERE stream = 'main' FOR UPDATE`)).rows[0].network_epoch as number;
      const decoded = events.map((e) => ({
        eventId: e.event_id, contractId: e.contract_id, eventType: e.event_type, ledger: e.ledger_sequence, closedAt: e.created_at,
        data: e.data, topics: e.topics, rawTopics: e.raw_topics, rawValue: e.raw_value, category: e.category, priority: e.priority,
        txHash: e.tx_hash, dedupKey: e.dedup_key, decodeStatus: e.decode_status, decodeError: e.decode_error,
      }));
      return (await insertEvents(client, decoded as never, epoch, new Date().toISOString(), { outbox: false })).size;
    });
  }
}
