// The portable archive: export → import into a fresh database gives the same events and
// coverage; importing twice changes nothing; another network or a damaged file writes nothing.
import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveError, exportArchive, importArchive } from '../../../src/main/engine/archive/archive-file';
import { SqliteStore } from '../../../src/main/engine/store/sqlite/sqlite-store';
import { DEMO_PASSPHRASE } from '../../../src/main/engine/stellar/demo';
import { startHarness, type Harness } from '../../fixtures/engine-harness';
import { CLI, assertBuilt } from '../../fixtures/serve-process';

const run = promisify(execFile);
let h: Harness;
let dir: string;
let archivePath: string;

beforeAll(async () => {
  h = await startHarness({ demo: { history: { ledgers: 40, eventsPerLedger: 4 }, eventsPerLedger: 2 } });
  for (const id of Object.values(h.demo.chain.contracts)) await h.engine.watch({ id });
  await h.engine.subscriber.pollOnce();
  for (let i = 0; i < 3; i++) h.demo.chain.closeLedger();
  await h.engine.subscriber.pollOnce();
  dir = mkdtempSync(join(tmpdir(), 'nc-archive-'));
  archivePath = join(dir, 'autoshare.ndjson');
  const out = createWriteStream(archivePath);
  await exportArchive(h.store, { contractIds: [h.demo.chain.contracts.autoshare] }, out);
  await new Promise<void>((resolve) => out.end(resolve));
});
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

type Row = Record<string, unknown>;
function chainEvents(store: SqliteStore, contractId: string): Row[] {
  return store.db
    .prepare(
      `SELECT event_id, contract_id, event_type, ledger_sequence, created_at, data, topics, raw_topics, raw_value, category, priority,
              tx_hash, dedup_key, decode_status FROM events WHERE contract_id = ? ORDER BY event_id`,
    )
    .all(contractId) as Row[];
}
const counts = (store: SqliteStore) => ({
  events: (store.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n,
  outbox: (store.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n,
  coverage: (store.db.prepare('SELECT count(*) AS n FROM coverage').get() as { n: number }).n,
  contracts: (store.db.prepare('SELECT count(*) AS n FROM contracts').get() as { n: number }).n,
});

describe('archive export and import', () => {
  it('a fresh database importing the archive holds the same events (ids, data) and coverage, and sends nothing', async () => {
    const { autoshare } = h.demo.chain.contracts;
    const fresh = new SqliteStore(join(dir, 'fresh.db'));
    try {
      const result = await importArchive(fresh, archivePath, { networkPassphrase: DEMO_PASSPHRASE });
      const original = chainEvents(h.store, autoshare);
      expect(original.length).toBeGreaterThan(20);
      expect(result).toMatchObject({ inserted: original.length, duplicates: 0, contractsAdded: [autoshare] });
      expect(chainEvents(fresh, autoshare)).toEqual(original);
      const { ranges, holes } = await fresh.archive.coverage(autoshare, []);
      const source = await h.store.archive.coverage(autoshare, []);
      expect(ranges.map((r) => [r.from_ledger, r.to_ledger])).toEqual(source.ranges.map((r) => [r.from_ledger, r.to_ledger]));
      expect(ranges[0]!.sources).toEqual(['import']);
      expect(holes).toEqual(source.holes);
      expect(counts(fresh).outbox).toBe(0); // history is not news: no deliveries
      expect((await fresh.getPollingState()).networkPassphrase).toBe(DEMO_PASSPHRASE);

      const before = counts(fresh);
      const again = await importArchive(fresh, archivePath);
      expect(again).toMatchObject({ inserted: 0, duplicates: original.length, contractsAdded: [] });
      expect(counts(fresh)).toEqual(before);
    } finally {
      await fresh.close();
    }
  });

  it('an archive from another network is refused with a clear error and nothing is written', async () => {
    const other = new SqliteStore(join(dir, 'testnet.db'));
    try {
      await other.setNetwork('Test SDF Network ; September 2015');
      const before = counts(other);
      const error = await importArchive(other, archivePath).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArchiveError);
      expect(error).toMatchObject({ code: 'archive.network_mismatch', message: expect.stringContaining(DEMO_PASSPHRASE) });
      expect(counts(other)).toEqual(before);
      // A database that has read no network yet must be told which one.
      const blank = new SqliteStore(join(dir, 'blank.db'));
      await expect(importArchive(blank, archivePath)).rejects.toMatchObject({ code: 'archive.network_unknown' });
      expect(counts(blank).events).toBe(0);
      await blank.close();
    } finally {
      await other.close();
    }
  });

  it('a changed or truncated file fails its checksum before anything is written', async () => {
    const lines = readFileSync(archivePath, 'utf8').trimEnd().split('\n');
    const tampered = join(dir, 'tampered.ndjson');
    const event = JSON.parse(lines[2]!);
    event.data = { forged: true };
    writeFileSync(tampered, [...lines.slice(0, 2), JSON.stringify(event), ...lines.slice(3)].join('\n') + '\n');
    const truncated = join(dir, 'truncated.ndjson');
    writeFileSync(truncated, lines.slice(0, -1).join('\n') + '\n');
    const notAnArchive = join(dir, 'other.json');
    writeFileSync(notAnArchive, '{"hello":"world"}\n');
    const store = new SqliteStore(join(dir, 'untouched.db'));
    try {
      await expect(importArchive(store, tampered, { networkPassphrase: DEMO_PASSPHRASE })).rejects.toMatchObject({ code: 'archive.checksum' });
      await expect(importArchive(store, truncated, { networkPassphrase: DEMO_PASSPHRASE })).rejects.toMatchObject({ code: 'archive.checksum' });
      await expect(importArchive(store, notAnArchive, { networkPassphrase: DEMO_PASSPHRASE })).rejects.toMatchObject({ code: 'archive.invalid' });
      expect(counts(store)).toEqual({ events: 0, outbox: 0, coverage: 0, contracts: 0 });
    } finally {
      await store.close();
    }
  });

  it('the CLI exports with --from and imports, as the README says', async () => {
    assertBuilt();
    const { autoshare } = h.demo.chain.contracts;
    const from = h.demo.chain.latestLedger - 10;
    const file = join(dir, 'cli.ndjson');
    const exported = await run(process.execPath, [CLI, 'archive', 'export', '--db', h.store.path, '--contract', autoshare, '--from', String(from), '--output', file]);
    expect(exported.stderr).toMatch(/^exported \d+ events of 1 contract\(s\)/);
    const header = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!);
    expect(header).toMatchObject({ format: 'notifychain-archive', network_passphrase: DEMO_PASSPHRASE, from_ledger: from });
    const target = join(dir, 'cli-target.db');
    const imported = await run(process.execPath, [CLI, 'archive', 'import', file, '--db', target, '--network', 'demo']);
    expect(imported.stdout).toMatch(new RegExp(`^imported ${header.event_count} new events \\(0 already held\\)`));
    const bad = await run(process.execPath, [CLI, 'archive', 'export', '--db', target, '--contract', 'CNOTANID']).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('must be 56 characters long') });
  });
});
