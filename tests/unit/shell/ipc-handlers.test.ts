import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PREFERENCES, ipcChannels, MAX_API_BODY_BYTES, type PreferencesPatch } from '../../../src/shared/ipc';
import { createLogger } from '../../../src/main/engine/log/logger';
import { IpcError } from '../../../src/main/shell/ipc-error';
import { registerIpcHandlers, type IpcHandlerDeps, type IpcInvokeEvent } from '../../../src/main/shell/ipc-handlers';
import { isAppUrl } from '../../../src/main/shell/renderer-protocol';
import { ipcMain, resetFakes } from './fake-electron';

const fromApp: IpcInvokeEvent = { senderFrame: { url: 'app://notifychain/index.html', parent: null } };
const EVENT_ID = '0000004294967296000-0000000001';

function setup(over: Partial<IpcHandlerDeps> = {}) {
  const deps = {
    ipcMain,
    isAppUrl: (url: string) => isAppUrl(url, undefined),
    forwardApi: vi.fn(async () => ({ status: 200, body: { ok: true } })),
    getPreferences: vi.fn(() => DEFAULT_PREFERENCES),
    setPreferences: vi.fn((patch: PreferencesPatch) => ({ ...DEFAULT_PREFERENCES, ...patch })),
    openExternal: vi.fn(async () => {}),
    setDoNotDisturb: vi.fn(() => 123),
    focusEvent: vi.fn(),
    appInfo: vi.fn(() => ({ version: '0.1.0', platform: 'linux' })),
    log: createLogger('silent'),
    ...over,
  };
  const registration = registerIpcHandlers(deps);
  const call = (channel: string, ...args: unknown[]) => call2(fromApp, channel, ...args);
  const call2 = async (event: IpcInvokeEvent, channel: string, ...args: unknown[]) => {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  };
  return { deps, registration, call, callFrom: call2 };
}

