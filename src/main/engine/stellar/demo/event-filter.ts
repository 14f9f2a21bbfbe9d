// getEvents filters: validated with stellar-rpc's rules and messages, compiled to a predicate.
import { StrKey, xdr } from '@stellar/stellar-sdk';

import type { EventPredicate } from './chain-types.js';
import { invalidParams } from './json-rpc.js';

export const MAX_FILTERS = 5;
export const MAX_CONTRACT_IDS = 5;
export const MAX_TOPIC_FILTERS = 5;
/** Segments besides a trailing "**". */
export const MAX_TOPIC_SEGMENTS = 4;

interface CompiledTopic {
  /** Canonical base64 per position; null for "*". */
  readonly values: readonly (string | null)[];
  /** A trailing "**": any number of further topics. */
  readonly atLeast: boolean;
}

interface CompiledFilter {
  readonly contractOnly: boolean | null;
  readonly contractIds: ReadonlySet<string> | null;
  readonly topics: readonly CompiledTopic[];
}

function compileTopic(raw: unknown, where: string): CompiledTopic {
  if (!Array.isArray(raw)) throw invalidParams(`${where} invalid: topic must be a list of segments`);
  const last = raw.length - 1;
  const atLeast = raw[last] === '**';
  const segments = atLeast ? raw.slice(0, last) : raw;
  if (raw.length === 0) throw invalidParams(`${where} invalid: topic must have at least one segment`);
  if (segments.length > MAX_TOPIC_SEGMENTS) {
    throw invalidParams(`${where} invalid: topic cannot have more than ${MAX_TOPIC_SEGMENTS} segments`);
  }
  const values = segments.map((segment: unknown, i): string | null => {
    const bad = (why: string) => invalidParams(`${where} invalid: segment ${i + 1} invalid: ${why}`);
    if (segment === '*') return null;
    if (segment === '**') throw bad("wildcard '**' is only allowed as the last segment");
    if (typeof segment !== 'string') throw bad("must be a base64 ScVal, '*' or '**'");
    try {
      // Re-encoding makes equal values compare equal however the client padded its base64.
      return xdr.ScVal.fromXdr(segment, 'base64').toXdr('base64');
    } catch {
      throw bad('not a base64-encoded ScVal');
    }
  });
  return { values, atLeast };
}

function compileFilter(raw: unknown, n: number): CompiledFilter {
  const where = `filter ${n} invalid`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalidParams(`${where}: filter must be an object`);
  const { type, contractIds, topics } = raw as Record<string, unknown>;

  let contractOnly: boolean | null = null;
  if (type !== undefined && type !== null && type !== '') {
    const kinds = typeof type === 'string' ? type.split(',') : [];
    if (kinds.length === 0 || kinds.some((k) => k !== 'contract' && k !== 'system')) {
      throw invalidParams(`${where}: filter type invalid: if set, type must be either 'system' or 'contract'`);
    }
    contractOnly = kinds.includes('contract');
  }

  const ids = contractIds ?? [];
  if (!Array.isArray(ids)) throw invalidParams(`${where}: contractIds must be a list`);
  if (ids.length > MAX_CONTRACT_IDS) throw invalidParams(`${where}: maximum ${MAX_CONTRACT_IDS} contract IDs per filter`);
  ids.forEach((id: unknown, i) => {
    if (typeof id !== 'string' || !StrKey.isValidContract(id)) throw invalidParams(`${where}: contract ID ${i + 1} invalid`);
  });

  const topicList = topics ?? [];
  if (!Array.isArray(topicList)) throw invalidParams(`${where}: topics must be a list`);
  if (topicList.length > MAX_TOPIC_FILTERS) throw invalidParams(`${where}: maximum ${MAX_TOPIC_FILTERS} topics per filter`);
  return {
    contractOnly,
    contractIds: ids.length > 0 ? new Set(ids as string[]) : null,
    topics: topicList.map((t: unknown, i) => compileTopic(t, `${where}: topic ${i + 1}`)),
  };
}

export function compileFilters(raw: unknown): CompiledFilter[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw invalidParams('filters must be a list');
  if (raw.length > MAX_FILTERS) throw invalidParams(`maximum ${MAX_FILTERS} filters per request`);
  return raw.map((f: unknown, i) => compileFilter(f, i + 1));
}

function topicMatches(t: CompiledTopic, topic: readonly string[]): boolean {
  if (topic.length < t.values.length || (!t.atLeast && topic.length !== t.values.length)) return false;
  return t.values.every((want, i) => want === null || want === topic[i]);
}

/** Any filter may match (OR); within one, type, contract and some topic filter must all match. */
export function filterPredicate(filters: readonly CompiledFilter[]): EventPredicate {
  if (filters.length === 0) return () => true;
  return (contractId, topic) =>
    filters.some(
      (f) =>
        f.contractOnly !== false &&
        (f.contractIds === null || f.contractIds.has(contractId)) &&
        (f.topics.length === 0 || f.topics.some((t) => topicMatches(t, topic))),
    );
}
