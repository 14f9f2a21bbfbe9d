// The result and meta XDR of demo transactions, as stellar-rpc returns them.
import { xdr } from '@stellar/stellar-sdk';

const FEE_CHARGED = 100n;

type Refusal = 'txBadSeq' | 'txBadAuth' | 'txSorobanInvalid' | 'txTooLate' | 'txMalformed';

/** errorResultXdr of a sendTransaction the network refused outright. */
export function refusalXdr(code: Refusal): string {
  return new xdr.TransactionResult({ feeCharged: FEE_CHARGED, result: xdr.TransactionResultResult[code](), ext: xdr.TransactionResultExt.v0() }).toXdr(
    'base64',
  );
}

/** resultXdr of an included transaction: its one invokeHostFunction succeeded or trapped. */
export function resultXdr(ok: boolean, hash: Uint8Array): string {
  const op = xdr.OperationResult.opInner(
    xdr.OperationResultTr.invokeHostFunction(
      ok ? xdr.InvokeHostFunctionResult.invokeHostFunctionSuccess(hash) : xdr.InvokeHostFunctionResult.invokeHostFunctionTrapped(),
    ),
  );
  const result = ok ? xdr.TransactionResultResult.txSuccess([op]) : xdr.TransactionResultResult.txFailed([op]);
  return new xdr.TransactionResult({ feeCharged: FEE_CHARGED, result, ext: xdr.TransactionResultExt.v0() }).toXdr('base64');
}

/** resultMetaXdr: no ledger changes worth showing, a void return value. */
export function resultMetaXdr(): string {
  return xdr.TransactionMeta.v3(
    new xdr.TransactionMetaV3({
      ext: xdr.ExtensionPoint.v0(),
      txChangesBefore: [],
      operations: [new xdr.OperationMeta({ changes: [] })],
      txChangesAfter: [],
      sorobanMeta: new xdr.SorobanTransactionMeta({
        ext: xdr.SorobanTransactionMetaExt.v0(),
        events: [],
        returnValue: xdr.ScVal.scvVoid(),
        diagnosticEvents: [],
      }),
    }),
  ).toXdr('base64');
}
