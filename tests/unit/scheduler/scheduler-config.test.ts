import { Keypair } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { engineConfigSchema } from '../../../src/shared/config';
import { loadConfig } from '../../../src/main/engine/config/load-config';
import { silentLogger } from '../../../src/main/engine/log/logger';
import { createScheduler } from '../../../src/main/engine/scheduler/create-scheduler';
import { SqliteStore } from '../../../src/main/engine/store/sqlite/sqlite-store';
import { systemClock } from '../../../src/main/engine/clock';
import { RpcClient } from '../../../src/main/engine/stellar/rpc-client';

const config = (input: Record<string, unknown> = {}) => engineConfigSchema.parse({ network: 'demo', ...input });

function build(env: Record<string, string>, input: Record<string, unknown> = {}) {
  const store = new SqliteStore(':memory:');
  const rpc = new RpcClient({ urls: ['http://127.0.0.1:9'] });
  const scheduler = createScheduler({ config: config(input), store, rpc, clock: systemClock, log: silentLogger, wakeDispatcher: () => {}, host: { env } });
  return { scheduler, close: () => store.close() };
}

describe('scheduler configuration', () => {
  it('reads SCHEDULER_POLL_INTERVAL_MS, SCHEDULER_PROCESSOR_ID and NOTIFICATION_RETENTION_DAYS', () => {
    const loaded = loadConfig({ env: { SCHEDULER_POLL_INTERVAL_MS: '250', SCHEDULER_PROCESSOR_ID: 'eu-1', NOTIFICATION_RETENTION_DAYS: '30' } });
    expect(loaded).toMatchObject({ schedulerPollIntervalMs: 250, processorId: 'eu-1', notificationRetentionDays: 30 });
    expect(config()).toMatchObject({ schedulerPollIntervalMs: 5_000, notificationRetentionDays: 0 });
    expect(() => loadConfig({ env: { SCHEDULER_POLL_INTERVAL_MS: '0' } })).toThrow(/SCHEDULER_POLL_INTERVAL_MS/);
  });

  it('leases under the configured processor id, or a unique one per process', async () => {
    const named = build({}, { processorId: 'eu-1' });
    expect(named.scheduler.processorId).toBe('eu-1');
    const unnamed = build({});
    expect(unnamed.scheduler.processorId).toMatch(/^.+:\d+:[0-9a-f]{8}$/);
    await named.close();
    await unnamed.close();
  });

  it('expires on chain only with a signing key, signing as its account', async () => {
    const keys = Keypair.random();
    const off = build({});
    expect(off.scheduler.chainAccount).toBeNull();
    const on = build({ NOTIFYCHAIN_SIGNING_SECRET: keys.secret() });
    expect(on.scheduler.chainAccount).toBe(keys.publicKey());
    await off.close();
    await on.close();
  });

  it('refuses a signing key that is not a secret seed, without quoting it', () => {
    const bad = 'SBADSECRETTHATISNOTASEEDATALL0123456789';
    expect(() => build({ NOTIFYCHAIN_SIGNING_SECRET: bad })).toThrow(/NOTIFYCHAIN_SIGNING_SECRET is not a valid/);
    try {
      build({ NOTIFYCHAIN_SIGNING_SECRET: bad });
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(bad.slice(4, 20));
    }
  });
});
