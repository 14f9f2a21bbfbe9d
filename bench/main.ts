// `npm run bench`: every benchmark in one run; results in bench/results/*.json.
import { benchBackfill, benchIngest, benchPostgresIngest } from './ingest';
import { benchApi } from './api';
import { benchDispatch } from './dispatch';
import { benchDashboard } from './dashboard';
import { benchRules } from './rules';
import { machine, writeResult } from './harness';

const quick = process.argv.includes('--quick');

async function main() {
  if (process.argv.includes('--backfill-only')) {
    process.stdout.write(JSON.stringify(await benchBackfill(quick ? 50_000 : 1_000_000), null, 2) + '\n');
    return;
  }
  const events = quick ? 20_000 : 200_000;
  const backfillEvents = quick ? 50_000 : 1_000_000;
  process.stdout.write(`ingest: ${events} events through each stage…\n`);
  const ingest = await benchIngest({ events, backfillEvents });
  process.stdout.write(`backfill: ${backfillEvents} events end to end…\n`);
  const backfill = await benchBackfill(backfillEvents);
  process.stdout.write(`postgres: ${events} events end to end…\n`);
  const postgres = await benchPostgresIngest(events);
  const result = {
    measured_at: new Date().toISOString(),
    machine: machine(),
    ...ingest,
    backfill: { ...backfill, target_seconds: 60 },
    postgres: { end_to_end: postgres, ratio_to_sqlite_end_to_end: +(postgres.events_per_s / ingest.end_to_end.events_per_s).toFixed(3) },
    targets: { ratio_min: 0.6, backfill_max_seconds: 60 },
  };
  const path = writeResult('ingest', result);
  process.stdout.write(JSON.stringify(result, null, 2) + `\nwritten to ${path}\n`);

  const apiEvents = quick ? 100_000 : 1_000_000;
  process.stdout.write(`api: ${apiEvents} stored events, /api/events latency over HTTP…\n`);
  const api = { measured_at: new Date().toISOString(), machine: machine(), ...(await benchApi({ events: apiEvents })) };
  process.stdout.write(JSON.stringify(api, null, 2) + `\nwritten to ${writeResult('api', api)}\n`);

  process.stdout.write('dispatch: deliveries to a local webhook sink and a Discord-like rate limit…\n');
  const rules = await benchRules({ events: quick ? 10_000 : 50_000 });
  const dispatch = {
    measured_at: new Date().toISOString(),
    machine: machine(),
    ...(await benchDispatch({ events: quick ? 5_000 : 20_000 })),
    rules_per_event_us: rules.rules_per_event_us,
    rules,
  };
  process.stdout.write(JSON.stringify(dispatch, null, 2) + `\nwritten to ${writeResult('dispatch', dispatch)}\n`);

  const dashboardEvents = quick ? 100_000 : 1_000_000;
  process.stdout.write(`dashboard: ${dashboardEvents} stored events, page load to first feed rows in Chromium…\n`);
  const dashboard = { measured_at: new Date().toISOString(), machine: machine(), ...(await benchDashboard({ events: dashboardEvents })) };
  process.stdout.write(JSON.stringify(dashboard, null, 2) + `\nwritten to ${writeResult('dashboard', dashboard)}\n`);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
