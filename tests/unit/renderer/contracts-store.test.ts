import { describe, expect, test } from 'vitest';
import { checkDraft, createContractsStore } from '../../../src/renderer/src/stores/contracts-store';
import { DEMO_CONTRACTS } from '../../../src/renderer/src/lib/demo-contracts';
import { demoContractIds } from '../../../src/main/engine/stellar/demo/contracts';
import { fail, fakeTransport, ok } from './fake-transport';

const VALID = DEMO_CONTRACTS[0].id;
const draft = (patch = {}) => ({ id: VALID, name: '', eventTypes: '', startLedger: '', ...patch });

describe('adding a contract', () => {
  test('an invalid contract id is refused with a reason and the API is never asked', async () => {
    let changed = 0;
    const transport = fakeTransport(() => ok({}));
    const store = createContractsStore(transport, () => changed++);
    const flipped = `${VALID.slice(0, -1)}${VALID.endsWith('A') ? 'B' : 'A'}`;
    for (const [id, reason] of [
      ['CABC', /56 characters/],
      [flipped, /checksum/],
      ['GCPMWOHJ3YEOCJ2N6QHHFEXC2DZPX2FMOW5VXZSB6Y5ZJQXLMOYYWOHJ', /account address/],
    ] as const) {
      expect((await store.getState().save(draft({ id }))).id).toMatch(reason);
    }
    expect(transport.calls).toEqual([]);
    expect(changed).toBe(0);
  });

  test('a valid contract is sent with its name, event types and start ledger', () => {
    expect(checkDraft(draft({ name: ' AutoShare ', eventTypes: 'withdrawal, group_created', startLedger: '51200000' })).body).toEqual({
      id: VALID, name: 'AutoShare', event_types: ['withdrawal', 'group_created'], start_ledger: 51200000,
    });
    expect(checkDraft(draft({ eventTypes: 'with-drawal' })).errors.eventTypes).toMatch(/not an event type/);
    expect(checkDraft(draft({ startLedger: '-4' })).errors.startLedger).toBeDefined();
  });

  test('without the token the form says where to add it', async () => {
    const transport = fakeTransport((method) => (method === 'POST' ? fail(401, 'auth.missing_token') : ok({ contracts: [] })));
    const store = createContractsStore(transport, () => {});
    expect((await store.getState().save(draft())).form).toMatch(/API token/);
  });

  test("the demo network's contract ids written in the dashboard are the engine's", () => {
    expect(DEMO_CONTRACTS.map((c) => c.id).sort()).toEqual(Object.values(demoContractIds(2026)).sort());
  });
});
