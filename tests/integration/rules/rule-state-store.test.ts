// The rule engine's sub-store, on both stores: states and alert events saved together.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertToEvent } from '../../../src/main/engine/rules/alerts/alert-event';
import { CONTRACT_A, decodedEvent } from '../../fixtures/decoded-event';
import { STORE_KINDS, openStore, type StoreUnderTest } from '../../fixtures/stores';

const NOW = Date.UTC(2026, 10, 25, 12);
const alert = (n: number) =>
  alertToEvent(7, n, { kind: 'silence', at: NOW, contractId: CONTRACT_A, ledger: 120, priority: 'high', data: { silent_ledgers: 5 } });

describe.each(STORE_KINDS)('%s rule state store', (kind) => {
  let t: StoreUnderTest;
  beforeEach(async () => {
    t = await openStore(kind);
  });
  afterEach(async () => {
    await t.close();
  });

  it('a rule\'s state and the alerts it raised are saved together, and an alert is stored once', async () => {
    expect(await t.store.rules.save([{ ruleId: 7, state: '{"a":1}' }], [alert(1)], NOW)).toBe(1);
    expect(await t.store.rules.save([{ ruleId: 7, state: '{"a":2}' }, { ruleId: 8, state: '{}' }], [alert(1), alert(2)], NOW)).toBe(1);
    expect(await t.store.rules.load()).toEqual(new Map([[7, '{"a":2}'], [8, '{}']]));
    expect(await t.count('outbox')).toBe(2);
    const stored = await t.store.getEvent('local:rule:7:silence:1');
    expect(stored).toMatchObject({ event_type: 'rule_silence', contract_id: CONTRACT_A, category: 'system', data: { rule_id: 7, silent_ledgers: 5 } });
  });

  it('states of deleted rules are pruned', async () => {
    await t.store.rules.save([{ ruleId: 1, state: '{}' }, { ruleId: 2, state: '{}' }, { ruleId: 3, state: '{}' }], [], NOW);
    await t.store.rules.prune([2]);
    expect([...(await t.store.rules.load()).keys()]).toEqual([2]);
  });

  it('decoder health counts failed events, and positional ones only for contracts with a spec', async () => {
    const NO_SPEC = 'CAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABSC4';
    await t.store.putSpec({ contractId: CONTRACT_A, wasmHash: 'ab', entries: ['AAAA'], fetchedAt: 'now' });
    await t.store.putSpec({ contractId: NO_SPEC, wasmHash: null, entries: null, fetchedAt: 'now' });
    await t.store.commitIngest({
      events: [
        decodedEvent(10, 0, { decodeStatus: 'spec' }),
        decodedEvent(10, 1, { decodeStatus: 'positional', eventType: 'mystery' }),
        decodedEvent(11, 0, { decodeStatus: 'positional', eventType: 'mystery' }),
        decodedEvent(12, 0, { decodeStatus: 'failed', eventType: 'undecodable', contractId: NO_SPEC }),
        decodedEvent(13, 0, { decodeStatus: 'positional', eventType: 'task_created', contractId: NO_SPEC }),
      ],
    });
    expect(await t.store.rules.decodeProblems()).toEqual([
      { contractId: CONTRACT_A, eventType: 'mystery', status: 'positional', count: 2, lastAt: decodedEvent(11, 0).closedAt },
      { contractId: NO_SPEC, eventType: 'undecodable', status: 'failed', count: 1, lastAt: decodedEvent(12, 0).closedAt },
    ]);
  });
});
