// The charts' numbers as the stats routes compute them in SQL, on a real SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SqliteStats, TOP_SERIES } from '../../../src/main/engine/store/sqlite/sqlite-stats';
import { SqliteStore } from '../../../src/main/engine/store/sqlite/sqlite-store';
import { perMinute, lagPoints } from '../../../src/renderer/src/lib/chart-data';

const NOW = Date.UTC(2026, 10, 25, 12, 0, 30);
let dir: string;
let store: SqliteStore;
let seq = 0;

function addEvent(p: { contract?: string; type?: string; at: number; lagMs?: number; priority?: string | null }) {
  seq++;
  store.db.prepare(`INSERT INTO events (event_id, network_epoch, contract_id, event_type, ledger_sequence, created_at, stored_at,
    data, topics, raw_topics, raw_value, category, priority, tx_hash, dedup_key, decode_status)
    VALUES (?, 0, ?, ?, ?, ?, ?, '{}', '[]', '[]', '', NULL, ?, NULL, ?, 'spec')`).run(
    `${String(seq).padStart(19, '0')}-0000000001`, p.contract ?? 'CA', p.type ?? 'withdrawal', seq,
    new Date(p.at).toISOString(), new Date(p.at + (p.lagMs ?? 1000)).toISOString(), p.priority === undefined ? 'high' : p.priority, `k${seq}`,
  );
  return seq;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nc-stats-'));
  store = new SqliteStore(join(dir, 'nc.db'));
  seq = 0;
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('charts', () => {
  test('events per minute are counted in whole-minute buckets, per contract, inside the range only', () => {
    addEvent({ contract: 'CA', at: NOW - 10_000 });
    addEvent({ contract: 'CA', at: NOW - 20_000 });
    addEvent({ contract: 'CB', at: NOW - 90_000 });
    addEvent({ contract: 'CB', at: NOW - 2 * 3_600_000 }); // before the hour
    const stats = new SqliteStats(store.db).events('1h', NOW);
    const minute = Math.floor(NOW / 60_000) * 60;
    expect(stats.by_contract).toEqual([
      { bucket: minute - 60, key: 'CB', count: 1 },
      { bucket: minute, key: 'CA', count: 2 },
    ]);
    expect(stats.total).toBe(3);
    const chart = perMinute(stats.by_contract, stats);
    expect(chart.keys).toEqual(['CA', 'CB']);
    expect(chart.points).toHaveLength(61);
    expect(chart.points.at(-1)).toMatchObject({ time: minute * 1000, CA: 2, CB: 0 });
  });

  test(`past ${TOP_SERIES} event types, the smallest are folded into "other"`, () => {
    for (let t = 0; t < TOP_SERIES + 3; t++) for (let n = 0; n <= t; n++) addEvent({ type: `type_${t}`, at: NOW - 5_000 });
    const keys = new Set(new SqliteStats(store.db).events('24h', NOW).by_type.map((p) => p.key));
    expect(keys.size).toBe(TOP_SERIES + 1);
    expect(keys.has('other')).toBe(true);
    expect(keys.has('type_0')).toBe(false);
    expect(keys.has(`type_${TOP_SERIES + 2}`)).toBe(true);
  });

  test('priorities count events without one as "none"', () => {
    addEvent({ at: NOW - 1000, priority: 'critical' });
    addEvent({ at: NOW - 1000, priority: null });
    addEvent({ at: NOW - 1000, priority: null });
    expect(new SqliteStats(store.db).events('1h', NOW).priorities).toEqual([{ priority: 'none', count: 2 }, { priority: 'critical', count: 1 }]);
  });

  test('deliveries are counted per target by outcome, targets without any included', () => {
    const at = new Date(NOW).toISOString();
    store.db.prepare(`INSERT INTO targets (id, name, kind, config, created_at, updated_at) VALUES (1, 'hook', 'webhook', '{}', ?, ?), (2, 'quiet', 'slack', '{}', ?, ?)`).run(at, at, at, at);
    const statuses = ['delivered', 'delivered', 'dead', 'failed', 'pending'];
    for (const status of statuses) {
      const eventSeq = addEvent({ at: NOW - 1000 });
      store.db.prepare(`INSERT INTO deliveries (event_seq, target_id, webhook_id, status, created_at, created_ms, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?)`)
        .run(eventSeq, `w${eventSeq}`, status, at, NOW - 1000, at);
    }
    expect(new SqliteStats(store.db).deliveries('1h', NOW).targets).toEqual([
      { target_id: 1, name: 'hook', kind: 'webhook', delivered: 2, failed: 1, dead: 1, pending: 1 },
      { target_id: 2, name: 'quiet', kind: 'slack', delivered: 0, failed: 0, dead: 0, pending: 0 },
    ]);
  });

  test('ingest lag is averaged per bucket, quiet buckets are left empty, and gaps and resets of the range are listed', () => {
    addEvent({ at: NOW - 5_000, lagMs: 1_000 });
    addEvent({ at: NOW - 6_000, lagMs: 3_000 });
    store.db.prepare(`INSERT INTO gaps (network_epoch, from_ledger, to_ledger, reason, detected_at) VALUES (0, 10, 20, 'out of range', ?), (0, 1, 2, 'old', '2020-01-01T00:00:00.000Z')`).run(new Date(NOW - 60_000).toISOString());
    store.db.prepare(`INSERT INTO network_resets (epoch, reason, detected_at) VALUES (1, 'passphrase changed', ?)`).run(new Date(NOW - 30_000).toISOString());
    const stats = new SqliteStats(store.db).ingest('1h', NOW);
    expect(stats.lag).toEqual([{ bucket: Math.floor(NOW / 60_000) * 60, events: 2, avg_lag_seconds: 2, max_lag_seconds: 3 }]);
    expect(stats.gaps.map((g) => g.from_ledger)).toEqual([10]);
    expect(stats.resets.map((r) => r.epoch)).toEqual([1]);
    expect(lagPoints(stats.lag, stats).filter((p) => p.avg !== null)).toHaveLength(1);
  });

  test('the stored (contract, type) pairs are listed once each', () => {
    for (const [contract, type] of [['CA', 'b'], ['CA', 'a'], ['CB', 'a'], ['CA', 'b'], ['CA', 'b']]) addEvent({ contract, type, at: NOW });
    expect(new SqliteStats(store.db).eventTypes()).toEqual([
      { contract_id: 'CA', event_type: 'a' }, { contract_id: 'CA', event_type: 'b' }, { contract_id: 'CB', event_type: 'a' },
    ]);
  });
});
