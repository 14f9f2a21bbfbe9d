// On-chain expiry against the demo network: the scheduler signs expire_notification for a
// lapsed notification, simulates, submits and confirms it; a submission that fails is sent again
// (by the RPC client at once, or by the scheduler on a later pass), never twice on chain.
import { Account, BASE_FEE, Contract, Keypair, nativeToScVal, rpc as sdkRpc, TransactionBuilder } from '@stellar/stellar-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../../src/main/engine/clock';
import { ChainExpirer } from '../../../src/main/engine/scheduler/chain-expiry';
import { RpcClient } from '../../../src/main/engine/stellar/rpc-client';
import { startDemoRpcServer, type DemoRpcServer } from '../../../src/main/engine/stellar/demo';
import { txState } from '../../../src/main/engine/stellar/demo/methods/tx-state';
import { openSqlite, type StoreUnderTest } from '../../fixtures/stores';
import { extended, notificationId, scheduled } from './support/notification-events';
import { iso, makeScheduler } from './support/scheduler-setup';

/** The real clock, moved on by the test: leases and retry times follow it, waits are real. */
class ShiftedClock implements Clock {
  offset = 0;
  now = () => Date.now() + this.offset;
  sleep = systemClock.sleep;
}

describe('on-chain expiry against the demo network', () => {
  let demo: DemoRpcServer;
  let t: StoreUnderTest;
  let clock: ShiftedClock;
  let rpc: RpcClient;
  let contractId: string;

  beforeEach(async () => {
    demo = await startDemoRpcServer({ autoStart: true, ledgerIntervalMs: 100, eventsPerLedger: 0 });
    contractId = demo.chain.contracts.notifications;
    t = await openSqlite();
    clock = new ShiftedClock();
    rpc = new RpcClient({ urls: [demo.url], baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 3, timeoutMs: 1_000 });
  });
  afterEach(async () => {
    await t.close();
    await demo.close();
  });

  /** An on-chain notification of the demo contract that lapsed a minute ago. */
  async function lapsed(n: number): Promise<string> {
    const id = notificationId(n);
    const events = [scheduled(id, { ledger: 100 }), extended(id, iso(Date.now() - 60_000), { ledger: 101 })].map((e) => ({ ...e, contractId }));
    await t.store.commitIngest({ events });
    return id;
  }

  function scheduler() {
    const chain = new ChainExpirer({ rpc, signingSecret: Keypair.random().secret(), clock, pollMs: 50, confirmTimeoutMs: 10_000 });
    return makeScheduler(t.store, clock, { chain });
  }

  it('a lapsed notification is expired on chain with one confirmed transaction', async () => {
    const id = await lapsed(1);
    expect(await scheduler().runOnce()).toMatchObject({ expired: 1, chainExpired: 1 });
    const row = await t.store.notifications.get(id);
    expect(row?.chainExpiry).toMatchObject({ error: null, attempts: 1, txHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const confirmed = (await rpc.call('getTransaction', { hash: row!.chainExpiry.txHash })) as { status: string };
    expect(confirmed.status).toBe('SUCCESS');
    expect(demo.requestCount('simulateTransaction')).toBe(1);
    expect(demo.requestCount('sendTransaction')).toBe(1);
    expect(txState(demo.chain).expiredNotifications).toEqual(new Set([id]));
  });

  it('a failed submission is retried by the RPC client, and the notification is expired once', async () => {
    const id = await lapsed(2);
    demo.injectFaults({ kind: 'http-status', status: 503, method: 'sendTransaction', times: 2 });
    expect(await scheduler().runOnce()).toMatchObject({ chainExpired: 1 });
    expect(demo.requestCount('sendTransaction')).toBe(3);
    expect(txState(demo.chain).transactions.size).toBe(1);
    expect((await t.store.notifications.get(id))?.chainExpiry.error).toBeNull();
  });

  it('a submission whose answer was lost is sent again and confirmed without a second transaction', async () => {
    await lapsed(3);
    const slow = new RpcClient({ urls: [demo.url], baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 3, timeoutMs: 150 });
    rpc = slow;
    demo.injectFaults({ kind: 'delay', ms: 400, method: 'sendTransaction' });
    expect(await scheduler().runOnce()).toMatchObject({ chainExpired: 1 });
    expect(demo.requestCount('sendTransaction')).toBe(2);
    expect(txState(demo.chain).transactions.size).toBe(1);
  });

  it('a submission failing past the client retries is tried again on a later pass, after its backoff', async () => {
    const id = await lapsed(4);
    const s = scheduler();
    demo.injectFaults({ kind: 'disconnect', method: 'sendTransaction', times: 3 });
    expect(await s.runOnce()).toMatchObject({ expired: 1, chainExpired: 0 });
    const failed = await t.store.notifications.get(id);
    expect(failed?.chainExpiry).toMatchObject({ txHash: null, attempts: 1, error: expect.stringContaining('chain.rpc_failed') });

    expect((await s.runOnce()).chainExpired).toBe(0); // still backing off
    expect(demo.requestCount('sendTransaction')).toBe(3);
    clock.offset = 31_000;
    expect((await s.runOnce()).chainExpired).toBe(1);
    expect(await t.store.notifications.get(id)).toMatchObject({ chainExpiry: { error: null, attempts: 2 } });
    expect(txState(demo.chain).transactions.size).toBe(1);
  });

  it('a contract that refuses the call (already expired) is not asked again', async () => {
    const id = await lapsed(5);
    txState(demo.chain).expiredNotifications.add(id);
    const s = scheduler();
    await s.runOnce();
    expect((await t.store.notifications.get(id))?.chainExpiry).toMatchObject({
      txHash: null, attempts: 1, error: expect.stringMatching(/^chain\.simulation_failed: .*already expired/),
    });
    clock.offset = 24 * 3_600_000;
    await s.runOnce();
    expect(demo.requestCount('simulateTransaction')).toBe(1);
    expect(demo.requestCount('sendTransaction')).toBe(0);
  });

  it("without a signing key nothing is sent on chain, and the lapse is still reported", async () => {
    await lapsed(6);
    expect(await makeScheduler(t.store, clock).runOnce()).toMatchObject({ expired: 1, chainExpired: 0 });
    expect(demo.requestCount()).toBe(0);
  });

  it("the SDK's own rpc.Server can load an account, prepare, send and confirm expire_notification on the demo network", async () => {
    const keys = Keypair.random();
    const server = new sdkRpc.Server(demo.url, { allowHttp: true });
    const account = await server.getAccount(keys.publicKey());
    const before = BigInt(account.sequenceNumber());
    const tx = new TransactionBuilder(account, { fee: BASE_FEE, networkPassphrase: demo.chain.passphrase })
      .addOperation(new Contract(contractId).call('expire_notification', nativeToScVal(Buffer.alloc(32, 9), { type: 'bytes' })))
      .setTimeout(30)
      .build();
    const prepared = await server.prepareTransaction(tx);
    prepared.sign(keys);
    const sent = await server.sendTransaction(prepared);
    expect(sent.status).toBe('PENDING');
    const done = await server.pollTransaction(sent.hash, { attempts: 50, sleepStrategy: () => 50 });
    expect(done.status).toBe('SUCCESS');
    expect((await server.getAccount(keys.publicKey())).sequenceNumber()).toBe(String(before + 1n));
  });

  it('the demo network refuses what a real one would: a used sequence, a foreign signature, an unknown function', async () => {
    const keys = Keypair.random();
    const server = new sdkRpc.Server(demo.url, { allowHttp: true });
    const build = async (fn: string, fill: number, sequence?: string) => {
      const source = sequence === undefined ? await server.getAccount(keys.publicKey()) : new Account(keys.publicKey(), sequence);
      return new TransactionBuilder(source, { fee: BASE_FEE, networkPassphrase: demo.chain.passphrase })
        .addOperation(new Contract(contractId).call(fn, nativeToScVal(Buffer.alloc(32, fill), { type: 'bytes' })))
        .setTimeout(30)
        .build();
    };
    const first = await server.prepareTransaction(await build('expire_notification', 7));
    first.sign(keys);
    expect((await server.sendTransaction(first)).status).toBe('PENDING');
    expect((await server.sendTransaction(first)).status).toBe('DUPLICATE');

    const stale = await server.prepareTransaction(await build('expire_notification', 8, String(BigInt(first.sequence) - 1n)));
    stale.sign(keys);
    const refused = await server.sendTransaction(stale);
    expect(refused.status).toBe('ERROR');
    expect(refused.errorResult?.result.type).toBe('txBadSeq');

    const foreign = await server.prepareTransaction(await build('expire_notification', 9));
    foreign.sign(Keypair.random());
    const unsigned = await server.sendTransaction(foreign);
    expect([unsigned.status, unsigned.errorResult?.result.type]).toEqual(['ERROR', 'txBadAuth']);

    const simulation = await server.simulateTransaction(await build('no_such_function', 10));
    expect(sdkRpc.Api.isSimulationError(simulation)).toBe(true);
  });
});