describe('IPC handlers', () => {
  beforeEach(() => resetFakes());

  it('answers every channel of the shared contract', () => {
    setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.keys(ipcChannels).sort());
  });

  it('routes a valid API request to the forwarder and wraps the answer', async () => {
    const { deps, call } = setup();
    const answer = await call('api:request', { method: 'POST', path: '/api/contracts', body: { id: 'C…' } });
    expect(answer).toEqual({ ok: true, value: { status: 200, body: { ok: true } } });
    expect(deps.forwardApi).toHaveBeenCalledWith({ method: 'POST', path: '/api/contracts', body: { id: 'C…' } });
  });

  it.each([
    ['a path outside the API', { method: 'GET', path: '/etc/passwd' }],
    ['a path climbing out with ..', { method: 'GET', path: '/api/../metrics' }],
    ['a percent-encoded climb', { method: 'GET', path: '/api/%2e%2e/%2e%2e/secret' }],
    ['an absolute URL', { method: 'GET', path: 'http://evil.example/api/events' }],
    ['a protocol-relative URL', { method: 'GET', path: '//evil.example/api/events' }],
    ['a backslash', { method: 'GET', path: '/api\\..\\x' }],
    ['a fragment', { method: 'GET', path: '/api/events#x' }],
    ['a header injection', { method: 'GET', path: '/api/events\r\nX-Evil: 1' }],
    ['another method', { method: 'PATCH', path: '/api/events' }],
    ['a lower-case method', { method: 'get', path: '/api/events' }],
    ['a body on GET', { method: 'GET', path: '/api/events', body: { a: 1 } }],
    ['an unknown field', { method: 'GET', path: '/api/events', headers: { Authorization: 'x' } }],
    ['a body that is too large', { method: 'POST', path: '/api/contracts', body: 'x'.repeat(MAX_API_BODY_BYTES + 1) }],
    ['not an object', 'GET /api/events'],
    ['nothing', undefined],
  ])('refuses %s with ipc.invalid_input and never forwards it', async (_name, request) => {
    const { deps, call } = setup();
    const answer = await call('api:request', request);
    expect(answer).toMatchObject({ ok: false, code: 'ipc.invalid_input' });
    expect(deps.forwardApi).not.toHaveBeenCalled();
  });

  it('accepts /health, /metrics and API paths with a query string', async () => {
    const { call } = setup();
    for (const path of ['/health', '/metrics', '/api/events?limit=50&contract_id=CA3D', '/api/events/0000004294967296000-0000000001']) {
      expect(await call('api:request', { method: 'GET', path })).toMatchObject({ ok: true });
    }
  });

  it('refuses calls from a page that is not the app, or from a frame inside it', async () => {
    const { deps, callFrom } = setup();
    const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } };
    const framed = { senderFrame: { url: 'app://notifychain/index.html', parent: {} } };
    const gone = { senderFrame: null };
    for (const event of [foreign, framed, gone]) {
      expect(await callFrom(event, 'prefs:get')).toMatchObject({ ok: false, code: 'ipc.forbidden' });
    }
    expect(await callFrom(foreign, 'api:request', { method: 'GET', path: '/health' })).toMatchObject({ code: 'ipc.forbidden' });
    expect(deps.forwardApi).not.toHaveBeenCalled();
  });

  it('opens explorer links in the browser and refuses every other URL', async () => {
    const { deps, call } = setup();
    expect(await call('shell:open-external', { url: 'https://stellar.expert/explorer/testnet/tx/abc' })).toEqual({ ok: true, value: null });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'https://evil.example/', 'https://stellar.expert.evil.example/', 'https://user@stellar.expert/', 'smb://stellar.expert/x']) {
      expect(await call('shell:open-external', { url })).toMatchObject({ ok: false, code: 'ipc.forbidden' });
    }
    expect(deps.openExternal).toHaveBeenCalledTimes(1);
  });

  it('changes preferences only with known fields and valid values', async () => {
    const { deps, call } = setup();
    expect(await call('prefs:set', { theme: 'dark', minNotificationPriority: 'critical' })).toMatchObject({ ok: true, value: { theme: 'dark' } });
    for (const patch of [{ theme: 'neon' }, { doNotDisturbUntil: 1 }, { launchAtLogin: 'yes' }, { __proto__: { theme: 'dark' }, polluted: true }]) {
      expect(await call('prefs:set', patch)).toMatchObject({ ok: false, code: 'ipc.invalid_input' });
    }
    expect(deps.setPreferences).toHaveBeenCalledTimes(1);
  });

  it('sets do not disturb by mode and answers when it ends', async () => {
    const { deps, call } = setup();
    expect(await call('dnd:set', { mode: 'one-hour' })).toEqual({ ok: true, value: { until: 123 } });
    expect(await call('dnd:set', { mode: 'forever' })).toMatchObject({ ok: false, code: 'ipc.invalid_input' });
    expect(deps.setDoNotDisturb).toHaveBeenCalledWith('one-hour');
  });

  it('focuses the window on a well-formed event id only', async () => {
    const { deps, call } = setup();
    expect(await call('window:focus-event', { eventId: EVENT_ID })).toEqual({ ok: true, value: null });
    expect(await call('window:focus-event', { eventId: '<img src=x>' })).toMatchObject({ ok: false, code: 'ipc.invalid_input' });
    expect(deps.focusEvent).toHaveBeenCalledExactlyOnceWith(EVENT_ID);
  });

  it('takes no arguments where none are expected, and never more than one', async () => {
    const { call } = setup();
    expect(await call('prefs:get', { sneaky: true })).toMatchObject({ code: 'ipc.invalid_input' });
    expect(await call('app:info', undefined, 'extra')).toMatchObject({ code: 'ipc.invalid_input' });
    expect(await call('app:info')).toEqual({ ok: true, value: { version: '0.1.0', platform: 'linux' } });
  });

  it('a failing handler answers a code and a plain message, never a stack trace', async () => {
    const secret = new Error('SQLITE_CORRUPT at /home/me/.local/share/notifychain/notifychain.db');
    const { call } = setup({
      getPreferences: () => {
        throw secret;
      },
      forwardApi: async () => {
        throw new IpcError('api.unreachable', 'the local API cannot be reached');
      },
    });
    const answer = await call('prefs:get');
    expect(answer).toEqual({ ok: false, code: 'ipc.internal', message: 'internal error' });
    expect(JSON.stringify(answer)).not.toContain('SQLITE');
    expect(await call('api:request', { method: 'GET', path: '/health' })).toEqual({ ok: false, code: 'api.unreachable', message: 'the local API cannot be reached' });
  });

  it('after stop, handlers are gone and calls already running answer "unavailable"', async () => {
    let release!: () => void;
    const { registration, call } = setup({
      forwardApi: () => new Promise((resolve) => (release = () => resolve({ status: 200, body: null }))),
    });
    const running = call('api:request', { method: 'GET', path: '/health' });
    registration.stop();
    release();
    expect(await running).toMatchObject({ ok: false, code: 'ipc.unavailable' });
    expect(ipcMain.handlers.size).toBe(0);
    await expect(call('prefs:get')).rejects.toThrow(/No handler/);
  });
});
