// Watched contracts: add (checked here before the API is asked), remove, and per contract its
// events, whether its spec was found, and a running backfill's progress (polled fast while one runs).
import { createStore } from 'zustand/vanilla';
import type { WatchContractBody } from '../../../shared/api/contracts';
import { contractIdProblem } from '../../../shared/contract-id';
import type { ContractStats } from '../../../main/engine/api/routes/stats';
import { describeFailure } from '../transport/api-failure';
import type { Transport } from '../transport/transport';

export const STATS_EVERY_MS = 10_000;
export const BACKFILL_EVERY_MS = 1_000;
const EVENT_TYPE = /^[A-Za-z0-9_]{1,64}$/;

export interface ContractDraft {
  id: string;
  name: string;
  /** Comma- or space-separated. */
  eventTypes: string;
  /** '' = from now on. */
  startLedger: string;
}

export type DraftErrors = Partial<Record<keyof ContractDraft | 'form', string>>;

export interface ContractsState {
  stats: Record<string, ContractStats>;
  busy: boolean;
  error: string | null;
  /** Adds or updates; returns the field errors (empty = saved). */
  save(draft: ContractDraft): Promise<DraftErrors>;
  remove(id: string): Promise<boolean>;
  refreshStats(): Promise<void>;
  start(): void;
  stop(): void;
}

export function splitTypes(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

export function checkDraft(draft: ContractDraft): { errors: DraftErrors; body: WatchContractBody | null } {
  const errors: DraftErrors = {};
  const id = draft.id.trim();
  const idProblem = contractIdProblem(id);
  if (idProblem) errors.id = `The contract id ${idProblem}.`;
  const name = draft.name.trim();
  if (name.length > 100) errors.name = 'Keep the name under 100 characters.';
  const types = splitTypes(draft.eventTypes);
  const badType = types.find((t) => !EVENT_TYPE.test(t));
  if (badType) errors.eventTypes = `"${badType.slice(0, 70)}" is not an event type (1-64 letters, digits or underscores).`;
  let startLedger: number | undefined;
  if (draft.startLedger.trim() !== '') {
    startLedger = Number(draft.startLedger);
    if (!/^\d{1,10}$/.test(draft.startLedger.trim()) || startLedger < 1 || startLedger > 2 ** 32 - 1) {
      errors.startLedger = 'The start ledger is a whole number from 1.';
    }
  }
  if (Object.keys(errors).length > 0) return { errors, body: null };
  const body: WatchContractBody = { id };
  if (name) body.name = name;
  if (types.length) body.event_types = types;
  if (startLedger !== undefined) body.start_ledger = startLedger;
  return { errors, body };
}

export function createContractsStore(transport: Transport, onChanged: () => void) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  return createStore<ContractsState>()((set, get) => {
    const schedule = () => {
      if (!running) return;
      const backfilling = Object.values(get().stats).some((s) => s.backfill?.status === 'running');
      timer = setTimeout(async () => {
        await get().refreshStats();
        schedule();
      }, backfilling ? BACKFILL_EVERY_MS : STATS_EVERY_MS);
    };
    return {
      stats: {},
      busy: false,
      error: null,
      save: async (draft) => {
        const { errors, body } = checkDraft(draft);
        if (!body) return errors;
        set({ busy: true, error: null });
        const answer = await transport.request('POST', '/api/contracts', body);
        set({ busy: false });
        if (!answer.ok) {
          if (answer.parameter === 'id') return { id: answer.message };
          return { form: describeFailure(answer) };
        }
        onChanged();
        await get().refreshStats();
        return {};
      },
      remove: async (id) => {
        set({ busy: true, error: null });
        const answer = await transport.request('DELETE', `/api/contracts/${encodeURIComponent(id)}`);
        set({ busy: false });
        if (!answer.ok) {
          set({ error: describeFailure(answer) });
          return false;
        }
        onChanged();
        return true;
      },
      refreshStats: async () => {
        const answer = await transport.request<{ contracts: ContractStats[] }>('GET', '/api/stats/contracts');
        if (answer.ok) set({ stats: Object.fromEntries(answer.body.contracts.map((c) => [c.id, c])) });
      },
      start: () => {
        if (running) return;
        running = true;
        void get().refreshStats().then(schedule);
      },
      stop: () => {
        running = false;
        if (timer) clearTimeout(timer);
      },
    };
  });
}
