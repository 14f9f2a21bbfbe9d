// The form fields of each target kind, by their path in the kind's config (src/shared/targets.ts).
// `secret` fields come back masked (`••••` + last 4) and are shown as such; leaving one as it is
// keeps the stored secret.
import type { TargetKind } from '../../../../shared/targets';

export type FieldType = 'text' | 'url' | 'secret' | 'number' | 'select' | 'list' | 'headers';

export interface KindField {
  path: string;
  label: string;
  type: FieldType;
  options?: readonly string[];
  placeholder?: string;
  help?: string;
  optional?: boolean;
  /** Shown only when another field has this value. */
  when?: { path: string; equals: string };
}

export const KIND_LABELS: Record<TargetKind, string> = {
  discord: 'Discord',
  slack: 'Slack',
  telegram: 'Telegram',
  webhook: 'HTTP webhook',
  email: 'E-mail',
  desktop: 'Desktop notification',
};

export const KIND_FIELDS: Record<TargetKind, KindField[]> = {
  discord: [
    { path: 'webhook_url', label: 'Webhook URL', type: 'secret', placeholder: 'https://discord.com/api/webhooks/…' },
    { path: 'username', label: 'Bot name', type: 'text', optional: true, placeholder: 'NotifyChain' },
  ],
  slack: [{ path: 'webhook_url', label: 'Incoming webhook URL', type: 'secret', placeholder: 'https://hooks.slack.com/services/…' }],
  telegram: [
    { path: 'bot_token', label: 'Bot token', type: 'secret', placeholder: '123456:ABC-DEF…', help: 'From @BotFather.' },
    { path: 'chat_id', label: 'Chat id', type: 'text', placeholder: '-1001234567890 or @channel' },
    { path: 'api_base_url', label: 'Bot API server', type: 'url', optional: true, placeholder: 'https://api.telegram.org' },
  ],
  webhook: [
    { path: 'url', label: 'URL', type: 'secret', placeholder: 'https://example.com/hooks/notifychain' },
    { path: 'method', label: 'Method', type: 'select', options: ['POST', 'PUT', 'PATCH'] },
    { path: 'auth.type', label: 'Authentication', type: 'select', options: ['none', 'bearer', 'basic'] },
    { path: 'auth.token', label: 'Bearer token', type: 'secret', when: { path: 'auth.type', equals: 'bearer' } },
    { path: 'auth.username', label: 'User name', type: 'text', when: { path: 'auth.type', equals: 'basic' } },
    { path: 'auth.password', label: 'Password', type: 'secret', when: { path: 'auth.type', equals: 'basic' } },
    { path: 'headers', label: 'Extra headers', type: 'headers', optional: true, placeholder: 'X-Team: treasury', help: 'One "Name: value" a line.' },
    { path: 'signing_secret', label: 'Signing secret', type: 'secret', optional: true, placeholder: 'whsec_…', help: 'Standard Webhooks signature; make one with: echo "whsec_$(openssl rand -base64 32)"' },
    { path: 'rate_limit_per_second', label: 'Requests per second', type: 'number', optional: true, help: 'Empty: the engine default; 0: no limit.' },
  ],
  email: [
    { path: 'smtp.host', label: 'SMTP server', type: 'text', placeholder: 'smtp.example.com' },
    { path: 'smtp.port', label: 'Port', type: 'number', placeholder: '587' },
    { path: 'smtp.tls', label: 'TLS', type: 'select', options: ['starttls', 'implicit', 'none'] },
    { path: 'smtp.username', label: 'User name', type: 'text', optional: true },
    { path: 'smtp.password', label: 'Password', type: 'secret', optional: true },
    { path: 'from', label: 'From', type: 'text', placeholder: 'alerts@example.com' },
    { path: 'to', label: 'To', type: 'list', placeholder: 'ops@example.com, cfo@example.com' },
    { path: 'subject_prefix', label: 'Subject prefix', type: 'text', optional: true, placeholder: '[NotifyChain]' },
  ],
  desktop: [],
};

export const FIELD_DEFAULTS: Partial<Record<TargetKind, Record<string, string>>> = {
  webhook: { method: 'POST', 'auth.type': 'none' },
  email: { 'smtp.port': '587', 'smtp.tls': 'starttls', subject_prefix: '[NotifyChain]' },
  telegram: { api_base_url: 'https://api.telegram.org' },
};

export function visibleFields(kind: TargetKind, values: Record<string, string>): KindField[] {
  return KIND_FIELDS[kind].filter((f) => !f.when || values[f.when.path] === f.when.equals);
}
