// `api:request`: the dashboard's REST calls, forwarded over loopback HTTP to the engine's own API
// with its bearer token added, so the renderer uses the same API as a browser without ever
// holding the token. Requests are validated by the IPC schema before they get here.
import { apiPathProblem, type ApiRequest, type ApiResponse } from '../../shared/ipc';
import { IpcError } from './ipc-error';

export const FORWARD_TIMEOUT_MS = 30_000;
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export interface ApiForwarderOptions {
  /** The API's URL (runtime.api.url); read per request, the API may restart on another port. */
  baseUrl(): string | null;
  getToken(): string | null | Promise<string | null>;
  timeoutMs?: number;
  maxResponseBytes?: number;
  fetch?: typeof fetch;
}

export type ApiForwarder = (request: ApiRequest) => Promise<ApiResponse>;

/** A wildcard bind address is reached on loopback. */
export function loopbackBase(raw: string): URL {
  const url = new URL(raw);
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  if (url.hostname === '[::]') url.hostname = '[::1]';
  return url;
}

export function createApiForwarder(opts: ApiForwarderOptions): ApiForwarder {
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? FORWARD_TIMEOUT_MS;
  const maxBytes = opts.maxResponseBytes ?? MAX_RESPONSE_BYTES;

  return async (request) => {
    const base = opts.baseUrl();
    if (!base) throw new IpcError('ipc.unavailable', 'the local API is not running');
    // The schema checked the path already; checking again here keeps this safe on its own.
    const problem = apiPathProblem(request.path);
    if (problem) throw new IpcError('ipc.invalid_input', `path ${problem}`);
    const origin = loopbackBase(base);
    const target = new URL(request.path, origin);
    if (target.origin !== origin.origin) throw new IpcError('ipc.forbidden', 'the request must stay on the local API');

    const headers: Record<string, string> = { Accept: 'application/json, text/plain;q=0.9' };
    const token = await opts.getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    const hasBody = request.body !== undefined;
    if (hasBody) headers['Content-Type'] = 'application/json';

    let response: Response;
    try {
      response = await doFetch(target, {
        method: request.method,
        headers,
        body: hasBody ? JSON.stringify(request.body) : undefined,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = (error as Error)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') throw new IpcError('api.timeout', `the local API did not answer within ${timeoutMs} ms`);
      throw new IpcError('api.unreachable', 'the local API cannot be reached');
    }
    const text = await readLimited(response, maxBytes);
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, body: type.includes('json') ? parseJson(text) : text };
  };
}

async function readLimited(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new IpcError('api.too_large', `the answer is larger than ${maxBytes} bytes`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new IpcError('api.too_large', `the answer is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): ApiResponse['body'] {
  if (text === '') return null;
  try {
    return JSON.parse(text) as ApiResponse['body'];
  } catch {
    return text;
  }
}
