// Standard Webhooks signing (standardwebhooks.com): HMAC-SHA256 over "id.timestamp.body" with
// the base64 key after `whsec_`, sent as `webhook-signature: v1,<base64>`.
import { createHmac } from 'node:crypto';

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

export function webhookHeaders(opts: { id: string; timestampSeconds: number; body: string; secret?: string }): Record<string, string> {
  const headers: Record<string, string> = {
    'webhook-id': opts.id,
    'webhook-timestamp': String(opts.timestampSeconds),
  };
  if (opts.secret) headers['webhook-signature'] = signWebhook(opts.secret, opts.id, opts.timestampSeconds, opts.body);
  return headers;
}
