// /api/deliveries: the delivery log (filters: target, status, event; newest first, keyset
// paging with `before`), one delivery with its attempts, and redelivery of one or of a
// target's failed and dead deliveries after an outage.
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import {
  bulkRedeliverSchema, deliveryFilterSchema, type AttemptView, type DeliveryView,
} from '../../../../shared/targets';
import type { AttemptRecord, DeliveryRecord } from '../../store/dispatch-store';
import { invalidRequest, notFound, validId, type DispatchRoutesContext } from './targets';

export function deliveryRoutes({ engine }: DispatchRoutesContext): Hono {
  return new Hono()
    .get(
      '/api/deliveries',
      validator('query', (value, c) => {
        const parsed = deliveryFilterSchema.safeParse(value);
        return parsed.success ? parsed.data : invalidRequest(c, parsed.error, 'query');
      }),
      async (c) => {
        const filter = c.req.valid('query');
        const deliveries = await engine.store.dispatch.listDeliveries(filter);
        const last = deliveries.at(-1);
        return c.json({
          deliveries: deliveries.map(deliveryView),
          next_before: deliveries.length === filter.limit && last ? last.id : null,
        });
      },
    )
    .get('/api/deliveries/:id', validId, async (c) => {
      const { id } = c.req.valid('param');
      const delivery = await engine.store.dispatch.getDelivery(id);
      if (!delivery) return notFound(c, 'delivery', id);
      const attempts = await engine.store.dispatch.listAttempts(id);
      return c.json({ delivery: deliveryView(delivery), attempts: attempts.map(attemptView) });
    })
    .post('/api/deliveries/:id/redeliver', validId, async (c) => {
      const { id } = c.req.valid('param');
      const delivery = await engine.dispatcher.redeliver(id);
      return delivery ? c.json({ delivery: deliveryView(delivery) }) : notFound(c, 'delivery', id);
    })
    .post(
      '/api/targets/:id/redeliver',
      validId,
      validator('json', (value, c) => {
        const parsed = bulkRedeliverSchema.safeParse(value ?? {});
        return parsed.success ? parsed.data : invalidRequest(c, parsed.error, 'body');
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const count = await engine.dispatcher.redeliverTarget(id, c.req.valid('json').statuses);
        return count === null ? notFound(c, 'target', id) : c.json({ redelivered: count });
      },
    );
}

export function deliveryView(d: DeliveryRecord): DeliveryView {
  return {
    id: d.id,
    target_id: d.targetId,
    event_id: d.eventId,
    webhook_id: d.webhookId,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: d.nextAttemptAt === null ? null : new Date(d.nextAttemptAt).toISOString(),
    last_error: d.lastError ? { code: d.lastError.code, message: d.lastError.message, http_status: d.lastError.httpStatus } : null,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    delivered_at: d.deliveredAt,
  };
}

function attemptView(a: AttemptRecord): AttemptView {
  return {
    attempt: a.attempt,
    started_at: a.startedAt,
    duration_ms: a.durationMs,
    ok: a.ok,
    http_status: a.httpStatus,
    error: a.error,
    retry_after_ms: a.retryAfterMs,
  };
}
