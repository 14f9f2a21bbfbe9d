// Notifications: GET the list (by state) and one (the seed's shape plus state); POST schedules a
// local reminder and DELETE revokes one (both need the token, like every write). States are
// judged at the scheduler's clock, so the API and the scheduler agree on what is due.
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  createReminderBodySchema,
  formatNotificationCursor,
  notificationIdParamSchema,
  notificationListQuerySchema,
  type NotificationListResponse,
  type NotificationView,
} from '../../../../shared/api/notifications';
import { LOCAL_ID_PREFIX } from '../../scheduler/lifecycle-events';
import { notificationState } from '../../scheduler/notification-state';
import type { NotificationRecord } from '../../store/notification-store';
import type { RouteContext } from '../context';
import { notModified } from '../middleware/conditional';
import { validJson, validParam, validQuery } from '../middleware/validate';

/** A reminder this far in the past is refused: a clock or a time zone is wrong somewhere. */
const PAST_GRACE_MS = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

export function notificationView(n: NotificationRecord, nowIso: string): NotificationView {
  return {
    id: n.id,
    creator: n.creator,
    created_at: n.createdAt,
    expires_at: n.expiresAt,
    revoked_by: n.revokedBy,
    revoked_at: n.revokedAt,
    scheduled_for: n.scheduledFor,
    delivered: n.delivered,
    delivered_at: n.deliveredAt,
    state: notificationState(n, nowIso),
    local: n.local,
    contract_id: n.contractId,
    message: n.message,
    target_ids: n.targetIds,
    expired_at: n.expiredAt,
  };
}

function fail(c: Context, status: ContentfulStatusCode, code: string, message: string, parameter?: string): Response {
  return c.json({ error: parameter === undefined ? { code, message } : { code, message, parameter } }, status);
}

export function notificationRoutes({ engine }: RouteContext): Hono {
  const store = () => engine.store.notifications;
  const now = () => engine.scheduler.now();

  return new Hono()
    .get('/api/notifications', validQuery(notificationListQuerySchema), async (c) => {
      const q = c.req.valid('query');
      const at = now();
      const page = await store().list({ state: q.state, now: at, limit: q.limit, after: q.after });
      const last = page.items.at(-1);
      const body: NotificationListResponse = {
        notifications: page.items.map((n) => notificationView(n, iso(at))),
        has_more: page.hasMore,
        next_cursor: page.hasMore && last ? formatNotificationCursor({ createdAt: last.createdAt, id: last.id }) : null,
      };
      return c.json(body);
    })
    .post('/api/notifications', validJson(createReminderBodySchema), async (c) => {
      const body = c.req.valid('json');
      const at = now();
      if (Date.parse(body.when) < at - PAST_GRACE_MS) return fail(c, 400, 'request.invalid_parameter', 'when: must not be in the past', 'when');
      if (body.expires_at !== undefined && Date.parse(body.expires_at) <= at) {
        return fail(c, 400, 'request.invalid_parameter', 'expires_at: must be in the future', 'expires_at');
      }
      for (const id of body.target_ids ?? []) {
        if (!(await engine.store.dispatch.getTarget(id))) return fail(c, 400, 'notification.unknown_target', `no target ${id}`, 'target_ids');
      }
      const record = await store().createReminder({
        id: `${LOCAL_ID_PREFIX}${randomUUID()}`,
        message: body.message,
        scheduledFor: body.when,
        expiresAt: body.expires_at ?? null,
        targetIds: body.target_ids ?? [],
        creator: 'api',
        createdAt: iso(at),
      });
      engine.scheduler.wake();
      c.header('Location', `/api/notifications/${record.id}`);
      return c.json(notificationView(record, iso(at)), 201);
    })
    .get('/api/notifications/:id', validParam(notificationIdParamSchema), async (c) => {
      const { id } = c.req.valid('param');
      const found = await store().get(id);
      if (!found) return fail(c, 404, 'notification.not_found', `no notification ${id}`);
      const view = notificationView(found, iso(now()));
      // The state moves with time alone (scheduled → due), so it is part of the tag.
      const unchanged = notModified(c, { lastModified: found.updatedAt, tag: `n${found.updatedAt}:${view.state}` });
      return unchanged ?? c.json(view);
    })
    .delete('/api/notifications/:id', validParam(notificationIdParamSchema), async (c) => {
      const { id } = c.req.valid('param');
      const result = await store().revokeReminder(id, 'api', iso(now()));
      switch (result.status) {
        case 'not_found':
          return fail(c, 404, 'notification.not_found', `no notification ${id}`);
        case 'not_local':
          return fail(c, 409, 'notification.not_local', 'a notification from a contract is revoked on chain (notification_revoked), not here');
        case 'finished':
          return fail(c, 409, 'notification.finished', `the notification is already ${notificationState(result.record, iso(now()))}`);
        default:
          return c.json(notificationView(result.record, iso(now())));
      }
    });
}
