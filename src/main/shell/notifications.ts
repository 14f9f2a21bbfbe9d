// Native notifications for stored events: which events notify (the user's minimum priority and
// do not disturb), bursts coalesced into one ("12 new events from AutoShare"), and a click that
// opens the window on the newest event of the burst.
import type { Priority, StoredEvent } from '../../shared/model';
import { PRIORITIES } from '../../shared/model';
import type { Preferences } from '../../shared/ipc';
import { Coalescer, systemCoalesceClock, type CoalesceClock } from './coalesce';
import { isDndActive } from './dnd';

/** Events arriving this close together make one notification. */
export const BURST_WINDOW_MS = 2_000;
/** At most one ordinary notification this often; critical ones only wait for the burst window. */
export const ORDINARY_COOLDOWN_MS = 30_000;
const MAX_KEPT = 20;

export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

export interface NotificationFactory {
  new (options: { title: string; body: string; silent?: boolean; urgency?: 'normal' | 'critical' | 'low'; icon?: string }): NotificationLike;
  isSupported(): boolean;
}

export interface NotifierOptions {
  Notification: NotificationFactory;
  preferences(): Preferences;
  contractName(contractId: string): string;
  /** Opens the window on this event. */
  onClick(eventId: string): void;
  clock?: CoalesceClock;
  icon?: string;
}

export interface NotificationText {
  title: string;
  body: string;
  /** The event a click opens: the newest of the group. */
  eventId: string;
}

const rank = (priority: Priority | null) => (priority === null ? -1 : PRIORITIES.indexOf(priority));

/** Whether this event may notify now, given the preferences. */
export function shouldNotify(event: StoredEvent, prefs: Preferences, now: number): boolean {
  if (!prefs.notificationsEnabled) return false;
  if (prefs.minNotificationPriority !== 'any' && rank(event.priority) < rank(prefs.minNotificationPriority)) return false;
  if (!isDndActive(prefs.doNotDisturbUntil, now)) return true;
  return event.priority === 'critical' && prefs.allowCriticalDuringDnd;
}

export function describeGroup(events: StoredEvent[], critical: boolean, contractName: (id: string) => string): NotificationText {
  const newest = events[events.length - 1]!;
  if (events.length === 1) {
    const where = [newest.priority, newest.category].filter(Boolean).join(' · ');
    return {
      title: `${newest.event_type} · ${contractName(newest.contract_id)}`,
      body: `${where ? `${capitalise(where)} · ` : ''}ledger ${newest.ledger_sequence}`,
      eventId: newest.id,
    };
  }
  const contracts = [...new Set(events.map((e) => e.contract_id))].map(contractName);
  const from = contracts.length === 1 ? contracts[0]! : contracts.length === 2 ? `${contracts[0]} and ${contracts[1]}` : `${contracts.length} contracts`;
  return {
    title: `${events.length} new ${critical ? 'critical ' : ''}events from ${from}`,
    body: typeSummary(events),
    eventId: newest.id,
  };
}

/** `withdrawal ×5, deposit ×4 and 2 more types`, most frequent first. */
function typeSummary(events: StoredEvent[]): string {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.event_type, (counts.get(e.event_type) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, 3).map(([type, n]) => (n > 1 ? `${type} ×${n}` : type));
  const more = sorted.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more type${more === 1 ? '' : 's'}` : shown.join(', ');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export class Notifier {
  private readonly clock: CoalesceClock;
  private readonly ordinary: Coalescer<StoredEvent>;
  private readonly critical: Coalescer<StoredEvent>;
  /** Shown notifications are kept referenced: one that is garbage-collected loses its click. */
  private readonly kept = new Set<NotificationLike>();

  constructor(private readonly opts: NotifierOptions) {
    this.clock = opts.clock ?? systemCoalesceClock;
    const common = { key: () => 'all', clock: this.clock };
    this.ordinary = new Coalescer({ ...common, windowMs: BURST_WINDOW_MS, cooldownMs: ORDINARY_COOLDOWN_MS, flush: (_, items) => this.show(items, false) });
    this.critical = new Coalescer({ ...common, windowMs: BURST_WINDOW_MS, cooldownMs: 0, flush: (_, items) => this.show(items, true) });
  }

  handle(events: StoredEvent[]): void {
    if (!this.opts.Notification.isSupported()) return;
    const prefs = this.opts.preferences();
    const now = this.clock.now();
    for (const event of events) {
      if (!shouldNotify(event, prefs, now)) continue;
      (event.priority === 'critical' ? this.critical : this.ordinary).add(event);
    }
  }

  dispose(): void {
    this.ordinary.dispose();
    this.critical.dispose();
    this.kept.clear();
  }

  private show(events: StoredEvent[], critical: boolean): void {
    // Do not disturb may have been switched on while the burst was gathering.
    const prefs = this.opts.preferences();
    const now = this.clock.now();
    const still = events.filter((event) => shouldNotify(event, prefs, now));
    if (still.length === 0) return;
    const text = describeGroup(still, critical, this.opts.contractName);
    const notification = new this.opts.Notification({
      title: text.title,
      body: text.body,
      urgency: critical ? 'critical' : 'normal',
      ...(this.opts.icon ? { icon: this.opts.icon } : {}),
    });
    const forget = () => this.kept.delete(notification);
    notification.on('click', () => {
      forget();
      this.opts.onClick(text.eventId);
    });
    notification.on('close', forget);
    if (this.kept.size >= MAX_KEPT) this.kept.delete(this.kept.values().next().value!);
    this.kept.add(notification);
    notification.show();
  }
}
