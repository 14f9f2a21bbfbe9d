// TaskBounty (`Documents/Task Bounty/src/events.rs`): two short symbols and a tuple, no spec.
import { taskBountyEvent as ev } from './catalog-dsl.js';
import type { EventDefinition } from './catalog-types.js';
import { field } from './fields.js';

const taskId = field('task_id', 'u64', (rng) => BigInt(rng.int(1, 5_000)));
const submissionId = field('submission_id', 'u64', (rng) => BigInt(rng.int(1, 20_000)));

export const TASKBOUNTY_EVENTS: readonly EventDefinition[] = [
  ev('task', 'created', taskId, field('creator', 'account'), field('reward', 'i128'), field('deadline', 'timestamp')),
  ev('work', 'submit', taskId, submissionId, field('worker', 'account')),
  ev('sub', 'approved', taskId, submissionId, field('worker', 'account'), field('payout', 'i128')),
  ev('sub', 'rejected', taskId, submissionId, field('reason', 'string', (rng) => rng.pick(['incomplete', 'off-spec', 'late']))),
  ev('task', 'cancel', taskId, field('creator', 'account'), field('refund', 'i128')),
  ev('dispute', 'raised', taskId, submissionId, field('raised_by', 'account')),
  ev('api', 'register', field('key_id', 'bytes32'), field('owner', 'account')),
  ev('api', 'rotate', field('old_key_id', 'bytes32'), field('new_key_id', 'bytes32'), field('owner', 'account')),
  ev('api', 'revoke', field('key_id', 'bytes32'), field('owner', 'account')),
];
