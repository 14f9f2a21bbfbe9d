// The one contract between the Electron main process, the preload and the renderer: every
// request channel with its request and response schema, every pushed event with its payload
// schema, and the `window.notifychain` API built on them. Main validates requests with these
// schemas; the preload parses answers and pushed payloads with them.
//
// Kept free of heavy imports: the preload is a sandboxed bundle, and `./api/events` (which has
// a StoredEvent schema too) pulls in the Stellar SDK through the contract-id check.
import { z } from 'zod';
import { CATEGORIES, DECODE_STATUSES, PRIORITIES, type StoredEvent } from './model';

// ---- api:request ---------------------------------------------------------------------------

export const API_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;
export const MAX_API_PATH_LENGTH = 2048;
export const MAX_API_BODY_BYTES = 1_000_000;

/** `/api/…`, `/health` or `/metrics`, with an optional query string; nothing that can climb out. */
const API_PATH = /^\/(?:api\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*|health|metrics)(?:\?[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*)?$/;

export function apiPathProblem(path: string): string | null {
  if (path.length > MAX_API_PATH_LENGTH) return `is longer than ${MAX_API_PATH_LENGTH} characters`;
  if (!API_PATH.test(path)) return 'must be /health, /metrics or start with /api/ (no scheme, host or fragment)';
  const [pathname = ''] = path.split('?', 1);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return 'has a broken percent-escape';
  }
  // Percent-decoding happens in the server's router, so check the decoded form too.
  if (/(^|\/)\.\.?(\/|$)/.test(decoded) || decoded.includes('//') || /[\\\u0000-\u001f]/.test(decoded)) {
    return 'must not contain dot segments, empty segments, backslashes or control characters';
  }
  return null;
}

const apiPathSchema = z.string().superRefine((path, ctx) => {
  const problem = apiPathProblem(path);
  if (problem) ctx.addIssue({ code: 'custom', message: `path ${problem}` });
});

export const apiRequestSchema = z
  .strictObject({
    method: z.enum(API_METHODS),
    path: apiPathSchema,
    body: z.json().optional(),
  })
  .superRefine((request, ctx) => {
    if (request.body === undefined) return;
    if (request.method === 'GET') ctx.addIssue({ code: 'custom', path: ['body'], message: 'a GET request has no body' });
    const bytes = new TextEncoder().encode(JSON.stringify(request.body)).length;
    if (bytes > MAX_API_BODY_BYTES) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: `body is ${bytes} bytes, the limit is ${MAX_API_BODY_BYTES}` });
    }
  });
export type ApiRequest = z.input<typeof apiRequestSchema>;

/** JSON bodies arrive parsed; anything else (e.g. /metrics) as text. */
export const apiResponseSchema = z.strictObject({
  status: z.number().int().min(100).max(599),
  body: z.union([z.json(), z.string()]),
});
export type ApiResponse = z.output<typeof apiResponseSchema>;

// ---- preferences ---------------------------------------------------------------------------

export const THEMES = ['system', 'light', 'dark'] as const;
/** `any` includes events whose contract publishes no priority. */
export const NOTIFY_MIN_PRIORITIES = ['any', ...PRIORITIES] as const;
export type NotifyMinPriority = (typeof NOTIFY_MIN_PRIORITIES)[number];

export const preferencesSchema = z.strictObject({
  theme: z.enum(THEMES),
  launchAtLogin: z.boolean(),
  notificationsEnabled: z.boolean(),
  minNotificationPriority: z.enum(NOTIFY_MIN_PRIORITIES),
  /** Epoch ms; null = do not disturb is off. Set through `dnd:set`. */
  doNotDisturbUntil: z.number().int().nonnegative().nullable(),
  /** Critical events still notify during do not disturb (off unless the user turns it on). */
  allowCriticalDuringDnd: z.boolean(),
});
export type Preferences = z.output<typeof preferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'system',
  launchAtLogin: false,
  notificationsEnabled: true,
  minNotificationPriority: 'high',
  doNotDisturbUntil: null,
  allowCriticalDuringDnd: false,
};

/** What the renderer may change with `prefs:set` (do not disturb has its own channel). */
export const preferencesPatchSchema = preferencesSchema
  .pick({ theme: true, launchAtLogin: true, notificationsEnabled: true, minNotificationPriority: true, allowCriticalDuringDnd: true })
  .partial();
export type PreferencesPatch = z.output<typeof preferencesPatchSchema>;

export const DND_MODES = ['off', 'one-hour', 'until-tomorrow'] as const;
export type DndMode = (typeof DND_MODES)[number];

// ---- shared payloads -----------------------------------------------------------------------

export const eventIdSchema = z.string().regex(/^\d{19}-\d{10}$/, 'must be a Soroban event id');

