// /api/events over an in-memory list, as the API pages it: newest first, `after` a cursor,
// `offset` after that, contract and type filters, `total` of the filter.
import type { StoredEvent } from '../../../src/shared/model';
import { eventCursor } from '../../../src/renderer/src/api/event-query';
import type { ApiAnswer } from '../../../src/renderer/src/transport/transport';
import { event, ok } from './fake-transport';

export function eventsApi(count: number) {
  // Newest first: the highest ledger first.
  const all: StoredEvent[] = Array.from({ length: count }, (_, i) => event(100_000 - i));
  return {
    all,
    add(e: StoredEvent) {
      all.unshift(e);
    },
    answer(path: string): ApiAnswer<unknown> | null {
      const url = new URL(path, 'http://x');
      if (url.pathname !== '/api/events') return null;
      const q = url.searchParams;
      let rows = all;
      if (q.get('contract_id')) rows = rows.filter((e) => q.get('contract_id')!.split(',').includes(e.contract_id));
      if (q.get('event_type')) rows = rows.filter((e) => q.get('event_type')!.split(',').includes(e.event_type));
      const total = rows.length;
      let start = 0;
      if (q.get('after')) start = rows.findIndex((e) => eventCursor(e) === q.get('after')) + 1;
      start += Number(q.get('offset') ?? 0);
      const limit = Number(q.get('limit') ?? 100);
      const events = rows.slice(start, start + limit);
      return ok({ events, total, has_more: start + limit < rows.length, next_cursor: events.at(-1) ? eventCursor(events.at(-1)!) : q.get('after') });
    },
  };
}
