// A portable archive: NDJSON, a header line naming the network, contracts, ledger range, the
// coverage it carries and a checksum of the event lines, then one stored event per line.
// Importing checks all of it before writing anything, and is idempotent.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import {
  ARCHIVE_FORMAT,
  archiveEventSchema,
  archiveHeaderSchema,
  type ArchiveEvent,
  type ArchiveHeader,
} from '../../../shared/api/coverage';
import type { Store } from '../store/store';

const PAGE = 1_000;

export class ArchiveError extends Error {
  constructor(
    readonly code: 'archive.invalid' | 'archive.checksum' | 'archive.network_mismatch' | 'archive.network_unknown' | 'archive.not_watched',
    message: string,
  ) {
    super(message);
  }
}

export interface ExportRequest {
  contractIds: string[];
  fromLedger?: number;
  toLedger?: number;
}

async function* eventsOf(store: Store, contractId: string, fromLedger: number, toLedger: number | null): AsyncGenerator<ArchiveEvent> {
  let afterId: string | null = null;
  for (;;) {
    const page = await store.archive.exportPage({ contractId, fromLedger, toLedger, afterId, limit: PAGE });
    yield* page;
    if (page.length < PAGE) return;
    afterId = page.at(-1)!.event_id;
  }
}

/** Writes the archive to `out`; returns its header. Reads the events twice (checksum first). */
export async function exportArchive(store: Store, request: ExportRequest, out: Writable): Promise<ArchiveHeader> {
  const { networkPassphrase } = await store.getPollingState();
  if (!networkPassphrase) throw new ArchiveError('archive.network_unknown', 'this database has not read any network yet: nothing to export');
  const watched = await store.listContracts();
  const contracts = request.contractIds.map((id) => {
    const contract = watched.find((c) => c.id === id);
    if (!contract) throw new ArchiveError('archive.not_watched', `contract ${id} is not watched in this database`);
    return contract;
  });
  const from = request.fromLedger ?? 0;
  const coverage: ArchiveHeader['coverage'] = {};
  let first: number | null = null;
  let last: number | null = null;
  for (const contract of contracts) {
    const held = await store.archive.coverage(contract.id, contract.eventTypes);
    coverage[contract.id] = held.ranges
      .map((r): [number, number] => [Math.max(r.from_ledger, from), Math.min(r.to_ledger, request.toLedger ?? r.to_ledger)])
      .filter(([a, b]) => a <= b);
    for (const [a, b] of coverage[contract.id]!) {
      first = first === null ? a : Math.min(first, a);
      last = last === null ? b : Math.max(last, b);
    }
  }
  const lines = async function* () {
    for (const contract of contracts) for await (const event of eventsOf(store, contract.id, from, request.toLedger ?? null)) yield JSON.stringify(event) + '\n';
  };
  const hash = createHash('sha256');
  let count = 0;
  for await (const line of lines()) {
    hash.update(line);
    count++;
  }
  const header: ArchiveHeader = {
    format: ARCHIVE_FORMAT,
    version: 1,
    network_passphrase: networkPassphrase,
    exported_at: new Date().toISOString(),
    contracts: contracts.map((c) => ({ id: c.id, name: c.name, event_types: c.eventTypes })),
    from_ledger: first,
    to_ledger: last,
    coverage,
    event_count: count,
    checksum: hash.digest('hex'),
  };
  await write(out, JSON.stringify(header) + '\n');
  for await (const line of lines()) await write(out, line);
  return header;
}

function write(out: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.write(chunk)) resolve();
    else {
      out.once('drain', resolve);
      out.once('error', reject);
    }
  });
}

async function* fileLines(path: string): AsyncGenerator<{ line: string; number: number }> {
  const reader = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  for await (const line of reader) {
    number++;
    if (line !== '') yield { line, number };
  }
}

