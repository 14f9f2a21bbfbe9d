import { createHmac, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { firstN, startHttpSink, type HttpSink, type SinkRequest } from '../../fixtures/sinks/http-sink';
import { FakeClock } from './support/fake-clock';
import { eventually, startHarness, type Harness } from './support/harness';

let h: Harness | undefined;
let sink: HttpSink | undefined;
afterEach(async () => {
  await h?.close();
  await sink?.close();
  h = sink = undefined;
});

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

/** Written from the Standard Webhooks spec, not from our signer: HMAC-SHA256 of "id.timestamp.body". */
function verify(req: SinkRequest, secret: string): boolean {
  const id = req.headers['webhook-id'];
  const timestamp = req.headers['webhook-timestamp'];
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${req.body}`).digest('base64');
  return (req.headers['webhook-signature'] ?? '').split(' ').some((s) => s === `v1,${expected}`);
}

describe('signed HTTP webhooks', () => {
  it('a receiver holding the secret can verify every request', async () => {
    sink = await startHttpSink();
    h = await startHarness();
    await h.addTarget({ name: 'hook', kind: 'webhook', config: { url: sink.url, signing_secret: SECRET } });
    h.dispatcher.start();
    await h.ingest(h.events(3));
    const requests = await sink.waitFor(3);
    for (const req of requests) {
      expect(verify(req, SECRET)).toBe(true);
      expect(Number(req.headers['webhook-timestamp'])).toBeGreaterThan(1_700_000_000);
    }
    expect(verify({ ...requests[0]!, body: requests[0]!.body.replace('withdrawal', 'deposit') }, SECRET)).toBe(false);
    expect(new Set(requests.map((r) => r.headers['webhook-id'])).size).toBe(3);
  });

  it('a retried message keeps its webhook-id, with a fresh timestamp and a valid signature', async () => {
    const clock = new FakeClock();
    sink = await startHttpSink(firstN(2, { status: 503 }));
    h = await startHarness({ clock });
    await h.addTarget({ name: 'hook', kind: 'webhook', config: { url: sink.url, signing_secret: SECRET } });
    h.dispatcher.start();
    await h.ingest(h.events(1));
    await sink.waitFor(1);
    await eventually(async () => expect((await h!.store.dispatch.listDeliveries({ limit: 1 }))[0]!.status).toBe('failed'));
    clock.advance(5_000);
    await sink.waitFor(2);
    await eventually(async () => expect((await h!.store.dispatch.listDeliveries({ limit: 1 }))[0]!.attempts).toBe(2));
    clock.advance(25_000);
    const requests = await sink.waitFor(3);
    expect(new Set(requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(requests.map((r) => Number(r.headers['webhook-timestamp']) - Number(requests[0]!.headers['webhook-timestamp']))).toEqual([0, 5, 30]);
    expect(requests.every((r) => verify(r, SECRET))).toBe(true);
  });

  it('sends the method, custom headers and bearer or basic credentials the target asks for', async () => {
    sink = await startHttpSink();
    h = await startHarness();
    await h.addTarget({
      name: 'bearer',
      kind: 'webhook',
      config: { url: `${sink.url}/a`, method: 'PUT', headers: { 'X-Api-Key': 'k-123' }, auth: { type: 'bearer', token: 'tok-abc' } },
    });
    await h.addTarget({ name: 'basic', kind: 'webhook', config: { url: `${sink.url}/b`, auth: { type: 'basic', username: 'ops', password: 'p@ss' } } });
    h.dispatcher.start();
    await h.ingest(h.events(1));
    const requests = await sink.waitFor(2);
    const a = requests.find((r) => r.path === '/a')!;
    const b = requests.find((r) => r.path === '/b')!;
    expect(a.method).toBe('PUT');
    expect(a.headers['x-api-key']).toBe('k-123');
    expect(a.headers.authorization).toBe('Bearer tok-abc');
    expect(a.headers['webhook-signature']).toBeUndefined();
    expect(b.headers.authorization).toBe(`Basic ${Buffer.from('ops:p@ss').toString('base64')}`);
  });
});
