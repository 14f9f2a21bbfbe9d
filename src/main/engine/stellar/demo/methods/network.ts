import type { GetHealthResult, GetNetworkResult } from '../../rpc-types.js';
import { DEMO_PROTOCOL_VERSION } from '../chain-types.js';
import type { MethodHandler } from '../json-rpc.js';

export const getHealth: MethodHandler = (_params, { chain }): GetHealthResult => ({
  status: 'healthy',
  latestLedger: chain.latestLedger,
  oldestLedger: chain.oldestLedger,
  ledgerRetentionWindow: chain.retentionLedgers,
});

// No friendbotUrl: nothing funds accounts on the demo network.
export const getNetwork: MethodHandler = (_params, { chain }): GetNetworkResult => ({
  passphrase: chain.passphrase,
  protocolVersion: DEMO_PROTOCOL_VERSION,
});
