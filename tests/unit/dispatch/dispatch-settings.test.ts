import { describe, expect, it } from 'vitest';
import { resolveDispatchSettings } from '../../../src/main/engine/dispatch/defaults';

describe('dispatch settings', () => {
  it("default to the seed's retry schedule", () => {
    expect(resolveDispatchSettings(undefined, {}).retryScheduleMs).toEqual([0, 5_000, 25_000, 125_000, 625_000]);
  });

  it("come from the seed's environment variables, the host's values winning", () => {
    const env = { NOTIFICATION_BATCH_SIZE: '25', NOTIFICATION_BATCH_TIMEOUT_MS: '2000', HTTP_RATE_LIMIT: '5', NOTIFICATION_RETRY_SCHEDULE_MS: '0, 1000,2000' };
    const settings = resolveDispatchSettings({ batchSize: 3 }, env);
    expect(settings).toMatchObject({ batchSize: 3, batchTimeoutMs: 2_000, httpRateLimit: 5, retryScheduleMs: [0, 1_000, 2_000] });
  });

  it('a bad value stops the start with the variable named', () => {
    expect(() => resolveDispatchSettings(undefined, { NOTIFICATION_BATCH_SIZE: 'lots' })).toThrow(/batchSize \(NOTIFICATION_BATCH_SIZE\)/);
  });
});
