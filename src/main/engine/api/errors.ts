// Error answers: `{ error: { code, message, parameter? } }`, never a stack trace or a secret.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiErrorBody, ApiErrorCode } from '../../../shared/api/errors';

const MAX_MESSAGE = 300;

export function errorBody(code: ApiErrorCode, message: string, parameter?: string): ApiErrorBody {
  const text = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
  return { error: parameter === undefined ? { code, message: text } : { code, message: text, parameter } };
}

export function apiError(c: Context, status: ContentfulStatusCode, code: ApiErrorCode, message: string, parameter?: string): Response {
  return c.json(errorBody(code, message, parameter), status);
}

/** A standalone response, for middleware that answers before the app's context is usable. */
export function errorResponse(status: number, code: ApiErrorCode, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(errorBody(code, message)), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