export const storedEventSchema = z.object({
  id: z.string(),
  contract_id: z.string(),
  event_type: z.string(),
  ledger_sequence: z.number().int(),
  created_at: z.string(),
  stored_at: z.string(),
  data: z.json(),
  topics: z.array(z.json()),
  category: z.enum(CATEGORIES).nullable(),
  priority: z.enum(PRIORITIES).nullable(),
  tx_hash: z.string().nullable(),
  decode_status: z.enum(DECODE_STATUSES),
  decode_error: z.string().nullable(),
  network_epoch: z.number().int(),
  raw: z.object({ topics: z.array(z.string()), value: z.string() }),
});
// Fails to compile if the schema and the model's StoredEvent drift apart.
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameEvent: Same<z.output<typeof storedEventSchema>, StoredEvent> = true;
void sameEvent;

/** `standby`: another instance holds the ingest lock (shared PostgreSQL); this one only serves. */
export const ENGINE_STATES = ['starting', 'syncing', 'live', 'idle', 'standby', 'paused', 'error', 'stopped'] as const;

/** The subscriber's status as the engine reports it (SubscriberStatus). */
export const engineStatusSchema = z.object({
  state: z.enum(ENGINE_STATES),
  latestLedger: z.number().int().nullable(),
  cursorLedger: z.number().int().nullable(),
  lastPollAt: z.number().nullable(),
  lastSuccessAt: z.number().nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type EngineStatus = z.output<typeof engineStatusSchema>;

export const appInfoSchema = z.strictObject({
  version: z.string(),
  platform: z.string(),
});

// ---- the contract --------------------------------------------------------------------------

export const ipcChannels = {
  /** The dashboard's REST calls, forwarded to the local API with its token. */
  'api:request': { request: apiRequestSchema, response: apiResponseSchema },
  'prefs:get': { request: z.undefined(), response: preferencesSchema },
  'prefs:set': { request: preferencesPatchSchema.strict(), response: preferencesSchema },
  /** Opens a Stellar explorer link in the browser; any other URL is refused. */
  'shell:open-external': { request: z.strictObject({ url: z.string().max(2048) }), response: z.null() },
  'dnd:set': { request: z.strictObject({ mode: z.enum(DND_MODES) }), response: z.strictObject({ until: z.number().nullable() }) },
  /** Brings the window forward on this event (answered with `window:show-event`). */
  'window:focus-event': { request: z.strictObject({ eventId: eventIdSchema }), response: z.null() },
  'app:info': { request: z.undefined(), response: appInfoSchema },
} as const;

export type IpcChannel = keyof typeof ipcChannels;
export type IpcRequest<C extends IpcChannel> = z.input<(typeof ipcChannels)[C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.output<(typeof ipcChannels)[C]['response']>;

/** Pushed from main to the window. */
export const ipcEvents = {
  'engine:events-stored': z.array(storedEventSchema),
  'engine:status': engineStatusSchema,
  'prefs:changed': preferencesSchema,
  /** A notification or the tray asked to show this event. */
  'window:show-event': z.strictObject({ eventId: eventIdSchema }),
} as const;

export type IpcEventName = keyof typeof ipcEvents;
export type IpcEventPayload<E extends IpcEventName> = z.output<(typeof ipcEvents)[E]>;

export const IPC_ERROR_CODES = [
  'ipc.invalid_input',
  /** The call came from a page that is not the app, or asked for something not allowed. */
  'ipc.forbidden',
  /** The app is starting or shutting down. */
  'ipc.unavailable',
  'ipc.internal',
  'api.unreachable',
  'api.timeout',
  'api.too_large',
] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export type IpcResult<T> = { ok: true; value: T } | { ok: false; code: IpcErrorCode; message: string };

export function ipcResultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), value }),
    z.strictObject({ ok: z.literal(false), code: z.enum(IPC_ERROR_CODES), message: z.string() }),
  ]);
}

type Answer<C extends IpcChannel> = Promise<IpcResult<IpcResponse<C>>>;
type Unsubscribe = () => void;

/** `window.notifychain`: everything the renderer can ask of the main process. */
export interface NotifyChainApi {
  request(request: ApiRequest): Answer<'api:request'>;
  getPreferences(): Answer<'prefs:get'>;
  setPreferences(patch: PreferencesPatch): Answer<'prefs:set'>;
  openExternal(url: string): Answer<'shell:open-external'>;
  setDoNotDisturb(mode: DndMode): Answer<'dnd:set'>;
  focusEvent(eventId: string): Answer<'window:focus-event'>;
  getAppInfo(): Answer<'app:info'>;
  onEventsStored(listener: (events: IpcEventPayload<'engine:events-stored'>) => void): Unsubscribe;
  onStatus(listener: (status: EngineStatus) => void): Unsubscribe;
  onPreferencesChanged(listener: (preferences: Preferences) => void): Unsubscribe;
  onShowEvent(listener: (event: IpcEventPayload<'window:show-event'>) => void): Unsubscribe;
}
