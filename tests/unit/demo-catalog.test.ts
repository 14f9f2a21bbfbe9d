import { scValToNative, StrKey, xdr } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';

import {
  ALL_CATEGORIES,
  ALL_PRIORITIES,
  buildEvent,
  CATALOG,
  CATEGORY_CODES,
  createRng,
  encodeEvent,
  PRIORITY_CODES,
} from '../../src/main/engine/stellar/demo/index.js';

// contracts.md, transcribed independently of the catalogue:
// type → [own topics between name and category, categories, priorities (null: no topic), data].
type Row = [ownTopics: number, cats: readonly string[], prios: readonly string[] | null, data: 'sv' | 'void' | readonly string[]];
const ANY_PRIO = ALL_PRIORITIES;
const N = ['notification'];
const CONTRACTS_MD: Record<string, Row> = {
  autoshare_created: [1, ['group'], ['medium'], 'sv'],
  autoshare_updated: [1, ['group'], ['medium'], 'sv'],
  group_activated: [1, ['group'], ['low'], 'sv'],
  group_deactivated: [1, ['group'], ['low'], 'sv'],
  category_registered: [1, ALL_CATEGORIES, ['medium'], []],
  channel_preference_updated: [1, ALL_CATEGORIES, ['medium'], ['channel', 'enabled', 'updated_at']],
  contract_paused: [1, ['admin'], ['high'], 'void'],
  contract_unpaused: [1, ['admin'], ['high'], []],
  admin_transferred: [1, ['admin'], ['critical'], 'sv'],
  authorization_failure: [1, ['admin'], ['critical'], 'sv'],
  withdrawal: [2, ['financial'], ['high'], 'sv'],
  notification_scheduled: [1, N, ANY_PRIO, 'sv'],
  notification_expired: [1, N, ANY_PRIO, 'sv'],
  scheduled_notification_cancelled: [1, N, ['low'], 'sv'],
  notification_delivered: [2, N, ['high'], 'sv'],
  notification_recalled: [2, N, ['high'], 'sv'],
  notification_revoked: [2, N, ['high'], 'void'],
  notification_extended: [2, N, ANY_PRIO, 'sv'],
  notification_acknowledged: [2, N, ANY_PRIO, 'sv'],
  notification_accessed: [2, N, null, ['accessed_at']],
  notification_archived: [1, N, ['low'], ['archive_reason', 'archived_at']],
  subscription_cancelled: [2, ['group'], ['medium'], 'sv'],
  batch_notifications_created: [1, N, ANY_PRIO, ['count', 'ids']],
  batch_processing_completed: [1, N, ['medium'], 'sv'],
  audit_record_appended: [2, N, null, ['actor', 'seq']],
  ownership_transfer_initiated: [1, ['admin'], ['critical'], 'sv'],
  ownership_transferred: [1, ['admin'], ['critical'], 'sv'],
  reputation_updated: [1, N, ['low', 'medium'], ['failed_count', 'new_score', 'successful_count']],
  reputation_tier_changed: [1, N, ['high'], ['new_tier', 'old_tier', 'reputation_score']],
  notification_limits_configured: [1, ['admin'], ['medium'], ['max_batch_size', 'max_expiration_seconds', 'max_payload_size', 'min_expiration_seconds']],
  schema_version_set: [1, ['admin'], ['medium'], ['previous_version', 'schema_version']],
  channel_metadata_updated: [2, ['group'], ['low'], ['updated_at']],
  template_registered: [1, N, ['medium'], 'sv'],
  template_updated: [1, N, ['medium'], 'sv'],
  channel_created: [1, N, ['medium'], 'sv'],
  channel_subscribed: [2, N, null, 'sv'],
  channel_unsubscribed: [2, N, null, 'sv'],
  batch_subscribe_completed: [1, N, ['medium'], ['failed', 'succeeded']],
};
const TASKBOUNTY = [
  ['task', 'created'], ['work', 'submit'], ['sub', 'approved'], ['sub', 'rejected'], ['task', 'cancel'],
  ['dispute', 'raised'], ['api', 'register'], ['api', 'rotate'], ['api', 'revoke'],
] as const;

const CATEGORY_BY_CODE = Object.fromEntries(Object.entries(CATEGORY_CODES).map(([k, v]) => [v, k]));
const PRIORITY_BY_CODE = Object.fromEntries(Object.entries(PRIORITY_CODES).map(([k, v]) => [v, k]));

/** What a decoder sees: the served base64, decoded again. */
function served(type: string, seed: number) {
  const built = buildEvent(type, seed);
  const wire = encodeEvent(built);
  return {
    built,
    topics: wire.topic.map((t) => xdr.ScVal.fromXdr(t, 'base64')),
    value: xdr.ScVal.fromXdr(wire.value, 'base64'),
  };
}

