// Validation at the edge with the shared zod schemas, through hono's validator so handlers read
// typed, already-checked input (`c.req.valid('query')`). The first problem answers 400 and
// names its parameter.
import type { Context, Env, MiddlewareHandler } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { apiError } from '../errors';

type Source = 'query' | 'param' | 'json';

function invalid(c: Context, error: z.ZodError, source: Source): Response {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const name = issue.keys[0] ?? '';
    const where = source === 'json' ? 'body field' : 'parameter';
    return apiError(c, 400, 'request.unknown_parameter', `unknown ${where} ${JSON.stringify(name)}`, name);
  }
  const parameter = issue.path.length > 0 ? String(issue.path[0]) : source === 'json' ? 'body' : source;
  const field = issue.path.map(String).join('.') || parameter;
  return apiError(c, 400, 'request.invalid_parameter', `${field}: ${issue.message}`, parameter);
}

export const validQuery = <S extends z.ZodType>(schema: S) =>
  validator('query', (value: Record<string, string | string[]>, c): z.output<S> | Response => {
    for (const [name, given] of Object.entries(value)) {
      if (Array.isArray(given)) {
        return apiError(c, 400, 'request.invalid_parameter', `${name}: given more than once (separate several values with commas)`, name);
      }
    }
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : invalid(c, parsed.error, 'query');
  });

export const validParam = <S extends z.ZodType>(schema: S) =>
  validator('param', (value: Record<string, string>, c): z.output<S> | Response => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : invalid(c, parsed.error, 'param');
  });

/** A JSON body: `application/json` only, read and parsed here so malformed JSON is our 400. */
export const validJson =
  <S extends z.ZodType>(schema: S): MiddlewareHandler<Env, string, { in: { json: z.input<S> }; out: { json: z.output<S> } }> =>
  async (c, next) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!/^application\/([\w.-]+\+)?json$/.test(type)) {
      return apiError(c, 415, 'request.unsupported_media_type', 'the body must be JSON (Content-Type: application/json)', 'Content-Type');
    }
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return apiError(c, 400, 'request.malformed_json', 'the body is not valid JSON', 'body');
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) return invalid(c, parsed.error, 'json');
    c.req.addValidatedData('json', parsed.data as object);
    await next();
  };
