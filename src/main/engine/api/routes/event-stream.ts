// GET /api/events/stream: Server-Sent Events of newly stored events, with the list's filters.
// Starts at "now", or after `after` / the Last-Event-ID header (which wins: browsers resend it
// on reconnect with the original URL).
import { Hono } from 'hono';
import { cursorSchema } from '../../../../shared/api/cursor';
import { eventStreamQuerySchema } from '../../../../shared/api/events';
import type { RouteContext } from '../context';
import { apiError } from '../errors';
import { toEventFilter } from '../event-filter';
import { eventStream } from '../event-stream-body';
import { validQuery } from '../middleware/validate';

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-store',
  'X-Accel-Buffering': 'no',
};

export function eventStreamRoutes({ queries, hub }: RouteContext): Hono {
  return new Hono().get('/api/events/stream', validQuery(eventStreamQuerySchema), async (c) => {
    const q = c.req.valid('query');
    let after = q.after;
    const lastEventId = c.req.header('last-event-id');
    if (lastEventId !== undefined && lastEventId.trim() !== '') {
      const parsed = cursorSchema.safeParse(lastEventId.trim());
      if (!parsed.success) {
        return apiError(c, 400, 'request.invalid_parameter', `Last-Event-ID: ${parsed.error.issues[0]!.message}`, 'Last-Event-ID');
      }
      after = parsed.data;
    }
    if (hub.full) {
      return apiError(c, 429, 'request.too_many_streams', `at most ${hub.maxStreams} event streams may be open at once`);
    }
    // HEAD gets the headers only: its body would never be read, so no stream is opened.
    if (c.req.method === 'HEAD') return c.body(null, 200, SSE_HEADERS);
    const from = after ? await queries.feedPositionAfter(after) : await queries.feedEnd();
    return c.body(eventStream({ queries, hub, filter: toEventFilter(q), from }), 200, SSE_HEADERS);
  });
}
