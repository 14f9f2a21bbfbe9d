// GET /api/notifications/:id in the seed's shape.
import { Hono } from 'hono';
import { notificationIdParamSchema, type Notification } from '../../../../shared/api/notifications';
import type { RouteContext } from '../context';
import { apiError } from '../errors';
import { notModified } from '../middleware/conditional';
import { validParam } from '../middleware/validate';

export function notificationRoutes({ queries }: RouteContext): Hono {
  return new Hono().get('/api/notifications/:id', validParam(notificationIdParamSchema), async (c) => {
    const { id } = c.req.valid('param');
    const found = await queries.getNotification(id);
    if (!found) return apiError(c, 404, 'notification.not_found', `no notification ${id}`);
    const { updated_at, ...notification } = found;
    const unchanged = notModified(c, { lastModified: updated_at, tag: `n${updated_at}` });
    return unchanged ?? c.json(notification satisfies Notification);
  });
}
