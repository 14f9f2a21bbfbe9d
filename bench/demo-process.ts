// Runs the demo RPC in its own process (as a real RPC would be), so the engine under test
// does not share its event loop with the server.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface DemoProcess {
  url: string;
  contracts: string[];
  stop(): Promise<void>;
}

export async function startDemoProcess(historyLedgers: number, eventsPerLedger: number): Promise<DemoProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      'out/main/cli.js', 'demo-rpc', '--port', '0', '--ledger-interval-ms', '600000',
      '--history-ledgers', String(historyLedgers), '--history-events-per-ledger', String(eventsPerLedger),
      '--retention-ledgers', String(historyLedgers + 1000),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  const banner: string[] = [];
  for await (const line of lines) {
    banner.push(line);
    if (line.includes('contracts:')) break;
  }
  const url = /at (http:\/\/\S+)/.exec(banner.join('\n'))?.[1];
  const contracts = [...banner.join('\n').matchAll(/\b(C[A-Z2-7]{55})\b/g)].map((m) => m[1]!);
  if (!url) throw new Error(`demo-rpc did not start: ${banner.join('\n')}`);
  return {
    url,
    contracts,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
