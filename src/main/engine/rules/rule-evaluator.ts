// One rule over a stream of stored events: selectors, condition, trigger, noise control. The
// live path (RuleEngine, inside the dispatcher's fan-out) and the preview run this same code,
// so a preview over stored events counts exactly what the live path would have sent.
import type { StoredEvent } from '../../../shared/model';
import type { Trigger } from '../../../shared/rule-parts';
import type { Rule } from '../../../shared/targets';
import { ruleMatches } from '../dispatch/rule-match';
import { alertAsExample, type Alert } from './alerts/alert-event';
import { compileCondition, type CompiledCondition } from './condition/compiled-condition';
import { eventTime, integerAt, priorityRank, renderKey } from './event-facts';
import { addToDigest, exampleOf } from './noise/digest';
import { NoiseControl, type Candidate } from './noise/noise-control';
import type { RuleState } from './state/rule-state';
import { SlidingWindow, newWindow } from './trigger/sliding-window';
import type { Activation } from './values/activation';

type Silence = Extract<Trigger, { kind: 'silence' }>;

export class RuleEvaluator {
  /** Why the condition cannot run (it did not parse); the rule then matches nothing. */
  readonly conditionError: string | null = null;
  /** The state changed since it was last saved. */
  dirty = false;
  private readonly condition: CompiledCondition | null = null;
  private readonly noise: NoiseControl;
  private readonly window: SlidingWindow | null = null;
  private alerts: Alert[] = [];
  /** The latest time tick() was given: a late event (a backlog being read) counts as seen then. */
  private tickedAt = -Infinity;

  constructor(
    readonly id: number,
    readonly rule: Rule,
    readonly state: RuleState,
  ) {
    if (rule.condition !== null) {
      try {
        this.condition = compileCondition(rule.condition);
      } catch (error) {
        this.conditionError = (error as { summary?: string }).summary ?? (error as Error).message;
      }
    }
    const trigger = rule.trigger;
    if (trigger.kind === 'count' || trigger.kind === 'sum') {
      const spanMs = trigger.window_minutes * 60_000;
      state.window ??= newWindow(spanMs);
      this.window = new SlidingWindow(state.window, spanMs);
    }
    if (trigger.kind === 'silence') state.silence ??= { lastSeenAt: null, lastSeenLedger: null, lastEventId: null, lastContractId: null, fired: false };
    this.noise = new NoiseControl(rule.noise, state.noise);
  }

  /** Feeds one stored event; true when the event itself goes to the rule's target. */
  observe(event: StoredEvent, activation: () => Activation): boolean {
    if (!ruleMatches(this.rule, event) || this.conditionError !== null) return false;
    if (this.condition) {
      const result = this.condition.test(activation());
      if (result === 'error') this.touch().counters.condition_errors++;
      if (result !== 'match') return false;
    }
    this.touch().counters.matched++;
    const at = eventTime(event);
    this.closeDigest(at);
    switch (this.rule.trigger.kind) {
      case 'each':
        return this.offer({ at, key: this.keyOf(event), level: this.levelOf(event, null) }, { event });
      case 'count':
      case 'sum':
        this.observeThreshold(at, event);
        return false;
      case 'silence':
        this.observeSilence(at, event);
        return false;
    }
  }

  /** Time passes without events: closes a due digest, notices silence. `ledger`: the last fully ingested one. */
  tick(now: number, ledger: number | null): void {
    this.tickedAt = Math.max(this.tickedAt, now);
    this.closeDigest(now);
    if (this.rule.trigger.kind === 'silence') this.checkSilence(this.rule.trigger, now, ledger);
  }

  /** The alerts raised since the last call, each with its number. */
  takeAlerts(): { n: number; alert: Alert }[] {
    const taken = this.alerts.map((alert) => ({ n: ++this.state.sequence, alert }));
    this.alerts = [];
    return taken;
  }

  private observeThreshold(at: number, event: StoredEvent): void {
    const trigger = this.rule.trigger as Extract<Trigger, { kind: 'count' | 'sum' }>;
    const window = this.window!;
    const over = () => (trigger.kind === 'count' ? window.count > trigger.above : window.sum > BigInt(trigger.above));
    window.advance(at);
    if (window.state.active && !over()) window.state.active = false;
    window.add(at, trigger.kind === 'sum' ? (integerAt(event.data, trigger.field) ?? 0n) : 1n);
    const crossed = !window.state.active && over();
    if (crossed) window.state.active = true;
    // Once above, only escalate_only re-alerts, and only when worse.
    if (!crossed && !(window.state.active && this.rule.noise.escalate_only)) return;
    const value = trigger.kind === 'count' ? BigInt(window.count) : window.sum;
    const alert: Alert = {
      kind: 'threshold',
      at,
      contractId: event.contract_id,
      ledger: event.ledger_sequence,
      priority: event.priority,
      data: {
        trigger: trigger.kind,
        ...(trigger.kind === 'sum' ? { field: trigger.field } : {}),
        above: String(trigger.above),
        value: value.toString(),
        count: window.count,
        window_minutes: trigger.window_minutes,
        event_type: event.event_type,
        last_event_id: event.id,
        last_event: event.data,
      },
    };
    this.offer({ at, key: this.keyOf(event), level: this.levelOf(event, value) }, { alert });
  }

