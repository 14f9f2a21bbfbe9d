import { Address, contract, rpc, scValToNative, StrKey, xdr } from '@stellar/stellar-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { GetEventsResult, RpcEvent } from '../../src/main/engine/stellar/rpc-types.js';
import { ledgerOfEventId } from '../../src/main/engine/stellar/event-id.js';
import {
  DEMO_PASSPHRASE,
  ledgerEndCursor,
  startDemoRpcServer,
  type DemoRpcServer,
} from '../../src/main/engine/stellar/demo/index.js';

interface Reply {
  status: number;
  headers: Headers;
  body: { result?: any; error?: { code: number; message: string } };
}

async function post(url: string, body: string): Promise<Reply> {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) };
}
const call = (url: string, method: string, params?: unknown) =>
  post(url, JSON.stringify({ jsonrpc: '2.0', id: 7, method, params }));
async function result<T = any>(url: string, method: string, params?: unknown): Promise<T> {
  const reply = await call(url, method, params);
  if (reply.body.error) throw new Error(`${method}: ${reply.body.error.message}`);
  return reply.body.result as T;
}
async function rpcError(url: string, method: string, params?: unknown) {
  const reply = await call(url, method, params);
  expect(reply.status).toBe(200);
  return reply.body.error!;
}

const sym = (s: string) => xdr.ScVal.scvSymbol(s).toXdr('base64');
const name = (e: RpcEvent) => scValToNative(xdr.ScVal.fromXdr(e.topic[0]!, 'base64')) as string;
const ids = (events: readonly RpcEvent[]) => events.map((e) => e.id);

describe('demo RPC transport', () => {
  let server: DemoRpcServer;
  beforeAll(async () => {
    server = await startDemoRpcServer({ port: 0, autoStart: false });
  });
  afterAll(() => server.close());

  it('listens on 127.0.0.1 and answers JSON-RPC 2.0 with the request id', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const reply = await call(server.url, 'getHealth');
    expect(reply.body).toMatchObject({ jsonrpc: '2.0', id: 7, result: { status: 'healthy' } });
  });

  it('reports an unknown method, malformed JSON and positional params with their JSON-RPC codes', async () => {
    expect((await rpcError(server.url, 'getTransactionz')).code).toBe(-32601);
    expect((await post(server.url, '{"jsonrpc":"2.0","id":1,')).body.error?.code).toBe(-32700);
    expect((await rpcError(server.url, 'getEvents', [1000])).code).toBe(-32602);
  });
});

