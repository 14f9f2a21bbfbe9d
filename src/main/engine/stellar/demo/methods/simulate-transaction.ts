// simulateTransaction: the footprint, resources and fee a Soroban call needs, or the host error
// it would fail with. Results come back in stellar-rpc's shape, so SDK 17's assembleTransaction
// can use them.
import { SorobanDataBuilder, xdr } from '@stellar/stellar-sdk';

import { checkXdrFormat, invalidParams, type MethodHandler } from '../json-rpc.js';
import { checkCall } from './contract-calls.js';
import { parseTransaction } from './parse-transaction.js';

const INSTRUCTIONS = 2_500_000;
const READ_BYTES = 8_192;
const WRITE_BYTES = 256;
const RESOURCE_FEE = 75_000n;

export const simulateTransaction: MethodHandler = (params, { chain }) => {
  if (checkXdrFormat(params.xdrFormat) === 'json') throw invalidParams("the demo network serves simulateTransaction as 'base64' only");
  const tx = parseTransaction(chain, params.transaction);
  const latestLedger = chain.latestLedger;
  const check = checkCall(chain, tx);
  if (!check.ok) return { latestLedger, error: check.error, events: [] };
  const data = new SorobanDataBuilder()
    .setFootprint(check.call.readOnly, check.call.readWrite)
    .setResources(INSTRUCTIONS, READ_BYTES, WRITE_BYTES)
    .setResourceFee(RESOURCE_FEE)
    .build();
  return {
    latestLedger,
    minResourceFee: RESOURCE_FEE.toString(),
    transactionData: data.toXdr('base64'),
    results: [{ auth: [], xdr: xdr.ScVal.scvVoid().toXdr('base64') }],
    events: [],
  };
};
