import type { xdr } from '@stellar/stellar-sdk';

import type { FieldDef, NativeValue } from './fields.js';
import type { Rng } from './rng.js';

export type CategoryName = 'group' | 'admin' | 'financial' | 'notification' | 'system';
export type PriorityName = 'low' | 'medium' | 'high' | 'critical';

/** contracttype enum values, as the contracts publish them (u32 topics). */
export const CATEGORY_CODES: Readonly<Record<CategoryName, number>> = {
  group: 0,
  admin: 1,
  financial: 2,
  notification: 3,
  system: 4,
};
export const PRIORITY_CODES: Readonly<Record<PriorityName, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

export const ALL_CATEGORIES: readonly CategoryName[] = ['group', 'admin', 'financial', 'notification', 'system'];
export const ALL_PRIORITIES: readonly PriorityName[] = ['low', 'medium', 'high', 'critical'];

/** The source contract family: AutoShare (with its notification module) or TaskBounty. */
export type DemoContractKind = 'autoshare' | 'taskbounty';
/** The demo network's deployed contract that emits the event. */
export type DemoEmitter = 'autoshare' | 'notifications' | 'taskbounty';

/** `single-value` with a null field is a data-less event: the contract publishes `()` (scvVoid). */
export type DataDef =
  | { readonly format: 'single-value'; readonly field: FieldDef | null }
  | { readonly format: 'map'; readonly fields: readonly FieldDef[] }
  | { readonly format: 'vec'; readonly fields: readonly FieldDef[] };

export interface EventDefinition {
  /** The decoded event type: topic[0], or both short symbols joined with `_` (TaskBounty). */
  readonly type: string;
  readonly contract: DemoContractKind;
  readonly emitter: DemoEmitter;
  /** The fixed leading Symbol topics. */
  readonly prefix: readonly string[];
  /** Topics that follow the prefix, in field order (category and priority excluded). */
  readonly topics: readonly FieldDef[];
  /**
   * The categories the code can publish: one when fixed, several when it comes from a call
   * argument, none when the event carries no category topic.
   */
  readonly categories: readonly CategoryName[];
  readonly priorities: readonly PriorityName[];
  readonly data: DataDef;
}

export interface BuiltEvent {
  readonly type: string;
  readonly contract: DemoContractKind;
  readonly emitter: DemoEmitter;
  readonly topics: xdr.ScVal[];
  readonly value: xdr.ScVal;
  /** Every named field (topic and data) as `Spec.parseEvent` returns it; category/priority apart. */
  readonly fields: Readonly<Record<string, NativeValue>>;
  readonly category: CategoryName | null;
  readonly priority: PriorityName | null;
}

export type EventOverrides = Readonly<
  Record<string, NativeValue | undefined> & { category?: CategoryName; priority?: PriorityName }
>;

export interface CatalogEntry extends EventDefinition {
  build(rng: Rng | number, overrides?: EventOverrides): BuiltEvent;
}
