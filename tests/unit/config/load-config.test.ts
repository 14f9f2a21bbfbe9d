import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/main/engine/config/load-config';
import { parseServeArgs } from '../../../src/main/cli/serve-args';
import { CONTRACT_A } from '../../fixtures/decoded-event';

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('defaults to the demo network on 127.0.0.1:8787', () => {
    expect(loadConfig({})).toMatchObject({ network: 'demo', host: '127.0.0.1', port: 8787, pollIntervalMs: 5000, dedupWindowMs: 300_000 });
  });

  it('reads the seed environment variables', () => {
    const config = loadConfig({
      env: {
        STELLAR_RPC_URL: 'http://127.0.0.1:8000, http://127.0.0.1:8001',
        STELLAR_NETWORK: 'testnet',
        CONTRACT_ADDRESSES: `${CONTRACT_A}:withdrawal|admin_transferred`,
        POLLING_INTERVAL_MS: '2000',
        RETENTION_DAYS: '30',
      },
    });
    expect(config.rpcUrls).toEqual(['http://127.0.0.1:8000', 'http://127.0.0.1:8001']);
    expect(config.contracts).toEqual([{ id: CONTRACT_A, eventTypes: ['withdrawal', 'admin_transferred'] }]);
    expect(config).toMatchObject({ network: 'testnet', pollIntervalMs: 2000, retentionDays: 30 });
  });

  it('flags win over the environment, which wins over the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nc-config-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ port: 1111, pollIntervalMs: 3000, retentionDays: 7 }));
    const config = loadConfig({ file, env: { API_PORT: '2222', POLLING_INTERVAL_MS: '4000' }, flags: { port: '3333' } });
    expect(config).toMatchObject({ port: 3333, pollIntervalMs: 4000, retentionDays: 7 });
  });

  it('a malformed contract id names the flag and the reason', () => {
    const args = parseServeArgs(['--watch', 'CABC']);
    expect(problems(() => loadConfig({ flags: args.flags }))).toEqual([
      'contracts.0.id (--watch): contract id "CABC" must be 56 characters long, got 4',
    ]);
  });

  it('a contract id with a bad checksum is rejected', () => {
    const bad = CONTRACT_A.slice(0, -1) + (CONTRACT_A.endsWith('A') ? 'B' : 'A');
    expect(problems(() => loadConfig({ flags: { contracts: [{ id: bad }] } }))[0]).toMatch(/invalid checksum/);
  });

  it('an account address is explained as the wrong kind of id', () => {
    const account = 'GAAZI4TCR3TY5OJHCTJC2A4QSY6CJWJH5IAJTGKIN2ER7LBNVKOCCWN7';
    expect(problems(() => loadConfig({ env: { CONTRACT_ADDRESSES: account } }))[0]).toMatch(/CONTRACT_ADDRESSES.*account address/);
  });

  it('bad numbers, URLs and network names are each reported', () => {
    const found = problems(() =>
      loadConfig({ flags: { port: '70000', pollIntervalMs: 'soon', rpcUrls: ['ftp://x'], network: 'moon' } }),
    );
    expect(found).toHaveLength(4);
    expect(found.join('\n')).toMatch(/port \(--port\)/);
    expect(found.join('\n')).toMatch(/pollIntervalMs \(--poll-interval-ms\)/);
    expect(found.join('\n')).toMatch(/rpcUrls.0 \(--rpc-url\): must be an http\(s\) URL/);
    expect(found.join('\n')).toMatch(/network \(--network\)/);
  });

  it('mainnet and custom networks need an RPC URL', () => {
    expect(problems(() => loadConfig({ flags: { network: 'mainnet' } }))[0]).toMatch(/give --rpc-url/);
  });

  it('an unreadable or non-JSON config file is a clear error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nc-config-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ nope');
    expect(problems(() => loadConfig({ file }))[0]).toMatch(/broken.json: not valid JSON/);
    expect(problems(() => loadConfig({ file: join(dir, 'missing.json') }))[0]).toMatch(/cannot be read \(ENOENT\)/);
  });

  it('unknown keys in the config file are rejected, not ignored', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nc-config-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ pollingIntervalMs: 1000 }));
    expect(problems(() => loadConfig({ file }))[0]).toMatch(/pollingIntervalMs/);
  });

  it('unknown flags are refused by the parser', () => {
    expect(() => parseServeArgs(['--wacth', CONTRACT_A])).toThrow(/--wacth/);
  });
});
