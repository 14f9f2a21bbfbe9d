// Slack incoming webhook: Block Kit message with a plain-text fallback. Slack allows about one
// message per second per webhook, with short bursts; a 429 carries Retry-After.
import { escapeSlack } from '../escape';
import { sendHttp } from '../http-send';
import { truncate, type NotificationPayload } from '../payload';
import type { Target } from '../target';

const MARKS: Record<NonNullable<NotificationPayload['priority']> | 'none', string> = {
  none: '⚪', low: '🔵', medium: '🟡', high: '🟠', critical: '🔴',
};

export const slackTarget: Target<'slack'> = {
  kind: 'slack',
  batches: false,
  rateLimit: () => ({ perSecond: 1, burst: 3 }),
  async send([message], config, ctx) {
    const p = message!.payload;
    const blocks: unknown[] = [
      { type: 'header', text: { type: 'plain_text', text: truncate(`${MARKS[p.priority ?? 'none']} ${p.title}`, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: truncate(escapeSlack(p.text), 3000) } },
    ];
    if (p.fields.length > 0) {
      blocks.push({
        type: 'section',
        fields: p.fields.slice(0, 10).map((f) => ({ type: 'mrkdwn', text: truncate(`*${escapeSlack(f.name)}*\n${escapeSlack(f.value)}`, 2000) })),
      });
    }
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(p.facts.map((f) => `${f.name}: ${escapeSlack(f.value)}`).join(' · '), 3000) }] });
    if (p.url) {
      blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'View transaction' }, url: p.url }] });
    }
    const body = { text: truncate(`${p.title}: ${p.text}`, 3000), blocks };
    return sendHttp({ url: config.webhook_url, body: JSON.stringify(body) }, ctx);
  },
};
