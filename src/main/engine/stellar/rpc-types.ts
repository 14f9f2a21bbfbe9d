// Shapes of the Stellar RPC JSON-RPC methods the engine uses (see shared/stellar/rpc.md).
// Only the fields NotifyChain reads are typed; servers may send more.

export interface GetHealthResult {
  status: string;
  latestLedger: number;
  oldestLedger: number;
  ledgerRetentionWindow: number;
}

export interface GetNetworkResult {
  passphrase: string;
  protocolVersion: number;
  friendbotUrl?: string;
}

export interface GetLatestLedgerResult {
  /** Ledger hash, hex. */
  id: string;
  sequence: number;
  protocolVersion: number;
  /** Unix seconds as a string (recent RPC versions). */
  closeTime?: string;
  headerXdr?: string;
  metadataXdr?: string;
}

export interface LedgerInfo {
  hash: string;
  sequence: number;
  /** Unix seconds as a string. */
  ledgerCloseTime: string;
  headerXdr?: string;
  metadataXdr?: string;
}

export interface GetLedgersParams {
  startLedger?: number;
  pagination?: { cursor?: string; limit?: number };
}

export interface GetLedgersResult {
  ledgers: LedgerInfo[];
  latestLedger: number;
  latestLedgerCloseTime: number;
  oldestLedger: number;
  oldestLedgerCloseTime: number;
  cursor: string;
}

export interface EventFilter {
  type?: 'contract' | 'system';
  contractIds?: string[];
  topics?: string[][];
}

export interface GetEventsParams {
  startLedger?: number;
  endLedger?: number;
  filters: EventFilter[];
  pagination?: { cursor?: string; limit?: number };
  xdrFormat?: 'base64';
}

/** One event as `getEvents` returns it with `xdrFormat: "base64"`. */
export interface RpcEvent {
  type: string;
  ledger: number;
  ledgerClosedAt: string;
  contractId: string;
  id: string;
  opIndex?: number;
  txIndex?: number;
  pagingToken?: string;
  txHash?: string;
  inSuccessfulContractCall?: boolean;
  topic: string[];
  value: string;
}

export interface GetEventsResult {
  events: RpcEvent[];
  cursor: string;
  latestLedger: number;
  oldestLedger?: number;
  latestLedgerCloseTime?: string;
  oldestLedgerCloseTime?: string;
}

export interface LedgerEntryResult {
  key: string;
  xdr: string;
  lastModifiedLedgerSeq: number;
  liveUntilLedgerSeq?: number;
}

export interface GetLedgerEntriesResult {
  entries: LedgerEntryResult[] | null;
  latestLedger: number;
}

/** The RPC surface the engine depends on; the real client and test doubles implement it. */
export interface StellarRpc {
  getHealth(): Promise<GetHealthResult>;
  getNetwork(): Promise<GetNetworkResult>;
  getLatestLedger(): Promise<GetLatestLedgerResult>;
  getLedgers(params: GetLedgersParams): Promise<GetLedgersResult>;
  getEvents(params: GetEventsParams): Promise<GetEventsResult>;
  getLedgerEntries(keys: string[]): Promise<GetLedgerEntriesResult>;
}

/** JSON-RPC's "invalid request/params" codes: the caller's fault, never retried. */
export const JSON_RPC_INVALID_REQUEST = -32600;
export const JSON_RPC_INVALID_PARAMS = -32602;