describe('getEvents', () => {
  let server: DemoRpcServer;
  let url: string;
  beforeAll(async () => {
    server = await startDemoRpcServer({ autoStart: false, history: { ledgers: 30, eventsPerLedger: 20 }, eventsPerLedger: 4 });
    url = server.url;
  });
  afterAll(() => server.close());
  const served = () => [...server.chain.events()];
  const fromStart = (extra: object = {}) => ({ startLedger: server.chain.oldestLedger, pagination: { limit: 10_000 }, ...extra });

  it('returns every served event from startLedger, in id order, with the retention bounds', async () => {
    const page = await result<GetEventsResult>(url, 'getEvents', fromStart());
    expect(page.events).toEqual(served());
    expect(page.events).toHaveLength(600);
    expect(page).toMatchObject({ latestLedger: 1029, oldestLedger: 1000 });
    expect(page.latestLedgerCloseTime).toBe(String(server.chain.closeTimeOf(1029)));
    expect(page.oldestLedgerCloseTime).toBe(String(server.chain.closeTimeOf(1000)));
    const event = page.events[0]!;
    expect(Object.keys(event).sort()).toEqual(
      ['contractId', 'id', 'inSuccessfulContractCall', 'ledger', 'ledgerClosedAt', 'opIndex', 'topic', 'txHash', 'txIndex', 'type', 'value'].sort(),
    );
    expect(event.type).toBe('contract');
  });

  it('pages exclusively after the cursor, so pages join into the full list', async () => {
    let cursor: string | undefined;
    const pages: RpcEvent[] = [];
    for (let i = 0; i < 200; i++) {
      const params = cursor ? { pagination: { cursor, limit: 7 } } : { startLedger: 1000, pagination: { limit: 7 } };
      const page = await result<GetEventsResult>(url, 'getEvents', params);
      pages.push(...page.events);
      cursor = page.cursor;
      if (page.events.length < 7) break;
    }
    expect(ids(pages)).toEqual(ids(served()));
    expect(cursor).toBe(ledgerEndCursor(server.chain.latestLedger));
  });

  it('defaults to 100 events and refuses more than 10,000', async () => {
    const page = await result<GetEventsResult>(url, 'getEvents', { startLedger: 1000 });
    expect(page.events).toHaveLength(100);
    expect(page.cursor).toBe(page.events[99]!.id);
    expect((await rpcError(url, 'getEvents', { startLedger: 1000, pagination: { limit: 10_001 } })).message).toBe(
      'limit must not exceed 10000',
    );
  });

  it('treats endLedger as exclusive and points the cursor at the last scanned ledger', async () => {
    const page = await result<GetEventsResult>(url, 'getEvents', fromStart({ endLedger: 1003 }));
    expect(page.events).toEqual(served().filter((e) => e.ledger < 1003));
    expect(page.cursor).toBe(ledgerEndCursor(1002));
  });

  it('lets a caught-up poller advance without rescanning, then see only the new ledger', async () => {
    const caughtUp = await result<GetEventsResult>(url, 'getEvents', { startLedger: server.chain.latestLedger });
    const idle = await result<GetEventsResult>(url, 'getEvents', { pagination: { cursor: caughtUp.cursor } });
    expect(idle.events).toEqual([]);
    expect(idle.cursor).toBe(caughtUp.cursor);
    const ledger = server.chain.closeLedger();
    const next = await result<GetEventsResult>(url, 'getEvents', { pagination: { cursor: idle.cursor } });
    expect(next.events.map((e) => e.ledger)).toEqual(Array(ledger.eventCount).fill(ledger.sequence));
    expect(next.cursor).toBe(ledgerEndCursor(ledger.sequence));
  });

  it('filters by contract id, topic (with * and a trailing **) and ORs the filters', async () => {
    const { taskbounty, autoshare } = server.chain.contracts;
    const all = served();
    const query = async (filters: object[]) => (await result<GetEventsResult>(url, 'getEvents', fromStart({ filters }))).events;

    const byContract = await query([{ type: 'contract', contractIds: [taskbounty] }]);
    expect(byContract).toEqual(all.filter((e) => e.contractId === taskbounty));
    expect(byContract.length).toBeGreaterThan(0);

    const withdrawals = await query([{ topics: [[sym('withdrawal'), '**']] }]);
    expect(withdrawals).toEqual(all.filter((e) => name(e) === 'withdrawal'));
    expect(withdrawals.length).toBeGreaterThan(0);
    // Exactly two segments: (task, created) and (task, cancel), never a longer topic list.
    const task = await query([{ topics: [[sym('task'), '*']] }]);
    expect(new Set(task.map((e) => scValToNative(xdr.ScVal.fromXdr(e.topic[1]!, 'base64'))))).toEqual(new Set(['created', 'cancel']));
    expect(await query([{ topics: [[sym('withdrawal')]] }])).toEqual([]);

    const either = await query([{ contractIds: [taskbounty] }, { contractIds: [autoshare], topics: [[sym('withdrawal'), '**']] }]);
    expect(either).toEqual(all.filter((e) => e.contractId === taskbounty || name(e) === 'withdrawal'));
    expect(await query([{ type: 'system' }])).toEqual([]);
  });

  it.each([
    [{ startLedger: 1000, pagination: { cursor: '0004294967296000000-0000000000' } }, 'ledger ranges and cursor cannot both be set'],
    [{ pagination: { cursor: '0004398046511104000-0000000000' }, endLedger: 1005 }, 'ledger ranges and cursor cannot both be set'],
    [{}, 'startLedger must be positive'],
    [{ startLedger: 1005, endLedger: 1005 }, 'endLedger must be greater than startLedger'],
    [{ startLedger: 1000, filters: Array(6).fill({}) }, 'maximum 5 filters per request'],
    [{ startLedger: 1000, filters: [{ contractIds: Array(6).fill(StrKey.encodeContract(new Uint8Array(32))) }] }, 'filter 1 invalid: maximum 5 contract IDs per filter'],
    [{ startLedger: 1000, filters: [{ contractIds: ['GAAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQDZ7H'] }] }, 'filter 1 invalid: contract ID 1 invalid'],
    [{ startLedger: 1000, filters: [{}, { topics: Array(6).fill(['*']) }] }, 'filter 2 invalid: maximum 5 topics per filter'],
    [{ startLedger: 1000, filters: [{ topics: [[]] }] }, 'filter 1 invalid: topic 1 invalid: topic must have at least one segment'],
    [{ startLedger: 1000, filters: [{ topics: [['*', '*', '*', '*', '*']] }] }, 'filter 1 invalid: topic 1 invalid: topic cannot have more than 4 segments'],
    [{ startLedger: 1000, filters: [{ topics: [['*', '**', '*']] }] }, "segment 2 invalid: wildcard '**' is only allowed as the last segment"],
    [{ startLedger: 1000, filters: [{ topics: [['not-xdr!']] }] }, 'segment 1 invalid: not a base64-encoded ScVal'],
    [{ startLedger: 1000, filters: [{ type: 'diagnostic' }] }, "filter type invalid: if set, type must be either 'system' or 'contract'"],
    [{ pagination: { cursor: 'yesterday' } }, 'invalid cursor'],
  ])('rejects bad params %j with -32602', async (params, message) => {
    const error = await rpcError(url, 'getEvents', params);
    expect(error.code).toBe(-32602);
    expect(error.message).toContain(message);
  });

  it('serves stellar-rpc JSON format on request', async () => {
    const page = await result(url, 'getEvents', { startLedger: 1000, pagination: { limit: 1 }, xdrFormat: 'json' });
    expect(page.events[0].topicJson[0]).toEqual({ symbol: name(served()[0]!) });
    expect(page.events[0].topic).toBeUndefined();
  });
});

