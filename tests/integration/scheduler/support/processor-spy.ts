// A store as one scheduler sees it, recording which rows that processor closed, with a hook
// after each chunk (to stop a processor mid-batch, as a crash would).
import type { NotificationStore } from '../../../../src/main/engine/store/notification-store';
import type { Store } from '../../../../src/main/engine/store/store';

export interface Spied {
  store: Store;
  /** Ids this processor closed (complete() said so), in order. */
  closed: string[];
}

export function spyOnStore(store: Store, afterChunk?: (closedSoFar: number) => void): Spied {
  const closed: string[] = [];
  const inner = store.notifications;
  const notifications: NotificationStore = {
    get: (id) => inner.get(id),
    list: (q) => inner.list(q),
    createReminder: (r) => inner.createReminder(r),
    revokeReminder: (id, by, at) => inner.revokeReminder(id, by, at),
    claimDue: (owner, o) => inner.claimDue(owner, o),
    complete: async (owner, completions) => {
      const ids = await inner.complete(owner, completions);
      closed.push(...ids);
      afterChunk?.(closed.length);
      return ids;
    },
    releaseLeases: (owner) => inner.releaseLeases(owner),
    claimChainExpiry: (owner, o) => inner.claimChainExpiry(owner, o),
    recordChainExpiry: (owner, id, r) => inner.recordChainExpiry(owner, id, r),
    deleteFinishedBefore: (before, limit) => inner.deleteFinishedBefore(before, limit),
  };
  return { store: { kind: store.kind, notifications } as unknown as Store, closed };
}
