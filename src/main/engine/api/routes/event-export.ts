// GET /api/events/export?format=csv|ndjson: every matching event, streamed. The store hands out
// chunks of a thousand rows; the next chunk is read only when the socket has taken the last
// (pull + highWaterMark 0), so memory stays constant for any number of rows.
import { Hono } from 'hono';
import { eventExportQuerySchema } from '../../../../shared/api/events';
import type { StoredEvent } from '../../../../shared/model';
import type { RouteContext } from '../context';
import { toEventFilter } from '../event-filter';
import { csvHeader, csvRows, ndjsonRows } from '../export-format';
import { notModified } from '../middleware/conditional';
import { validQuery } from '../middleware/validate';

const FORMATS = {
  csv: { type: 'text/csv; charset=utf-8', header: csvHeader, rows: csvRows },
  ndjson: { type: 'application/x-ndjson; charset=utf-8', header: () => '', rows: ndjsonRows },
} as const;

const encoder = new TextEncoder();

export function eventExportRoutes({ queries }: RouteContext): Hono {
  return new Hono().get('/api/events/export', validQuery(eventExportQuerySchema), async (c) => {
    const q = c.req.valid('query');
    const unchanged = notModified(c, await queries.version());
    if (unchanged) return unchanged;
    const format = FORMATS[q.format];
    const headers = {
      'Content-Type': format.type,
      'Content-Disposition': `attachment; filename="notifychain-events.${q.format}"`,
    };
    if (c.req.method === 'HEAD') return c.body(null, 200, headers);

    let chunks: AsyncIterator<StoredEvent[]> | null = null;
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (!chunks) {
            chunks = queries.export({ filter: toEventFilter(q), order: q.order })[Symbol.asyncIterator]();
            const header = format.header();
            if (header) controller.enqueue(encoder.encode(header));
          }
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(format.rows(next.value)));
        },
        async cancel() {
          await chunks?.return?.();
        },
      },
      { highWaterMark: 0 },
    );
    return c.body(body, 200, headers);
  });
}
