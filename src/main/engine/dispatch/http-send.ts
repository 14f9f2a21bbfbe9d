// One HTTP request to a target, turned into a SendResult: status → error code, Retry-After and
// rate-limit headers read, the error message kept short and free of the URL (it may hold a token).
import { parseRetryAfter } from '../retry/backoff';
import { fail, type RateHint, type SendContext, type SendResult } from './target';

export interface HttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body: string;
}

export interface HttpOptions {
  /** Services that put the wait in the JSON body (Discord, Telegram): milliseconds or undefined. */
  retryAfterFromBody?: (body: string) => number | undefined;
}

const SNIPPET = 200;

export async function sendHttp(req: HttpRequest, ctx: SendContext, opts: HttpOptions = {}): Promise<SendResult> {
  const timeout = AbortSignal.timeout(ctx.timeoutMs);
  let response: Response;
  let body: string;
  try {
    response = await ctx.fetch(req.url, {
      method: req.method ?? 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'NotifyChain', ...req.headers },
      body: req.body,
      signal: AbortSignal.any([ctx.signal, timeout]),
      redirect: 'manual',
    });
    body = await response.text();
  } catch (error) {
    if (timeout.aborted) return fail('target.timeout', `no answer within ${ctx.timeoutMs} ms`);
    if (ctx.signal.aborted) return fail('target.unreachable', 'stopped before an answer');
    return fail('target.unreachable', describeNetworkError(error));
  }
  const status = response.status;
  const rateHint = readRateHint(response.headers);
  const withHint = (result: SendResult): SendResult => (rateHint ? { ...result, rateHint } : result);
  if (status >= 200 && status < 300) return withHint({ ok: true, httpStatus: status });

  const snippet = body.replace(/\s+/g, ' ').trim().slice(0, SNIPPET);
  const message = `HTTP ${status}${snippet ? `: ${snippet}` : ''}`;
  const headerWait = parseRetryAfter(response.headers.get('retry-after'));
  const bodyWait = status === 429 ? safe(() => opts.retryAfterFromBody?.(body)) : undefined;
  const retryAfterMs = maxDefined(headerWait, bodyWait);
  const extra = { httpStatus: status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (status === 429) return withHint(fail('target.rate_limited', message, extra));
  if (status === 408) return withHint(fail('target.timeout', message, extra));
  if (status >= 400 && status < 500) return withHint(fail('target.rejected', message, extra));
  if (status >= 300 && status < 400) return withHint(fail('target.rejected', `${message} (redirects are not followed)`, extra));
  return withHint(fail('target.unreachable', message, extra));
}

/** Discord-style `X-RateLimit-Remaining` / `X-RateLimit-Reset-After` (seconds, fractional). */
function readRateHint(headers: Headers): RateHint | undefined {
  const remaining = Number(headers.get('x-ratelimit-remaining') ?? NaN);
  const resetAfter = Number(headers.get('x-ratelimit-reset-after') ?? NaN);
  if (!Number.isFinite(remaining) || !Number.isFinite(resetAfter)) return undefined;
  return { remaining, resetAfterMs: Math.ceil(resetAfter * 1000) };
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code) return `connection failed (${cause.code})`;
  return 'connection failed';
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** `{"retry_after": 1.5}` (Discord, seconds) or `{"parameters": {"retry_after": 3}}` (Telegram). */
export function retryAfterSecondsInJson(body: string): number | undefined {
  const json = JSON.parse(body) as { retry_after?: unknown; parameters?: { retry_after?: unknown } };
  const seconds = json.retry_after ?? json.parameters?.retry_after;
  return typeof seconds === 'number' && seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
}
