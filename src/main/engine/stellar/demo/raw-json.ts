// Serving 10,000 events per call at >100k events/s leaves no room for JSON.stringify on each object.
import type { RpcEvent } from '../rpc-types.js';

/** A method result that is already JSON text. */
export class RawJson {
  constructor(readonly text: string) {}
}

export function resultJson(result: unknown): string {
  return result instanceof RawJson ? result.text : JSON.stringify(result);
}

// History events share their topic array with a pooled template, so its tail is built once.
const tails = new WeakMap<readonly string[], { value: string; json: string }>();

function tailJson(event: RpcEvent): string {
  const cached = tails.get(event.topic);
  if (cached && cached.value === event.value) return cached.json;
  const json = `"topic":${JSON.stringify(event.topic)},"value":${JSON.stringify(event.value)}}`;
  tails.set(event.topic, { value: event.value, json });
  return json;
}

/** The same text JSON.stringify gives; ids, hashes, strkeys and dates need no escaping. */
export function eventJson(e: RpcEvent): string {
  return (
    `{"type":${JSON.stringify(e.type)},"ledger":${e.ledger},"ledgerClosedAt":"${e.ledgerClosedAt}",` +
    `"contractId":"${e.contractId}","id":"${e.id}","opIndex":${e.opIndex},"txIndex":${e.txIndex},` +
    `"txHash":"${e.txHash}","inSuccessfulContractCall":${e.inSuccessfulContractCall === true},${tailJson(e)}`
  );
}

/** `{"events":[...], ...rest}` with the events serialized by `eventJson`. */
export function withEventsJson(events: readonly RpcEvent[], rest: object): RawJson {
  // Appending beats map().join() by about 2x for 10,000 events.
  let text = '{"events":[';
  for (let i = 0; i < events.length; i++) text += (i === 0 ? '' : ',') + eventJson(events[i]!);
  const tail = JSON.stringify(rest);
  return new RawJson(`${text}]${tail === '{}' ? '' : `,${tail.slice(1, -1)}`}}`);
}
