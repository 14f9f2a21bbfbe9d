// The Server-Sent Events body. The store is the buffer: a stored-events signal only wakes the
// stream, which then reads what was stored after its position in insertion order (`seq`). A
// catch-up after Last-Event-ID and the live tail are the same read, so nothing is lost between
// them, nothing is sent twice, and a backfill's older events still arrive. A slow client is
// read for when it has room (pull), so memory stays bounded whatever it falls behind by.
import { formatCursor } from '../../../shared/api/cursor';
import type { EventFilter, EventQueries, FeedPosition } from '../store/event-queries';
import type { EventHub } from './event-hub';

export interface EventStreamOptions {
  queries: EventQueries;
  hub: EventHub;
  filter: EventFilter;
  from: FeedPosition;
  heartbeatMs?: number;
  batch?: number;
  retryMs?: number;
}

const encoder = new TextEncoder();

export function eventStream(opts: EventStreamOptions): ReadableStream<Uint8Array> {
  const batch = opts.batch ?? 200;
  let position = opts.from;
  let pending = true;
  let heartbeatDue = false;
  let closed = false;
  let wake: (() => void) | null = null;
  const signal = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  const unsubscribe = opts.hub.subscribe(() => {
    pending = true;
    signal();
  });
  const heartbeat = setInterval(() => {
    heartbeatDue = true;
    signal();
  }, opts.heartbeatMs ?? 15_000);
  heartbeat.unref();
  const stop = () => {
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    signal();
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(`retry: ${opts.retryMs ?? 2_000}\n: connected\n\n`));
      },
      async pull(controller) {
        while (!closed) {
          if (pending) {
            pending = false;
            let page;
            try {
              page = await opts.queries.readFeed(position, opts.filter, batch);
            } catch (error) {
              stop();
              controller.error(error);
              return;
            }
            position = page.position;
            if (!page.caughtUp) pending = true;
            if (page.events.length === 0) continue;
            const text = page.events
              .map((e) => `id: ${formatCursor(e.network_epoch, e.id)}\ndata: ${JSON.stringify(e)}\n\n`)
              .join('');
            controller.enqueue(encoder.encode(text));
            return;
          }
          if (heartbeatDue) {
            heartbeatDue = false;
            controller.enqueue(encoder.encode(': keep-alive\n\n'));
            return;
          }
          await new Promise<void>((resolve) => (wake = resolve));
        }
      },
      cancel: stop,
    },
    { highWaterMark: 0 },
  );
}
