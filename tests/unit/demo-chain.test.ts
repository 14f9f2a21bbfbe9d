import { scValToNative, StrKey, xdr } from '@stellar/stellar-sdk';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { isEventId, ledgerOfEventId } from '../../src/main/engine/stellar/event-id.js';
import { CATALOG, DEMO_PASSPHRASE, DemoChain, type DemoLedger } from '../../src/main/engine/stellar/demo/index.js';

const T0 = Date.UTC(2026, 10, 20, 12, 0, 0);
const clock = () => T0;
const typeOf = (topic: readonly string[]): string => {
  const names = topic.slice(0, 2).map((t) => xdr.ScVal.fromXdr(t, 'base64'));
  const first = scValToNative(names[0]!) as string;
  return CATALOG.some((e) => e.type === first) ? first : `${first}_${scValToNative(names[1]!) as string}`;
};

afterEach(() => {
  vi.useRealTimers();
});

describe('DemoChain', () => {
  it('starts at the genesis ledger on the demo passphrase with three valid contracts', () => {
    const chain = new DemoChain({ now: clock });
    expect(chain.passphrase).toBe(DEMO_PASSPHRASE);
    expect(chain.latestLedger).toBe(1000);
    expect(chain.oldestLedger).toBe(1000);
    expect(Object.values(chain.contracts).every((id) => StrKey.isValidContract(id))).toBe(true);
    expect(new Set(Object.values(chain.contracts)).size).toBe(3);
  });

  it('closes ledgers one interval apart, each chained to the previous hash', () => {
    const chain = new DemoChain({ now: clock, ledgerIntervalMs: 5000, eventsPerLedger: [1, 4] });
    const closed = [chain.closeLedger(), chain.closeLedger(), chain.closeLedger()];
    expect(closed.map((l) => l.sequence)).toEqual([1001, 1002, 1003]);
    expect(closed.map((l) => l.closeTime)).toEqual([T0 / 1000 + 5, T0 / 1000 + 10, T0 / 1000 + 15]);
    expect(closed[1]!.previousHash).toBe(closed[0]!.hash);
    expect(closed.every((l) => /^[0-9a-f]{64}$/.test(l.hash))).toBe(true);
    expect(closed.every((l) => l.eventCount >= 1 && l.eventCount <= 4)).toBe(true);
  });

  it('is deterministic for a seed, and differs across seeds', () => {
    const run = (seed: number) => {
      const chain = new DemoChain({ now: clock, seed });
      for (let i = 0; i < 5; i++) chain.closeLedger();
      return { contracts: chain.contracts, events: [...chain.events()], hash: chain.ledgerHash(1003) };
    };
    expect(run(7)).toEqual(run(7));
    expect(run(8).contracts.autoshare).not.toBe(run(7).contracts.autoshare);
    expect(run(8).events).not.toEqual(run(7).events);
  });

  it('emits catalogue events from the contract that owns them, with ordered, well-formed ids', () => {
    const chain = new DemoChain({ now: clock, eventsPerLedger: 6 });
    for (let i = 0; i < 20; i++) chain.closeLedger();
    const events = [...chain.events()];
    expect(events).toHaveLength(120);
    const emitterOf = new Map(Object.entries(chain.contracts).map(([name, id]) => [id, name]));
    for (const [i, event] of events.entries()) {
      expect(isEventId(event.id)).toBe(true);
      expect(ledgerOfEventId(event.id)).toBe(event.ledger);
      if (i > 0) expect(event.id > events[i - 1]!.id).toBe(true);
      const entry = CATALOG.find((e) => e.type === typeOf(event.topic))!;
      expect(emitterOf.get(event.contractId)).toBe(entry.emitter);
      expect(event.txHash).toMatch(/^[0-9a-f]{64}$/);
      expect(event.ledgerClosedAt).toBe(new Date(chain.closeTimeOf(event.ledger) * 1000).toISOString().replace('.000Z', 'Z'));
    }
  });

  it('tells listeners about each closed ledger until they unsubscribe', () => {
    const chain = new DemoChain({ now: clock });
    const seen: DemoLedger[] = [];
    const off = chain.on('ledger', (l) => seen.push(l));
    chain.closeLedger();
    off();
    chain.closeLedger();
    expect(seen.map((l) => l.sequence)).toEqual([1001]);
  });

  it('closes a ledger every interval once started, and no more once stopped', () => {
    vi.useFakeTimers();
    const chain = new DemoChain({ now: clock, ledgerIntervalMs: 5000 });
    chain.start();
    vi.advanceTimersByTime(15_000);
    expect(chain.latestLedger).toBe(1003);
    chain.stop();
    vi.advanceTimersByTime(15_000);
    expect(chain.latestLedger).toBe(1003);
  });

  it('keeps only the retention window, and pruneTo moves its start', () => {
    const chain = new DemoChain({ now: clock, retentionLedgers: 5, eventsPerLedger: 2 });
    for (let i = 0; i < 10; i++) chain.closeLedger();
    expect([chain.oldestLedger, chain.latestLedger]).toEqual([1006, 1010]);
    expect(chain.eventCount).toBe(10);
    expect([...chain.events()].every((e) => e.ledger >= 1006)).toBe(true);
    expect(chain.ledger(1005)).toBeUndefined();
    chain.pruneTo(1009);
    expect(chain.oldestLedger).toBe(1009);
    expect(chain.eventCount).toBe(4);
  });

  it('resets like a testnet: sequence back to genesis, new hashes, old events gone', () => {
    const chain = new DemoChain({ now: clock, eventsPerLedger: 3 });
    for (let i = 0; i < 5; i++) chain.closeLedger();
    const before = chain.ledger(1002)!.hash;
    const resets: number[] = [];
    chain.on('reset', ({ epoch }) => resets.push(epoch));
    chain.reset();
    expect(resets).toEqual([1]);
    expect([chain.oldestLedger, chain.latestLedger, chain.eventCount]).toEqual([1000, 1000, 0]);
    chain.closeLedger();
    chain.closeLedger();
    expect(chain.ledger(1002)!.hash).not.toBe(before);
    expect(chain.eventCount).toBe(6);
  });

  it('can come back on another network after a reset', () => {
    const chain = new DemoChain({ now: clock });
    chain.reset({ passphrase: 'Test SDF Network ; September 2015' });
    expect(chain.passphrase).toBe('Test SDF Network ; September 2015');
  });

  it('constructs a million history events in well under two seconds', () => {
    const started = performance.now();
    const chain = new DemoChain({ now: clock, history: { ledgers: 10_000, eventsPerLedger: 100 } });
    const elapsed = performance.now() - started;
    expect(chain.eventCount).toBe(1_000_000);
    expect([chain.oldestLedger, chain.latestLedger]).toEqual([1000, 10_999]);
    expect(chain.closeTimeOf(chain.latestLedger)).toBe(T0 / 1000);
    expect(elapsed).toBeLessThan(2000);

    const last = chain.eventsOf(10_999);
    expect(last).toHaveLength(100);
    expect(new Set(last.map((e) => e.id)).size).toBe(100);
    expect(last.every((e) => CATALOG.some((c) => c.type === typeOf(e.topic)))).toBe(true);
    // Live ledgers continue after the history with their own event counts.
    expect(chain.closeLedger().sequence).toBe(11_000);
  });

  it('serves the same history events however they are asked for', () => {
    const chain = new DemoChain({ now: clock, history: { ledgers: 50, eventsPerLedger: 20 } });
    const all = [...chain.events()];
    expect(all).toHaveLength(1000);
    const cursor = all[437]!.id;
    const rest = chain.scan(chain.oldestLedger, chain.latestLedger + 1, cursor, 10_000, () => true);
    expect(rest).toEqual(all.slice(438));
  });
});
