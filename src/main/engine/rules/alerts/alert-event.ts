// Threshold, silence and digest alerts travel as local events: a row in `events` with a stable
// id (local:rule:<rule>:<kind>:<n>) and its outbox row, so they are delivered, retried and
// logged like chain events, a repeat of the same id is stored once, and only the rule that
// raised one sends it.
import type { JsonValue, Priority } from '../../../../shared/model';
import type { DecodedEvent } from '../../stellar/decoded-event';
import type { DigestExample } from '../state/rule-state';

export type AlertKind = 'threshold' | 'silence' | 'digest';

export const ALERT_EVENT_TYPES: Record<AlertKind, string> = {
  threshold: 'rule_threshold',
  silence: 'rule_silence',
  digest: 'rule_digest',
};

export interface Alert {
  kind: AlertKind;
  /** When it happened (ms): the crossing event's time, when the silence began counting, when the digest closed. */
  at: number;
  contractId: string;
  ledger: number;
  priority: Priority | null;
  data: { [key: string]: JsonValue };
}

const LOCAL_ID = /^local:rule:(\d+):/;

export const alertEventId = (ruleId: number, kind: AlertKind, n: number) => `local:rule:${ruleId}:${kind}:${n}`;

/** The rule that raised this event, or null for a chain event. */
export function alertRuleId(eventId: string): number | null {
  const match = LOCAL_ID.exec(eventId);
  return match ? Number(match[1]) : null;
}

export function alertToEvent(ruleId: number, n: number, alert: Alert): DecodedEvent {
  const eventId = alertEventId(ruleId, alert.kind, n);
  const eventType = ALERT_EVENT_TYPES[alert.kind];
  return {
    eventId,
    contractId: alert.contractId,
    eventType,
    ledger: alert.ledger,
    closedAt: new Date(alert.at).toISOString(),
    txHash: null,
    topics: [eventType],
    data: { rule_id: ruleId, ...alert.data },
    category: 'system',
    priority: alert.priority,
    decodeStatus: 'spec',
    decodeError: null,
    rawTopics: [],
    rawValue: '',
    dedupKey: eventId,
  };
}

/** How an alert shows among a digest's examples. */
export function alertAsExample(ruleId: number, alert: Alert): DigestExample & { priority: Priority | null } {
  return {
    event_id: `local:rule:${ruleId}:${alert.kind}`,
    event_type: ALERT_EVENT_TYPES[alert.kind],
    contract_id: alert.contractId,
    ledger: alert.ledger,
    at: new Date(alert.at).toISOString(),
    fields: alert.data,
    priority: alert.priority,
  };
}
