// Discord webhook: one embed per event. Discord allows about 10 requests/s per webhook and says
// how many are left in X-RateLimit-* headers; a 429 carries `retry_after` (seconds) in its body.
import { retryAfterSecondsInJson, sendHttp } from '../http-send';
import { truncate } from '../payload';
import type { Target } from '../target';

export const discordTarget: Target<'discord'> = {
  kind: 'discord',
  batches: false,
  rateLimit: () => ({ perSecond: 10, burst: 1 }),
  async send([message], config, ctx) {
    const p = message!.payload;
    const fields = [
      ...p.fields.map((f) => ({ name: truncate(f.name, 256), value: truncate(f.value || '—', 1024), inline: true })),
      ...p.facts.map((f) => ({ name: f.name, value: truncate(f.value, 1024), inline: false })),
    ].slice(0, 25);
    const embed = {
      title: truncate(p.title, 256),
      description: truncate(p.text, 4096),
      ...(p.url ? { url: p.url } : {}),
      color: p.colour,
      fields,
      timestamp: p.occurredAt,
      footer: { text: 'NotifyChain' },
    };
    const body = {
      ...(config.username ? { username: config.username } : {}),
      embeds: [embed],
      // Event data must never ping @everyone or a role.
      allowed_mentions: { parse: [] },
    };
    return sendHttp({ url: config.webhook_url, body: JSON.stringify(body) }, ctx, { retryAfterFromBody: retryAfterSecondsInJson });
  },
};
