// Turns a non-2xx answer into an ApiFailure, reading the API's `{ error: { code, message } }`.
import type { ApiAnswer, ApiFailure } from './transport';

export function answerFrom<T>(status: number, body: unknown): ApiAnswer<T> {
  if (status >= 200 && status < 300) return { ok: true, status, body: body as T };
  return failureFrom(status, body);
}

export function failureFrom(status: number, body: unknown): ApiFailure {
  const error = (body as { error?: { code?: unknown; message?: unknown; parameter?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    const failure: ApiFailure = { ok: false, status, code: error.code, message: error.message };
    if (typeof error.parameter === 'string') failure.parameter = error.parameter;
    return failure;
  }
  return { ok: false, status, code: `http.${status}`, message: `the API answered ${status}`, body };
}

export function unreachable(message: string, code = 'transport.unreachable'): ApiFailure {
  return { ok: false, status: 0, code, message };
}

/** Words for a person: what went wrong and, for the token errors, what to do. */
export function describeFailure(failure: ApiFailure): string {
  if (failure.code === 'auth.missing_token') return 'This change needs the API token: add it under Settings → API token.';
  if (failure.code === 'auth.invalid_token') return 'The API token is not valid: paste the current one under Settings → API token.';
  return failure.message;
}
