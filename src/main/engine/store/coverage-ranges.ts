// Coverage arithmetic shared by both stores: merging ranges, clipping them, and naming the holes
// between them from the recorded gaps.
import type { CoverageHole, CoverageSource, CoveredRange } from '../../../shared/api/coverage';

export interface RangeRow {
  from: number;
  to: number;
  source: CoverageSource;
}

export interface GapSpan {
  from: number;
  to: number;
  reason: string;
}

/** Ranges sorted and merged where they overlap or touch. */
export function mergeRanges(rows: RangeRow[]): Array<{ from: number; to: number; sources: CoverageSource[] }> {
  const sorted = rows.filter((r) => r.to >= r.from).sort((a, b) => a.from - b.from || a.to - b.to);
  const merged: Array<{ from: number; to: number; sources: CoverageSource[] }> = [];
  for (const row of sorted) {
    const last = merged.at(-1);
    if (last && row.from <= last.to + 1) {
      last.to = Math.max(last.to, row.to);
      if (!last.sources.includes(row.source)) last.sources.push(row.source);
    } else merged.push({ from: row.from, to: row.to, sources: [row.source] });
  }
  return merged;
}

/** The holes between merged ranges: a retention gap where a recorded gap overlaps, else "not watched". */
export function holesBetween(ranges: Array<{ from: number; to: number }>, gaps: GapSpan[]): CoverageHole[] {
  const holes: CoverageHole[] = [];
  for (let i = 1; i < ranges.length; i++) {
    const from = ranges[i - 1]!.to + 1;
    const to = ranges[i]!.from - 1;
    const gap = gaps.find((g) => g.from <= to && g.to >= from);
    holes.push(
      gap
        ? { from_ledger: from, to_ledger: to, reason: 'retention_gap', detail: `events in these ledgers could not be read: ${gap.reason}` }
        : { from_ledger: from, to_ledger: to, reason: 'not_watched', detail: 'the contract was not being read then (not watched, or removed and added again)' },
    );
  }
  return holes;
}

export function summarize(ranges: CoveredRange[], holes: CoverageHole[]): string {
  const first = ranges[0];
  if (!first) return 'nothing read yet';
  const since = `ledger ${first.from_ledger}${first.from_time ? ` (${first.from_time.slice(0, 10)})` : ''}`;
  if (holes.length === 0) return `history from ${since} with no gaps`;
  return `history from ${since} with ${holes.length} hole${holes.length === 1 ? '' : 's'}`;
}

/** Clips [from, to] to the part not yet covered by `covered` (merged), as separate pieces. */
export function uncoveredParts(from: number, to: number, covered: Array<{ from: number; to: number }>): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let at = from;
  for (const range of covered) {
    if (range.to < at) continue;
    if (range.from > to) break;
    if (range.from > at) parts.push([at, range.from - 1]);
    at = Math.max(at, range.to + 1);
  }
  if (at <= to) parts.push([at, to]);
  return parts;
}
