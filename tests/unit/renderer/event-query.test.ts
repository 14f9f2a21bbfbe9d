import { describe, expect, test } from 'vitest';
import { parseCursor } from '../../../src/shared/api/cursor';
import { firstCursor, matchesQuery, queryString } from '../../../src/renderer/src/api/event-query';
import { EMPTY_FILTER, matchesText, toEventQuery } from '../../../src/renderer/src/stores/feed-filter';
import { event } from './fake-transport';

describe('event filters', () => {
  test('lists go to the API comma-separated, empty ones and unset values are left out', () => {
    expect(queryString({ contract_id: ['CA', 'CB'], event_type: [], priority: ['high', 'critical'] }, { limit: 100, after: null, offset: undefined }))
      .toBe('?contract_id=CA,CB&priority=high,critical&limit=100');
    expect(queryString({})).toBe('');
  });

  test('a pushed event is kept exactly when the API would have sent it', () => {
    const e = event(500, 1, { category: 'financial', priority: null });
    expect(matchesQuery(e, { category: ['financial'] })).toBe(true);
    expect(matchesQuery(e, { priority: ['low'] })).toBe(false);
    expect(matchesQuery(e, { ledger_from: 500, ledger_to: 500 })).toBe(true);
    expect(matchesQuery(e, { since: e.created_at })).toBe(true);
    expect(matchesQuery(e, { until: e.created_at })).toBe(false);
  });

  test("the form's local times become the API's ISO times", () => {
    const q = toEventQuery({ ...EMPTY_FILTER, since: '2026-11-25T10:00', ledgerFrom: 0 });
    expect(q.since).toBe(new Date('2026-11-25T10:00').toISOString());
    expect(q.ledger_from).toBe(0);
  });

  test('free text finds values inside decoded fields, ids and hashes, ignoring case', () => {
    const e = event(7, 1, { data: { recipient: 'GCPMWOHJ', nested: { memo: 'Quarterly Payout' } } });
    expect(matchesText(e, 'quarterly')).toBe(true);
    expect(matchesText(e, e.id.slice(5, 15))).toBe(true);
    expect(matchesText(e, 'nothing like it')).toBe(false);
  });

  test("paging is anchored only on events whose id the API takes back as a cursor, as the API's own parser says", () => {
    const ids = ['0000004806068416512-0000000001', 'local:n1:due', 'local:', 'local:a b', '123-1', `local:${'x'.repeat(161)}`, 'legacy:1'];
    for (const [id, epoch] of ids.flatMap((id) => [[id, 0], [id, 3]] as const)) {
      const e = event(1, 1, { id, network_epoch: epoch });
      expect(firstCursor([e]) !== null, `${epoch}:${id}`).toBe(parseCursor(epoch === 0 ? id : `${epoch}:${id}`) !== null);
    }
    const bad = event(0, 0, { id: 'legacy:1' });
    const earlier = event(0, 0, { network_epoch: 2 });
    expect(firstCursor([bad, earlier])).toEqual({ cursor: `2:${earlier.id}`, index: 1 });
  });
});
