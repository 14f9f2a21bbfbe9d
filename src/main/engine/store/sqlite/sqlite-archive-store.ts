// Coverage and archive import/export on SQLite. The sync `credit…`/`trim…` methods run inside
// the store's own transactions (ingest checkpoint, backfill end, retention delete).
import type Database from 'better-sqlite3';
import type { ArchiveEvent, ContractCoverage, CoverageSource } from '../../../../shared/api/coverage';
import type { ArchiveStore } from '../archive-store';
import { holesBetween, mergeRanges, summarize, type RangeRow } from '../coverage-ranges';

export class SqliteArchiveStore implements ArchiveStore {
  constructor(
    private readonly db: Database.Database,
    /** The ingest path's own insert (a duplicate is skipped, nothing else). */
    private readonly insertEvent: Database.Statement,
  ) {}

  private epoch(): number {
    return (this.db.prepare(`SELECT network_epoch FROM polling_state WHERE stream = 'main'`).get() as { network_epoch: number }).network_epoch;
  }

  /** The live stream read [covered_to + 1 (or resume_ledger), toLedger] for these contracts. */
  creditLive(contracts: string[], toLedger: number, now: string): void {
    const state = this.db.prepare(`SELECT network_epoch, covered_to, resume_ledger FROM polling_state WHERE stream = 'main'`).get() as {
      network_epoch: number;
      covered_to: number | null;
      resume_ledger: number | null;
    };
    const from = state.covered_to !== null ? state.covered_to + 1 : (state.resume_ledger ?? toLedger);
    if (from <= toLedger) for (const id of contracts) this.creditRange(state.network_epoch, id, from, toLedger, 'live', now);
    this.db.prepare(`UPDATE polling_state SET covered_to = ? WHERE stream = 'main'`).run(Math.max(toLedger, state.covered_to ?? toLedger));
  }

  /** The next live read starts anew (after a gap or a reset): nothing in between is credited. */
  breakLive(): void {
    this.db.prepare(`UPDATE polling_state SET covered_to = NULL WHERE stream = 'main'`).run();
  }

  /** Events up to `ledger` of these contracts were removed: their coverage now starts after it. */
  trimThrough(removed: Array<{ contract_id: string; ledger: number }>): void {
    const epoch = this.epoch();
    const drop = this.db.prepare('DELETE FROM coverage WHERE network_epoch = ? AND contract_id = ? AND to_ledger <= ?');
    const clip = this.db.prepare('UPDATE coverage SET from_ledger = ? WHERE network_epoch = ? AND contract_id = ? AND from_ledger <= ?');
    for (const { contract_id, ledger } of removed) {
      drop.run(epoch, contract_id, ledger);
      clip.run(ledger + 1, epoch, contract_id, ledger);
    }
  }

  /** Records [from, to] as held, extending the range it continues. Runs inside the caller's transaction. */
  creditRange(epoch: number, contractId: string, from: number, to: number, source: CoverageSource, now: string): void {
    const held = this.db
      .prepare('SELECT 1 FROM coverage WHERE network_epoch = ? AND contract_id = ? AND from_ledger <= ? AND to_ledger >= ? LIMIT 1')
      .get(epoch, contractId, from, to);
    if (held) return; // already held (an archive imported twice)
    // Extend the range this one continues (the live stream's usual case) instead of adding a row per poll.
    const extended = this.db
      .prepare(`UPDATE coverage SET to_ledger = ? WHERE network_epoch = ? AND contract_id = ? AND source = ? AND to_ledger = ? - 1`)
      .run(to, epoch, contractId, source, from);
    if (extended.changes > 0) return;
    this.db
      .prepare('INSERT INTO coverage (network_epoch, contract_id, from_ledger, to_ledger, source, recorded_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(epoch, contractId, from, to, source, now);
  }

  async addCoverage(contractId: string, fromLedger: number, toLedger: number, source: CoverageSource): Promise<void> {
    if (toLedger < fromLedger) return;
    this.creditRange(this.epoch(), contractId, fromLedger, toLedger, source, new Date().toISOString());
  }

  async coverage(contractId: string, eventTypes: string[]): Promise<ContractCoverage> {
    const epoch = this.epoch();
    const rows = this.db
      .prepare('SELECT from_ledger AS "from", to_ledger AS "to", source FROM coverage WHERE network_epoch = ? AND contract_id = ?')
      .all(epoch, contractId) as RangeRow[];
    const gaps = this.db
      .prepare('SELECT from_ledger AS "from", to_ledger AS "to", reason FROM gaps WHERE network_epoch = ?')
      .all(epoch) as Array<{ from: number; to: number; reason: string }>;
    const firstTime = this.db.prepare(
      `SELECT created_at FROM events WHERE network_epoch = ? AND contract_id = ? AND ledger_sequence >= ? AND ledger_sequence <= ?
       ORDER BY ledger_sequence LIMIT 1`,
    );
    const merged = mergeRanges(rows);
    const ranges = merged.map((r) => ({
      from_ledger: r.from,
      to_ledger: r.to,
      sources: r.sources,
      from_time: (firstTime.get(epoch, contractId, r.from, r.to) as { created_at: string } | undefined)?.created_at ?? null,
    }));
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
    const rows = this.db
      .prepare(
        `SELECT event_id, contract_id, event_type, ledger_sequence, created_at, data, topics, raw_topics, raw_value,
                category, priority, tx_hash, dedup_key, decode_status, decode_error
         FROM events
         WHERE network_epoch = ? AND contract_id = ? AND event_id > ? AND event_id NOT LIKE 'local:%'
           AND ledger_sequence >= ? AND ledger_sequence <= ?
         ORDER BY event_id LIMIT ?`,
      )
      .all(this.epoch(), q.contractId, q.afterId ?? '', q.fromLedger, q.toLedger ?? Number.MAX_SAFE_INTEGER, q.limit) as Array<
      Record<string, unknown>
    >;
    return rows.map((r) => ({
      ...(r as unknown as ArchiveEvent),
      data: JSON.parse(r.data as string),
      topics: JSON.parse(r.topics as string),
      raw_topics: JSON.parse(r.raw_topics as string),
    }));
  }

  async importEvents(events: ArchiveEvent[]): Promise<number> {
    return this.db.transaction(() => {
      const epoch = this.epoch();
      const now = new Date().toISOString();
      let inserted = 0;
      for (const e of events) {
        inserted += this.insertEvent.run(
          e.event_id, epoch, e.contract_id, e.event_type, e.ledger_sequence, e.created_at, now, JSON.stringify(e.data),
          JSON.stringify(e.topics), JSON.stringify(e.raw_topics), e.raw_value, e.category, e.priority, e.tx_hash, e.dedup_key,
          e.decode_status, e.decode_error,
        ).changes;
      }
      return inserted;
    }).immediate();
  }
}
