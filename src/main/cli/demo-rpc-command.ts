import { parseArgs } from 'node:util';
import { startDemoRpcServer } from '../engine/stellar/demo';

const HELP = `Usage: notifychain demo-rpc [options]

Runs the built-in demo Stellar RPC network: a local JSON-RPC server that closes a ledger every
few seconds and emits AutoShare, notification and TaskBounty contract events.

Options:
  --host HOST                 address to bind (default: 127.0.0.1)
  --port N                    port (default: 8000; 0 = any free port)
  --ledger-interval-ms N      time between ledgers (default: 5000)
  --history-ledgers N         ledgers already closed at start (default: 120)
  --history-events-per-ledger N   events in each history ledger (default: 3)
  --retention-ledgers N       ledgers the RPC keeps, as a real RPC's retention window (default: 17280, 24 h)
  -h, --help                  show this help`;

export async function runDemoRpc(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '8000' },
        'ledger-interval-ms': { type: 'string', default: '5000' },
        'history-ledgers': { type: 'string', default: '120' },
        'history-events-per-ledger': { type: 'string', default: '3' },
        'retention-ledgers': { type: 'string', default: '17280' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`notifychain demo-rpc: ${(error as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const numbers = {
    port: Number(values.port),
    ledgerIntervalMs: Number(values['ledger-interval-ms']),
    historyLedgers: Number(values['history-ledgers']),
    eventsPerLedger: Number(values['history-events-per-ledger']),
    retentionLedgers: Number(values['retention-ledgers']),
  };
  for (const [name, value] of Object.entries(numbers)) {
    if (!Number.isInteger(value) || value < 0) {
      process.stderr.write(`notifychain demo-rpc: ${name} must be a whole number ≥ 0, got ${JSON.stringify(value)}\n`);
      return 2;
    }
  }
  const server = await startDemoRpcServer({
    host: values.host,
    port: numbers.port,
    ledgerIntervalMs: Math.max(50, numbers.ledgerIntervalMs),
    retentionLedgers: Math.max(1, numbers.retentionLedgers),
    history: { ledgers: numbers.historyLedgers, eventsPerLedger: numbers.eventsPerLedger },
  });
  process.stdout.write(
    `Demo Stellar RPC at ${server.url}\n  contracts: ${Object.entries(server.chain.contracts)
      .map(([name, id]) => `${name} ${id}`)
      .join(', ')}\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  server.chain.stop();
  await server.close();
  return 0;
}
