import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import type { NotifyChainApi } from '../../../src/shared/ipc';
import { contextBridge, ipcRenderer } from './fake-electron';

let api: NotifyChainApi;
let exposedName: string;
let exposures: number;

beforeAll(async () => {
  await import('../../../src/preload/index');
  exposures = contextBridge.exposeInMainWorld.mock.calls.length;
  [exposedName, api] = contextBridge.exposeInMainWorld.mock.calls[0] as [string, NotifyChainApi];
});

beforeEach(() => {
  ipcRenderer.invoke.mockReset();
});

const EVENT_ID = '0000004294967296000-0000000001';

describe('window.notifychain', () => {
  it('is the only thing exposed, with exactly the contract\'s methods and no ipcRenderer', () => {
    expect(exposures).toBe(1);
    expect(exposedName).toBe('notifychain');
    expect(Object.keys(api).sort()).toEqual([
      'focusEvent', 'getAppInfo', 'getPreferences', 'onEventsStored', 'onPreferencesChanged', 'onShowEvent', 'onStatus',
      'openExternal', 'request', 'setDoNotDisturb', 'setPreferences',
    ]);
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(JSON.stringify(Object.keys(api))).not.toContain('ipc');
  });

  it('each method sends its own channel with its argument shaped for the contract', async () => {
    ipcRenderer.invoke.mockResolvedValue({ ok: true, value: null });
    await api.openExternal('https://stellar.expert/x');
    await api.setDoNotDisturb('one-hour');
    await api.focusEvent(EVENT_ID);
    await api.getPreferences();
    expect(ipcRenderer.invoke.mock.calls).toEqual([
      ['shell:open-external', { url: 'https://stellar.expert/x' }],
      ['dnd:set', { mode: 'one-hour' }],
      ['window:focus-event', { eventId: EVENT_ID }],
      ['prefs:get', undefined],
    ]);
  });

  it('answers from main are checked against the contract before the page sees them', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { status: 200, body: { status: 'ok' } } });
    expect(await api.request({ method: 'GET', path: '/health' })).toEqual({ ok: true, value: { status: 200, body: { status: 'ok' } } });
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { status: 'two hundred' } });
    expect(await api.request({ method: 'GET', path: '/health' })).toMatchObject({ ok: false, code: 'ipc.internal' });
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, code: 'api.unreachable', message: 'the local API cannot be reached' });
    expect(await api.request({ method: 'GET', path: '/health' })).toEqual({ ok: false, code: 'api.unreachable', message: 'the local API cannot be reached' });
  });

  it('when main is not answering (quitting), calls resolve to ipc.unavailable instead of throwing', async () => {
    ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'prefs:get'"));
    expect(await api.getPreferences()).toMatchObject({ ok: false, code: 'ipc.unavailable' });
  });

  it('pushed events are parsed; malformed ones never reach the page; unsubscribing stops them', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const shown: string[] = [];
    const stop = api.onShowEvent(({ eventId }) => shown.push(eventId));
    ipcRenderer.emit('window:show-event', {}, { eventId: EVENT_ID });
    ipcRenderer.emit('window:show-event', {}, { eventId: '<script>' });
    ipcRenderer.emit('window:show-event', {}, 'garbage');
    stop();
    ipcRenderer.emit('window:show-event', {}, { eventId: EVENT_ID });
    expect(shown).toEqual([EVENT_ID]);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(ipcRenderer.listenerCount('window:show-event')).toBe(0);
    warn.mockRestore();
  });

  it('status pushes carry the engine status', () => {
    const states: string[] = [];
    const stop = api.onStatus((s) => states.push(s.state));
    ipcRenderer.emit('engine:status', {}, { state: 'live', latestLedger: 10, cursorLedger: 10, lastPollAt: 1, lastSuccessAt: 1, lastError: null });
    stop();
    expect(states).toEqual(['live']);
  });
});
