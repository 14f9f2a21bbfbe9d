// Telegram bot: sendMessage with HTML formatting. A 429 carries parameters.retry_after (seconds);
// Telegram asks for about one message per second per chat.
import { escapeHtml } from '../escape';
import { retryAfterSecondsInJson, sendHttp } from '../http-send';
import { truncate } from '../payload';
import type { Target } from '../target';

const MAX_TEXT = 4096;

export const telegramTarget: Target<'telegram'> = {
  kind: 'telegram',
  batches: false,
  rateLimit: () => ({ perSecond: 1, burst: 3 }),
  async send([message], config, ctx) {
    const p = message!.payload;
    const head = [`<b>${escapeHtml(p.title)}</b>`, escapeHtml(truncate(p.text, 1000)), ''];
    const tail = ['', ...p.facts.map((f) => `<i>${escapeHtml(f.name)}</i>: ${escapeHtml(f.value)}`)];
    if (p.url) tail.push(`<a href="${escapeHtml(p.url)}">View transaction</a>`);
    const lines = [...head];
    let length = [...head, ...tail].join('\n').length;
    // Whole lines only: a cut inside a tag would make Telegram reject the message.
    for (const f of p.fields) {
      const line = `<b>${escapeHtml(f.name)}</b>: <code>${escapeHtml(truncate(f.value, 300))}</code>`;
      if (length + line.length + 1 > MAX_TEXT) break;
      lines.push(line);
      length += line.length + 1;
    }
    const body = {
      chat_id: config.chat_id,
      text: [...lines, ...tail].join('\n'),
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    };
    const url = `${config.api_base_url.replace(/\/+$/, '')}/bot${config.bot_token}/sendMessage`;
    return sendHttp({ url, body: JSON.stringify(body) }, ctx, { retryAfterFromBody: retryAfterSecondsInJson });
  },
};
