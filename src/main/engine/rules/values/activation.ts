// What a condition sees of one event: `event` (its decoded fields by name, or topic_1 … value
// when positional) and the envelope: contract_id, event_type, ledger, category, priority,
// tx_hash, topics and time. Built once per event and shared by every rule that tests it.
import type { JsonValue, StoredEvent } from '../../../../shared/model';
import type { FieldTypes } from './field-type';
import { jsonToCel, loose } from './json-cel';
import { readScVal, scValToCel } from './scval-cel';

export interface Activation {
  event: Record<string, unknown>;
  contract_id: string;
  event_type: string;
  ledger: bigint;
  category: string | null;
  priority: string | null;
  tx_hash: string | null;
  topics: unknown[];
  time: Date;
}

/** The declared field types of a contract's event type, when its spec is known. */
export type TypesOf = (contractId: string, eventType: string) => FieldTypes | null;

const POSITIONAL_TOPIC = /^topic_(\d+)$/;

/**
 * Each part is converted on first use: most conditions read one or two fields, or none. A class
 * (getters on its prototype): getters on a fresh object literal cost more than the evaluation.
 */
class LazyActivation implements Activation {
  readonly contract_id: string;
  readonly event_type: string;
  readonly ledger: bigint;
  readonly category: string | null;
  readonly priority: string | null;
  readonly tx_hash: string | null;
  #fields: Record<string, unknown> | undefined;
  #topics: unknown[] | undefined;
  #time: Date | undefined;

  constructor(
    private readonly source: StoredEvent,
    private readonly typesOf: TypesOf,
  ) {
    this.contract_id = source.contract_id;
    this.event_type = source.event_type;
    this.ledger = BigInt(source.ledger_sequence);
    this.category = source.category;
    this.priority = source.priority;
    this.tx_hash = source.tx_hash;
  }

  get event(): Record<string, unknown> {
    return (this.#fields ??= fieldsOf(this.source, this.typesOf));
  }

  get topics(): unknown[] {
    return (this.#topics ??= this.source.topics.map(loose));
  }

  get time(): Date {
    return (this.#time ??= new Date(this.source.created_at));
  }
}

export function buildActivation(event: StoredEvent, typesOf: TypesOf): Activation {
  return new LazyActivation(event, typesOf);
}

function fieldsOf(event: StoredEvent, typesOf: TypesOf): Record<string, unknown> {
  const data = event.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return {};
  if (event.decode_status === 'positional') return positionalFields(event, data);
  const types = typesOf(event.contract_id, event.event_type);
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(data)) {
    const type = types?.get(name);
    out[name] = type ? jsonToCel(data[name]!, type) : loose(data[name]!);
  }
  return out;
}

/** Positional fields come straight from the raw XDR: `topic_N` is topic N, `value` the data. */
function positionalFields(event: StoredEvent, data: { [key: string]: JsonValue }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(data)) {
    const index = POSITIONAL_TOPIC.exec(name)?.[1];
    const raw = name === 'value' ? event.raw.value : index !== undefined ? event.raw.topics[Number(index)] : undefined;
    const val = raw === undefined ? null : readScVal(raw);
    out[name] = val ? scValToCel(val) : loose(data[name]!);
  }
  return out;
}
