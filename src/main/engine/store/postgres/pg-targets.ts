// Targets and their rules: the configuration half of the DispatchStore.
import type pg from 'pg';
import type { TargetRecord, TargetWrite } from '../dispatch-store';
import { inTransaction } from './pg-pool';
import { toTarget } from '../dispatch-rows';

type Row = Record<string, unknown>;
const iso = (ms: number) => new Date(ms).toISOString();

export async function listTargets(pool: pg.Pool): Promise<TargetRecord[]> {
  const [targets, rules] = await Promise.all([
    pool.query('SELECT * FROM targets ORDER BY id'),
    pool.query('SELECT * FROM rules ORDER BY target_id, id'),
  ]);
  const byTarget = new Map<number, Row[]>();
  for (const rule of rules.rows as Row[]) {
    const id = rule.target_id as number;
    byTarget.set(id, [...(byTarget.get(id) ?? []), rule]);
  }
  return targets.rows.map((row) => toTarget(row, byTarget.get(row.id) ?? []));
}

export async function getTarget(db: pg.Pool | pg.PoolClient, id: number): Promise<TargetRecord | null> {
  const target = await db.query('SELECT * FROM targets WHERE id = $1', [id]);
  if (!target.rows[0]) return null;
  const rules = await db.query('SELECT * FROM rules WHERE target_id = $1 ORDER BY id', [id]);
  return toTarget(target.rows[0], rules.rows);
}

export function createTarget(pool: pg.Pool, t: TargetWrite, now: number): Promise<TargetRecord> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query(
      'INSERT INTO targets (name, kind, enabled, config, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id',
      [t.name, t.kind, t.enabled, JSON.stringify(t.config), iso(now)],
    );
    await client.query('INSERT INTO rules (target_id, match, created_at, updated_at) VALUES ($1, $2, $3, $3)', [rows[0].id, JSON.stringify(t.rule), iso(now)]);
    return (await getTarget(client, rows[0].id))!;
  });
}

export function updateTarget(pool: pg.Pool, id: number, t: TargetWrite, now: number): Promise<TargetRecord | null> {
  return inTransaction(pool, async (client) => {
    const updated = await client.query('UPDATE targets SET name = $1, enabled = $2, config = $3, updated_at = $4 WHERE id = $5', [
      t.name, t.enabled, JSON.stringify(t.config), iso(now), id,
    ]);
    if (updated.rowCount === 0) return null;
    const rule = await client.query('UPDATE rules SET match = $1, updated_at = $2 WHERE id = (SELECT min(id) FROM rules WHERE target_id = $3)', [
      JSON.stringify(t.rule), iso(now), id,
    ]);
    if (rule.rowCount === 0) {
      await client.query('INSERT INTO rules (target_id, match, created_at, updated_at) VALUES ($1, $2, $3, $3)', [id, JSON.stringify(t.rule), iso(now)]);
    }
    return getTarget(client, id);
  });
}

export async function deleteTarget(pool: pg.Pool, id: number): Promise<boolean> {
  return ((await pool.query('DELETE FROM targets WHERE id = $1', [id])).rowCount ?? 0) > 0;
}