describe('getEvents retention and scan bounds', () => {
  it('names both bounds when startLedger or a cursor falls outside the window', async () => {
    const server = await startDemoRpcServer({ autoStart: false, retentionLedgers: 10, eventsPerLedger: 2 });
    try {
      const early = (await result<GetEventsResult>(server.url, 'getEvents', { startLedger: 1000 })).events[0];
      for (let i = 0; i < 20; i++) server.chain.closeLedger();
      const message = 'startLedger must be between the oldest ledger: 1011 and the latest ledger: 1020 for this rpc instance.';
      for (const params of [{ startLedger: 1010 }, { startLedger: 1021 }]) {
        expect(await rpcError(server.url, 'getEvents', params)).toEqual({ code: -32600, message });
      }
      const stale = early?.id ?? ledgerEndCursor(1000);
      expect(await rpcError(server.url, 'getEvents', { pagination: { cursor: stale } })).toEqual({ code: -32600, message });
      server.chain.pruneTo(1015);
      expect((await rpcError(server.url, 'getEvents', { startLedger: 1012 })).message).toContain('oldest ledger: 1015');
      expect((await result(server.url, 'getHealth')).oldestLedger).toBe(1015);
    } finally {
      await server.close();
    }
  });

  it('scans at most 10,000 ledgers per call and hands back a cursor to continue', async () => {
    const server = await startDemoRpcServer({ autoStart: false, retentionLedgers: 30_000, history: { ledgers: 25_000, eventsPerLedger: 1 } });
    try {
      const nowhere = StrKey.encodeContract(new Uint8Array(32).fill(9));
      const scanned: number[] = [];
      let params: object = { startLedger: 1000, filters: [{ contractIds: [nowhere] }] };
      for (let i = 0; i < 5; i++) {
        const page = await result<GetEventsResult>(server.url, 'getEvents', params);
        expect(page.events).toEqual([]);
        scanned.push(ledgerOfEventId(page.cursor));
        if (ledgerOfEventId(page.cursor) === page.latestLedger) break;
        params = { pagination: { cursor: page.cursor }, filters: [{ contractIds: [nowhere] }] };
      }
      // As in stellar-rpc, a cursor resumes inside its own ledger, so later windows start one ledger earlier.
      expect(scanned).toEqual([10_999, 20_998, 25_999]);
    } finally {
      await server.close();
    }
  });
});

