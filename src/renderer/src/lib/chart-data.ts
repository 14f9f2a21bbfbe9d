// Shapes the stats routes' rows for recharts: one point per bucket (empty buckets as zero, so a
// quiet minute shows as a dip, not a straight line across it), one key per series.
import type { EventRatePoint, LagPoint, StatsWindow } from '../../../main/engine/store/sqlite/sqlite-stats';

export interface SeriesChart {
  keys: string[];
  points: Array<{ time: number } & Record<string, number>>;
}

export function bucketsOf(w: StatsWindow): number[] {
  const out: number[] = [];
  for (let t = w.from; t <= w.to; t += w.bucket_seconds) out.push(t);
  return out;
}

/** Events per minute for each key in each bucket; keys ordered by their total, `other` last. */
export function perMinute(rows: EventRatePoint[], w: StatsWindow): SeriesChart {
  const totals = new Map<string, number>();
  const cells = new Map<string, number>();
  for (const r of rows) {
    totals.set(r.key, (totals.get(r.key) ?? 0) + r.count);
    cells.set(`${r.bucket}|${r.key}`, r.count);
  }
  const keys = [...totals.keys()].sort((a, b) => (a === 'other' ? 1 : b === 'other' ? -1 : totals.get(b)! - totals.get(a)!));
  const minutes = w.bucket_seconds / 60;
  const points = bucketsOf(w).map((bucket) => {
    const point: { time: number } & Record<string, number> = { time: bucket * 1000 } as never;
    for (const key of keys) point[key] = Math.round(((cells.get(`${bucket}|${key}`) ?? 0) / minutes) * 100) / 100;
    return point;
  });
  return { keys, points };
}

export interface LagChartPoint { time: number; avg: number | null; max: number | null; events: number }

/** Ingest lag per bucket; buckets without events have no lag (a gap in the line, not zero). */
export function lagPoints(rows: LagPoint[], w: StatsWindow): LagChartPoint[] {
  const byBucket = new Map(rows.map((r) => [r.bucket, r]));
  return bucketsOf(w).map((bucket) => {
    const r = byBucket.get(bucket);
    return { time: bucket * 1000, avg: r ? r.avg_lag_seconds : null, max: r ? r.max_lag_seconds : null, events: r?.events ?? 0 };
  });
}

/** Where a moment falls on a bucketed axis (its bucket's start, ms). */
export function snapToBucket(iso: string, w: StatsWindow): number {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  return Math.floor(seconds / w.bucket_seconds) * w.bucket_seconds * 1000;
}
