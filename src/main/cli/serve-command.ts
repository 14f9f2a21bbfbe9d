import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../engine/config/load-config';
import { createLogger } from '../engine/log/logger';
import { openRuntime } from '../engine/runtime';
import { SERVE_HELP, parseServeArgs, type ServeArgs } from './serve-args';

/** Exit status for bad flags or configuration: nothing has been written. */
const EXIT_USAGE = 2;

export async function runServe(argv: string[]): Promise<number> {
  let args: ServeArgs;
  try {
    args = parseServeArgs(argv);
  } catch (error) {
    process.stderr.write(`notifychain serve: ${(error as Error).message}\n\n${SERVE_HELP}\n`);
    return EXIT_USAGE;
  }
  if (args.help) {
    process.stdout.write(SERVE_HELP + '\n');
    return 0;
  }
  let config;
  try {
    config = loadConfig({ file: args.configFile, env: process.env, flags: args.flags });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`notifychain serve: ${error.message}\n`);
    return EXIT_USAGE;
  }

  const log = createLogger(config.logLevel);
  // The built dashboard sits beside the CLI (out/renderer next to out/main).
  const dashboardDir = join(import.meta.dirname, '../renderer');
  const runtime = await openRuntime(config, { log, dashboardDir: existsSync(join(dashboardDir, 'index.html')) ? dashboardDir : undefined });
  const contracts = await runtime.engine.store.listContracts();
  process.stdout.write(
    [
      `NotifyChain is watching ${contracts.length} contract(s) on ${config.network}${runtime.demo ? ` (demo RPC at ${runtime.demo.url})` : ''}`,
      `  database: ${runtime.databaseDescription}`,
      `  API:      ${runtime.api.url}  (health: ${runtime.api.url}/health, reference: ${runtime.api.url}/openapi.json)`,
      // Shown once here for the operator (as notebook servers do); never written to the log.
      `  dashboard: ${runtime.api.url}/?token=${runtime.apiToken.value}`,
      `  token:    ${runtime.apiToken.value}  (writes: Authorization: Bearer <token>; ${runtime.apiToken.path ? `kept in ${runtime.apiToken.path}` : 'new each run: in-memory database'})`,
      '',
    ].join('\n'),
  );
  runtime.engine.on('events-stored', (events) => {
    log.info('events stored', { count: events.length, latest: events.at(-1)?.id, types: [...new Set(events.map((e) => e.event_type))] });
  });

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info('stopping', { signal });
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await runtime.close();
  return 0;
}
