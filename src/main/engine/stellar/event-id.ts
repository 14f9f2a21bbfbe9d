// Soroban event ids are `<19-digit TOID>-<10-digit index>`; the TOID's top 32 bits are the ledger.

const EVENT_ID = /^(\d{19})-(\d{10})$/;

export function isEventId(value: string): boolean {
  return EVENT_ID.test(value);
}

export function ledgerOfEventId(eventId: string): number {
  const match = EVENT_ID.exec(eventId);
  if (!match) throw new Error(`not a Soroban event id: ${JSON.stringify(eventId)}`);
  return Number(BigInt(match[1]!) >> 32n);
}

/** Builds the event id of the `eventIndex`th event of operation `opIndex` of transaction `txIndex`. */
export function makeEventId(ledger: number, txIndex: number, opIndex: number, eventIndex: number): string {
  // TOID: ledger (32 bits) | transaction order (20 bits) | operation index (12 bits).
  const toid = (BigInt(ledger) << 32n) | (BigInt(txIndex) << 12n) | BigInt(opIndex);
  return `${toid.toString().padStart(19, '0')}-${String(eventIndex).padStart(10, '0')}`;
}
