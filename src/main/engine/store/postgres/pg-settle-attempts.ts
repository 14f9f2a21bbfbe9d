// recordAttempts in one statement per batch: each delivery moves on (attempts + 1, status, next
// time, lease dropped) and its attempt is logged with the count the update returned, so two
// instances recording the same delivery still number its attempts 1, 2, 3. A delivery deleted
// meanwhile (with its target or event) updates no row and logs nothing.
import type pg from 'pg';
import type { AttemptOutcome } from '../dispatch-store';

const SETTLE = `
  WITH o AS (
    SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::int[], $5::text[], $6::text[], $7::text[], $8::bigint[],
      $9::boolean[], $10::bigint[]) WITH ORDINALITY
      AS o(delivery_id, status, next_at, http_status, error_code, error, started_at, duration_ms, ok, retry_after_ms, ord)
  ), settled AS (
    UPDATE deliveries d SET status = o.status, attempts = d.attempts + 1, next_attempt_at = o.next_at,
      last_http_status = o.http_status, last_error_code = o.error_code, last_error = o.error,
      lease_owner = NULL, lease_expires_at = NULL, updated_at = $11,
      delivered_at = CASE WHEN o.status = 'delivered' THEN $11 ELSE d.delivered_at END
    FROM o WHERE d.id = o.delivery_id
    RETURNING d.id, d.attempts, o.ord
  )
  INSERT INTO delivery_attempts (delivery_id, attempt, started_at, duration_ms, ok, http_status, error_code, error, retry_after_ms)
  SELECT s.id, s.attempts, o.started_at, o.duration_ms, o.ok, o.http_status, o.error_code, o.error, o.retry_after_ms
  FROM settled s JOIN o ON o.ord = s.ord ORDER BY s.ord`;

export async function settleAttempts(client: pg.PoolClient, outcomes: AttemptOutcome[], nowIso: string): Promise<void> {
  for (const round of rounds(outcomes)) {
    const col = <T>(pick: (o: AttemptOutcome) => T) => round.map(pick);
    await client.query(SETTLE, [
      col((o) => o.deliveryId),
      col((o) => (o.next.state === 'delivered' ? 'delivered' : o.next.state === 'retry' ? 'failed' : 'dead')),
      col((o) => (o.next.state === 'retry' ? o.next.at : null)),
      col((o) => o.httpStatus),
      col((o) => o.error?.code ?? null),
      col((o) => o.error?.message ?? null),
      col((o) => new Date(o.startedAt).toISOString()),
      col((o) => Math.round(o.durationMs)),
      col((o) => !o.error),
      col((o) => o.retryAfterMs),
      nowIso,
    ]);
  }
}

/** Outcomes split so no delivery appears twice in one statement (one UPDATE changes a row once). */
function rounds(outcomes: AttemptOutcome[]): AttemptOutcome[][] {
  const result: { ids: Set<number>; items: AttemptOutcome[] }[] = [];
  for (const o of outcomes) {
    let round = result.find((r) => !r.ids.has(o.deliveryId));
    if (!round) result.push((round = { ids: new Set(), items: [] }));
    round.ids.add(o.deliveryId);
    round.items.push(o);
  }
  return result.map((r) => r.items);
}
