// Schedulers for tests: on a given store, a fake clock, silent logs, small batches.
import { silentLogger } from '../../../../src/main/engine/log/logger';
import { Scheduler, type SchedulerOptions } from '../../../../src/main/engine/scheduler/scheduler';
import type { NotificationRecord, ReminderInput } from '../../../../src/main/engine/store/notification-store';
import type { Store } from '../../../../src/main/engine/store/store';
import type { Clock } from '../../../../src/main/engine/clock';

export const START = Date.UTC(2026, 10, 25, 12, 0, 0);
export const MINUTE = 60_000;
export const iso = (ms: number) => new Date(ms).toISOString();

export function makeScheduler(store: Store, clock: Clock, opts: Partial<SchedulerOptions> = {}): Scheduler {
  return new Scheduler({
    store,
    clock,
    log: silentLogger,
    processorId: 'processor-a',
    pollIntervalMs: 1_000,
    retentionDays: 0,
    wakeDispatcher: () => {},
    leaseMs: MINUTE,
    ...opts,
  });
}

let next = 0;

/** A local reminder due at `when` (ms), created at `createdAt` (ms). */
export function reminder(when: number, opts: Partial<ReminderInput> & { createdAt?: string } = {}): ReminderInput {
  next += 1;
  return {
    id: `local-test-${String(next).padStart(6, '0')}`,
    message: `reminder ${next}`,
    scheduledFor: iso(when),
    expiresAt: null,
    targetIds: [],
    creator: 'api',
    createdAt: iso(START),
    ...opts,
  };
}

/** The row as it should compare across stores and orders: without bookkeeping that may differ. */
export function comparable(n: NotificationRecord | null): Omit<NotificationRecord, 'id' | 'updatedAt' | 'leaseOwner'> | null {
  if (!n) return null;
  const { id: _id, updatedAt: _u, leaseOwner: _l, ...rest } = n;
  return rest;
}
