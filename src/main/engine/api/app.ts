// The local HTTP API (routes live in ./routes). Served by the engine in the app and in `serve`.
import { Hono } from 'hono';
import type { Engine } from '../engine';
import type { Logger } from '../log/logger';
import { healthRoutes } from './routes/health';

export interface ApiContext {
  engine: Engine;
  log: Logger;
}

export function createApiApp(ctx: ApiContext): Hono {
  const app = new Hono();
  app.route('/', healthRoutes(ctx));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404));
  app.onError((error, c) => {
    ctx.log.error('API request failed', { path: c.req.path, error });
    return c.json({ error: { code: 'internal', message: 'internal error' } }, 500);
  });
  return app;
}