function parseHeader(line: string | undefined): ArchiveHeader {
  let value: unknown;
  try {
    value = JSON.parse(line ?? '');
  } catch {
    throw new ArchiveError('archive.invalid', 'not a NotifyChain archive: the first line is not JSON');
  }
  const parsed = archiveHeaderSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ArchiveError('archive.invalid', `not a NotifyChain archive header: ${issue.path.join('.') || 'header'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Reads the whole file once: header, every line's shape, count and checksum. Throws ArchiveError. */
export async function verifyArchive(path: string): Promise<ArchiveHeader> {
  let header: ArchiveHeader | null = null;
  const hash = createHash('sha256');
  let count = 0;
  for await (const { line, number } of fileLines(path)) {
    if (!header) {
      header = parseHeader(line);
      continue;
    }
    const event = parseEvent(line, number);
    if (!header.contracts.some((c) => c.id === event.contract_id)) {
      throw new ArchiveError('archive.invalid', `line ${number}: contract ${event.contract_id} is not named in the header`);
    }
    hash.update(line + '\n');
    count++;
  }
  if (!header) throw new ArchiveError('archive.invalid', 'not a NotifyChain archive: the file is empty');
  if (count !== header.event_count) throw new ArchiveError('archive.checksum', `the header promises ${header.event_count} events, the file holds ${count}`);
  if (hash.digest('hex') !== header.checksum) throw new ArchiveError('archive.checksum', 'the checksum does not match: the file was changed or cut short');
  return header;
}

function parseEvent(line: string, number: number): ArchiveEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ArchiveError('archive.invalid', `line ${number}: not JSON`);
  }
  const parsed = archiveEventSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ArchiveError('archive.invalid', `line ${number}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

export interface ImportResult {
  header: ArchiveHeader;
  inserted: number;
  duplicates: number;
  contractsAdded: string[];
}

/**
 * Imports a verified archive: refuses another network; events not yet held are stored (no
 * deliveries: history is not news), the header's coverage is added, unwatched contracts are watched.
 * `networkPassphrase` names the network when the database has not read one yet.
 */
export async function importArchive(store: Store, path: string, opts: { networkPassphrase?: string | null } = {}): Promise<ImportResult> {
  const header = await verifyArchive(path);
  const state = await store.getPollingState();
  const expected = state.networkPassphrase ?? opts.networkPassphrase ?? null;
  if (!expected) {
    throw new ArchiveError('archive.network_unknown', `this database has not read a network yet: say which one (--network or --passphrase); the archive is for "${header.network_passphrase}"`);
  }
  if (expected !== header.network_passphrase) {
    throw new ArchiveError('archive.network_mismatch', `the archive is from "${header.network_passphrase}", this database is for "${expected}": nothing imported`);
  }
  if (!state.networkPassphrase) await store.setNetwork(expected);

  let inserted = 0;
  let total = 0;
  let batch: ArchiveEvent[] = [];
  const flush = async () => {
    inserted += await store.archive.importEvents(batch);
    total += batch.length;
    batch = [];
  };
  let first = true;
  for await (const { line, number } of fileLines(path)) {
    if (first) {
      first = false;
      continue;
    }
    batch.push(parseEvent(line, number));
    if (batch.length >= PAGE) await flush();
  }
  await flush();
  // Coverage only once every event is in: a crash before this point claims nothing.
  for (const [contractId, ranges] of Object.entries(header.coverage)) {
    for (const [from, to] of ranges) await store.archive.addCoverage(contractId, from, to, 'import');
  }
  const watched = new Set((await store.listContracts()).map((c) => c.id));
  const contractsAdded: string[] = [];
  for (const contract of header.contracts) {
    if (watched.has(contract.id)) continue;
    await store.upsertContract({ id: contract.id, name: contract.name, eventTypes: contract.event_types });
    contractsAdded.push(contract.id);
  }
  return { header, inserted, duplicates: total - inserted, contractsAdded };
}
