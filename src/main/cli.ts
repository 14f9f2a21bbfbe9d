#!/usr/bin/env node
// `notifychain`: the headless host. `serve` runs the engine and the API without Electron;
// `demo-rpc` runs the demo network alone.
import { runArchive } from './cli/archive-command';
import { runDemoRpc } from './cli/demo-rpc-command';
import { runServe } from './cli/serve-command';

const USAGE = `Usage: notifychain <command> [options]

Commands:
  serve       watch contracts, store events, serve the local API (see: notifychain serve --help)
  demo-rpc    run the built-in demo Stellar RPC network alone (see: notifychain demo-rpc --help)
  archive     export or import a contract's stored history (see: notifychain archive --help)
  help        show this help`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return runServe(rest);
    case 'demo-rpc':
      return runDemoRpc(rest);
    case 'archive':
      return runArchive(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE + '\n');
      return 0;
    default:
      process.stderr.write(`notifychain: unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`notifychain: ${(error as Error)?.message ?? String(error)}\n`);
    process.exit(1);
  },
);
