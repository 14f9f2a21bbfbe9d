import { afterEach, describe, expect, it } from 'vitest';
import { CONTRACT_A } from '../../fixtures/decoded-event';
import { startHttpSink, type HttpSink, type SinkRequest } from '../../fixtures/sinks/http-sink';
import { eventually, startHarness, type Harness } from './support/harness';

let h: Harness | undefined;
let sink: HttpSink | undefined;
afterEach(async () => {
  await h?.close();
  await sink?.close();
  h = sink = undefined;
});

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const TX = 'ab'.repeat(32);

async function deliverOne(target: (url: string) => Record<string, unknown>, opts: { network?: 'testnet' | 'demo'; template?: string } = {}) {
  sink = await startHttpSink();
  h = await startHarness({ host: { network: opts.network ?? 'testnet' } });
  await h.store.upsertContract({ id: CONTRACT_A, name: 'AutoShare' });
  await h.addTarget({ name: 'ops', ...target(sink.url), ...(opts.template ? { rule: { template: opts.template } } : {}) });
  h.dispatcher.start();
  await h.ingest(h.events(1, 100, { data: { amount: '1500', to: 'GABC<b>' }, priority: 'critical', txHash: TX }));
  const [request] = await sink.waitFor(1);
  return request as SinkRequest & { json: any };
}

describe('what each target kind receives', () => {
  it('Discord gets one embed: event type as title, decoded fields, red for critical, a stellar.expert link', async () => {
    const req = await deliverOne((url) => ({ kind: 'discord', config: { webhook_url: `${url}/api/webhooks/1/secret-token-abc` } }));
    expect(req.path).toBe('/api/webhooks/1/secret-token-abc');
    const [embed] = req.json.embeds;
    expect(embed.title).toBe('withdrawal');
    expect(embed.color).toBe(0xe74c3c);
    expect(embed.url).toBe(`https://stellar.expert/explorer/testnet/tx/${TX}`);
    expect(embed.fields).toEqual(
      expect.arrayContaining([
        { name: 'amount', value: '1500', inline: true },
        { name: 'to', value: 'GABC<b>', inline: true },
        { name: 'Contract', value: `AutoShare (${CONTRACT_A})`, inline: false },
        { name: 'Ledger', value: '100', inline: false },
      ]),
    );
    expect(req.json.allowed_mentions).toEqual({ parse: [] });
  });

  it('on the demo network there is no explorer link', async () => {
    const req = await deliverOne((url) => ({ kind: 'discord', config: { webhook_url: `${url}/hook` } }), { network: 'demo' });
    expect(req.json.embeds[0].url).toBeUndefined();
  });

  it('Slack gets Block Kit blocks with a text fallback and mrkdwn-escaped values', async () => {
    const req = await deliverOne((url) => ({ kind: 'slack', config: { webhook_url: `${url}/services/T0/B0/xyz` } }));
    expect(req.json.text).toContain('withdrawal');
    const types = req.json.blocks.map((b: { type: string }) => b.type);
    expect(types).toEqual(['header', 'section', 'section', 'context', 'actions']);
    expect(req.json.blocks[0].text.text).toContain('🔴');
    expect(req.json.blocks[2].fields).toContainEqual({ type: 'mrkdwn', text: '*to*\nGABC&lt;b&gt;' });
    expect(req.json.blocks[4].elements[0].url).toBe(`https://stellar.expert/explorer/testnet/tx/${TX}`);
  });

  it('Telegram gets sendMessage with HTML, the data escaped', async () => {
    const req = await deliverOne((url) => ({ kind: 'telegram', config: { bot_token: TOKEN, chat_id: '-100123', api_base_url: url } }));
    expect(req.path).toBe(`/bot${TOKEN}/sendMessage`);
    expect(req.json.chat_id).toBe('-100123');
    expect(req.json.parse_mode).toBe('HTML');
    expect(req.json.text).toContain('<b>withdrawal</b>');
    expect(req.json.text).toContain('<b>to</b>: <code>GABC&#60;b&#62;</code>');
    expect(req.json.text).toContain(`<a href="https://stellar.expert/explorer/testnet/tx/${TX}">View transaction</a>`);
  });

  it('an HTTP webhook gets the stored event as JSON in the Standard Webhooks envelope', async () => {
    const req = await deliverOne((url) => ({ kind: 'webhook', config: { url: `${url}/in` } }));
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.json.type).toBe('contract.event');
    expect(req.json.data).toMatchObject({
      contract_id: CONTRACT_A,
      event_type: 'withdrawal',
      ledger_sequence: 100,
      data: { amount: '1500', to: 'GABC<b>' },
      priority: 'critical',
      contract_name: 'AutoShare',
      explorer_url: `https://stellar.expert/explorer/testnet/tx/${TX}`,
    });
    expect(req.json.data.id).toMatch(/^\d+-\d+$/);
    expect(req.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
  });

  it("a rule's template becomes the message text, with the event's fields", async () => {
    const req = await deliverOne((url) => ({ kind: 'webhook', config: { url } }), {
      template: '{{amount}} sent to {{to}} on {{contract_name}} (ledger {{ledger}}) {{explorer_url}}',
    });
    expect(req.json.data.message).toBe(`1500 sent to GABC<b> on AutoShare (ledger 100) https://stellar.expert/explorer/testnet/tx/${TX}`);
  });

  it('a desktop target hands the notification to the host, or logs it when the host has no hook', async () => {
    const shown: unknown[] = [];
    h = await startHarness({ host: { network: 'testnet', notifyDesktop: (n) => void shown.push(n) } });
    await h.addTarget({ name: 'desktop', kind: 'desktop', rule: { min_priority: 'high' } });
    h.dispatcher.start();
    await h.ingest(h.events(2, 300, { priority: 'critical', txHash: TX }));
    await eventually(() => expect(shown).toHaveLength(2));
    expect(shown[0]).toEqual({
      title: 'withdrawal',
      body: `withdrawal on ${CONTRACT_A.slice(0, 4)}…${CONTRACT_A.slice(-4)} at ledger 300`,
      priority: 'critical',
      url: `https://stellar.expert/explorer/testnet/tx/${TX}`,
      eventId: expect.stringMatching(/^\d+-\d+$/),
    });
    await h.close();

    h = await startHarness();
    await h.addTarget({ name: 'desktop', kind: 'desktop' });
    h.dispatcher.start();
    await h.ingest(h.events(1, 400));
    await eventually(() => expect(h!.logs.some((l) => l.includes('"msg":"desktop notification"'))).toBe(true));
  });
});

