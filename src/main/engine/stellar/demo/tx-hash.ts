import { mix32 } from './rng.js';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

let last = { key: -1, ledger: -1, txIndex: -1, hash: '' };

/** A 64-hex-digit transaction hash derived from its position, without hashing anything. */
export function derivedTxHash(key: number, ledger: number, txIndex: number): string {
  // Consecutive events usually share a transaction.
  if (last.key === key && last.ledger === ledger && last.txIndex === txIndex) return last.hash;
  let out = '';
  for (let w = 0; w < 8; w++) {
    const word = mix32(key, ledger, txIndex, w);
    out += HEX[word >>> 24]! + HEX[(word >>> 16) & 0xff]! + HEX[(word >>> 8) & 0xff]! + HEX[word & 0xff]!;
  }
  last = { key, ledger, txIndex, hash: out };
  return out;
}

/** Two events per transaction: exercises the event index part of ids as well as the TOID. */
export function eventPosition(indexInLedger: number): { txIndex: number; opIndex: number; eventIndex: number } {
  return { txIndex: (indexInLedger >> 1) + 1, opIndex: 0, eventIndex: indexInLedger & 1 };
}
