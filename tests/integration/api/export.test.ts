import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../../src/main/engine/api/export-format';
import { rowToEvent, type EventRow } from '../../../src/main/engine/store/event-row';
import type { StoredEvent } from '../../../src/shared/model';
import { raw, startApiHarness, type ApiHarness } from './api-harness';

let a: ApiHarness;
beforeAll(async () => {
  // More rows than one export chunk (1,000), so chunking is exercised.
  a = await startApiHarness({ ledgers: 300, eventsPerLedger: 8 });
});
afterAll(async () => {
  await a.close();
});

const stored = (): StoredEvent[] =>
  (a.h.store.db.prepare('SELECT * FROM events ORDER BY network_epoch DESC, event_id DESC').all() as EventRow[]).map(rowToEvent);

/** RFC 4180 parsing, enough to check what the exporter wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

describe('GET /api/events/export', () => {
  it('streams every event as NDJSON, newest first by default', async () => {
    const res = await fetch(`${a.url}/api/events/export?format=ndjson`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="notifychain-events.ndjson"');
    expect(res.headers.get('content-length')).toBeNull();
    const lines = (await res.text()).trimEnd().split('\n');
    const all = stored();
    expect(all.length).toBeGreaterThan(2_000);
    expect(lines.map((l) => JSON.parse(l))).toEqual(all);
  });

  it('writes CSV with a header row, quoting and JSON cells, with the same filters', async () => {
    const res = await fetch(`${a.url}/api/events/export?format=csv&order=asc&contract_id=${a.contracts.autoshare}&since=2000-01-01`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const [header, ...rows] = parseCsv(await res.text());
    expect(header).toEqual([...CSV_COLUMNS]);
    const expected = stored().filter((e) => e.contract_id === a.contracts.autoshare).reverse();
    expect(rows).toHaveLength(expected.length);
    for (const [i, row] of rows.entries()) {
      const e = expected[i]!;
      const cell = (name: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(name)];
      expect(cell('id')).toBe(e.id);
      expect(Number(cell('ledger_sequence'))).toBe(e.ledger_sequence);
      expect(cell('category')).toBe(e.category ?? '');
      expect(JSON.parse(cell('data')!)).toEqual(e.data);
      expect(JSON.parse(cell('topics')!)).toEqual(e.topics);
    }
  });

  it('stops reading when the client goes away', async () => {
    const abort = new AbortController();
    const res = await fetch(`${a.url}/api/events/export`, { signal: abort.signal });
    const reader = res.body!.getReader();
    await reader.read();
    abort.abort();
    // The server is fine afterwards.
    expect((await raw(a.url, { path: '/health' })).status).toBe(200);
  });

  it('400 for an unknown format, naming it; 304 when unchanged', async () => {
    const bad = await raw(a.url, { path: '/api/events/export?format=xlsx' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.parameter).toBe('format');
    const first = await fetch(`${a.url}/api/events/export?format=csv&limit_is_not_a_thing=1`);
    expect(first.status).toBe(400);
    const ok = await fetch(`${a.url}/api/events/export?format=csv&contract_id=${a.contracts.taskbounty}`);
    await ok.text();
    const again = await fetch(`${a.url}/api/events/export?format=csv&contract_id=${a.contracts.taskbounty}`, {
      headers: { 'If-None-Match': ok.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });
});
