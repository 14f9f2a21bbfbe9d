// The charts' data for one range (1 h, 24 h, 7 d), computed by the API's stats routes and
// refreshed while the page is open.
import { createStore } from 'zustand/vanilla';
import type { DeliveryStats, EventStats, IngestStats, StatsRange } from '../../../main/engine/store/sqlite/sqlite-stats';
import { describeFailure } from '../transport/api-failure';
import type { Transport } from '../transport/transport';

export const CHART_RANGES: StatsRange[] = ['1h', '24h', '7d'];
export const CHARTS_EVERY_MS = 15_000;

export interface ChartsState {
  range: StatsRange;
  events: EventStats | null;
  deliveries: DeliveryStats | null;
  ingest: IngestStats | null;
  error: string | null;
  setRange(range: StatsRange): Promise<void>;
  refresh(): Promise<void>;
  start(): void;
  stop(): void;
}

export function createChartsStore(transport: Transport) {
  let timer: ReturnType<typeof setInterval> | null = null;
  let generation = 0;
  return createStore<ChartsState>()((set, get) => ({
    range: '1h',
    events: null,
    deliveries: null,
    ingest: null,
    error: null,
    setRange: async (range) => {
      set({ range, events: null, deliveries: null, ingest: null });
      await get().refresh();
    },
    refresh: async () => {
      const gen = ++generation;
      const range = get().range;
      const [events, deliveries, ingest] = await Promise.all([
        transport.request<EventStats>('GET', `/api/stats/events?range=${range}`),
        transport.request<DeliveryStats>('GET', `/api/stats/deliveries?range=${range}`),
        transport.request<IngestStats>('GET', `/api/stats/ingest?range=${range}`),
      ]);
      if (gen !== generation) return;
      const failed = [events, deliveries, ingest].find((a) => !a.ok);
      set({
        events: events.ok ? events.body : null,
        deliveries: deliveries.ok ? deliveries.body : null,
        ingest: ingest.ok ? ingest.body : null,
        error: failed && !failed.ok ? describeFailure(failed) : null,
      });
    },
    start: () => {
      if (timer) return;
      void get().refresh();
      timer = setInterval(() => void get().refresh(), CHARTS_EVERY_MS);
    },
    stop: () => {
      if (timer) clearInterval(timer);
      timer = null;
    },
  }));
}