describe('getLedgerEntries', () => {
  let server: DemoRpcServer;
  beforeAll(async () => {
    server = await startDemoRpcServer({ autoStart: false });
  });
  afterAll(() => server.close());

  async function wasmOf(contractId: string): Promise<{ hash: string; wasm: Uint8Array }> {
    const key = new xdr.LedgerKeyContractData({
      contract: Address.fromString(contractId).toScAddress(),
      key: xdr.ScVal.scvLedgerKeyContractInstance(),
      durability: xdr.ContractDataDurability.persistent,
    });
    const { entries } = await result(server.url, 'getLedgerEntries', { keys: [xdr.LedgerKey.contractData(key).toXdr('base64')] });
    expect(entries).toHaveLength(1);
    const data = xdr.LedgerEntryData.fromXdr(entries[0].xdr, 'base64');
    if (data.type !== 'contractData') throw new Error(`expected contractData, got ${data.type}`);
    const instance = data.value.val;
    if (instance.type !== 'scvContractInstance' || instance.value.executable.type !== 'contractExecutableWasm') {
      throw new Error('expected a WASM contract instance');
    }
    const hash = instance.value.executable.value;
    const codeKey = xdr.LedgerKey.contractCode(new xdr.LedgerKeyContractCode({ hash }));
    const code = await result(server.url, 'getLedgerEntries', { keys: [codeKey.toXdr('base64')] });
    const codeData = xdr.LedgerEntryData.fromXdr(code.entries[0].xdr, 'base64');
    if (codeData.type !== 'contractCode') throw new Error(`expected contractCode, got ${codeData.type}`);
    return { hash: Buffer.from(hash.toXdr()).toString('hex'), wasm: codeData.value.code };
  }

  it('leads from a contract instance to a WASM whose spec names the AutoShare events', async () => {
    const autoshare = await wasmOf(server.chain.contracts.autoshare);
    const notifications = await wasmOf(server.chain.contracts.notifications);
    expect(notifications.hash).toBe(autoshare.hash);
    const spec = contract.Spec.fromWasm(autoshare.wasm);
    expect(spec.findEvent('withdrawal')).toBeDefined();
    expect(spec.events()).toHaveLength(38);
    const taskbounty = await wasmOf(server.chain.contracts.taskbounty);
    expect(taskbounty.hash).not.toBe(autoshare.hash);
    expect(() => contract.Spec.fromWasm(taskbounty.wasm)).toThrow();
  });

  it('omits unknown keys and rejects keys that are not LedgerKey XDR', async () => {
    const unknown = xdr.LedgerKey.contractCode(new xdr.LedgerKeyContractCode({ hash: new Uint8Array(32) })).toXdr('base64');
    expect((await result(server.url, 'getLedgerEntries', { keys: [unknown] })).entries).toEqual([]);
    expect(await rpcError(server.url, 'getLedgerEntries', { keys: ['AAAA!'] })).toMatchObject({ code: -32602 });
    expect(await rpcError(server.url, 'getLedgerEntries', { keys: [] })).toMatchObject({ code: -32602 });
  });
});

