// The renderer's only door to the main process: one `window.notifychain` object, every method
// written out and checked against NotifyChainApi. Answers and pushed payloads are parsed with
// the shared schemas before the page sees them; ipcRenderer itself is never exposed.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  ipcChannels,
  ipcEvents,
  ipcResultSchema,
  type IpcChannel,
  type IpcEventName,
  type IpcEventPayload,
  type IpcResponse,
  type IpcResult,
  type NotifyChainApi,
} from '../shared/ipc';

async function invoke<C extends IpcChannel>(channel: C, request?: unknown): Promise<IpcResult<IpcResponse<C>>> {
  let raw: unknown;
  try {
    raw = await ipcRenderer.invoke(channel, request);
  } catch {
    // No handler: main has stopped answering (quitting) or not started yet.
    return { ok: false, code: 'ipc.unavailable', message: 'NotifyChain is not answering (starting or shutting down)' };
  }
  const parsed = ipcResultSchema(ipcChannels[channel].response).safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'ipc.internal', message: `unexpected answer on ${channel}` };
  return parsed.data as IpcResult<IpcResponse<C>>;
}

function subscribe<E extends IpcEventName>(name: E, listener: (payload: IpcEventPayload<E>) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: unknown) => {
    const parsed = ipcEvents[name].safeParse(payload);
    if (parsed.success) listener(parsed.data as IpcEventPayload<E>);
    else console.warn(`NotifyChain: dropped a malformed ${name} message`);
  };
  ipcRenderer.on(name, handler);
  return () => {
    ipcRenderer.removeListener(name, handler);
  };
}

const api = {
  request: (request) => invoke('api:request', request),
  getPreferences: () => invoke('prefs:get'),
  setPreferences: (patch) => invoke('prefs:set', patch),
  openExternal: (url) => invoke('shell:open-external', { url }),
  setDoNotDisturb: (mode) => invoke('dnd:set', { mode }),
  focusEvent: (eventId) => invoke('window:focus-event', { eventId }),
  getAppInfo: () => invoke('app:info'),
  onEventsStored: (listener) => subscribe('engine:events-stored', listener),
  onStatus: (listener) => subscribe('engine:status', listener),
  onPreferencesChanged: (listener) => subscribe('prefs:changed', listener),
  onShowEvent: (listener) => subscribe('window:show-event', listener),
} satisfies NotifyChainApi;

contextBridge.exposeInMainWorld('notifychain', api);
