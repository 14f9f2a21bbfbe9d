// The one interface every target kind implements (one module per kind under ./targets, mapped
// by ./registry). A target only formats and sends; whether to retry is the dispatcher's call.
import type { StoredEvent } from '../../../shared/model';
import type { TargetConfig, TargetKind } from '../../../shared/targets';
import type { Logger } from '../log/logger';
import type { NotificationPayload } from './payload';

export const TARGET_ERROR_CODES = [
  /** 429, or the service said to slow down. Retried, after Retry-After when given. */
  'target.rate_limited',
  /** The service refused the message (4xx other than 408/429). Not retried. */
  'target.rejected',
  /** Connection refused or reset, DNS, 5xx. Retried. */
  'target.unreachable',
  /** No answer in time, or 408. Retried. */
  'target.timeout',
  /** The target cannot be used as configured (secrets unreadable, no desktop). Not retried. */
  'target.misconfigured',
] as const;
export type TargetErrorCode = (typeof TARGET_ERROR_CODES)[number];

export interface TargetError {
  code: TargetErrorCode;
  message: string;
  httpStatus?: number;
  /** How long the service asked us to wait (Retry-After, Telegram/Discord retry_after). */
  retryAfterMs?: number;
}

/** A service's rate-limit headers: `remaining` requests until `resetAfterMs` from now. */
export interface RateHint {
  remaining: number;
  resetAfterMs: number;
}

export type SendResult =
  | { ok: true; httpStatus?: number; rateHint?: RateHint }
  | { ok: false; error: TargetError; rateHint?: RateHint };

export interface OutgoingMessage {
  /** Stable across retries and redeliveries (the Standard Webhooks `webhook-id`). */
  webhookId: string;
  event: StoredEvent;
  payload: NotificationPayload;
}

/** What the app shows as a native notification (or `serve` logs). */
export interface DesktopNotification {
  title: string;
  body: string;
  priority: NotificationPayload['priority'];
  url: string | null;
  eventId: string;
}

export interface SendContext {
  fetch: typeof fetch;
  /** Aborts when the dispatcher stops. */
  signal: AbortSignal;
  timeoutMs: number;
  now(): number;
  log: Logger;
  notifyDesktop?: (notification: DesktopNotification) => void | Promise<void>;
}

export interface RateLimit {
  perSecond: number;
  /** Requests that may go back to back; 1 spaces every request evenly. */
  burst: number;
}

export interface Target<K extends TargetKind = TargetKind> {
  readonly kind: K;
  /** Several events per send (e-mail digests); others get one message per send. */
  readonly batches: boolean;
  /** This kind's request budget per target; null = none. */
  rateLimit(config: TargetConfig<K>, defaults: { httpRateLimit: number }): RateLimit | null;
  send(messages: OutgoingMessage[], config: TargetConfig<K>, ctx: SendContext): Promise<SendResult>;
}

export const fail = (code: TargetErrorCode, message: string, extra: Omit<TargetError, 'code' | 'message'> = {}): SendResult => ({
  ok: false,
  error: { code, message, ...extra },
});
