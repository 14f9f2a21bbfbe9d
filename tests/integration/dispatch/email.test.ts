import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTRACT_A } from '../../fixtures/decoded-event';
import { startSmtpSink, type SmtpSink } from '../../fixtures/sinks/smtp-sink';
import { eventually, startHarness, type Harness } from './support/harness';

let h: Harness | undefined;
let smtp: SmtpSink | undefined;
afterEach(async () => {
  await h?.close();
  await smtp?.close();
  h = smtp = undefined;
});

const emailTarget = (port: number) => ({
  name: 'mail',
  kind: 'email',
  config: {
    smtp: { host: '127.0.0.1', port, tls: 'none', username: 'notifier', password: 'smtp-pass-1234' },
    from: 'alerts@example.com',
    to: ['ops@example.com', 'oncall@example.com'],
  },
});

describe('e-mail', () => {
  it('one event is one message with an HTML and a text body, sent after the batch window', async () => {
    smtp = await startSmtpSink();
    h = await startHarness({ host: { network: 'testnet' }, settings: { batchTimeoutMs: 300, batchSize: 10 } });
    await h.store.upsertContract({ id: CONTRACT_A, name: 'AutoShare' });
    await h.addTarget(emailTarget(smtp.port));
    h.dispatcher.start();
    const started = Date.now();
    await h.ingest(h.events(1, 100, { data: { amount: '1500', memo: '<script>x</script>' } }));
    const [mail] = await smtp.waitFor(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(mail!.subject).toBe('[NotifyChain] withdrawal on AutoShare');
    expect(mail!.from).toBe('alerts@example.com');
    expect(mail!.to).toEqual(['ops@example.com', 'oncall@example.com']);
    expect(mail!.text).toContain('amount: 1500');
    expect(mail!.text).toContain('Ledger: 100');
    expect(mail!.text).toContain(`View transaction: https://stellar.expert/explorer/testnet/tx/${'ab'.repeat(32)}`);
    expect(mail!.html).toContain('<h2>withdrawal</h2>');
    expect(mail!.html).toContain('&#60;script&#62;x&#60;/script&#62;');
    expect(mail!.html).not.toContain('<script>');
    expect(smtp.logins).toEqual([{ user: 'notifier', pass: 'smtp-pass-1234' }]);
  });

  it('events are batched: at most NOTIFICATION_BATCH_SIZE per message', async () => {
    smtp = await startSmtpSink();
    h = await startHarness({ settings: { batchTimeoutMs: 400, batchSize: 3 } });
    await h.addTarget(emailTarget(smtp.port));
    h.dispatcher.start();
    await h.ingest(h.events(7, 200));
    const mails = await smtp.waitFor(3);
    // All seven delivered: no fourth message can still be on its way.
    await eventually(async () => expect(await h!.store.dispatch.listDeliveries({ status: 'delivered', limit: 10 })).toHaveLength(7));
    expect(smtp.messages).toHaveLength(3);
    expect(mails.map((m) => m.subject)).toEqual([
      '[NotifyChain] 3 events: withdrawal',
      '[NotifyChain] 3 events: withdrawal',
      '[NotifyChain] withdrawal',
    ]);
    const ledgers = mails.flatMap((m) => [...m.text.matchAll(/Ledger: (\d+)/g)].map((x) => Number(x[1])));
    expect(ledgers).toEqual([200, 201, 202, 203, 204, 205, 206]);
    await eventually(async () => expect(await h!.store.dispatch.listDeliveries({ status: 'delivered', limit: 10 })).toHaveLength(7));
  });

  it('an SMTP server that is not there is retried, not dropped', async () => {
    const port = await closedPort();
    h = await startHarness({ settings: { batchTimeoutMs: 0, retryScheduleMs: [0, 60_000] } });
    await h.addTarget(emailTarget(port));
    h.dispatcher.start();
    await h.ingest(h.events(1));
    const [d] = await eventually(async () => {
      const list = await h!.store.dispatch.listDeliveries({ status: 'failed', limit: 1 });
      expect(list).toHaveLength(1);
      return list;
    });
    expect(d!.lastError?.code).toBe('target.unreachable');
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
