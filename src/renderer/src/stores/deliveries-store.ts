// The delivery log: deliveries newest first with filters, one delivery's attempts, and
// redelivery of one or of a target's failed and dead ones.
import { createStore } from 'zustand/vanilla';
import type { AttemptView, DeliveryStatus, DeliveryView } from '../../../shared/targets';
import { describeFailure } from '../transport/api-failure';
import type { Transport } from '../transport/transport';

export interface DeliveryFilter {
  targetId: number | null;
  status: DeliveryStatus | null;
  eventId: string;
}

export interface DeliveriesState {
  filter: DeliveryFilter;
  deliveries: DeliveryView[];
  nextBefore: number | null;
  loading: boolean;
  error: string | null;
  /** What the last redelivery did, for the page to say. */
  notice: string | null;
  open: { delivery: DeliveryView; attempts: AttemptView[] } | null;
  setFilter(filter: Partial<DeliveryFilter>): Promise<void>;
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
  openDelivery(id: number | null): Promise<void>;
  redeliver(id: number): Promise<void>;
  redeliverTarget(targetId: number): Promise<void>;
}

const EVENT_ID = /^\d{1,19}-\d{1,10}$/;

function listPath(f: DeliveryFilter, before: number | null): string {
  const params = new URLSearchParams({ limit: '100' });
  if (f.targetId !== null) params.set('target_id', String(f.targetId));
  if (f.status) params.set('status', f.status);
  if (f.eventId.trim()) params.set('event_id', f.eventId.trim());
  if (before !== null) params.set('before', String(before));
  return `/api/deliveries?${params}`;
}

export function createDeliveriesStore(transport: Transport) {
  let generation = 0;
  return createStore<DeliveriesState>()((set, get) => {
    async function fetchPage(before: number | null) {
      const { filter } = get();
      if (filter.eventId.trim() && !EVENT_ID.test(filter.eventId.trim())) {
        return set({ error: 'An event id looks like 0000001234567890123-0000000001.', deliveries: [], nextBefore: null });
      }
      const gen = ++generation;
      set({ loading: true });
      const answer = await transport.request<{ deliveries: DeliveryView[]; next_before: number | null }>('GET', listPath(filter, before));
      if (gen !== generation) return;
      if (!answer.ok) return set({ loading: false, error: describeFailure(answer) });
      const { deliveries, next_before } = answer.body;
      set((s) => ({
        loading: false,
        error: null,
        deliveries: before === null ? deliveries : [...s.deliveries, ...deliveries],
        nextBefore: next_before,
      }));
    }

    async function reopen() {
      const open = get().open;
      if (open) await get().openDelivery(open.delivery.id);
    }

    return {
      filter: { targetId: null, status: null, eventId: '' },
      deliveries: [],
      nextBefore: null,
      loading: false,
      error: null,
      notice: null,
      open: null,
      setFilter: async (patch) => {
        set((s) => ({ filter: { ...s.filter, ...patch }, open: null }));
        await fetchPage(null);
      },
      refresh: async () => {
        await fetchPage(null);
        await reopen();
      },
      loadMore: async () => {
        const before = get().nextBefore;
        if (before !== null) await fetchPage(before);
      },
      openDelivery: async (id) => {
        if (id === null) return set({ open: null });
        const answer = await transport.request<{ delivery: DeliveryView; attempts: AttemptView[] }>('GET', `/api/deliveries/${id}`);
        if (answer.ok) set({ open: answer.body });
        else set({ error: describeFailure(answer) });
      },
      redeliver: async (id) => {
        const answer = await transport.request<{ delivery: DeliveryView }>('POST', `/api/deliveries/${id}/redeliver`);
        if (!answer.ok) return set({ error: describeFailure(answer), notice: null });
        set({ notice: `Delivery ${id} is queued to be sent again.`, error: null });
        await get().refresh();
      },
      redeliverTarget: async (targetId) => {
        const answer = await transport.request<{ redelivered: number }>('POST', `/api/targets/${targetId}/redeliver`, { statuses: ['failed', 'dead'] });
        if (!answer.ok) return set({ error: describeFailure(answer), notice: null });
        const n = answer.body.redelivered;
        set({ notice: n === 0 ? 'Nothing to send again: no failed deliveries.' : `${n} failed ${n === 1 ? 'delivery is' : 'deliveries are'} queued to be sent again.`, error: null });
        await get().refresh();
      },
    };
  });
}