describe('stellar-sdk rpc.Server against the demo network', () => {
  let server: DemoRpcServer;
  let sdk: rpc.Server;
  beforeAll(async () => {
    server = await startDemoRpcServer({ autoStart: false, history: { ledgers: 12, eventsPerLedger: 10 } });
    sdk = new rpc.Server(server.url, { allowHttp: true });
  });
  afterAll(() => server.close());

  it('reads health and network', async () => {
    expect(await sdk.getHealth()).toEqual({ status: 'healthy', latestLedger: 1011, oldestLedger: 1000, ledgerRetentionWindow: 17_280 });
    expect(await sdk.getNetwork()).toMatchObject({ passphrase: DEMO_PASSPHRASE, protocolVersion: 23 });
  });

  it('parses the latest ledger header and close meta', async () => {
    const latest = await sdk.getLatestLedger();
    expect(latest.sequence).toBe(1011);
    expect(latest.id).toBe(server.chain.ledgerHash(1011));
    expect(latest.headerXdr.ledgerSeq).toBe(1011);
    expect(latest.closeTime).toBe(String(server.chain.closeTimeOf(1011)));
    expect(latest.metadataXdr.type).toBe('v0');
  });

  it('pages ledgers by cursor with their header history entries', async () => {
    const first = await sdk.getLedgers({ startLedger: 1000, pagination: { limit: 5 } });
    const second = await sdk.getLedgers({ pagination: { cursor: first.cursor, limit: 5 } });
    expect([...first.ledgers, ...second.ledgers].map((l) => l.sequence)).toEqual([...Array(10).keys()].map((i) => 1000 + i));
    const ledger = second.ledgers[0]!;
    expect(Buffer.from(ledger.headerXdr.hash.toXdr()).toString('hex')).toBe(ledger.hash);
    expect(ledger.headerXdr.header.previousLedgerHash.toXdr()).toEqual(first.ledgers[4]!.headerXdr.hash.toXdr());
    expect(ledger.ledgerCloseTime).toBe(String(server.chain.closeTimeOf(1005)));
    const past = await call(server.url, 'getLedgers', { startLedger: 999 });
    expect(past.body.error).toEqual({
      code: -32600,
      message: 'start ledger must be between the oldest ledger: 1000 and the latest ledger: 1011 for this rpc instance',
    });
  });

  it('gets events the SDK parses, and a contract WASM whose spec names their fields', async () => {
    const { events, cursor } = await sdk.getEvents({ startLedger: 1000, filters: [{ type: 'contract', contractIds: [server.chain.contracts.autoshare] }], limit: 50 });
    expect(events.length).toBeGreaterThan(0);
    expect(cursor).toBeTruthy();
    const spec = contract.Spec.fromWasm(await sdk.getContractWasmByContractId(server.chain.contracts.autoshare));
    for (const event of events) {
      expect(event.contractId?.contractId()).toBe(server.chain.contracts.autoshare);
      const parsed = spec.parseEvent(event.topic, event.value);
      expect(parsed?.name).toBe(scValToNative(event.topic[0]!));
      expect(parsed?.data).toHaveProperty('category');
    }
  });
});

describe('testnet reset', () => {
  it('takes the sequence back to genesis with new hashes, and the old cursor out of range', async () => {
    const server = await startDemoRpcServer({ autoStart: false, eventsPerLedger: 3 });
    try {
      for (let i = 0; i < 8; i++) server.chain.closeLedger();
      const before = await result(server.url, 'getEvents', { startLedger: 1000 });
      const oldHash = server.chain.ledgerHash(1001);
      server.chain.reset();
      const latest = await result(server.url, 'getLatestLedger');
      expect(latest.sequence).toBe(1000);
      expect((await result(server.url, 'getNetwork')).passphrase).toBe(DEMO_PASSPHRASE);
      const error = await rpcError(server.url, 'getEvents', { pagination: { cursor: before.cursor } });
      expect(error.code).toBe(-32600);
      expect((await result(server.url, 'getEvents', { startLedger: 1000 })).events).toEqual([]);
      server.chain.closeLedger();
      expect((await result(server.url, 'getLedgers', { startLedger: 1001 })).ledgers[0].hash).not.toBe(oldHash);
    } finally {
      await server.close();
    }
  });
});

