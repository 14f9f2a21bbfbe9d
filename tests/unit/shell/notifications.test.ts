import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PREFERENCES, type Preferences } from '../../../src/shared/ipc';
import { BURST_WINDOW_MS, Notifier, ORDINARY_COOLDOWN_MS, shouldNotify } from '../../../src/main/shell/notifications';
import { AUTOSHARE, storedEvent, TASKBOUNTY } from './events';
import { Notification, resetFakes } from './fake-electron';

const names: Record<string, string> = { [AUTOSHARE]: 'AutoShare', [TASKBOUNTY]: 'TaskBounty' };

function setup(prefs: Partial<Preferences> = {}) {
  let current: Preferences = { ...DEFAULT_PREFERENCES, minNotificationPriority: 'any', ...prefs };
  const onClick = vi.fn();
  const notifier = new Notifier({
    Notification,
    preferences: () => current,
    contractName: (id) => names[id] ?? id,
    onClick,
  });
  return { notifier, onClick, setPrefs: (p: Partial<Preferences>) => (current = { ...current, ...p }) };
}

const shown = () => Notification.shown.map((n) => ({ title: n.options.title, body: n.options.body }));

describe('desktop notifications', () => {
  beforeEach(() => {
    resetFakes();
    vi.useFakeTimers({ now: new Date(2026, 10, 25, 13, 0).getTime() });
  });
  afterEach(() => vi.useRealTimers());

  it('a burst of 12 events from one contract is one notification: "12 new events from AutoShare"', () => {
    const { notifier } = setup();
    const events = [
      ...Array.from({ length: 7 }, () => storedEvent({ event_type: 'withdrawal', priority: 'medium' })),
      ...Array.from({ length: 5 }, () => storedEvent({ event_type: 'deposit', priority: 'low' })),
    ];
    notifier.handle(events.slice(0, 4));
    notifier.handle(events.slice(4));
    expect(Notification.shown).toHaveLength(0);
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    expect(shown()).toEqual([{ title: '12 new events from AutoShare', body: 'withdrawal ×7, deposit ×5' }]);
  });

  it('a single event is named with its contract, priority, category and ledger', () => {
    const { notifier } = setup();
    notifier.handle([storedEvent({ event_type: 'contract_paused', priority: 'high', category: 'admin', ledger_sequence: 1234 })]);
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    expect(shown()).toEqual([{ title: 'contract_paused · AutoShare', body: 'High · admin · ledger 1234' }]);
  });

  it('events from several contracts say how many contracts', () => {
    const { notifier } = setup();
    notifier.handle([storedEvent(), storedEvent({ contract_id: TASKBOUNTY, event_type: 'task_created' })]);
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    expect(shown()[0]!.title).toBe('2 new events from AutoShare and TaskBounty');
  });

  it('clicking a notification opens the window on the newest event of the burst', () => {
    const { notifier, onClick } = setup();
    const events = [storedEvent(), storedEvent(), storedEvent()];
    notifier.handle(events);
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    Notification.shown[0]!.emit('click');
    expect(onClick).toHaveBeenCalledWith(events[2]!.id);
  });

  it('a steady stream notifies at most every 30 seconds, nothing is lost in between', () => {
    const { notifier } = setup();
    for (let i = 0; i < 12; i++) {
      notifier.handle([storedEvent()]);
      vi.advanceTimersByTime(5_000);
    }
    vi.advanceTimersByTime(ORDINARY_COOLDOWN_MS);
    expect(shown().map((n) => n.title)).toEqual(['withdrawal · AutoShare', '6 new events from AutoShare', '5 new events from AutoShare']);
  });

  it('events below the minimum priority do not notify', () => {
    const { notifier } = setup({ minNotificationPriority: 'high' });
    notifier.handle([storedEvent({ priority: 'low' }), storedEvent({ priority: 'medium' }), storedEvent({ priority: null })]);
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    expect(Notification.shown).toHaveLength(0);
    notifier.handle([storedEvent({ priority: 'high' })]);
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    expect(Notification.shown).toHaveLength(1);
  });

  it('do not disturb silences everything, critical included, unless the user allowed critical', () => {
    const until = Date.now() + 3_600_000;
    const { notifier, setPrefs } = setup({ doNotDisturbUntil: until });
    notifier.handle([storedEvent({ priority: 'high' }), storedEvent({ priority: 'critical' })]);
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    expect(Notification.shown).toHaveLength(0);

    setPrefs({ allowCriticalDuringDnd: true });
    notifier.handle([storedEvent({ priority: 'high' }), storedEvent({ priority: 'critical', event_type: 'emergency_withdrawal' })]);
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    expect(shown()).toEqual([{ title: 'emergency_withdrawal · AutoShare', body: 'Critical · financial · ledger ' + Notification.shown[0]!.options.body.split(' ').pop() }]);
    expect(Notification.shown[0]!.options.urgency).toBe('critical');
  });

  it('do not disturb ends by itself after its hour', () => {
    const { notifier } = setup({ doNotDisturbUntil: Date.now() + 3_600_000 });
    vi.advanceTimersByTime(3_600_001);
    notifier.handle([storedEvent()]);
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    expect(Notification.shown).toHaveLength(1);
  });

  it('a burst still gathering when do not disturb is switched on is not shown', () => {
    const { notifier, setPrefs } = setup();
    notifier.handle([storedEvent(), storedEvent()]);
    setPrefs({ doNotDisturbUntil: Date.now() + 60_000 });
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    expect(Notification.shown).toHaveLength(0);
  });

  it('critical events are not held back by the ordinary cooldown', () => {
    const { notifier } = setup();
    notifier.handle([storedEvent({ priority: 'low' })]);
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    notifier.handle([storedEvent({ priority: 'low' }), storedEvent({ priority: 'critical' }), storedEvent({ priority: 'critical' })]);
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    expect(shown().map((n) => n.title)).toEqual(['withdrawal · AutoShare', '2 new critical events from AutoShare']);
  });

  it('notifications turned off, or not supported by the system, show nothing', () => {
    const { notifier } = setup({ notificationsEnabled: false });
    notifier.handle([storedEvent({ priority: 'critical' })]);
    Notification.supported = false;
    const other = setup();
    other.notifier.handle([storedEvent()]);
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    expect(Notification.shown).toHaveLength(0);
  });

  it('quitting drops a burst that has not been shown yet', () => {
    const { notifier } = setup();
    notifier.handle([storedEvent()]);
    notifier.dispose();
    vi.advanceTimersByTime(BURST_WINDOW_MS);
    expect(Notification.shown).toHaveLength(0);
  });
});

describe('which events notify', () => {
  const now = 1_000_000;
  it('"any" includes events whose contract publishes no priority', () => {
    expect(shouldNotify(storedEvent({ priority: null }), { ...DEFAULT_PREFERENCES, minNotificationPriority: 'any' }, now)).toBe(true);
    expect(shouldNotify(storedEvent({ priority: null }), { ...DEFAULT_PREFERENCES, minNotificationPriority: 'low' }, now)).toBe(false);
  });
  it('by default only high and critical notify', () => {
    const decide = (priority: 'low' | 'medium' | 'high' | 'critical') => shouldNotify(storedEvent({ priority }), DEFAULT_PREFERENCES, now);
    expect(['low', 'medium', 'high', 'critical'].map((p) => decide(p as 'low'))).toEqual([false, false, true, true]);
  });
});
