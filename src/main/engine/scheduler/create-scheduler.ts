// The engine's scheduler from its config and the host's options. On-chain expiry is off unless
// the host hands over a signing key (the app: from the OS keychain) or `serve` finds one in
// NOTIFYCHAIN_SIGNING_SECRET.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EngineConfig } from '../../../shared/config';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { Store } from '../store/store';
import type { StellarRpc } from '../stellar/rpc-types';
import { ChainExpirer, type RpcCaller } from './chain-expiry';
import { Scheduler } from './scheduler';

/** What a host may add to the engine's scheduler. */
export interface SchedulerHostOptions {
  /** Secret seed (S…) of the account that signs expire_notification calls; absent = no on-chain expiry. */
  signingSecret?: string;
  /** Where NOTIFYCHAIN_SIGNING_SECRET is read when no signingSecret is given; default process.env. */
  env?: Record<string, string | undefined>;
  leaseMs?: number;
  batchSize?: number;
  chunkSize?: number;
  /** For submitting transactions; default the engine's RPC client when it can make any call. */
  rpc?: RpcCaller;
}

export class SchedulerConfigError extends Error {
  readonly code = 'config.invalid';
}

export function createScheduler(parts: {
  config: EngineConfig;
  store: Store;
  rpc: StellarRpc;
  clock: Clock;
  log: Logger;
  wakeDispatcher: () => void;
  host?: SchedulerHostOptions;
}): Scheduler {
  const host = parts.host ?? {};
  const secret = host.signingSecret ?? (host.env ?? process.env).NOTIFYCHAIN_SIGNING_SECRET;
  const rpc = host.rpc ?? (isRpcCaller(parts.rpc) ? parts.rpc : null);
  let chain: ChainExpirer | null = null;
  if (secret) {
    if (!rpc) throw new SchedulerConfigError('on-chain expiry needs an RPC client that can submit transactions');
    try {
      chain = new ChainExpirer({ rpc, signingSecret: secret, clock: parts.clock });
    } catch {
      // Never quote the secret, not even a part of it.
      throw new SchedulerConfigError('NOTIFYCHAIN_SIGNING_SECRET is not a valid Stellar secret seed (S…)');
    }
  }
  return new Scheduler({
    store: parts.store,
    clock: parts.clock,
    log: parts.log,
    processorId: parts.config.processorId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    pollIntervalMs: parts.config.schedulerPollIntervalMs,
    retentionDays: parts.config.notificationRetentionDays,
    wakeDispatcher: parts.wakeDispatcher,
    leaseMs: host.leaseMs,
    batchSize: host.batchSize,
    chunkSize: host.chunkSize,
    chain,
  });
}

function isRpcCaller(rpc: StellarRpc): rpc is StellarRpc & RpcCaller {
  return typeof (rpc as Partial<RpcCaller>).call === 'function';
}