  private observeSilence(at: number, event: StoredEvent): void {
    const s = this.state.silence!;
    // While old ledgers are read back, their events are news now, not a silence then.
    s.lastSeenAt = Math.max(s.lastSeenAt ?? at, at, this.tickedAt);
    s.lastSeenLedger = Math.max(s.lastSeenLedger ?? event.ledger_sequence, event.ledger_sequence);
    s.lastEventId = event.id;
    s.lastContractId = event.contract_id;
    s.fired = false; // events are back: the next silence alerts again
  }

  private checkSilence(trigger: Silence, now: number, ledger: number | null): void {
    const s = this.state.silence!;
    // A new rule starts counting from now, not from the beginning of time.
    if (s.lastSeenAt === null) (this.touch().silence!.lastSeenAt = now);
    if (s.lastSeenLedger === null && ledger !== null) (this.touch().silence!.lastSeenLedger = ledger);
    if (s.fired) return;
    let at: number | null = null;
    if (trigger.minutes !== undefined && now - s.lastSeenAt! >= trigger.minutes * 60_000) at = s.lastSeenAt! + trigger.minutes * 60_000;
    if (trigger.ledgers !== undefined && ledger !== null && ledger - s.lastSeenLedger! >= trigger.ledgers) at = now;
    if (at === null) return;
    this.touch().silence!.fired = true;
    const alert: Alert = {
      kind: 'silence',
      at,
      contractId: this.rule.contracts[0] ?? s.lastContractId ?? 'local',
      ledger: ledger ?? s.lastSeenLedger ?? 0,
      priority: 'high',
      data: {
        ...(trigger.ledgers !== undefined ? { silent_ledgers: trigger.ledgers } : { silent_minutes: trigger.minutes! }),
        watched_contracts: this.rule.contracts,
        watched_event_types: this.rule.event_types,
        last_seen_at: new Date(s.lastSeenAt!).toISOString(),
        last_seen_ledger: s.lastSeenLedger,
        last_event_id: s.lastEventId,
      },
    };
    this.offer({ at, key: '', level: null }, { alert });
  }

  /** Noise control, then: deliver the event, raise the alert, or fold either into the digest. */
  private offer(candidate: Candidate, what: { event: StoredEvent } | { alert: Alert }): boolean {
    const state = this.touch();
    const verdict = this.noise.decide(candidate);
    if (!verdict.fire) {
      state.counters.suppressed[verdict.reason]++;
      return false;
    }
    const digestSeconds = this.rule.noise.digest_seconds;
    if (digestSeconds > 0) {
      const item = 'event' in what ? { ...exampleOf(what.event), priority: what.event.priority } : alertAsExample(this.id, what.alert);
      state.digest = addToDigest(state.digest, candidate.at, digestSeconds * 1000, item);
      state.counters.digested++;
      return false;
    }
    this.counted(candidate.at);
    if ('alert' in what) this.alerts.push(what.alert);
    return 'event' in what;
  }

  private closeDigest(now: number): void {
    const digest = this.state.digest;
    if (digest === null || now < digest.closesAt) return;
    this.touch().digest = null;
    this.counted(digest.closesAt);
    this.alerts.push({
      kind: 'digest',
      at: digest.closesAt,
      contractId: digest.contractId,
      ledger: digest.ledger,
      priority: digest.priority,
      data: {
        count: digest.count,
        digest_seconds: this.rule.noise.digest_seconds,
        from: new Date(digest.opensAt).toISOString(),
        to: new Date(digest.closesAt).toISOString(),
        examples: digest.examples.map((e) => ({ ...e })),
      },
    });
  }

  private counted(at: number): void {
    this.state.counters.alerts++;
    this.state.lastAlertAt = at;
  }

  private keyOf(event: StoredEvent): string {
    return this.rule.noise.dedup_key === null ? '' : renderKey(this.rule.noise.dedup_key, event);
  }

  private levelOf(event: StoredEvent, value: bigint | null): bigint | null {
    const escalate = this.rule.noise.escalate_only;
    if (escalate === null) return null;
    if (escalate.by === 'priority') return priorityRank(event);
    if (escalate.by === 'field') return integerAt(event.data, escalate.field);
    return value;
  }

  private touch(): RuleState {
    this.dirty = true;
    return this.state;
  }
}
