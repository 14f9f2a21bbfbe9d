// Whether an alert goes out: snooze, then the dedup key's memory (with escalate_only, a repeat
// inside it goes out only when worse), then the rule's cooldown (which a worse alert also
// breaks through with escalate_only). Every "no" has a reason, and the caller counts it.
import type { Noise, SuppressionReason } from '../../../../shared/rule-parts';
import type { NoiseState } from '../state/rule-state';

export interface Candidate {
  /** Event time (ms) of what raised the alert. */
  at: number;
  /** The rendered dedup key; '' when the rule has none. */
  key: string;
  /** How bad it is, for escalate_only; null = not comparable. */
  level: bigint | null;
}

export type Verdict = { fire: true } | { fire: false; reason: SuppressionReason };

const MAX_KEYS = 1_000;

export class NoiseControl {
  private readonly keys: Map<string, { at: number; level: bigint | null }>;
  private readonly snoozeUntil: number | null;

  constructor(
    private readonly noise: Noise,
    readonly state: NoiseState,
  ) {
    this.keys = new Map(state.keys.map(([key, at, level]) => [key, { at, level: level === null ? null : BigInt(level) }]));
    this.snoozeUntil = noise.snooze_until === null ? null : Date.parse(noise.snooze_until);
  }

  /** Decides, and remembers the alert when it fires. */
  decide(c: Candidate): Verdict {
    if (this.snoozeUntil !== null && c.at < this.snoozeUntil) return { fire: false, reason: 'snoozed' };
    const escalate = this.noise.escalate_only !== null;
    const remembered = escalate || this.noise.dedup_key !== null ? this.keys.get(c.key) : undefined;
    const episodeMs = this.noise.dedup_seconds * 1000;
    const inEpisode = remembered !== undefined && c.at - remembered.at < episodeMs;
    const worseThanKey = escalate && inEpisode && worse(c.level, remembered.level);
    if (inEpisode && !worseThanKey) return { fire: false, reason: escalate ? 'not_worse' : 'duplicate' };
    const { lastFireAt, lastLevel } = this.state;
    const cooling = this.noise.cooldown_seconds > 0 && lastFireAt !== null && c.at - lastFireAt < this.noise.cooldown_seconds * 1000;
    if (cooling && !(escalate && worse(c.level, lastLevel === null ? null : BigInt(lastLevel)))) return { fire: false, reason: 'cooldown' };
    this.remember(c);
    return { fire: true };
  }

  private remember(c: Candidate): void {
    this.state.lastFireAt = c.at;
    this.state.lastLevel = c.level === null ? null : c.level.toString();
    if (this.noise.escalate_only === null && this.noise.dedup_key === null) return;
    this.keys.delete(c.key);
    this.keys.set(c.key, { at: c.at, level: c.level });
    if (this.keys.size > MAX_KEYS) this.forget(c.at);
    this.state.keys = [...this.keys].map(([key, v]) => [key, v.at, v.level === null ? null : v.level.toString()]);
  }

  /** Drops expired keys, then the oldest, to stay within MAX_KEYS. */
  private forget(now: number): void {
    const episodeMs = this.noise.dedup_seconds * 1000;
    for (const [key, v] of this.keys) if (now - v.at >= episodeMs) this.keys.delete(key);
    for (const key of this.keys.keys()) {
      if (this.keys.size <= MAX_KEYS) break;
      this.keys.delete(key);
    }
  }
}

function worse(level: bigint | null, than: bigint | null): boolean {
  if (level === null) return false;
  return than === null || level > than;
}