describe('injected faults', () => {
  let server: DemoRpcServer;
  beforeAll(async () => {
    server = await startDemoRpcServer({ autoStart: false });
  });
  afterAll(() => server.close());

  it('answers 429 with Retry-After, then serves normally', async () => {
    server.injectFaults({ kind: 'http-status', status: 429, retryAfter: 2, times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await fetch(server.url, { method: 'POST', body: '{"jsonrpc":"2.0","id":1,"method":"getHealth"}' });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('2');
    }
    expect((await call(server.url, 'getHealth')).status).toBe(200);
  });

  it('fails only the targeted method with a JSON-RPC error, a 503 or a garbage body', async () => {
    const sdk = new rpc.Server(server.url, { allowHttp: true });
    server.injectFaults(
      { kind: 'rpc-error', method: 'getEvents', code: -32603, message: 'database is locked' },
      { kind: 'http-status', method: 'getEvents', status: 503 },
      { kind: 'garbage', method: 'getEvents' },
    );
    expect((await call(server.url, 'getHealth')).body.result.status).toBe('healthy');
    expect(await rpcError(server.url, 'getEvents', { startLedger: 1000 })).toEqual({ code: -32603, message: 'database is locked' });
    await expect(sdk.getEvents({ startLedger: 1000, filters: [] })).rejects.toThrow();
    const garbage = await fetch(server.url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'getEvents', params: { startLedger: 1000 } }) });
    await expect(garbage.json()).rejects.toThrow();
    expect((await sdk.getEvents({ startLedger: 1000, filters: [] })).events).toEqual([]);
  });

  it('delays an answer or drops the connection', async () => {
    server.injectFaults({ kind: 'delay', ms: 150 }, { kind: 'disconnect' });
    const started = performance.now();
    expect((await call(server.url, 'getHealth')).body.result.status).toBe('healthy');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await expect(call(server.url, 'getHealth')).rejects.toThrow();
    const before = server.requestCount('getHealth');
    await call(server.url, 'getHealth');
    expect(server.requestCount('getHealth')).toBe(before + 1);
  });
});

describe('fast mode', () => {
  it('serves 200,000 history events through the cursor with none missing or repeated', async () => {
    const server = await startDemoRpcServer({ autoStart: false, history: { ledgers: 2_000, eventsPerLedger: 100 } });
    try {
      const seen: string[] = [];
      const started = performance.now();
      let params: object = { startLedger: server.chain.oldestLedger, pagination: { limit: 10_000 } };
      for (;;) {
        const page = await result<GetEventsResult>(server.url, 'getEvents', params);
        for (const event of page.events) seen.push(event.id);
        if (page.events.length < 10_000) break;
        params = { pagination: { cursor: page.cursor, limit: 10_000 } };
      }
      const seconds = (performance.now() - started) / 1000;
      console.info(`fast mode: ${seen.length} events in ${seconds.toFixed(2)} s, ${Math.round(seen.length / seconds)} events/s over HTTP`);

      expect(seen).toHaveLength(200_000);
      expect(seen.every((id, i) => i === 0 || id > seen[i - 1]!)).toBe(true);
      let i = 0;
      let mismatches = 0;
      for (const event of server.chain.events()) if (event.id !== seen[i++]) mismatches++;
      expect({ stored: i, mismatches }).toEqual({ stored: 200_000, mismatches: 0 });
      expect(seconds).toBeLessThan(10);
    } finally {
      await server.close();
    }
  });
});
