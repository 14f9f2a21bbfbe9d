// A Transport whose API is a function the test writes, and whose live stream the test pushes to.
import type { StoredEvent } from '../../../src/shared/model';
import type { EventQuery } from '../../../src/renderer/src/api/event-query';
import type { ApiAnswer, ApiMethod, LiveHandlers, Transport } from '../../../src/renderer/src/transport/transport';

export type Handler = (method: ApiMethod, path: string, body: unknown) => ApiAnswer<unknown> | Promise<ApiAnswer<unknown>>;

export interface FakeTransport extends Transport {
  calls: { method: ApiMethod; path: string; body: unknown }[];
  streams: { query: EventQuery; after: string | null | undefined; handlers: LiveHandlers; closed: boolean }[];
  push(events: StoredEvent[]): void;
}

export const ok = <T>(body: T, status = 200): ApiAnswer<T> => ({ ok: true, status, body });
export const fail = (status: number, code: string, message = code, parameter?: string): ApiAnswer<never> =>
  parameter ? { ok: false, status, code, message, parameter } : { ok: false, status, code, message };

export function fakeTransport(handler: Handler): FakeTransport {
  const calls: FakeTransport['calls'] = [];
  const streams: FakeTransport['streams'] = [];
  return {
    kind: 'http',
    calls,
    streams,
    request: async <T>(method: ApiMethod, path: string, body?: unknown) => {
      calls.push({ method, path, body });
      return (await handler(method, path, body)) as ApiAnswer<T>;
    },
    live: (query, handlers, after) => {
      const stream = { query, after, handlers, closed: false };
      streams.push(stream);
      return () => void (stream.closed = true);
    },
    push: (events) => {
      for (const s of streams) if (!s.closed) s.handlers.onEvents(events);
    },
    download: async () => ({ ok: true, status: 200, body: null }),
    openExternal: () => {},
    token: null,
    desktop: null,
  };
}

let counter = 0;

/** An event with id `ledger-index` in the API's shape. */
export function event(ledger: number, index = 1, patch: Partial<StoredEvent> = {}): StoredEvent {
  counter++;
  return {
    id: `${String(ledger * 4096).padStart(19, '0')}-${String(index).padStart(10, '0')}`,
    contract_id: 'CBYDQPRYDVZRR6TMSUDOCYGB3QPZDHNQRFPCWSH7TEQ5ASD2R2Z5EQQI',
    event_type: 'withdrawal',
    ledger_sequence: ledger,
    created_at: new Date(Date.UTC(2026, 10, 25, 12) + ledger * 5000).toISOString(),
    stored_at: new Date(Date.UTC(2026, 10, 25, 12) + ledger * 5000 + 800).toISOString(),
    data: { amount: String(1000 + counter), recipient: 'GCPMWOHJ' },
    topics: ['withdrawal', 'GCPMWOHJ'],
    category: 'financial',
    priority: 'high',
    tx_hash: 'ab'.repeat(32),
    decode_status: 'spec',
    decode_error: null,
    network_epoch: 0,
    raw: { topics: ['AAAADwAAAAp3aXRoZHJhd2Fs'], value: 'AAAAEQ==' },
    ...patch,
  };
}

/** Lets pending promises (the stores' awaits) run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
