import { Hono } from 'hono';
import type { HealthReport } from '../../../../shared/model';
import type { RouteContext } from '../context';

/** GET /health: 200 while ingesting (ok or degraded), 503 with the reason when it is not. */
export function healthRoutes({ engine, log }: RouteContext): Hono {
  return new Hono().get('/health', async (c) => {
    let report: HealthReport;
    try {
      report = await engine.health();
    } catch (error) {
      // The report itself could not be built: the database is the usual cause.
      log.warn('health report failed', { error });
      c.header('Cache-Control', 'no-store');
      return c.json({ status: 'error', reason: 'the database is unavailable', database_ok: false }, 503);
    }
    c.header('Cache-Control', 'no-store');
    return c.json(report, report.status === 'error' ? 503 : 200);
  });
}
