// The rules on the live path. The dispatcher's fan-out asks route() for each stored event
// (synchronously, inside its transaction); after each batch settle() notices silence and due
// digests and saves the changed rule states together with the alerts raised, in one
// transaction. State lives in memory between batches and in the store across restarts.
import type { StoredEvent } from '../../../shared/model';
import type { Rule } from '../../../shared/targets';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { RoutedDelivery } from '../store/dispatch-store';
import type { Store } from '../store/store';
import type { DecodedEvent } from '../stellar/decoded-event';
import { alertRuleId, alertToEvent } from './alerts/alert-event';
import { SpecFieldCache } from './fields/spec-field-cache';
import { RuleEvaluator } from './rule-evaluator';
import { restoreState } from './state/rule-state';
import { buildActivation, type Activation } from './values/activation';

/** While a backlog is read, how often states are saved; a crash loses at most this much of windows and counters. */
const SAVE_EVERY_MS = 1_000;

export interface RuleRoute {
  targetId: number;
  ruleId: number;
  rule: Rule;
}

interface LiveRule {
  targetId: number;
  ruleId: number;
  evaluator: RuleEvaluator;
  /** The rule as JSON, to notice an edit. */
  text: string;
}

export interface RuleEngineDeps {
  store: Store;
  clock: Clock;
  log: Logger;
}

export class RuleEngine {
  private rules: LiveRule[] = [];
  private byId = new Map<number, LiveRule>();
  /** Per event type, the rules that may select it (in rule order); others get `anyType`. */
  private byType = new Map<string, LiveRule[]>();
  private anyType: LiveRule[] = [];
  private readonly specs: SpecFieldCache;
  private ledger: number | null = null;
  private unsaved: DecodedEvent[] = [];
  private savedAt = 0;

  constructor(private readonly deps: RuleEngineDeps) {
    this.specs = new SpecFieldCache(deps.store);
  }

  /** The enabled targets' rules; `allRuleIds` also counts disabled ones, whose state is kept. */
  async load(routes: RuleRoute[], allRuleIds: number[]): Promise<void> {
    const missing = routes.some((r) => !this.byId.has(r.ruleId));
    const saved = missing ? await this.deps.store.rules.load() : new Map<number, string>();
    const next = routes.map((route): LiveRule => {
      const text = JSON.stringify(route.rule);
      const current = this.byId.get(route.ruleId);
      if (current?.text === text) return { ...current, targetId: route.targetId };
      if (current) this.takeAlerts(current);
      // An edited rule keeps its counters and memory; restoreState drops a window that counted other events.
      const state = restoreState(route.rule, current ? JSON.stringify(current.evaluator.state) : saved.get(route.ruleId));
      const evaluator = new RuleEvaluator(route.ruleId, route.rule, state);
      if (evaluator.conditionError) this.deps.log.warn('rule condition cannot run', { rule: route.ruleId, error: evaluator.conditionError });
      evaluator.dirty = current !== undefined;
      return { targetId: route.targetId, ruleId: route.ruleId, evaluator, text };
    });
    this.rules = next;
    this.byId = new Map(next.map((r) => [r.ruleId, r]));
    this.anyType = next.filter((r) => r.evaluator.rule.event_types.length === 0);
    const types = new Set(next.flatMap((r) => r.evaluator.rule.event_types));
    this.byType = new Map([...types].map((type) => [type, next.filter((r) => r.evaluator.rule.event_types.length === 0 || r.evaluator.rule.event_types.includes(type))]));
    await this.deps.store.rules.prune(allRuleIds);
  }

  /** Before a batch: field types of the watched contracts' specs, and the last ingested ledger for silence. */
  async prepare(): Promise<void> {
    if (this.rules.length === 0) return;
    if (this.rules.some((r) => r.evaluator.rule.condition !== null)) {
      await this.specs.ensure((await this.deps.store.listContracts()).map((c) => c.id));
    }
    // Read before the batch: every event up to this ledger is already in the outbox the batch drains.
    const silenceByLedger = this.rules.some((r) => r.evaluator.rule.trigger.kind === 'silence' && r.evaluator.rule.trigger.ledgers !== undefined);
    this.ledger = silenceByLedger ? (await this.deps.store.getPollingState()).checkpointLedger : null;
  }

  /** The targets an event goes to; an alert event goes only to the target of the rule that raised it. */
  route(event: StoredEvent): RoutedDelivery[] {
    this.routedUpTo = Math.max(this.routedUpTo ?? 0, event.ledger_sequence);
    const owner = alertRuleId(event.id);
    if (owner !== null) {
      const rule = this.byId.get(owner);
      return rule ? [{ targetId: rule.targetId, ruleId: owner }] : [];
    }
    let activation: Activation | undefined;
    const lazy = () => (activation ??= buildActivation(event, this.specs.typesOf));
    const routed: RoutedDelivery[] = [];
    for (const r of this.byType.get(event.event_type) ?? this.anyType) {
      if (r.evaluator.observe(event, lazy)) routed.push({ targetId: r.targetId, ruleId: r.ruleId });
    }
    return routed;
  }

  /**
   * After a batch: when the outbox is drained, lets time pass (silence, due digests); then saves
   * the alerts raised with the changed states. While a backlog is read (full batches, no alert)
   * states are saved at most every SAVE_EVERY_MS. Returns how many alert events were stored.
   */
  async settle(drained: boolean): Promise<number> {
    const now = this.deps.clock.now();
    if (drained) for (const r of this.rules) r.evaluator.tick(now, this.ledger);
    for (const r of this.rules) this.takeAlerts(r);
    if (this.unsaved.length === 0 && !drained && now - this.savedAt < SAVE_EVERY_MS) return 0;
    const stored = await this.flush();
    if (drained) this.lastSettled = { at: now, ledger: this.ledger, eventsUpToLedger: this.routedUpTo };
    return stored;
  }

  /**
   * When the rules last saw time pass with nothing left to read: the clock then, the last ingested
   * ledger (known when a silence counts ledgers) and the newest ledger of an event they had routed.
   * Every alert due by then is stored.
   */
  lastSettled: { at: number; ledger: number | null; eventsUpToLedger: number | null } | null = null;
  private routedUpTo: number | null = null;

  /** Saves changed states and pending alerts now (also on stop). */
  async flush(): Promise<number> {
    const now = this.deps.clock.now();
    const dirty = this.rules.filter((r) => r.evaluator.dirty);
    if (dirty.length === 0 && this.unsaved.length === 0) return 0;
    const states = dirty.map((r) => ({ ruleId: r.ruleId, state: JSON.stringify(r.evaluator.state) }));
    const stored = await this.deps.store.rules.save(states, this.unsaved, now);
    this.unsaved = [];
    this.savedAt = now;
    for (const r of dirty) r.evaluator.dirty = false;
    return stored;
  }

  private takeAlerts(r: LiveRule): void {
    for (const { n, alert } of r.evaluator.takeAlerts()) this.unsaved.push(alertToEvent(r.ruleId, n, alert));
  }

  /** The engine's time, for previews and views on the same clock as the live path. */
  now(): number {
    return this.deps.clock.now();
  }

  /** Live view for the API: each rule's state, with its target. */
  list(): { targetId: number; ruleId: number; evaluator: RuleEvaluator }[] {
    return this.rules.map(({ targetId, ruleId, evaluator }) => ({ targetId, ruleId, evaluator }));
  }
}
