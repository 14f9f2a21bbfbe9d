// Retry delays shared by everything that retries over the network (RPC client, webhook dispatcher).

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** A number in [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
}

export interface RetryDelayOptions extends BackoffOptions {
  /** A server asking for a longer wait than this gets this much at most. */
  maxRetryAfterMs: number;
}

/**
 * The wait before retry number `retry` (1 for the first retry): drawn uniformly from
 * [0, min(maxDelayMs, baseDelayMs * 2^(retry - 1))). Full jitter keeps many clients that failed
 * together from retrying together.
 */
export function backoffDelay(retry: number, { baseDelayMs, maxDelayMs, random = Math.random }: BackoffOptions): number {
  // Clamping the exponent keeps the product finite: 0 * 2^2000 would be NaN.
  const exponent = Math.min(Math.max(retry - 1, 0), 52);
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

/** The backoff, or the server's Retry-After (capped by maxRetryAfterMs) when that is longer. */
export function retryDelay(retry: number, options: RetryDelayOptions, retryAfterMs?: number): number {
  const backoff = backoffDelay(retry, options);
  if (retryAfterMs === undefined) return backoff;
  return Math.max(backoff, Math.min(retryAfterMs, options.maxRetryAfterMs));
}

const DELAY_SECONDS = /^\d+$/;
// IMF-fixdate, RFC 850 and asctime all start with a day name and carry an hh:mm:ss time.
const HTTP_DATE = /^[A-Za-z]{3,9},? .*\b\d{2}:\d{2}:\d{2}\b/;
const HAS_ZONE = /\b(GMT|UTC)\b|[+-]\d{4}$/;

/**
 * Milliseconds to wait from a `Retry-After` header (delay-seconds or an HTTP date), or undefined
 * when the header is absent or unreadable. A date in the past means "now": 0.
 */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (DELAY_SECONDS.test(value)) return Number(value) * 1000;
  // Date.parse alone would read "12" or "-1" as dates, hence the shape check first.
  if (!HTTP_DATE.test(value)) return undefined;
  // asctime has no zone; HTTP dates are always GMT, not local time.
  const at = Date.parse(HAS_ZONE.test(value) ? value : `${value} GMT`);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
