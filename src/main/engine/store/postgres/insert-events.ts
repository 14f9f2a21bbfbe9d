import type pg from 'pg';
import type { DecodedEvent } from '../../stellar/decoded-event';

/**
 * Inserts a page of events and their outbox rows with two statements (unnest over arrays),
 * skipping events already stored. Returns the dedup keys that were new.
 */
export async function insertEvents(
  client: pg.PoolClient,
  events: DecodedEvent[],
  epoch: number,
  now: string,
  { outbox = true }: { outbox?: boolean } = {},
): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const col = <T>(pick: (e: DecodedEvent) => T) => events.map(pick);
  const { rows } = await client.query<{ seq: number; dedup_key: string }>(
    `INSERT INTO events (event_id, network_epoch, contract_id, event_type, ledger_sequence, created_at, stored_at,
       data, topics, raw_topics, raw_value, category, priority, tx_hash, dedup_key, decode_status, decode_error)
     SELECT e.event_id, $2, e.contract_id, e.event_type, e.ledger, e.created_at, $3,
       e.data::json, e.topics::json, e.raw_topics::json, e.raw_value, e.category, e.priority, e.tx_hash, e.dedup_key,
       e.decode_status, e.decode_error
     FROM unnest($1::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[],
       $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[])
       WITH ORDINALITY AS e(event_id, contract_id, event_type, ledger, created_at, data, topics, raw_topics, raw_value,
         category, priority, tx_hash, dedup_key, decode_status, decode_error, ord)
     ORDER BY e.ord
     ON CONFLICT DO NOTHING
     RETURNING seq, dedup_key`,
    [
      col((e) => e.eventId), epoch, now, col((e) => e.contractId), col((e) => e.eventType), col((e) => e.ledger),
      col((e) => e.closedAt), col((e) => JSON.stringify(e.data)), col((e) => JSON.stringify(e.topics)),
      col((e) => JSON.stringify(e.rawTopics)), col((e) => e.rawValue), col((e) => e.category), col((e) => e.priority),
      col((e) => e.txHash), col((e) => e.dedupKey), col((e) => e.decodeStatus), col((e) => e.decodeError),
    ],
  );
  if (outbox && rows.length > 0) {
    const seqs = rows.map((r) => r.seq).sort((a, b) => a - b);
    await client.query('INSERT INTO outbox (event_seq, created_at) SELECT s, $2 FROM unnest($1::bigint[]) AS s ORDER BY s', [seqs, now]);
  }
  return new Set(rows.map((r) => r.dedup_key));
}
