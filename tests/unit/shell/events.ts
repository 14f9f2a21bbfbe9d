// StoredEvent builders for the shell's tests.
import type { Priority, StoredEvent } from '../../../src/shared/model';

export const AUTOSHARE = 'CA3D5KRYM6CB7OWQ6TWYRR3Z4T7GNZLKERYNZGGA5SOAOPIFY6YQGAXE';
export const TASKBOUNTY = 'CBQHNAXSI55GX2GN6D67GK7BHVPSLJUGZQEU7WJ5LKR5PNUCGLIMAO4K';

let sequence = 0;

export function storedEvent(over: Partial<StoredEvent> & { priority?: Priority | null } = {}): StoredEvent {
  sequence++;
  const ledger = 1000 + sequence;
  return {
    id: `${String(BigInt(ledger) << 32n).padStart(19, '0')}-${String(sequence).padStart(10, '0')}`,
    contract_id: AUTOSHARE,
    event_type: 'withdrawal',
    ledger_sequence: ledger,
    created_at: '2026-11-25T12:00:00.000Z',
    stored_at: '2026-11-25T12:00:01.000Z',
    data: { amount: '100' },
    topics: ['withdrawal'],
    category: 'financial',
    priority: 'high',
    tx_hash: null,
    decode_status: 'spec',
    decode_error: null,
    network_epoch: 0,
    raw: { topics: [], value: '' },
    ...over,
  };
}
