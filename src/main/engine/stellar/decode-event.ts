// RPC event → DecodedEvent. Values are decoded once with the SDK's XDR types; names come from
// the contract's SEP-48 event spec when it has one,
// else positional (`topic_1`, …, `value`). An event that cannot be decoded is kept raw and
// flagged (decodeStatus "failed"), never dropped and never thrown.
import { createHash } from 'node:crypto';
import { xdr, type contract } from '@stellar/stellar-sdk';
import { CATEGORIES, PRIORITIES, type Category, type JsonValue, type Priority } from '../../../shared/model';
import type { DecodedEvent } from './decoded-event';
import type { RpcEvent } from './rpc-types';
import { nameFields } from './event-layouts';
import { scValToJson } from './scval-json';

/** Events that publish a category but no priority (contracts.md): their last u32 is the category. */
const CATEGORY_ONLY_EVENTS = new Set([
  'notification_accessed',
  'audit_record_appended',
  'channel_subscribed',
  'channel_unsubscribed',
]);

export function dedupKeyOf(contractId: string, eventId: string, eventType: string, ledger: number): string {
  return createHash('sha256').update(`${contractId}:${eventId}:${eventType}:${ledger}`).digest('hex');
}

export function decodeEvent(raw: RpcEvent, spec: contract.Spec | null = null): DecodedEvent {
  const base = {
    eventId: raw.id,
    contractId: raw.contractId,
    ledger: raw.ledger,
    closedAt: normaliseTime(raw.ledgerClosedAt),
    txHash: raw.txHash ?? null,
    rawTopics: raw.topic,
    rawValue: raw.value,
  };
  let topics: xdr.ScVal[];
  let value: xdr.ScVal;
  try {
    topics = raw.topic.map((t) => xdr.ScVal.fromXDR(t, 'base64'));
    value = xdr.ScVal.fromXDR(raw.value, 'base64');
  } catch (error) {
    const eventType = 'undecodable';
    return {
      ...base,
      eventType,
      topics: [],
      data: null,
      category: null,
      priority: null,
      decodeStatus: 'failed',
      decodeError: `XDR could not be decoded: ${(error as Error).message}`,
      dedupKey: dedupKeyOf(raw.contractId, raw.id, eventType, raw.ledger),
    };
  }

  const topicsJson = topics.map(scValToJson);
  const valueJson = scValToJson(value);
  const { eventType, nameTopics } = eventTypeOf(topics, topicsJson);
  const named = spec ? nameFields(spec, topicsJson, valueJson) : null;
  const levels = named ? levelsFromFields(named) : levelsFromTopics(eventType, topics);
  const data = named ? withoutLevelFields(named) : positionalFields(topicsJson, valueJson, nameTopics, levels.trailing);

  return {
    ...base,
    eventType,
    topics: topicsJson,
    data,
    category: levels.category,
    priority: levels.priority,
    decodeStatus: named ? 'spec' : 'positional',
    decodeError: null,
    dedupKey: dedupKeyOf(raw.contractId, raw.id, eventType, raw.ledger),
  };
}

/** topic[0]'s symbol; old-style two-symbol topics (`task`, `created`) join to `task_created`. */
function eventTypeOf(topics: xdr.ScVal[], json: JsonValue[]): { eventType: string; nameTopics: number } {
  const kind = topics[0]?.type;
  if (kind !== 'scvSymbol' && kind !== 'scvString') return { eventType: 'unnamed', nameTopics: 0 };
  if (topics.length === 2 && topics[1]?.type === 'scvSymbol') {
    return { eventType: `${json[0]}_${json[1]}`, nameTopics: 2 };
  }
  return { eventType: String(json[0]), nameTopics: 1 };
}

interface Levels {
  category: Category | null;
  priority: Priority | null;
  /** How many trailing topics carried category/priority (left out of positional fields). */
  trailing: number;
}

function levelsFromFields(fields: Record<string, JsonValue>): Levels {
  return {
    category: nameAt(CATEGORIES, fields.category),
    priority: nameAt(PRIORITIES, fields.priority),
    trailing: 0,
  };
}

function levelsFromTopics(eventType: string, topics: xdr.ScVal[]): Levels {
  const u32 = (i: number): number | null => {
    const t = topics[i];
    return i >= 1 && t?.type === 'scvU32' ? t.u32 : null;
  };
  const last = topics.length - 1;
  if (CATEGORY_ONLY_EVENTS.has(eventType)) {
    const category = nameAt(CATEGORIES, u32(last));
    return { category, priority: null, trailing: category ? 1 : 0 };
  }
  const category = nameAt(CATEGORIES, u32(last - 1));
  const priority = nameAt(PRIORITIES, u32(last));
  if (category && priority) return { category, priority, trailing: 2 };
  return { category: null, priority: null, trailing: 0 };
}

function nameAt<T extends string>(names: readonly T[], index: JsonValue | undefined): T | null {
  return typeof index === 'number' ? (names[index] ?? null) : null;
}

function withoutLevelFields(fields: Record<string, JsonValue>): Record<string, JsonValue> {
  const { category: _c, priority: _p, ...rest } = fields;
  return rest;
}

function positionalFields(topics: JsonValue[], value: JsonValue, nameTopics: number, trailing: number) {
  const fields: Record<string, JsonValue> = {};
  for (let i = nameTopics; i < topics.length - trailing; i++) fields[`topic_${i}`] = topics[i]!;
  fields.value = value;
  return fields;
}

function normaliseTime(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}
