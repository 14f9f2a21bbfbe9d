// "How often would this rule have fired?": the rule runs, with a fresh state and the live
// evaluator, over the stored events of the last 7 days in chain order; time passes between
// events as their ledger close times say (silence and digests close as they would have).
import { PRIORITIES, type StoredEvent } from '../../../shared/model';
import type { Rule } from '../../../shared/targets';
import type { EventFilter } from '../store/event-queries';
import type { Store } from '../store/store';
import { ALERT_EVENT_TYPES, type Alert } from './alerts/alert-event';
import { eventTime } from './event-facts';
import { SpecFieldCache } from './fields/spec-field-cache';
import { RuleEvaluator } from './rule-evaluator';
import { freshState, type Counters } from './state/rule-state';
import { buildActivation, type Activation } from './values/activation';

export const PREVIEW_PERIODS = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 } as const;
export type PreviewPeriod = keyof typeof PREVIEW_PERIODS;

export interface PreviewFire {
  at: number;
  /** `event`: the matching event itself is sent; else the kind of alert. */
  kind: 'event' | Alert['kind'];
  eventId: string | null;
  eventType: string;
  contractId: string;
  ledger: number;
  data: unknown;
}

export interface PreviewResult {
  fired: Record<PreviewPeriod, number>;
  /** Over the 7 days: matches, suppressions, digested alerts, condition errors. */
  counters: Counters;
  /** The latest fires, newest first. */
  examples: PreviewFire[];
  scanned: number;
  /** More than `maxEvents` events: the oldest were left out. */
  truncated: boolean;
}

const CHUNK = 1_000;
const EXAMPLES = 10;

export async function previewRule(store: Store, rule: Rule, opts: { now: number; maxEvents?: number }): Promise<PreviewResult> {
  const { now } = opts;
  const maxEvents = opts.maxEvents ?? 200_000;
  const evaluator = new RuleEvaluator(0, rule, freshState(rule));
  const specs = new SpecFieldCache(store);
  const fires: PreviewFire[] = [];
  const takeAlerts = () => {
    for (const { alert } of evaluator.takeAlerts()) fires.push(fromAlert(alert));
  };
  const filter = filterOf(rule, new Date(now - PREVIEW_PERIODS['7d']).toISOString());
  const total = await store.events.count(filter);
  let skip = Math.max(0, total - maxEvents);
  let scanned = 0;
  for await (const chunk of store.events.export({ filter, order: 'asc', chunkSize: CHUNK })) {
    const events = skip >= chunk.length ? [] : chunk.slice(skip);
    skip = Math.max(0, skip - chunk.length);
    await specs.ensure(new Set(events.map((e) => e.contract_id)));
    for (const event of events) {
      if (event.id.startsWith('local:')) continue;
      scanned++;
      const at = eventTime(event);
      evaluator.tick(at, event.ledger_sequence - 1);
      takeAlerts();
      let activation: Activation | undefined;
      if (evaluator.observe(event, () => (activation ??= buildActivation(event, specs.typesOf)))) fires.push(fromEvent(event, at));
      takeAlerts();
    }
  }
  evaluator.tick(now, (await store.getPollingState()).checkpointLedger);
  takeAlerts();
  const fired = Object.fromEntries(
    Object.entries(PREVIEW_PERIODS).map(([period, ms]) => [period, fires.filter((f) => f.at >= now - ms && f.at <= now).length]),
  ) as Record<PreviewPeriod, number>;
  const examples = fires.slice(-EXAMPLES).reverse();
  return { fired, counters: evaluator.state.counters, examples, scanned, truncated: total > maxEvents };
}

/** The rule's selectors as a store filter, so only candidate events are read. */
function filterOf(rule: Rule, since: string): EventFilter {
  const filter: EventFilter = { since };
  if (rule.contracts.length > 0) filter.contractIds = rule.contracts;
  if (rule.event_types.length > 0) filter.eventTypes = rule.event_types;
  if (rule.categories.length > 0) filter.categories = rule.categories;
  // An event without a priority ranks as low, and a filter on priorities would leave it out.
  if (rule.min_priority !== null && rule.min_priority !== 'low') filter.priorities = PRIORITIES.slice(PRIORITIES.indexOf(rule.min_priority));
  return filter;
}

function fromEvent(event: StoredEvent, at: number): PreviewFire {
  return { at, kind: 'event', eventId: event.id, eventType: event.event_type, contractId: event.contract_id, ledger: event.ledger_sequence, data: event.data };
}

function fromAlert(alert: Alert): PreviewFire {
  return { at: alert.at, kind: alert.kind, eventId: null, eventType: ALERT_EVENT_TYPES[alert.kind], contractId: alert.contractId, ledger: alert.ledger, data: alert.data };
}
