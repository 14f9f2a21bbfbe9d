// Desktop: the host shows it (a native notification in the app). Without a host hook, as in
// `serve`, the notification is a log line.
import { fail, type Target } from '../target';

export const desktopTarget: Target<'desktop'> = {
  kind: 'desktop',
  batches: false,
  rateLimit: () => null,
  async send([message], _config, ctx) {
    const p = message!.payload;
    const notification = {
      title: `${p.title}${p.contractName ? ` · ${p.contractName}` : ''}`,
      body: p.text,
      priority: p.priority,
      url: p.url,
      eventId: message!.event.id,
    };
    if (!ctx.notifyDesktop) {
      ctx.log.info('desktop notification', { title: notification.title, body: notification.body, event: notification.eventId });
      return { ok: true };
    }
    try {
      await ctx.notifyDesktop(notification);
      return { ok: true };
    } catch (error) {
      return fail('target.unreachable', `the host could not show it: ${(error as Error)?.message ?? String(error)}`);
    }
  },
};
