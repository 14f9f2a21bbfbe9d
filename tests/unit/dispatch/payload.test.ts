import { describe, expect, it } from 'vitest';
import { NETWORK_PRESETS } from '../../../src/shared/networks';
import { buildPayload, PRIORITY_COLOURS } from '../../../src/main/engine/dispatch/payload';
import { decodedToStored } from '../../../src/main/engine/store/event-row';
import { CONTRACT_A, decodedEvent } from '../../fixtures/decoded-event';

const event = (overrides: Parameters<typeof decodedEvent>[2] = {}) => decodedToStored(decodedEvent(42, 0, overrides), 0, '2026-11-25T00:00:00Z');
const ctx = (explorerTxUrl: string | null) => ({ explorerTxUrl, contractName: (id: string) => (id === CONTRACT_A ? 'AutoShare' : null) });

describe('the payload every target formats', () => {
  it('links the transaction on stellar.expert for mainnet, testnet and futurenet, not for demo', () => {
    const tx = 'ab'.repeat(32);
    expect(buildPayload(event(), null, ctx(NETWORK_PRESETS.mainnet.explorerTxUrl)).url).toBe(`https://stellar.expert/explorer/public/tx/${tx}`);
    expect(buildPayload(event(), null, ctx(NETWORK_PRESETS.testnet.explorerTxUrl)).url).toBe(`https://stellar.expert/explorer/testnet/tx/${tx}`);
    expect(buildPayload(event(), null, ctx(NETWORK_PRESETS.demo.explorerTxUrl)).url).toBeNull();
    expect(buildPayload(event({ txHash: null }), null, ctx(NETWORK_PRESETS.testnet.explorerTxUrl)).url).toBeNull();
  });

  it('colours by priority, grey without one', () => {
    expect(buildPayload(event({ priority: 'critical' }), null, ctx(null)).colour).toBe(PRIORITY_COLOURS.critical);
    expect(buildPayload(event({ priority: 'low' }), null, ctx(null)).colour).toBe(PRIORITY_COLOURS.low);
    expect(buildPayload(event({ priority: null }), null, ctx(null)).colour).toBe(PRIORITY_COLOURS.none);
  });

  it('lists decoded fields by name, and a value that is not a map as one field', () => {
    const p = buildPayload(event({ data: { amount: '12', to: { nested: [1, 2] } } }), null, ctx(null));
    expect(p.fields).toEqual([{ name: 'amount', value: '12' }, { name: 'to', value: '{"nested":[1,2]}' }]);
    expect(buildPayload(event({ data: '99' }), null, ctx(null)).fields).toEqual([{ name: 'value', value: '99' }]);
    expect(p.facts[0]).toEqual({ name: 'Contract', value: `AutoShare (${CONTRACT_A})` });
  });

  it('renders a template with the fields in scope and without HTML escaping', () => {
    const p = buildPayload(event({ data: { amount: '1<2' } }), '{{event_type}}: {{amount}} / {{data.amount}} at {{ledger}} ({{contract_name}})', ctx(null));
    expect(p.text).toBe('withdrawal: 1<2 / 1<2 at 42 (AutoShare)');
  });

  it('without a template the text is a one-line summary', () => {
    expect(buildPayload(event(), null, ctx(null)).text).toBe('withdrawal on AutoShare at ledger 42');
  });
});
