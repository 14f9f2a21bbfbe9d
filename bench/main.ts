// `npm run bench`: every benchmark in one run; results in bench/results/*.json.
import { benchBackfill, benchIngest } from './ingest';
import { machine, writeResult } from './harness';

const quick = process.argv.includes('--quick');

async function main() {
  const events = quick ? 20_000 : 200_000;
  const backfillEvents = quick ? 50_000 : 1_000_000;
  process.stdout.write(`ingest: ${events} events through each stage…\n`);
  const ingest = await benchIngest({ events, backfillEvents });
  process.stdout.write(`backfill: ${backfillEvents} events end to end…\n`);
  const backfill = await benchBackfill(backfillEvents);
  const result = {
    measured_at: new Date().toISOString(),
    machine: machine(),
    ...ingest,
    backfill: { ...backfill, target_seconds: 60 },
    targets: { ratio_min: 0.6, backfill_max_seconds: 60 },
  };
  const path = writeResult('ingest', result);
  process.stdout.write(JSON.stringify(result, null, 2) + `\nwritten to ${path}\n`);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
