// GET /api/events (filters, offset and keyset paging) and GET /api/events/:id.
import { Hono } from 'hono';
import { eventKeyParamSchema, eventListQuerySchema, type EventListResponse } from '../../../../shared/api/events';
import type { RouteContext } from '../context';
import { apiError } from '../errors';
import { toEventFilter } from '../event-filter';
import { notModified } from '../middleware/conditional';
import { validParam, validQuery } from '../middleware/validate';

export function eventRoutes({ queries }: RouteContext): Hono {
  return new Hono()
    .get('/api/events', validQuery(eventListQuerySchema), async (c) => {
      const q = c.req.valid('query');
      const filter = toEventFilter(q);
      const unchanged = notModified(c, await queries.version());
      if (unchanged) return unchanged;
      const page = await queries.query({ filter, order: q.order, limit: q.limit, offset: q.offset, after: q.after });
      const body: EventListResponse = {
        events: page.events,
        total: await queries.count(filter),
        has_more: page.hasMore,
        next_cursor: page.nextCursor,
      };
      return c.json(body);
    })
    .get('/api/events/:id', validParam(eventKeyParamSchema), async (c) => {
      const { id } = c.req.valid('param');
      const event = await queries.get(id);
      if (!event) return apiError(c, 404, 'event.not_found', `no event ${c.req.param('id')}`);
      const unchanged = notModified(c, { lastModified: event.stored_at, tag: `${event.network_epoch}:${event.id}` });
      return unchanged ?? c.json(event);
    });
}
