// Per contract, the field types its SEP-48 spec declares per event type, read from the specs
// ingestion caches in the store. A contract without a stored spec row yet is asked again later.
import { specFromEntries } from '../../stellar/contract-spec';
import type { Store } from '../../store/store';
import type { FieldTypes } from '../values/field-type';
import { specFieldTypes } from '../values/spec-fields';

export type EventFieldTypes = ReadonlyMap<string, FieldTypes>;

export class SpecFieldCache {
  private readonly byContract = new Map<string, EventFieldTypes | null>();

  constructor(private readonly store: Pick<Store, 'getSpec'>) {}

  /** Loads the contracts not loaded yet. */
  async ensure(contractIds: Iterable<string>): Promise<void> {
    for (const id of contractIds) {
      if (this.byContract.has(id)) continue;
      const cached = await this.store.getSpec(id);
      if (!cached) continue;
      this.byContract.set(id, readSpec(cached.entries));
    }
  }

  /** Event type → field types; null = the contract has no spec; undefined = not known yet. */
  of(contractId: string): EventFieldTypes | null | undefined {
    return this.byContract.get(contractId);
  }

  readonly typesOf = (contractId: string, eventType: string): FieldTypes | null => this.byContract.get(contractId)?.get(eventType) ?? null;
}

function readSpec(entries: string[] | null): EventFieldTypes | null {
  if (!entries || entries.length === 0) return null;
  try {
    return specFieldTypes(specFromEntries(entries));
  } catch {
    return null;
  }
}
