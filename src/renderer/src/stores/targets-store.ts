// Targets: list, create or change (checked against the shared schema first), delete, send a test,
// and the recent event a rule's template preview is rendered with.
import { createStore } from 'zustand/vanilla';
import type { EventListResponse } from '../../../shared/api/events';
import { PRIORITIES, type StoredEvent } from '../../../shared/model';
import type { TargetView, TestSendView } from '../../../shared/targets';
import { queryString, type EventQuery } from '../api/event-query';
import { draftErrors, toInput, type RuleDraft, type TargetDraft } from '../pages/targets/target-draft';
import { describeFailure } from '../transport/api-failure';
import type { Transport } from '../transport/transport';

export interface TargetsState {
  targets: TargetView[] | null;
  error: string | null;
  busy: boolean;
  tests: Record<number, TestSendView | { error: string }>;
  load(): Promise<void>;
  /** Saves; returns field errors (empty = saved) and the saved target. */
  save(draft: TargetDraft): Promise<{ errors: Record<string, string>; saved: TargetView | null }>;
  remove(id: number): Promise<boolean>;
  sendTest(id: number): Promise<void>;
  /** The newest stored event the rule matches (or the newest at all), for the template preview. */
  previewEvent(rule: RuleDraft): Promise<StoredEvent | null>;
}

export function ruleQuery(rule: RuleDraft): EventQuery {
  const q: EventQuery = {};
  if (rule.contracts.length) q.contract_id = rule.contracts;
  const types = rule.eventTypes.split(/[\s,]+/).filter(Boolean);
  if (types.length && types.every((t) => /^[A-Za-z0-9_]{1,64}$/.test(t))) q.event_type = types;
  if (rule.categories.length) q.category = rule.categories;
  if (rule.minPriority) q.priority = PRIORITIES.slice(PRIORITIES.indexOf(rule.minPriority));
  return q;
}

export function createTargetsStore(transport: Transport) {
  return createStore<TargetsState>()((set, get) => ({
    targets: null,
    error: null,
    busy: false,
    tests: {},
    load: async () => {
      const answer = await transport.request<{ targets: TargetView[] }>('GET', '/api/targets');
      if (answer.ok) set({ targets: answer.body.targets, error: null });
      else set({ error: describeFailure(answer) });
    },
    save: async (draft) => {
      const errors = draftErrors(draft);
      if (Object.keys(errors).length > 0) return { errors, saved: null };
      set({ busy: true });
      const body = toInput(draft);
      const answer = draft.id === null
        ? await transport.request<TargetView>('POST', '/api/targets', body)
        : await transport.request<TargetView>('PUT', `/api/targets/${draft.id}`, body);
      set({ busy: false });
      if (!answer.ok) {
        const key = answer.parameter && answer.parameter !== 'body' ? answer.parameter : 'form';
        return { errors: { [key]: describeFailure(answer) }, saved: null };
      }
      await get().load();
      return { errors: {}, saved: answer.body };
    },
    remove: async (id) => {
      const answer = await transport.request('DELETE', `/api/targets/${id}`);
      if (!answer.ok) {
        set({ error: describeFailure(answer) });
        return false;
      }
      await get().load();
      return true;
    },
    sendTest: async (id) => {
      set((s) => ({ tests: { ...s.tests, [id]: { error: 'Sending…' } } }));
      const answer = await transport.request<TestSendView>('POST', `/api/targets/${id}/test`);
      set((s) => ({ tests: { ...s.tests, [id]: answer.ok ? answer.body : { error: describeFailure(answer) } } }));
    },
    previewEvent: async (rule) => {
      for (const query of [ruleQuery(rule), {}]) {
        const answer = await transport.request<EventListResponse>('GET', `/api/events${queryString(query, { limit: 1 })}`);
        if (answer.ok && answer.body.events[0]) return answer.body.events[0];
      }
      return null;
    },
  }));
}
