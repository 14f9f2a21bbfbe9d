import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, startApiHarness, type ApiHarness } from './api-harness';

let a: ApiHarness;
beforeAll(async () => {
  a = await startApiHarness({ ledgers: 10, eventsPerLedger: 2 });
});
afterAll(async () => {
  await a.close();
});

// A valid contract id the demo network does not deploy.
const OTHER = 'CA3D5KRYM6CB7OWQ6TWYRR3Z4T7GNZLKERYNZGGA5SOAOPIFY6YQGAXE';

const send = (method: string, path: string, body?: unknown) =>
  raw(a.url, {
    method,
    path,
    headers: { Authorization: `Bearer ${a.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const listed = async () => (JSON.parse((await raw(a.url, { path: '/api/contracts' })).body) as { contracts: Array<{ id: string }> }).contracts;

describe('/api/contracts', () => {
  it('lists the watched contracts', async () => {
    const res = await raw(a.url, { path: '/api/contracts' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, max-age=5');
    const { contracts } = JSON.parse(res.body);
    expect(contracts.map((c: { id: string }) => c.id).sort()).toEqual(Object.values(a.contracts).sort());
    expect(contracts[0]).toEqual({ id: expect.any(String), name: null, event_types: [], start_ledger: null, retention_days: null, added_at: expect.any(String) });
  });

  it('watches a new contract (201), updates a watched one (200), and the engine picks it up', async () => {
    let changed = 0;
    a.h.engine.once('contracts-changed', () => changed++);
    const created = await send('POST', '/api/contracts', { id: OTHER, name: 'Mine', event_types: ['withdrawal', 'deposit'], start_ledger: 1005 });
    expect(created.status).toBe(201);
    expect(JSON.parse(created.body)).toMatchObject({ id: OTHER, name: 'Mine', event_types: ['withdrawal', 'deposit'], start_ledger: 1005 });
    expect(changed).toBe(1);
    expect((await listed()).map((c) => c.id)).toContain(OTHER);
    const updated = await send('POST', '/api/contracts', { id: OTHER, event_types: ['withdrawal'] });
    expect(updated.status).toBe(200);
    expect(JSON.parse(updated.body)).toMatchObject({ name: 'Mine', event_types: ['withdrawal'] });
  });

  it('unwatches (204), then 404 for a contract that is not watched', async () => {
    expect((await send('DELETE', `/api/contracts/${OTHER}`)).status).toBe(204);
    expect((await listed()).map((c) => c.id)).not.toContain(OTHER);
    const again = await send('DELETE', `/api/contracts/${OTHER}`);
    expect(again.status).toBe(404);
    expect(JSON.parse(again.body).error.code).toBe('contract.not_found');
  });

  it.each([
    [{ id: 'CABC' }, 'id', /56 characters/],
    [{ id: 'GCPMHXIHHAOSWQPKDGFDDG66QMS54WX7U3T3HBPNTGVTSVPTEYHSWOHJ' }, 'id', /account address/],
    [{ id: OTHER.slice(0, -1) + 'A' }, 'id', /checksum/],
    [{ id: OTHER, event_types: ['bad type'] }, 'event_types', /letters, digits/],
    [{ id: OTHER, start_ledger: -3 }, 'start_ledger', /./],
    [{ id: OTHER, start_ledger: '7' }, 'start_ledger', /number/],
    [{ name: 'no id' }, 'id', /./],
    [[OTHER], 'body', /object/],
  ])('400 for %j, naming %s', async (body, parameter, message) => {
    const res = await send('POST', '/api/contracts', body);
    expect(res.status).toBe(400);
    const { error } = JSON.parse(res.body);
    expect(error).toMatchObject({ code: 'request.invalid_parameter', parameter });
    expect(error.message).toMatch(message);
  });

  it('400 for an unknown body field, and for a malformed id in the path', async () => {
    const extra = await send('POST', '/api/contracts', { id: OTHER, eventTypes: ['x'] });
    expect(JSON.parse(extra.body).error).toMatchObject({ code: 'request.unknown_parameter', parameter: 'eventTypes' });
    const path = await send('DELETE', '/api/contracts/not-a-contract');
    expect(path.status).toBe(400);
    expect(JSON.parse(path.body).error.parameter).toBe('id');
  });
});

describe('/api/contracts/:id/coverage', () => {
  it('says what the archive holds for a watched contract, and 404s for one not watched', async () => {
    const id = Object.values(a.contracts)[0]!;
    const res = await raw(a.url, { path: `/api/contracts/${id}/coverage` });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ contract_id: id, network_epoch: 0, holes: [], summary: expect.stringMatching(/^history from ledger \d+/) });
    expect(body.ranges).toHaveLength(1);
    expect((await raw(a.url, { path: `/api/contracts/${OTHER}/coverage` })).status).toBe(404);
    expect((await raw(a.url, { path: '/api/contracts/CNOPE/coverage' })).status).toBe(400);
  });

  it('filling holes needs the token and answers what it started', async () => {
    const id = Object.values(a.contracts)[0]!;
    expect((await raw(a.url, { method: 'POST', path: `/api/contracts/${id}/coverage/fill` })).status).toBe(401);
    const res = await send('POST', `/api/contracts/${id}/coverage/fill`);
    expect(res.status).toBe(202);
    expect(JSON.parse(res.body)).toEqual({ contract_id: id, backfill: null, beyond_retention: [] });
  });

  it('a contract keeps its own retention until told otherwise; a bad value changes nothing', async () => {
    const id = Object.values(a.contracts)[1]!;
    expect(JSON.parse((await send('POST', '/api/contracts', { id, retention_days: 0 })).body)).toMatchObject({ id, retention_days: 0 });
    expect(JSON.parse((await send('POST', '/api/contracts', { id, name: 'renamed' })).body)).toMatchObject({ retention_days: 0 });
    const bad = await send('POST', '/api/contracts', { id, retention_days: -1 });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.parameter).toBe('retention_days');
    expect(JSON.parse((await send('POST', '/api/contracts', { id, retention_days: null })).body)).toMatchObject({ retention_days: null });
  });
});
