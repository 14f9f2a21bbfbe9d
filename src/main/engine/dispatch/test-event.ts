// The event sent by "send test event": shaped like a stored one, marked as a test everywhere.
import type { StoredEvent } from '../../../shared/model';

export const TEST_EVENT_TYPE = 'notifychain_test';
const PLACEHOLDER_CONTRACT = 'CAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABSC4';

export function testEvent(now: number, contractId: string | undefined): StoredEvent {
  const at = new Date(now).toISOString();
  return {
    id: '0000000000000-0000000000',
    contract_id: contractId ?? PLACEHOLDER_CONTRACT,
    event_type: TEST_EVENT_TYPE,
    ledger_sequence: 0,
    created_at: at,
    stored_at: at,
    data: { message: 'A test notification from NotifyChain: this target works.' },
    topics: [TEST_EVENT_TYPE],
    category: 'system',
    priority: 'medium',
    tx_hash: null,
    decode_status: 'spec',
    decode_error: null,
    network_epoch: 0,
    raw: { topics: [], value: '' },
  };
}
