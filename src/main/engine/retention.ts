// Retention: removes events older than their window in small batches, yielding between batches
// so ingestion and the API are never blocked for long. A contract's own retention (keep forever,
// or N days) wins over the global RETENTION_DAYS; coverage is trimmed with the events.
import type { Clock } from './clock';
import type { Logger } from './log/logger';
import type { RetentionScope, Store } from './store/store';

const BATCH = 1_000;
const DAY_MS = 86_400_000;

export async function pruneOldEvents(store: Store, retentionDays: number, clock: Clock, log: Logger, signal?: AbortSignal): Promise<number> {
  const own = (await store.listContracts()).filter((c) => c.retentionDays !== null);
  const passes: Array<{ days: number; scope: RetentionScope }> = [
    { days: retentionDays, scope: own.length > 0 ? { excluding: own.map((c) => c.id) } : {} },
    ...own.map((c) => ({ days: c.retentionDays!, scope: { contractId: c.id } })),
  ];
  let removed = 0;
  for (const { days, scope } of passes) {
    if (days <= 0 || signal?.aborted) continue; // 0: keep forever
    const before = new Date(clock.now() - days * DAY_MS).toISOString();
    let n = 0;
    for (;;) {
      const batch = await store.deleteEventsBefore(before, BATCH, scope);
      n += batch;
      if (batch < BATCH || signal?.aborted) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (n > 0) log.info('retention: removed old events', { removed: n, before, ...(scope.contractId ? { contractId: scope.contractId } : {}) });
    removed += n;
  }
  return removed;
}
