export { buildEvent, CATALOG, catalogEntry, encodeEvent } from './catalog.js';
export {
  ALL_CATEGORIES,
  ALL_PRIORITIES,
  CATEGORY_CODES,
  PRIORITY_CODES,
  type BuiltEvent,
  type CatalogEntry,
  type CategoryName,
  type DemoContractKind,
  type DemoEmitter,
  type EventOverrides,
  type PriorityName,
} from './catalog-types.js';
export { DemoChain } from './chain.js';
export {
  DEMO_PASSPHRASE,
  DEMO_PROTOCOL_VERSION,
  type DemoChainOptions,
  type DemoLedger,
  type EventPredicate,
} from './chain-types.js';
export { demoContractIds, type DemoContracts } from './contracts.js';
export type { FieldType, NativeValue } from './fields.js';
export type { DemoFault } from './faults.js';
export { ledgerEndCursor } from './cursor.js';
export { createRng, type Rng } from './rng.js';
export { startDemoRpcServer, type DemoRpcServer, type DemoRpcServerOptions } from './rpc-server.js';
export { autoshareSpecEntries, autoshareWasm, buildSpecWasm, taskBountyWasm } from './spec-wasm.js';
