import { Hono } from 'hono';
import type { ApiContext } from '../app';

export function healthRoutes({ engine }: ApiContext): Hono {
  return new Hono().get('/health', async (c) => {
    const report = await engine.health();
    c.header('Cache-Control', 'no-store');
    return c.json(report, report.status === 'error' ? 503 : 200);
  });
}
