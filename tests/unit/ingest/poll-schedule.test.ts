import { describe, expect, it } from 'vitest';
import { PollSchedule } from '../../../src/main/engine/ingest/poll-schedule';

describe('poll schedule', () => {
  it('polls just after the next ledger is expected to close', () => {
    const schedule = new PollSchedule(10_000);
    schedule.observe(100, 1_000_000);
    schedule.observe(101, 1_005_000);
    // Next close expected at 1_010_000; a little slack after it.
    const delay = schedule.nextDelay(1_006_000);
    expect(delay).toBeGreaterThan(4_000);
    expect(delay).toBeLessThanOrEqual(4_500);
  });

  it('learns a fast network’s cadence from the first two ledgers', () => {
    const schedule = new PollSchedule(5_000);
    schedule.observe(10, 2_000_000);
    schedule.observe(12, 2_002_000);
    expect(schedule.ledgerIntervalMs).toBe(1_000);
  });

  it('retries soon when the expected ledger has not appeared yet', () => {
    const schedule = new PollSchedule(10_000, 5_000);
    schedule.observe(100, 1_000_000);
    expect(schedule.nextDelay(1_005_600)).toBeLessThan(1_000);
  });

  it('falls back to the configured interval when the network looks stalled', () => {
    const schedule = new PollSchedule(8_000, 5_000);
    schedule.observe(100, 1_000_000);
    expect(schedule.nextDelay(1_060_000)).toBe(8_000);
  });

  it('never waits longer than the configured interval', () => {
    const schedule = new PollSchedule(2_000, 5_000);
    schedule.observe(100, 1_000_000);
    expect(schedule.nextDelay(1_000_100)).toBe(2_000);
  });
});
