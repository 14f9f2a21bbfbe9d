// Reads the outbox (never the live stream): each stored event is matched against every enabled
// target's rule and becomes one delivery per match, in the same transaction that removes its
// outbox row. Per-target workers then deliver; deliveries survive restarts because they are rows.
import { WakeSignal } from '../wake-signal';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { NETWORK_PRESETS, type NetworkName } from '../../../shared/networks';
import type { StoredEvent } from '../../../shared/model';
import type { DeliveryStatus, DispatchSettings, DispatchSettingsInput, Rule } from '../../../shared/targets';
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { SecretBox } from '../secrets/secret-box';
import type { DeliveryRecord, RoutedDelivery } from '../store/dispatch-store';
import type { Store } from '../store/store';
import { resolveDispatchSettings, resolveSecretBox } from './defaults';
import { RuleEngine } from '../rules/rule-engine';
import { buildPayload, type PayloadContext } from './payload';
import type { SendContext, TargetErrorCode } from './target';
import { loadTarget } from './loaded-target';
import { TargetAdmin } from './target-admin';
import { redact } from './target-secrets';
import { TargetWorker, type WorkerDeps } from './target-worker';
import { testEvent } from './test-event';

export interface DispatcherOptions {
  store: Store;
  log: Logger;
  clock: Clock;
  /** For explorer links (stellar.expert for testnet, futurenet and mainnet). */
  network?: NetworkName;
  /** Overrides the network preset's explorer; null = no links. */
  explorerTxUrl?: string | null;
  /** Over the defaults and the environment (NOTIFICATION_BATCH_SIZE, HTTP_RATE_LIMIT, …). */
  settings?: DispatchSettingsInput;
  /** Where settings and NOTIFYCHAIN_SECRET_KEY are read; default process.env. */
  env?: Record<string, string | undefined>;
  /** The app passes a safeStorage box; default: AES-GCM with the env key or a key file by the database. */
  secretBox?: SecretBox;
  secretKeyFile?: string;
  /** Shows a desktop target's notification; without it the notification is logged. */
  notifyDesktop?: SendContext['notifyDesktop'];
  fetch?: typeof fetch;
  /** Lease owner id; unique per running instance. */
  instanceId?: string;
}

/** What a host may add to the engine's dispatcher. */
export type DispatcherHostOptions = Omit<DispatcherOptions, 'store' | 'log' | 'clock'>;

export interface TestSendResult {
  delivered: boolean;
  httpStatus: number | null;
  durationMs: number;
  error: { code: TargetErrorCode; message: string } | null;
}

const RELOAD_EVERY_MS = 30_000;

export class Dispatcher {
  readonly settings: DispatchSettings;
  readonly targets: TargetAdmin;
  /** Conditions, thresholds, silence and noise control: decides which targets each event goes to. */
  readonly rules: RuleEngine;
  private readonly box: SecretBox;
  private readonly owner: string;
  private readonly deps: WorkerDeps;
  private readonly workers = new Map<number, TargetWorker>();
  private routes: { targetId: number; ruleId: number; rule: Rule }[] = [];
  private contractNames = new Map<string, string>();
  private running = false;
  private loop: Promise<void> | null = null;
  private stopping = new AbortController();
  private readonly wakeSignal: WakeSignal;
  private reloading: Promise<void> = Promise.resolve();
  private loadedVersion: string | null = null;

  constructor(private readonly opts: DispatcherOptions) {
    this.wakeSignal = new WakeSignal(opts.clock);
    const env = opts.env ?? process.env;
    this.settings = resolveDispatchSettings(opts.settings, env);
    this.box = resolveSecretBox({ ...opts, env });
    this.owner = opts.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    const explorerTxUrl = opts.explorerTxUrl !== undefined ? opts.explorerTxUrl : opts.network ? NETWORK_PRESETS[opts.network].explorerTxUrl : null;
    const payload: PayloadContext = { explorerTxUrl, contractName: (id) => this.contractNames.get(id) ?? null };
    this.deps = {
      store: opts.store.dispatch,
      clock: opts.clock,
      log: opts.log.child({ component: 'dispatch' }),
      owner: this.owner,
      settings: this.settings,
      payload,
      send: {
        fetch: opts.fetch ?? globalThis.fetch,
        timeoutMs: this.settings.requestTimeoutMs,
        now: () => opts.clock.now(),
        log: opts.log.child({ component: 'dispatch' }),
        ...(opts.notifyDesktop ? { notifyDesktop: opts.notifyDesktop } : {}),
      },
    };
    this.rules = new RuleEngine({ store: opts.store, clock: opts.clock, log: this.deps.log });
    this.targets = new TargetAdmin({ store: opts.store.dispatch, box: this.box, clock: opts.clock, changed: () => this.reload() });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = new AbortController();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopping.abort();
    await this.loop;
    await this.reloading;
    await this.rules.flush().catch((error) => this.deps.log.error('saving rule states failed', { error }));
    await Promise.all([...this.workers.values()].map((w) => w.stop()));
    this.workers.clear();
    await this.opts.store.dispatch.releaseLeases(this.owner).catch(() => undefined);
  }

  /** New outbox rows exist: look now instead of at the next tick. */
  wake(): void {
    this.wakeSignal.wake();
  }

  /** Re-reads targets and rules; new events are routed by them from now on. */
  reload(): Promise<void> {
    this.reloading = this.reloading.then(() => this.load()).catch((error) => this.deps.log.error('loading targets failed', { error }));
    return this.reloading;
  }