describe('demo event catalogue', () => {
  it('has every event of contracts.md, once, with the contract that emits it', () => {
    const types = CATALOG.map((e) => e.type);
    expect(new Set(types).size).toBe(types.length);
    expect(CATALOG.filter((e) => e.contract === 'autoshare').map((e) => e.type).sort()).toEqual(Object.keys(CONTRACTS_MD).sort());
    expect(CATALOG.filter((e) => e.contract === 'taskbounty').map((e) => e.type)).toEqual(TASKBOUNTY.map(([a, b]) => `${a}_${b}`));
    for (const entry of CATALOG) {
      expect(entry.contract === 'taskbounty').toBe(entry.emitter === 'taskbounty');
    }
  });

  it.each(Object.entries(CONTRACTS_MD))('%s is encoded as the contract publishes it', (type, [ownTopics, cats, prios, data]) => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { built, topics, value } = served(type, seed);
      expect(topics[0]?.type).toBe('scvSymbol');
      expect(scValToNative(topics[0]!)).toBe(type);

      const trailing = prios === null ? 1 : 2;
      const tail = topics.slice(-trailing);
      expect(tail.every((t) => t.type === 'scvU32')).toBe(true);
      const category = CATEGORY_BY_CODE[scValToNative(tail[0]!) as number];
      expect(cats).toContain(category);
      expect(built.category).toBe(category);
      if (prios === null) {
        expect(built.priority).toBeNull();
      } else {
        const priority = PRIORITY_BY_CODE[scValToNative(tail[1]!) as number];
        expect(prios).toContain(priority);
        expect(built.priority).toBe(priority);
      }
      expect(topics.length).toBe(1 + ownTopics + trailing);

      if (data === 'void') expect(value.type).toBe('scvVoid');
      else if (data === 'sv') expect(['scvMap', 'scvVoid', 'scvVec']).not.toContain(value.type);
      else {
        expect(value.type).toBe('scvMap');
        const keys = (value.value as xdr.ScMapEntry[]).map((e) => scValToNative(e.key) as string);
        expect(keys).toEqual(data); // the table lists map keys in soroban's sorted order
        expect(keys.every((k, i) => i === 0 || keys[i - 1]! < k)).toBe(true);
      }
      expect(() => scValToNative(value)).not.toThrow();
    }
  });

  it.each(TASKBOUNTY)('TaskBounty (%s, %s) has two short symbols and tuple data, no category', (first, second) => {
    const { built, topics, value } = served(`${first}_${second}`, 3);
    expect(topics.map((t) => scValToNative(t))).toEqual([first, second]);
    expect(topics.every((t) => t.type === 'scvSymbol')).toBe(true);
    expect(Math.max(first.length, second.length)).toBeLessThanOrEqual(9); // symbol_short!
    expect(value.type).toBe('scvVec');
    expect((scValToNative(value) as unknown[]).length).toBe(Object.keys(built.fields).length);
    expect(built.category).toBeNull();
    expect(built.priority).toBeNull();
  });

  it('carries i128 amounts beyond 2^64 through XDR intact, and generates some on its own', () => {
    const amount = 2n ** 100n + 12_345n;
    const { topics, value } = served('withdrawal', 1);
    expect(scValToNative(topics[1]!)).toMatch(/^C/); // token is a contract
    expect(StrKey.isValidEd25519PublicKey(scValToNative(topics[2]!) as string)).toBe(true);
    const wire = encodeEvent(buildEvent('withdrawal', 1, { amount }));
    expect(scValToNative(xdr.ScVal.fromXdr(wire.value, 'base64'))).toBe(amount);
    expect(value.type).toBe('scvI128');

    const rng = createRng(9);
    const amounts = Array.from({ length: 40 }, () => buildEvent('withdrawal', rng).fields.amount as bigint);
    expect(amounts.some((a) => a > 2n ** 64n)).toBe(true);
    expect(amounts.some((a) => a < 2n ** 64n)).toBe(true);
  });

  it('builds the same bytes from the same seed and different ones from another', () => {
    const a = encodeEvent(buildEvent('notification_delivered', 42));
    const b = encodeEvent(buildEvent('notification_delivered', 42));
    const c = encodeEvent(buildEvent('notification_delivered', 43));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('lets a test pin fields, category and priority, and rejects a field the event does not have', () => {
    const id = new Uint8Array(32).fill(0xab);
    const built = buildEvent('notification_scheduled', 5, { notification_id: id, priority: 'critical' });
    expect(Buffer.from(scValToNative(built.value) as Uint8Array).toString('hex')).toBe('ab'.repeat(32));
    expect(scValToNative(built.topics.at(-1)!)).toBe(PRIORITY_CODES.critical);
    expect(() => buildEvent('withdrawal', 5, { amout: 1n })).toThrow(/no field "amout"/);
    expect(() => buildEvent('no_such_event', 5)).toThrow(/no demo event type/);
  });
});
