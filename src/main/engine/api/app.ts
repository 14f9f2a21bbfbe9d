// The local HTTP API: middleware in ./middleware, one file per route group in ./routes.
// Order matters: time every request, then refuse foreign Host and Origin headers, bound the
// body, require the token for writes, and only then route.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { routePath } from 'hono/route';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiContext, RouteContext } from './context';
import { apiError } from './errors';
import { EventHub } from './event-hub';
import { requireTokenForWrites } from './middleware/auth';
import { limitBody } from './middleware/body-limit';
import { hostCheck } from './middleware/host-check';
import { originCheck } from './middleware/origin';
import { timeRequests } from './middleware/request-metrics';
import { createApiMetrics } from './prometheus';
import { contractRoutes } from './routes/contracts';
import { deliveryRoutes } from './routes/deliveries';
import { eventExportRoutes } from './routes/event-export';
import { eventStreamRoutes } from './routes/event-stream';
import { eventRoutes } from './routes/events';
import { healthRoutes } from './routes/health';
import { metricsRoutes } from './routes/metrics';
import { notificationRoutes } from './routes/notifications';
import { openApiRoutes } from './routes/openapi';
import { ruleRoutes } from './routes/rules';
import { dashboardRoutes } from './routes/dashboard';
import { statsRoutes } from './routes/stats';
import { targetRoutes } from './routes/targets';

export type { ApiContext } from './context';

export interface Api {
  app: Hono;
  /** Ends open event streams' subscriptions (the server closes their sockets). */
  close(): void;
}

export function createApi(ctx: ApiContext): Api {
  const hub = new EventHub(ctx.engine, ctx.maxStreams ?? 100);
  const metrics = createApiMetrics(ctx.engine, () => hub.size);
  const { token, ...shared } = ctx;
  const routeCtx: RouteContext = { ...shared, queries: ctx.engine.store.events, hub, metrics, startedAt: new Date() };
  const app = new Hono();

  app.use(timeRequests(metrics.httpDuration));
  app.use(hostCheck(ctx.bindHost ?? '127.0.0.1'));
  app.use(...originCheck(ctx.corsOrigins ?? []));
  app.use(async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    // No other site may embed a response (<script src>, <img>): those requests carry no Origin.
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
  });
  app.use(limitBody(ctx.maxBodyBytes));
  app.use(requireTokenForWrites(token));

  // /stream and /export before /:id, which would otherwise claim them.
  for (const routes of [
    healthRoutes, metricsRoutes, eventStreamRoutes, eventExportRoutes, eventRoutes, notificationRoutes, contractRoutes, statsRoutes,
  ]) {
    app.route('/', routes(routeCtx));
  }
  app.route('/', ruleRoutes(routeCtx)); // before the targets: it checks the rules of target writes
  app.route('/', targetRoutes(routeCtx));
  app.route('/', deliveryRoutes(routeCtx));
  // The dashboard's catch-all file route is not part of the API's reference.
  const apiRoutes = () => app.routes.filter((r) => r.method !== 'ALL' && r.path !== '*' && r.path !== '/*');
  app.route('/', openApiRoutes(routeCtx, apiRoutes));
  if (ctx.dashboardDir) app.route('/', dashboardRoutes({ dir: ctx.dashboardDir })); // last: only what nothing else answers

  app.notFound((c) => apiError(c, 404, 'route.not_found', `no route for ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      return apiError(c, error.status as ContentfulStatusCode, 'request.invalid_parameter', error.message || 'bad request');
    }
    // The client hung up while sending its body: nobody is left to answer.
    if (isClientAbort(error)) return apiError(c, 400, 'request.aborted', 'the request was aborted by the client');
    if (isStoreUnavailable(error)) return apiError(c, 503, 'store.unavailable', 'the database is not available');
    ctx.log.error('API request failed', { method: c.req.method, route: routePath(c), error });
    return apiError(c, 500, 'internal', 'internal error');
  });
  return { app, close: () => hub.close() };
}

function isClientAbort(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || (error instanceof Error && error.name === 'AbortError');
}

function isStoreUnavailable(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /database connection is not open|SQLITE_BUSY|database is locked/i.test(message);
}
