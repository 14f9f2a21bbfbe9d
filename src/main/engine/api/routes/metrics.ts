import { Hono } from 'hono';
import type { RouteContext } from '../context';

/** GET /metrics: Prometheus text exposition. */
export function metricsRoutes({ metrics }: RouteContext): Hono {
  return new Hono().get('/metrics', async (c) => {
    const text = await metrics.render();
    return c.body(text, 200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
  });
}
