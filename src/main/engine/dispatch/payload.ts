// The one place an event becomes a message: title, text, fields, colour by priority and the
// explorer link. Every target kind formats this payload; none reads the event on its own.
import Mustache from 'mustache';
import type { JsonValue, Priority, StoredEvent } from '../../../shared/model';

export interface PayloadField {
  name: string;
  value: string;
}

export interface NotificationPayload {
  /** The event type. */
  title: string;
  /** The rule's template rendered with the event, or a one-line summary. */
  text: string;
  /** The decoded fields, in the contract's order. */
  fields: PayloadField[];
  /** Where it happened: contract, ledger, category, priority, transaction. */
  facts: PayloadField[];
  priority: Priority | null;
  /** 0xRRGGBB by priority. */
  colour: number;
  /** The transaction on a Stellar explorer, when the network has one. */
  url: string | null;
  contractName: string | null;
  occurredAt: string;
}

export interface PayloadContext {
  /** e.g. `https://stellar.expert/explorer/testnet/tx/`; null for demo and custom networks. */
  explorerTxUrl: string | null;
  contractName(contractId: string): string | null;
}

export const PRIORITY_COLOURS: Record<Priority | 'none', number> = {
  none: 0x95a5a6,
  low: 0x3498db,
  medium: 0xf1c40f,
  high: 0xe67e22,
  critical: 0xe74c3c,
};

const MAX_FIELDS = 20;
const MAX_VALUE = 1024;

export function buildPayload(event: StoredEvent, template: string | null, ctx: PayloadContext): NotificationPayload {
  const contractName = ctx.contractName(event.contract_id);
  const url = ctx.explorerTxUrl && event.tx_hash ? ctx.explorerTxUrl + event.tx_hash : null;
  const facts: PayloadField[] = [
    { name: 'Contract', value: contractName ? `${contractName} (${event.contract_id})` : event.contract_id },
    { name: 'Ledger', value: String(event.ledger_sequence) },
  ];
  if (event.category) facts.push({ name: 'Category', value: event.category });
  if (event.priority) facts.push({ name: 'Priority', value: event.priority });
  if (event.tx_hash) facts.push({ name: 'Transaction', value: event.tx_hash });
  const summary = `${event.event_type} on ${contractName ?? shortId(event.contract_id)} at ledger ${event.ledger_sequence}`;
  return {
    title: event.event_type,
    text: template ? renderTemplate(template, event, { contractName, url }) ?? summary : summary,
    fields: fieldsOf(event.data),
    facts,
    priority: event.priority,
    colour: PRIORITY_COLOURS[event.priority ?? 'none'],
    url,
    contractName,
    occurredAt: event.created_at,
  };
}

/**
 * Renders a rule's mustache template. In scope: the event's decoded fields by name (`{{amount}}`,
 * also `{{data.amount}}`), `event_type`, `event_id`, `contract_id`, `contract_name`, `ledger`,
 * `tx_hash`, `explorer_url`, `category`, `priority`, `created_at`. The output is plain text (no
 * HTML escaping here): each target escapes it for its own format.
 */
export function renderTemplate(
  template: string,
  event: StoredEvent,
  extra: { contractName: string | null; url: string | null },
): string | null {
  const data = event.data;
  const named = data !== null && typeof data === 'object' && !Array.isArray(data) ? data : {};
  const view = {
    ...named,
    data,
    event_type: event.event_type,
    event_id: event.id,
    contract_id: event.contract_id,
    contract_name: extra.contractName,
    ledger: event.ledger_sequence,
    tx_hash: event.tx_hash,
    explorer_url: extra.url,
    category: event.category,
    priority: event.priority,
    created_at: event.created_at,
  };
  try {
    return Mustache.render(template, view, undefined, { escape: (value: unknown) => String(value) });
  } catch {
    return null;
  }
}

function fieldsOf(data: JsonValue): PayloadField[] {
  const entries: [string, JsonValue][] =
    data !== null && typeof data === 'object' && !Array.isArray(data) ? Object.entries(data) : [['value', data]];
  return entries.slice(0, MAX_FIELDS).map(([name, value]) => ({ name, value: truncate(formatValue(value), MAX_VALUE) }));
}

export function formatValue(value: JsonValue): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

function shortId(id: string): string {
  return `${id.slice(0, 4)}…${id.slice(-4)}`;
}
