// `notifychain archive export|import`: move a contract's history between databases. Works on the
// database directly (SQLite file or PostgreSQL), like `serve` finds it.
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { NETWORK_NAMES, NETWORK_PRESETS, type NetworkName } from '../../shared/networks';
import { contractIdProblem } from '../../shared/contract-id';
import { ArchiveError, exportArchive, importArchive } from '../engine/archive/archive-file';
import { defaultDatabasePath } from '../engine/data-dir';
import { openStore } from '../engine/store/open-store';

export const ARCHIVE_HELP = `Usage:
  notifychain archive export --contract C [--contract C2] [--from LEDGER] [--to LEDGER] [--output FILE]
  notifychain archive import FILE [--network NAME | --passphrase TEXT]

Export writes the contracts' stored events and the ledger ranges held completely (NDJSON: a
header with network, contracts, range and checksum, then one event per line) to FILE or stdout.
Import checks the whole file first, refuses another network, stores only the events not yet held
(no deliveries are sent for them), adds the archive's coverage and watches its contracts.
Importing the same file twice changes nothing. --network/--passphrase name the network for a
database that has not read one yet.

Options (both):
  --db PATH            SQLite file (default: the data folder's notifychain.db; env DATABASE_PATH)
  --database-url URL   PostgreSQL instead (env DATABASE_URL)
  -h, --help           show this help`;

const EXIT_USAGE = 2;

function fail(message: string, code = EXIT_USAGE): number {
  process.stderr.write(`notifychain archive: ${message}\n${code === EXIT_USAGE ? `\n${ARCHIVE_HELP}\n` : ''}`);
  return code;
}

function ledger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`${flag} must be a ledger number, got "${value}"`);
  return Number(value);
}

export async function runArchive(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: true,
      options: {
        contract: { type: 'string', multiple: true },
        from: { type: 'string' },
        to: { type: 'string' },
        output: { type: 'string', short: 'o' },
        network: { type: 'string' },
        passphrase: { type: 'string' },
        db: { type: 'string' },
        'database-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || action === undefined || action === 'help' || action === '--help' || action === '-h') {
    process.stdout.write(ARCHIVE_HELP + '\n');
    return action === undefined ? EXIT_USAGE : 0;
  }
  if (action !== 'export' && action !== 'import') return fail(`unknown action "${action}" (export or import)`);

  let fromLedger: number | undefined;
  let toLedger: number | undefined;
  let passphrase: string | null = values.passphrase ?? null;
  try {
    fromLedger = ledger(values.from, '--from');
    toLedger = ledger(values.to, '--to');
  } catch (error) {
    return fail((error as Error).message);
  }
  if (values.network !== undefined) {
    if (!(NETWORK_NAMES as readonly string[]).includes(values.network)) return fail(`--network must be one of ${NETWORK_NAMES.join(', ')}`);
    passphrase ??= NETWORK_PRESETS[values.network as NetworkName].passphrase;
  }
  const contracts = values.contract ?? [];
  if (action === 'export') {
    if (contracts.length === 0) return fail('export needs --contract C');
    for (const id of contracts) {
      const problem = contractIdProblem(id);
      if (problem) return fail(`--contract ${JSON.stringify(id)} ${problem}`);
    }
  } else if (positionals.length !== 1) return fail('import needs exactly one FILE');

  const { store } = await openStore({
    databaseUrl: values['database-url'] ?? process.env.DATABASE_URL,
    databasePath: values.db ?? process.env.DATABASE_PATH ?? defaultDatabasePath(),
  });
  try {
    if (action === 'export') {
      const out = values.output ? createWriteStream(values.output, { mode: 0o600 }) : process.stdout;
      const header = await exportArchive(store, { contractIds: contracts, fromLedger, toLedger }, out);
      if (out !== process.stdout) await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      process.stderr.write(`exported ${header.event_count} events of ${header.contracts.length} contract(s), ledgers ${header.from_ledger ?? '-'}–${header.to_ledger ?? '-'}\n`);
    } else {
      const result = await importArchive(store, positionals[0]!, { networkPassphrase: passphrase });
      process.stdout.write(
        `imported ${result.inserted} new events (${result.duplicates} already held) of ${result.header.contracts.length} contract(s)` +
          (result.contractsAdded.length > 0 ? `; now watching ${result.contractsAdded.join(', ')}` : '') + '\n',
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof ArchiveError) return fail(error.message, 1);
    throw error;
  } finally {
    await store.close();
  }
}
