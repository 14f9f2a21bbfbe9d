// HTTP webhook: a JSON body in the Standard Webhooks shape ({type, timestamp, data}), signed
// when the target has a secret. `webhook-id` is the delivery's, so receivers can drop repeats;
// the timestamp is the attempt's, as the spec asks.
import { sendHttp } from '../http-send';
import type { Target } from '../target';
import { webhookHeaders } from '../webhook-signature';

export const WEBHOOK_EVENT_TYPE = 'contract.event';

export const webhookTarget: Target<'webhook'> = {
  kind: 'webhook',
  batches: false,
  rateLimit: (config, defaults) => {
    const perSecond = config.rate_limit_per_second ?? defaults.httpRateLimit;
    return perSecond > 0 ? { perSecond, burst: Math.max(1, Math.floor(perSecond)) } : null;
  },
  async send([message], config, ctx) {
    const { event, payload: p } = message!;
    const body = JSON.stringify({
      type: WEBHOOK_EVENT_TYPE,
      timestamp: event.created_at,
      data: { ...event, title: p.title, message: p.text, contract_name: p.contractName, explorer_url: p.url },
    });
    const auth: Record<string, string> = {};
    if (config.auth.type === 'bearer') auth.authorization = `Bearer ${config.auth.token}`;
    if (config.auth.type === 'basic') {
      auth.authorization = `Basic ${Buffer.from(`${config.auth.username}:${config.auth.password}`).toString('base64')}`;
    }
    const signed = webhookHeaders({
      id: message!.webhookId,
      timestampSeconds: Math.floor(ctx.now() / 1000),
      body,
      ...(config.signing_secret ? { secret: config.signing_secret } : {}),
    });
    return sendHttp({ url: config.url, method: config.method, headers: { ...config.headers, ...auth, ...signed }, body }, ctx);
  },
};
