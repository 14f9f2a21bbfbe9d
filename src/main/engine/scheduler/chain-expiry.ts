// Calls a notification contract's expire_notification(notification_id: BytesN<32>) for a
// notification that has lapsed: build with stellar-sdk, simulate, sign, submit, confirm.
// Every call goes through the engine's RPC client, so transport failures are retried with the
// same rules as reads (backoff with jitter, Retry-After, failover); a busy RPC
// (TRY_AGAIN_LATER) is asked again with the same backoff. Resending after a lost reply is safe:
// the signed envelope is the same, and the network answers DUPLICATE.
import { Account, BASE_FEE, Contract, Keypair, nativeToScVal, rpc, TransactionBuilder, xdr } from '@stellar/stellar-sdk';
import type { Clock } from '../clock';
import { backoffDelay, type BackoffOptions } from '../retry/backoff';
import { isRpcError } from '../stellar/rpc-error';

/** The engine's RPC client (RpcClient.call): one JSON-RPC method, retried per its rules. */
export interface RpcCaller {
  call(method: string, params?: object): Promise<unknown>;
}

export const CHAIN_ERROR_CODES = [
  'chain.invalid_id',
  'chain.account_missing',
  'chain.simulation_failed',
  'chain.submission_rejected',
  'chain.transaction_failed',
  'chain.not_confirmed',
  'chain.rpc_failed',
] as const;
export type ChainErrorCode = (typeof CHAIN_ERROR_CODES)[number];

export type ChainExpiryOutcome =
  | { ok: true; txHash: string }
  | { ok: false; code: ChainErrorCode; message: string; retryable: boolean };

export interface ChainExpirerOptions {
  rpc: RpcCaller;
  signingSecret: string;
  clock: Clock;
  /** How long a submitted transaction may take to appear in a ledger (default 60 s). */
  confirmTimeoutMs?: number;
  /** Between getTransaction polls (default 1 s, about a fifth of a ledger). */
  pollMs?: number;
  /** TRY_AGAIN_LATER answers retried before giving up this attempt (default 4). */
  busyRetries?: number;
  busyBackoff?: BackoffOptions;
}

const fail = (code: ChainErrorCode, message: string, retryable: boolean): ChainExpiryOutcome => ({ ok: false, code, message, retryable });
// A fresh sequence number or a later attempt can fix these refusals; not a bad signature.
const RETRYABLE_REFUSALS = new Set(['txBadSeq', 'txTooLate', 'txTooEarly', 'txInsufficientFee']);

export class ChainExpirer {
  readonly account: string;
  private readonly keypair: Keypair;
  private passphrase: string | null = null;

  constructor(private readonly opts: ChainExpirerOptions) {
    this.keypair = Keypair.fromSecret(opts.signingSecret);
    this.account = this.keypair.publicKey();
  }

  async expire(contractId: string, notificationId: string): Promise<ChainExpiryOutcome> {
    if (!/^[0-9a-f]{64}$/i.test(notificationId)) {
      return fail('chain.invalid_id', `notification id ${notificationId} is not 32 bytes of hex`, false);
    }
    try {
      return await this.attempt(contractId, notificationId);
    } catch (error) {
      if (isRpcError(error)) return fail('chain.rpc_failed', error.message, error.retryable);
      return fail('chain.rpc_failed', error instanceof Error ? error.message : String(error), true);
    }
  }

  private async attempt(contractId: string, notificationId: string): Promise<ChainExpiryOutcome> {
    const networkPassphrase = await this.networkPassphrase();
    const sequence = await this.sequence();
    if (sequence === null) return fail('chain.account_missing', `the signing account ${this.account} does not exist`, true);
    const call = new Contract(contractId).call('expire_notification', nativeToScVal(Buffer.from(notificationId, 'hex'), { type: 'bytes' }));
    const tx = new TransactionBuilder(new Account(this.account, sequence), { fee: BASE_FEE, networkPassphrase })
      .addOperation(call)
      .setTimeout(30)
      .build();

    const simulation = (await this.opts.rpc.call('simulateTransaction', { transaction: tx.toXDR() })) as rpc.Api.RawSimulateTransactionResponse;
    if (typeof simulation?.error === 'string' || typeof simulation?.transactionData !== 'string') {
      return fail('chain.simulation_failed', simulation?.error ?? 'the simulation returned no transaction data', false);
    }
    const ready = rpc.assembleTransaction(tx, simulation).build();
    ready.sign(this.keypair);
    const envelope = ready.toXDR();
    const hash = Buffer.from(ready.hash()).toString('hex');

    for (let busy = 1; ; busy++) {
      const sent = (await this.opts.rpc.call('sendTransaction', { transaction: envelope })) as { status?: string; errorResultXdr?: string };
      if (sent.status === 'PENDING' || sent.status === 'DUPLICATE') break;
      if (sent.status === 'TRY_AGAIN_LATER') {
        if (busy > (this.opts.busyRetries ?? 4)) return fail('chain.rpc_failed', 'the RPC kept answering TRY_AGAIN_LATER', true);
        await this.opts.clock.sleep(backoffDelay(busy, this.opts.busyBackoff ?? { baseDelayMs: 500, maxDelayMs: 10_000 }));
        continue;
      }
      const refusal = refusalCode(sent.errorResultXdr);
      return fail('chain.submission_rejected', `sendTransaction answered ${sent.status ?? '?'} (${refusal})`, RETRYABLE_REFUSALS.has(refusal));
    }
    return this.confirm(hash);
  }

  private async confirm(hash: string): Promise<ChainExpiryOutcome> {
    const deadline = this.opts.clock.now() + (this.opts.confirmTimeoutMs ?? 60_000);
    for (;;) {
      const got = (await this.opts.rpc.call('getTransaction', { hash })) as { status?: string };
      if (got.status === 'SUCCESS') return { ok: true, txHash: hash };
      if (got.status === 'FAILED') return fail('chain.transaction_failed', `transaction ${hash} failed on chain`, false);
      if (this.opts.clock.now() >= deadline) return fail('chain.not_confirmed', `transaction ${hash} was not in a ledger in time`, true);
      await this.opts.clock.sleep(this.opts.pollMs ?? 1_000);
    }
  }

  private async networkPassphrase(): Promise<string> {
    this.passphrase ??= ((await this.opts.rpc.call('getNetwork')) as { passphrase: string }).passphrase;
    return this.passphrase;
  }

  /** The source account's current sequence number, or null when the account does not exist. */
  private async sequence(): Promise<string | null> {
    const key = xdr.LedgerKey.account(new xdr.LedgerKeyAccount({ accountId: this.keypair.xdrAccountId() })).toXdr('base64');
    const result = (await this.opts.rpc.call('getLedgerEntries', { keys: [key] })) as { entries?: { xdr: string }[] | null };
    const entry = result.entries?.[0];
    if (!entry) return null;
    const data = xdr.LedgerEntryData.fromXdr(entry.xdr, 'base64');
    return data.type === 'account' ? data.account.seqNum.toString() : null;
  }
}

function refusalCode(resultXdr: string | undefined): string {
  if (!resultXdr) return 'no result';
  try {
    return xdr.TransactionResult.fromXdr(resultXdr, 'base64').result.type;
  } catch {
    return 'unreadable result';
  }
}
