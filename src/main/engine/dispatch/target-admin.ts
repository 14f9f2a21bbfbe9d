// Creating, changing and listing targets: secrets are sealed before they reach the store and
// masked in everything handed back. Used by the REST API (and later IPC).
import { z } from 'zod';
import { targetInputSchema, type TargetInput, type TargetView } from '../../../shared/targets';
import type { Clock } from '../clock';
import type { SecretBox } from '../secrets/secret-box';
import type { DispatchStore, TargetRecord } from '../store/dispatch-store';
import { blankConfig, keepMaskedSecrets, maskConfig, openConfig, sealConfig } from './target-secrets';

export type UpdateResult =
  | { status: 'ok'; target: TargetView }
  | { status: 'not_found' }
  | { status: 'invalid'; error: z.ZodError };

export interface TargetAdminDeps {
  store: DispatchStore;
  box: SecretBox;
  clock: Clock;
  /** Called after every change so new events are routed by the new rules. */
  changed(): Promise<void>;
}

export class TargetAdmin {
  constructor(private readonly deps: TargetAdminDeps) {}

  async list(): Promise<TargetView[]> {
    return (await this.deps.store.listTargets()).map((t) => this.view(t));
  }

  async get(id: number): Promise<TargetView | null> {
    const record = await this.deps.store.getTarget(id);
    return record ? this.view(record) : null;
  }

  /** Throws a SecretsError when there is no key to seal with. */
  async create(input: TargetInput): Promise<TargetView> {
    const record = await this.deps.store.createTarget(this.toWrite(input), this.deps.clock.now());
    await this.deps.changed();
    return this.view(record);
  }

  /**
   * Applies the fields given over the current target. A secret sent back masked (as listed)
   * keeps its stored value; the kind cannot change.
   */
  async update(id: number, body: Record<string, unknown>): Promise<UpdateResult> {
    // What a GET returned may be sent back whole: its read-only fields are ignored.
    const { id: _id, created_at: _created, updated_at: _updated, ...patch } = body;
    const record = await this.deps.store.getTarget(id);
    if (!record) return { status: 'not_found' };
    if (patch.kind !== undefined && patch.kind !== record.kind) {
      return invalid(['kind'], `cannot change from ${record.kind}: create a new target instead`);
    }
    let current: Record<string, unknown> = {};
    try {
      current = openConfig(record.kind, record.config, this.deps.box);
    } catch {
      // Unreadable secrets (another key): masked values stay masked and fail validation below.
    }
    const merged = {
      kind: record.kind,
      name: record.name,
      enabled: record.enabled,
      rule: record.rules[0]?.match,
      config: current,
      ...patch,
    };
    if (patch.config !== undefined) merged.config = keepMaskedSecrets(record.kind, patch.config, current) as Record<string, unknown>;
    const parsed = targetInputSchema.safeParse(merged);
    if (!parsed.success) return { status: 'invalid', error: parsed.error };
    const saved = await this.deps.store.updateTarget(id, this.toWrite(parsed.data), this.deps.clock.now());
    if (!saved) return { status: 'not_found' };
    await this.deps.changed();
    return { status: 'ok', target: this.view(saved) };
  }

  async remove(id: number): Promise<boolean> {
    const removed = await this.deps.store.deleteTarget(id);
    if (removed) await this.deps.changed();
    return removed;
  }

  view(record: TargetRecord): TargetView {
    let config: Record<string, unknown>;
    try {
      config = maskConfig(record.kind, openConfig(record.kind, record.config, this.deps.box));
    } catch {
      config = blankConfig(record.kind, record.config);
    }
    const rule = record.rules[0]?.match;
    return {
      id: record.id,
      kind: record.kind,
      name: record.name,
      enabled: record.enabled,
      config,
      rule,
      created_at: record.createdAt,
      updated_at: record.updatedAt,
    } as TargetView;
  }

  private toWrite(input: TargetInput) {
    return {
      name: input.name,
      kind: input.kind,
      enabled: input.enabled,
      rule: input.rule,
      config: sealConfig(input.kind, input.config, this.deps.box),
    };
  }
}

function invalid(path: string[], message: string): UpdateResult {
  return { status: 'invalid', error: new z.ZodError([{ code: 'custom', path, message, input: undefined }]) };
}
