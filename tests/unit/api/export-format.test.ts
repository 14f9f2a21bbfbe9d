import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvHeader, csvRows, ndjsonRows } from '../../../src/main/engine/api/export-format';
import { decodedToStored } from '../../../src/main/engine/store/event-row';
import { decodedEvent } from '../../fixtures/decoded-event';

const event = (overrides: Parameters<typeof decodedEvent>[2]) => decodedToStored(decodedEvent(100, 0, overrides), 0, '2026-11-25T00:00:00.000Z');

describe('export rows', () => {
  it('CSV quotes commas, quotes and newlines, and writes JSON cells', () => {
    const row = csvRows([event({ data: { memo: 'a "b", c\nd' }, category: null })]);
    expect(csvHeader()).toBe(CSV_COLUMNS.join(',') + '\r\n');
    expect(row.endsWith('\r\n')).toBe(true);
    expect(row).toContain('"{""memo"":""a \\""b\\"", c\\nd""}"');
    expect(row.split(',')[7]).toBe(''); // category null → empty cell
  });

  it('CSV defuses spreadsheet formulas but keeps negative numbers', () => {
    expect(csvRows([event({ eventType: '=HYPERLINK("x")', data: -5 })])).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csvRows([event({ data: -5 })]).split(',').at(-1)).toBe('-5\r\n');
    expect(csvRows([event({ decodeError: '@SUM(A1)' })])).toContain("'@SUM(A1)");
  });

  it('NDJSON is one event per line', () => {
    const text = ndjsonRows([event({}), event({ eventType: 'deposit' })]);
    expect(text.split('\n')).toHaveLength(3);
    expect(JSON.parse(text.split('\n')[1]!).event_type).toBe('deposit');
  });
});
