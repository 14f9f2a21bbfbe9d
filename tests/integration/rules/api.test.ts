// The rules API over a real engine on the demo network: checked saves, counters, preview,
// decoder health in /api, /health and /metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodedEvent } from '../../fixtures/decoded-event';
import { startApiHarness, type ApiHarness } from '../api/api-harness';

let a: ApiHarness;
beforeAll(async () => {
  a = await startApiHarness({ ledgers: 60, eventsPerLedger: 4 });
});
afterAll(async () => {
  await a.close();
});

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(a.url + path, {
    method,
    headers: { authorization: `Bearer ${a.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
};

const target = (rule: unknown) => ({ name: 'big withdrawals', kind: 'desktop', rule });

describe('rules API', () => {
  it('a target whose condition names an unknown field is refused with a 400 naming it, and nothing is saved', async () => {
    const rule = { contracts: [a.contracts.autoshare], event_types: ['withdrawal'], condition: 'event.amount > 1000000000 && event.amunt > 1' };
    const res = await call('POST', '/api/targets', target(rule));
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'rule.invalid', parameter: 'rule.condition', field: 'event.amunt' });
    expect(res.json.error.message).toContain('event.amount');
    expect((await call('GET', '/api/targets')).json.targets).toEqual([]);
  });

  it('a type error is refused on update too, and the stored rule stays as it was', async () => {
    const rule = { contracts: [a.contracts.autoshare], event_types: ['withdrawal'], condition: 'event.amount > 1000000000' };
    const created = await call('POST', '/api/targets', target(rule));
    expect(created.status).toBe(201);
    const res = await call('PUT', `/api/targets/${created.json.id}`, { rule: { ...rule, condition: 'event.recipient > 5' } });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ parameter: 'rule.condition', field: 'event.recipient' });
    expect((await call('GET', `/api/targets/${created.json.id}`)).json.rule.condition).toBe('event.amount > 1000000000');
    await call('DELETE', `/api/targets/${created.json.id}`);
  });

  it('a sum over a field that is not there is refused', async () => {
    const rule = { event_types: ['withdrawal'], trigger: { kind: 'sum', field: 'amout', above: '5', window_minutes: 60 } };
    const res = await call('POST', '/api/rules/check', { rule });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ parameter: 'trigger.field', field: 'amout' });
  });

  it('check lists the fields of the rule\'s events with their types', async () => {
    const res = await call('POST', '/api/rules/check', { rule: { event_types: ['withdrawal', 'task_created'] } });
    expect(res.status).toBe(200);
    expect(res.json.fields).toMatchObject({ amount: 'int', recipient: 'string', token: 'string', value: 'list<dyn>' });
  });

  it('preview says how often a rule would have fired, with examples', async () => {
    const rule = { event_types: ['withdrawal'] };
    const res = await call('POST', '/api/rules/preview', { rule });
    expect(res.status).toBe(200);
    const withdrawals = (await call('GET', '/api/events?event_type=withdrawal&limit=1')).json.total as number;
    expect(withdrawals).toBeGreaterThan(0);
    expect(res.json.fired['7d']).toBe(withdrawals);
    expect(res.json.examples[0]).toMatchObject({ kind: 'event', event_type: 'withdrawal' });
    const bad = await call('POST', '/api/rules/preview', { rule: { ...rule, condition: 'event.nope == 1' } });
    expect(bad.json.error).toMatchObject({ field: 'event.nope' });
  });

  it('rules, their counters and decoder health are in the API, /health and /metrics', async () => {
    const created = await call('POST', '/api/targets', target({ event_types: ['withdrawal'], noise: { cooldown_seconds: 86_400 } }));
    await a.h.store.commitIngest({
      events: [
        decodedEvent(900_000, 0, { contractId: a.contracts.autoshare, eventType: 'mystery', decodeStatus: 'positional' }),
        decodedEvent(900_001, 0, { contractId: a.contracts.taskbounty, eventType: 'undecodable', decodeStatus: 'failed' }),
      ],
    });
    a.h.engine.dispatcher.start();
    await a.advance(30);
    const rules = async () => (await call('GET', '/api/rules')).json.rules as { id: number; counters: { matched: number; alerts: number; suppressed: { cooldown: number } } }[];
    await expect.poll(async () => (await rules())[0]?.counters.matched, { timeout: 10_000 }).toBeGreaterThan(1);
    const [view] = await rules();
    expect(view!.counters.alerts).toBe(1);
    expect(view!.counters.suppressed.cooldown).toBe(view!.counters.matched - 1);
    expect((await call('GET', `/api/rules/${view!.id}`)).json.target_id).toBe(created.json.id);

    const decoder = (await call('GET', '/api/decoder-health')).json;
    expect(decoder).toMatchObject({ failed: 1, unknown_shape: 1 });
    expect(decoder.problems).toHaveLength(2);
    expect(decoder.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ contract_id: a.contracts.autoshare, event_type: 'mystery', status: 'unknown_shape', count: 1 }),
      expect.objectContaining({ contract_id: a.contracts.taskbounty, event_type: 'undecodable', status: 'failed', count: 1 }),
    ]));

    await expect.poll(async () => (await call('GET', '/health')).json.rules.suppressed.cooldown, { timeout: 5_000 }).toBeGreaterThan(0);
    expect((await call('GET', '/health')).json.decoder).toMatchObject({ failed: 1, unknown_shape: 1 });
    const metrics = await (await fetch(`${a.url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`notifychain_rule_suppressed_total\\{rule="${view!.id}",target="${created.json.id}",reason="cooldown"\\} [1-9]`));
    expect(metrics).toContain(`notifychain_decode_problems{contract_id="${a.contracts.taskbounty}",event_type="undecodable",status="failed"} 1`);
  });
});
