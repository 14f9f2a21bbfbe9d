// The contract functions the demo network can run. Only the notification contract's
// expire_notification(notification_id: BytesN<32>) so far: what NotifyChain's scheduler calls.
import { Address, xdr, type Transaction } from '@stellar/stellar-sdk';

import type { DemoChain } from '../chain.js';
import { codeKey, instanceKey, wasmHash, wasmOf } from '../contract-entries.js';
import { txState } from './tx-state.js';

export interface PlannedCall {
  readOnly: xdr.LedgerKey[];
  readWrite: xdr.LedgerKey[];
  /** Applies the call's effect once the transaction is accepted. */
  apply(): void;
}

/** The call, or the host error a real RPC would report for it. */
export type CallCheck = { ok: true; call: PlannedCall } | { ok: false; error: string };

/** The single invokeHostFunction operation of a Soroban transaction, or why there is none. */
export function invocationOf(tx: Transaction): { contractId: string; fn: string; args: xdr.ScVal[] } | string {
  if (tx.operations.length !== 1) return 'a Soroban transaction has exactly one operation';
  const op = tx.operations[0]!;
  if (op.type !== 'invokeHostFunction') return `operation ${op.type} is not supported by the demo network`;
  const fn = op.func;
  if (fn.type !== 'hostFunctionTypeInvokeContract') return `host function ${fn.type} is not supported by the demo network`;
  const call = fn.invokeContract;
  return {
    contractId: Address.fromScAddress(call.contractAddress).toString(),
    fn: call.functionName.toString(),
    args: call.args,
  };
}

export function checkCall(chain: DemoChain, tx: Transaction): CallCheck {
  const invocation = invocationOf(tx);
  if (typeof invocation === 'string') return { ok: false, error: invocation };
  const { contractId, fn, args } = invocation;
  const emitter = (Object.keys(chain.contracts) as (keyof typeof chain.contracts)[]).find((k) => chain.contracts[k] === contractId);
  if (!emitter) return { ok: false, error: `HostError: Error(Storage, MissingValue): contract ${contractId} is not deployed` };
  if (emitter !== 'notifications' || fn !== 'expire_notification') {
    return { ok: false, error: `HostError: Error(WasmVm, MissingValue): function ${fn} is not exported by ${contractId}` };
  }
  const [id] = args;
  if (args.length !== 1 || id?.type !== 'scvBytes' || id.bytes.value.length !== 32) {
    return { ok: false, error: 'HostError: Error(Value, UnexpectedType): expire_notification takes notification_id: BytesN<32>' };
  }
  const hex = Buffer.from(id.bytes.value).toString('hex');
  const state = txState(chain);
  if (state.expiredNotifications.has(hex)) {
    return { ok: false, error: `HostError: Error(Contract, #7): notification ${hex} is already expired` };
  }
  const dataKey = xdr.LedgerKey.contractData(
    new xdr.LedgerKeyContractData({
      contract: Address.fromString(contractId).toScAddress(),
      key: xdr.ScVal.scvVec([xdr.ScVal.scvSymbol('Notification'), id]),
      durability: xdr.ContractDataDurability.persistent,
    }),
  );
  return {
    ok: true,
    call: {
      readOnly: [instanceKey(contractId), codeKey(wasmHash(wasmOf(emitter)))],
      readWrite: [dataKey],
      apply: () => void state.expiredNotifications.add(hex),
    },
  };
}
