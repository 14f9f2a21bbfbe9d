// Terse constructors for the event tables in catalog-*.ts.
import type { CategoryName, DataDef, DemoEmitter, EventDefinition, PriorityName } from './catalog-types.js';
import type { FieldDef } from './fields.js';

export const single = (f: FieldDef | null): DataDef => ({ format: 'single-value', field: f });
export const map = (...fields: FieldDef[]): DataDef => ({ format: 'map', fields });
export const vec = (...fields: FieldDef[]): DataDef => ({ format: 'vec', fields });

interface AutoShareShape {
  topics: FieldDef[];
  /** `null`: the event publishes no priority topic and ends with the category. */
  category: CategoryName | readonly CategoryName[];
  priority: PriorityName | readonly PriorityName[] | null;
  data: DataDef;
}

const list = <T>(value: T | readonly T[] | null): readonly T[] =>
  value === null ? [] : Array.isArray(value) ? (value as readonly T[]) : [value as T];

/** A `#[contractevent]` of AutoShare or its notification module: topic[0] is the snake name. */
export function autoshareEvent(emitter: 'autoshare' | 'notifications', type: string, shape: AutoShareShape): EventDefinition {
  return {
    type,
    contract: 'autoshare',
    emitter,
    prefix: [type],
    topics: shape.topics,
    categories: list(shape.category),
    priorities: list(shape.priority),
    data: shape.data,
  };
}

/** TaskBounty's old `publish((symbol_short!(a), symbol_short!(b)), (..))`: no category, tuple data. */
export function taskBountyEvent(first: string, second: string, ...fields: FieldDef[]): EventDefinition {
  const emitter: DemoEmitter = 'taskbounty';
  return {
    type: `${first}_${second}`,
    contract: 'taskbounty',
    emitter,
    prefix: [first, second],
    topics: [],
    categories: [],
    priorities: [],
    data: vec(...fields),
  };
}
