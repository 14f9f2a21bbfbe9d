// /api/targets: create, list, change, delete and test targets. Bodies are validated with the
// shared schemas; secrets come back masked. Errors: `{ error: { code, message, parameter } }`.
import { Hono, type Context } from 'hono';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { targetInputSchema, type TestSendView } from '../../../../shared/targets';
import type { Dispatcher } from '../../dispatch/dispatcher';
import type { Logger } from '../../log/logger';
import { SecretsError } from '../../secrets/secret-box';
import type { Store } from '../../store/store';

export interface DispatchRoutesContext {
  engine: { dispatcher: Dispatcher; store: Store };
  log: Logger;
}

export const idParamSchema = z.strictObject({ id: z.string().regex(/^[1-9]\d{0,15}$/, 'must be a positive whole number').transform(Number) });

/** 400 naming the first field at fault. */
export function invalidRequest(c: Context, error: z.ZodError, source: 'body' | 'query' | 'path') {
  const issue = error.issues[0]!;
  const parameter = issue.path.length > 0 ? issue.path.join('.') : source;
  return c.json({ error: { code: 'request.invalid_parameter', message: `${parameter}: ${issue.message}`, parameter } }, 400);
}

export function notFound(c: Context, what: 'target' | 'delivery', id: number) {
  return c.json({ error: { code: `${what}.not_found`, message: `no ${what} ${id}` } }, 404);
}

export const validId = validator('param', (value, c) => {
  const parsed = idParamSchema.safeParse(value);
  return parsed.success ? parsed.data : invalidRequest(c, parsed.error, 'path');
});

const objectBody = z.record(z.string(), z.unknown());

export function targetRoutes({ engine, log }: DispatchRoutesContext): Hono {
  const admin = () => engine.dispatcher.targets;
  return new Hono()
    .get('/api/targets', async (c) => c.json({ targets: await admin().list() }))
    .get('/api/targets/:id', validId, async (c) => {
      const { id } = c.req.valid('param');
      const target = await admin().get(id);
      return target ? c.json(target) : notFound(c, 'target', id);
    })
    .post(
      '/api/targets',
      validator('json', (value, c) => {
        const parsed = targetInputSchema.safeParse(value);
        return parsed.success ? parsed.data : invalidRequest(c, parsed.error, 'body');
      }),
      async (c) => {
        try {
          return c.json(await admin().create(c.req.valid('json')), 201);
        } catch (error) {
          if (!(error instanceof SecretsError)) throw error;
          log.error('cannot seal target secrets', { code: error.code });
          return c.json({ error: { code: error.code, message: `target secrets cannot be stored: ${error.message}` } }, 503);
        }
      },
    )
    .put(
      '/api/targets/:id',
      validId,
      validator('json', (value, c) => {
        const parsed = objectBody.safeParse(value);
        return parsed.success ? parsed.data : invalidRequest(c, parsed.error, 'body');
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const result = await admin().update(id, c.req.valid('json'));
        if (result.status === 'not_found') return notFound(c, 'target', id);
        if (result.status === 'invalid') return invalidRequest(c, result.error, 'body');
        return c.json(result.target);
      },
    )
    .delete('/api/targets/:id', validId, async (c) => {
      const { id } = c.req.valid('param');
      return (await admin().remove(id)) ? c.body(null, 204) : notFound(c, 'target', id);
    })
    .post('/api/targets/:id/test', validId, async (c) => {
      const { id } = c.req.valid('param');
      const result = await engine.dispatcher.sendTest(id);
      if (!result) return notFound(c, 'target', id);
      const view: TestSendView = {
        delivered: result.delivered,
        http_status: result.httpStatus,
        duration_ms: result.durationMs,
        error: result.error,
      };
      return c.json(view);
    });
}
