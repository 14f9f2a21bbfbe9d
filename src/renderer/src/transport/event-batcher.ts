// Coalesces events that arrive one message at a time (SSE) into batches, so a catch-up of
// thousands of events re-renders the feed a few times rather than once per event.
import type { StoredEvent } from '../../../shared/model';

export function eventBatcher(deliver: (events: StoredEvent[]) => void, waitMs = 50) {
  let queue: StoredEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const batch = queue;
    queue = [];
    if (batch.length > 0) deliver(batch);
  };
  return {
    push(event: StoredEvent) {
      queue.push(event);
      timer ??= setTimeout(flush, waitMs);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      queue = [];
    },
  };
}
