// The in-process demo network for `--network demo`. Its timeline is anchored in the database,
// so a restarted app finds the same chain further along (not a "reset" network), the way a real
// network keeps closing ledgers while you are away.
import type { EngineConfig } from '../../shared/config';
import type { Store } from './store/store';
import { startDemoRpcServer } from './stellar/demo';

const ANCHOR_KEY = 'demo.genesis_time_ms';
const EVENTS_PER_HISTORY_LEDGER = 3;

export interface InProcessDemo {
  url: string;
  contracts: string[];
  oldestLedger: number;
  close(): Promise<void>;
}

export async function startInProcessDemo(config: EngineConfig, store: Store, now = Date.now()): Promise<InProcessDemo> {
  const interval = config.demo.ledgerIntervalMs;
  let anchor = await store.getSetting<number>(ANCHOR_KEY);
  if (typeof anchor !== 'number' || anchor > now) {
    anchor = now - config.demo.historyLedgers * interval;
    await store.setSetting(ANCHOR_KEY, anchor);
  }
  const ledgers = Math.max(1, Math.floor((now - anchor) / interval) + 1);
  const server = await startDemoRpcServer({
    host: '127.0.0.1',
    port: 0,
    ledgerIntervalMs: interval,
    history: { ledgers, eventsPerLedger: EVENTS_PER_HISTORY_LEDGER },
  });
  return {
    url: server.url,
    contracts: Object.values(server.chain.contracts),
    oldestLedger: server.chain.oldestLedger,
    close: () => server.close(),
  };
}
