// The main side of the IPC contract (src/shared/ipc.ts): one handler per channel. Each checks
// that the call comes from the app's own page, validates its input with the shared schema, and
// answers `{ ok: true, value }` or `{ ok: false, code, message }`, never a thrown error.
import { z } from 'zod';
import {
  ipcChannels,
  type ApiRequest,
  type ApiResponse,
  type DndMode,
  type IpcChannel,
  type IpcResponse,
  type IpcResult,
  type Preferences,
  type PreferencesPatch,
} from '../../shared/ipc';
import type { Logger } from '../engine/log/logger';
import { isExplorerUrl } from './external-links';
import { IpcError } from './ipc-error';

/** What Electron passes a handler, reduced to what the sender check reads. */
export interface IpcInvokeEvent {
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcHandlerDeps {
  ipcMain: IpcMainLike;
  isAppUrl(url: string): boolean;
  forwardApi(request: ApiRequest): Promise<ApiResponse>;
  getPreferences(): Preferences;
  setPreferences(patch: PreferencesPatch): Preferences;
  openExternal(url: string): Promise<void>;
  setDoNotDisturb(mode: DndMode): number | null;
  focusEvent(eventId: string): void;
  appInfo(): IpcResponse<'app:info'>;
  log: Logger;
}

type Implementations = {
  [C in IpcChannel]: (request: z.output<(typeof ipcChannels)[C]['request']>) => IpcResponse<C> | Promise<IpcResponse<C>>;
};

export interface IpcRegistration {
  /** Stops answering: calls in flight and new calls get `ipc.unavailable`. */
  stop(): void;
}

export function registerIpcHandlers(deps: IpcHandlerDeps): IpcRegistration {
  const impl: Implementations = {
    'api:request': (request) => deps.forwardApi(request),
    'prefs:get': () => deps.getPreferences(),
    'prefs:set': (patch) => deps.setPreferences(patch),
    'shell:open-external': async ({ url }) => {
      if (!isExplorerUrl(url)) throw new IpcError('ipc.forbidden', 'only Stellar explorer links (http or https) open outside the app');
      await deps.openExternal(url);
      return null;
    },
    'dnd:set': ({ mode }) => ({ until: deps.setDoNotDisturb(mode) }),
    'window:focus-event': ({ eventId }) => {
      deps.focusEvent(eventId);
      return null;
    },
    'app:info': () => deps.appInfo(),
  };

  let accepting = true;
  const channels = Object.keys(ipcChannels) as IpcChannel[];
  for (const channel of channels) {
    deps.ipcMain.handle(channel, (event, ...args) => answer(channel, event, args));
  }

  async function answer<C extends IpcChannel>(channel: C, event: IpcInvokeEvent, args: unknown[]): Promise<IpcResult<IpcResponse<C>>> {
    if (!accepting) return failure('ipc.unavailable', 'the app is shutting down');
    const frame = event.senderFrame;
    // Only the app's own top-level page: not an iframe, not a page it was tricked into loading.
    if (!frame || frame.parent || !deps.isAppUrl(frame.url)) return failure('ipc.forbidden', 'this page may not call NotifyChain');
    if (args.length > 1) return failure('ipc.invalid_input', `${channel} takes one argument`);
    const parsed = ipcChannels[channel].request.safeParse(args[0]);
    if (!parsed.success) return failure('ipc.invalid_input', describeIssues(parsed.error));
    try {
      const run = impl[channel] as (request: unknown) => IpcResponse<C> | Promise<IpcResponse<C>>;
      const value = await run(parsed.data);
      if (!accepting) return failure('ipc.unavailable', 'the app is shutting down');
      return { ok: true, value };
    } catch (error) {
      if (error instanceof IpcError) return failure(error.code, error.message);
      deps.log.error('IPC handler failed', { channel, error });
      return failure('ipc.internal', 'internal error');
    }
  }

  return {
    stop() {
      if (!accepting) return;
      accepting = false;
      for (const channel of channels) deps.ipcMain.removeHandler(channel);
    },
  };
}

function failure<T>(code: Extract<IpcResult<T>, { ok: false }>['code'], message: string): IpcResult<T> {
  return { ok: false, code, message };
}

/** `path: must start with /api/; body: …`, short and without echoing the input back. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ')
    .slice(0, 500);
}
