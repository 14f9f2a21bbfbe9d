// RETENTION_DAYS: removes events older than the window in small batches, yielding between
// batches so ingestion and the API are never blocked for long.
import type { Clock } from './clock';
import type { Logger } from './log/logger';
import type { Store } from './store/store';

const BATCH = 1_000;

export async function pruneOldEvents(store: Store, retentionDays: number, clock: Clock, log: Logger, signal?: AbortSignal): Promise<number> {
  if (retentionDays <= 0) return 0;
  const before = new Date(clock.now() - retentionDays * 86_400_000).toISOString();
  let removed = 0;
  for (;;) {
    const n = await store.deleteEventsBefore(before, BATCH);
    removed += n;
    if (n < BATCH || signal?.aborted) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (removed > 0) log.info('retention: removed old events', { removed, before });
  return removed;
}
