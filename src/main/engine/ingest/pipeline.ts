// decode → filter → dedup → one transaction. The subscriber feeds it pages from the RPC; the
// benchmark feeds it pages directly to measure the in-process cost.
import type { StoredEvent } from '../../../shared/model';
import type { EngineMetrics } from '../metrics';
import type { Store } from '../store/store';
import { decodeEvent } from '../stellar/decode-event';
import type { DecodedEvent } from '../stellar/decoded-event';
import type { RpcEvent } from '../stellar/rpc-types';
import type { DedupWindow } from './dedup-window';
import type { SpecCache } from './spec-cache';

/** Per watched contract: the event types to keep, or null for all. */
export type WatchFilter = ReadonlyMap<string, ReadonlySet<string> | null>;

export interface PageCommit {
  cursor?: string | null;
  backfill?: { contractId: string; cursor: string };
  checkpoint?: { ledger: number; hash: string };
}

export class IngestPipeline {
  constructor(
    private readonly store: Store,
    private readonly specs: SpecCache,
    private readonly dedup: DedupWindow,
    private readonly metrics: EngineMetrics,
  ) {}

  async ingest(page: RpcEvent[], watch: WatchFilter, commit: PageCommit = {}): Promise<StoredEvent[]> {
    const specs = await this.specs.load(page.map((e) => e.contractId));
    const fresh: DecodedEvent[] = [];
    for (const raw of page) {
      const types = watch.get(raw.contractId);
      if (types === undefined) continue; // an RPC that ignores our filter: not ours to keep
      const event = decodeEvent(raw, specs.get(raw.contractId) ?? null);
      if (types !== null && !types.has(event.eventType)) continue;
      if (this.dedup.has(event.dedupKey)) {
        this.metrics.dedupHits++;
        continue;
      }
      if (event.decodeStatus === 'failed') this.metrics.decodeFailures++;
      fresh.push(event);
    }
    const result = await this.store.commitIngest({ events: fresh, ...commit });
    for (const event of fresh) this.dedup.add(event.dedupKey);
    this.metrics.dedupHits += result.duplicates;
    this.metrics.eventsIngested += result.inserted.length;
    return result.inserted;
  }
}
