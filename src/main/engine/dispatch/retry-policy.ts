// Whether and when a failed delivery is tried again: the attempt schedule (delay before each
// attempt, first one immediate), a longer Retry-After from the service wins, refusals are
// final, and after the last attempt the delivery is dead-lettered.
import type { DispatchSettings } from '../../../shared/targets';
import type { AttemptOutcome } from '../store/dispatch-store';
import type { SendResult, TargetErrorCode } from './target';

const FINAL: ReadonlySet<TargetErrorCode> = new Set(['target.rejected', 'target.misconfigured']);

export function nextStep(
  result: SendResult,
  attemptsBefore: number,
  now: number,
  settings: Pick<DispatchSettings, 'retryScheduleMs' | 'maxRetryAfterMs'>,
): AttemptOutcome['next'] {
  if (result.ok) return { state: 'delivered' };
  if (FINAL.has(result.error.code)) return { state: 'dead' };
  const attemptNumber = attemptsBefore + 1;
  const delay = settings.retryScheduleMs[attemptNumber];
  if (delay === undefined) return { state: 'dead' };
  const asked = result.error.retryAfterMs === undefined ? 0 : Math.min(result.error.retryAfterMs, settings.maxRetryAfterMs);
  return { state: 'retry', at: now + Math.max(delay, asked) };
}
