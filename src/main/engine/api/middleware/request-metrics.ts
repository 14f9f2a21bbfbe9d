import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Histogram } from 'prom-client';

/** Times each request until its response starts, labelled by route pattern (not raw path). */
export function timeRequests(histogram: Histogram<'method' | 'route' | 'status'>): MiddlewareHandler {
  return async (c, next) => {
    const start = process.hrtime.bigint();
    try {
      await next();
    } finally {
      // Route handlers have a method; middleware registered with use() is 'ALL'.
      const route = matchedRoutes(c).filter((r) => r.method !== 'ALL').at(-1)?.path ?? 'unmatched';
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      histogram.observe({ method: knownMethod(c.req.method), route, status: String(c.res.status) }, seconds);
    }
  };
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const knownMethod = (method: string) => (METHODS.has(method) ? method : 'OTHER');