  /** Puts one delivery back in its target's queue, due now. */
  async redeliver(deliveryId: number): Promise<DeliveryRecord | null> {
    const record = await this.opts.store.dispatch.redeliver(deliveryId, this.opts.clock.now());
    if (record) this.workers.get(record.targetId)?.wake();
    return record;
  }

  /** After an outage: every failed (waiting) and/or dead delivery of a target, due now. Null = no such target. */
  async redeliverTarget(targetId: number, statuses: DeliveryStatus[]): Promise<number | null> {
    if (!(await this.opts.store.dispatch.getTarget(targetId))) return null;
    const count = await this.opts.store.dispatch.redeliverTarget(targetId, statuses, this.opts.clock.now());
    this.workers.get(targetId)?.wake();
    return count;
  }

  /** Sends a test event to a target now, outside the queue. Null when there is no such target. */
  async sendTest(targetId: number): Promise<TestSendResult | null> {
    const record = await this.opts.store.dispatch.getTarget(targetId);
    if (!record) return null;
    const target = loadTarget(record, this.box);
    const event = testEvent(this.opts.clock.now(), target.rule.contracts[0] ?? this.contractNames.keys().next().value);
    const message = { webhookId: `msg_test_${randomUUID().replaceAll('-', '')}`, event, payload: buildPayload(event, target.rule.template, this.deps.payload) };
    const worker = this.workers.get(targetId) ?? new TargetWorker(target, this.deps);
    const started = performance.now();
    const result = await worker.sendNow([message]);
    return {
      delivered: result.ok,
      httpStatus: (result.ok ? result.httpStatus : result.error.httpStatus) ?? null,
      durationMs: Math.round(performance.now() - started),
      error: result.ok ? null : { code: result.error.code, message: redact(result.error.message, target.secrets) },
    };
  }

  private async run(): Promise<void> {
    const { store, log } = { store: this.opts.store, log: this.deps.log };
    // One process per SQLite file: leases left by a killed process are void. Shared stores wait them out.
    await store.dispatch.releaseLeases(store.kind === 'sqlite' ? null : this.owner).catch((error) => log.error('releasing leases failed', { error }));
    await this.reload();
    let loadedAt = this.opts.clock.now();
    while (this.running) {
      try {
        const batch = this.settings.outboxBatchSize;
        // Another instance may have changed the targets: route with the current ones, or a new
        // target would miss the events fanned out here meanwhile.
        const version = await store.dispatch.targetsVersion();
        if (version !== this.loadedVersion) {
          await this.reload();
          this.loadedVersion = version;
        }
        await this.rules.prepare();
        const result = await store.dispatch.fanOut(batch, (event) => this.route(event), this.opts.clock.now());
        for (const id of result.targetIds) this.workers.get(id)?.wake();
        const alerts = await this.rules.settle(result.events < batch);
        if (result.events === batch || alerts > 0) continue;
      } catch (error) {
        log.error('reading the outbox failed', { error });
      }
      if (this.opts.clock.now() - loadedAt >= RELOAD_EVERY_MS) {
        loadedAt = this.opts.clock.now();
        await this.reload();
      }
      await this.sleep(this.settings.pollIntervalMs);
    }
  }

  private route(event: StoredEvent): RoutedDelivery[] {
    const routed = this.rules.route(event);
    const chosen = chosenTargets(event);
    if (!chosen) return routed;
    // A local reminder that names its targets goes to exactly those (enabled) targets.
    const firstRule = new Map<number, number>();
    for (const r of this.routes) if (!firstRule.has(r.targetId)) firstRule.set(r.targetId, r.ruleId);
    return [...chosen].filter((id) => firstRule.has(id)).map((targetId) => ({ targetId, ruleId: firstRule.get(targetId)! }));
  }

  private async load(): Promise<void> {
    const [records, contracts] = await Promise.all([this.opts.store.dispatch.listTargets(), this.opts.store.listContracts()]);
    this.contractNames = new Map(contracts.filter((c) => c.name).map((c) => [c.id, c.name!]));
    const enabled = records.filter((r) => r.enabled && r.rules.length > 0);
    this.routes = enabled.flatMap((r) => r.rules.map((rule) => ({ targetId: r.id, ruleId: rule.id, rule: rule.match })));
    await this.rules.load(this.routes, records.flatMap((r) => r.rules.map((rule) => rule.id)));
    if (!this.running) return;
    const keep = new Set(enabled.map((r) => r.id));
    for (const [id, worker] of this.workers) {
      if (keep.has(id)) continue;
      this.workers.delete(id);
      await worker.stop();
    }
    for (const record of enabled) {
      const target = loadTarget(record, this.box);
      const worker = this.workers.get(record.id);
      if (worker) worker.update(target);
      else {
        const created = new TargetWorker(target, this.deps);
        this.workers.set(record.id, created);
        created.start();
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return this.wakeSignal.sleep(ms, this.stopping.signal);
  }

}

/** The target ids a local reminder was created for (POST /api/notifications `target_ids`), if any. */
function chosenTargets(event: StoredEvent): Set<number> | null {
  if (event.event_type !== 'reminder_due' || typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) return null;
  const ids = (event.data as Record<string, unknown>).target_ids;
  if (!Array.isArray(ids) || ids.length === 0) return null;
  return new Set(ids.filter((id): id is number => typeof id === 'number'));
}
