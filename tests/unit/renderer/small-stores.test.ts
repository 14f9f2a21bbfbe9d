import { describe, expect, test } from 'vitest';
import { createDeliveriesStore } from '../../../src/renderer/src/stores/deliveries-store';
import { EMPTY_FILTER } from '../../../src/renderer/src/stores/feed-filter';
import { createNotificationsStore } from '../../../src/renderer/src/stores/notifications-store';
import { createSettingsStore, THEME_KEY } from '../../../src/renderer/src/stores/settings-store';
import { createViewsStore, VIEWS_KEY } from '../../../src/renderer/src/stores/views-store';
import { fail, fakeTransport, ok } from './fake-transport';

const storage = () => {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
};

describe('saved views', () => {
  test('are kept across reloads, replaced by name and deleted', () => {
    const s = storage();
    const views = createViewsStore(s);
    expect(views.getState().save('  ', EMPTY_FILTER)).toMatch(/name/);
    expect(views.getState().save('big withdrawals', { ...EMPTY_FILTER, types: ['withdrawal'] })).toBeNull();
    views.getState().save('big withdrawals', { ...EMPTY_FILTER, types: ['withdrawal'], priorities: ['critical'] });
    const reloaded = createViewsStore(s);
    expect(reloaded.getState().views).toEqual([{ name: 'big withdrawals', filter: { ...EMPTY_FILTER, types: ['withdrawal'], priorities: ['critical'] } }]);
    reloaded.getState().remove('big withdrawals');
    expect(JSON.parse(s.map.get(VIEWS_KEY)!)).toEqual([]);
  });

  test('a damaged saved list opens as empty', () => {
    const s = storage();
    s.setItem(VIEWS_KEY, '{not json');
    expect(createViewsStore(s).getState().views).toEqual([]);
  });
});

describe('deliveries', () => {
  test('"send all failed again" asks for the failed and dead ones of that target and says how many', async () => {
    const transport = fakeTransport((method, path) =>
      method === 'POST' ? ok({ redelivered: 3 }) : path.startsWith('/api/deliveries') ? ok({ deliveries: [], next_before: null }) : fail(404, 'route.not_found'));
    const store = createDeliveriesStore(transport);
    await store.getState().setFilter({ targetId: 7, status: 'dead' });
    expect(transport.calls[0]!.path).toBe('/api/deliveries?limit=100&target_id=7&status=dead');
    await store.getState().redeliverTarget(7);
    expect(transport.calls.find((c) => c.method === 'POST')).toEqual({ method: 'POST', path: '/api/targets/7/redeliver', body: { statuses: ['failed', 'dead'] } });
    expect(store.getState().notice).toBe('3 failed deliveries are queued to be sent again.');
  });
});

describe('notifications', () => {
  test('an engine without the notifications list shows the empty state, not an error', async () => {
    const store = createNotificationsStore(fakeTransport(() => fail(404, 'route.not_found')));
    await store.getState().refresh();
    expect(store.getState()).toMatchObject({ available: false, error: null, rows: [] });
  });

  test('a reminder in the past is refused before it is sent', async () => {
    const transport = fakeTransport(() => ok({ notifications: [], has_more: false, next_cursor: null }));
    const store = createNotificationsStore(transport);
    expect(await store.getState().addReminder({ message: 'rotate keys', when: '2020-01-01T10:00', targetIds: [] })).toMatch(/future/);
    expect(transport.calls).toEqual([]);
  });
});

describe('settings', () => {
  test('the theme is remembered', async () => {
    const s = storage();
    await createSettingsStore(fakeTransport(() => ok({})), s).getState().setTheme('dark');
    expect(s.map.get(THEME_KEY)).toBe('dark');
    expect(createSettingsStore(fakeTransport(() => ok({})), s).getState().theme).toBe('dark');
  });

  test('an engine that cannot make a new token says how to do it by hand', async () => {
    const store = createSettingsStore(fakeTransport(() => fail(404, 'route.not_found')), storage());
    await store.getState().regenerateToken();
    expect(store.getState().error).toMatch(/delete the api-token file/);
  });
});
