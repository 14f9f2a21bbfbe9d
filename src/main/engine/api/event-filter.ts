import type { z } from 'zod';
import type { eventFilterShape } from '../../../shared/api/events';
import type { EventFilter } from '../store/event-queries';

type FilterQuery = { [K in keyof typeof eventFilterShape]?: z.output<(typeof eventFilterShape)[K]> };

/** The validated query's filter parameters as the store's EventFilter. */
export function toEventFilter(q: FilterQuery): EventFilter {
  const filter: EventFilter = {
    contractIds: q.contract_id,
    eventTypes: q.event_type,
    categories: q.category,
    priorities: q.priority,
    since: q.since,
    until: q.until,
    ledgerFrom: q.ledger_from,
    ledgerTo: q.ledger_to,
  };
  for (const key of Object.keys(filter) as (keyof EventFilter)[]) if (filter[key] === undefined) delete filter[key];
  return filter;
}
