// Events of AutoShare's notification module (same crate and spec, deployed as its own contract here).
import { autoshareEvent, map, single } from './catalog-dsl.js';
import { ALL_CATEGORIES, ALL_PRIORITIES, type EventDefinition } from './catalog-types.js';
import { field } from './fields.js';

const ev = (type: string, shape: Parameters<typeof autoshareEvent>[2]): EventDefinition =>
  autoshareEvent('notifications', type, shape);

const N = 'notification' as const;
const notificationId = field('notification_id', 'bytes32');
const id = field('id', 'bytes32');
const account = (name: string) => field(name, 'account');
const at = (name: string) => field(name, 'timestamp');
const count = (name: string, max = 500) => field(name, 'u32', (rng) => rng.int(0, max));

export const NOTIFICATION_EVENTS: readonly EventDefinition[] = [
  ev('channel_preference_updated', {
    topics: [account('recipient')],
    category: ALL_CATEGORIES,
    priority: 'medium',
    data: map(field('channel', { enum: ['wallet', 'email', 'in_app'] }), field('enabled', 'bool'), at('updated_at')),
  }),
  ev('notification_scheduled', { topics: [account('creator')], category: N, priority: ALL_PRIORITIES, data: single(notificationId) }),
  ev('notification_expired', { topics: [notificationId], category: N, priority: ALL_PRIORITIES, data: single(at('expires_at')) }),
  ev('scheduled_notification_cancelled', { topics: [account('caller')], category: N, priority: 'low', data: single(notificationId) }),
  ev('notification_delivered', { topics: [id, account('delivered_by')], category: N, priority: 'high', data: single(at('delivered_at')) }),
  ev('notification_recalled', { topics: [id, account('recalled_by')], category: N, priority: 'high', data: single(at('recalled_at')) }),
  ev('notification_revoked', { topics: [id, account('revoked_by')], category: N, priority: 'high', data: single(null) }),
  ev('notification_extended', {
    topics: [id, account('caller')],
    category: N,
    priority: ALL_PRIORITIES,
    data: single(at('new_expires_at')),
  }),
  ev('notification_acknowledged', {
    topics: [id, account('acknowledger')],
    category: N,
    priority: ALL_PRIORITIES,
    data: single(at('timestamp')),
  }),
  ev('notification_accessed', { topics: [id, account('accessor')], category: N, priority: null, data: map(at('accessed_at')) }),
  ev('notification_archived', {
    topics: [id],
    category: N,
    priority: 'low',
    data: map(at('archived_at'), field('archive_reason', 'string', (rng) => rng.pick(['expired', 'read', 'manual', 'superseded']))),
  }),
  ev('batch_notifications_created', {
    topics: [account('creator')],
    category: N,
    priority: ALL_PRIORITIES,
    data: map(count('count', 50), field('ids', 'bytes32-list')),
  }),
  ev('batch_processing_completed', {
    topics: [field('batch_id', 'bytes32')],
    category: N,
    priority: 'medium',
    data: single(count('processed_count')),
  }),
  ev('audit_record_appended', {
    topics: [notificationId, field('action', { enum: ['created', 'delivery_attempt', 'delivery_failed', 'acknowledged', 'cancelled', 'expired'] })],
    category: N,
    priority: null,
    data: map(field('seq', 'u64'), account('actor')),
  }),
  ev('reputation_updated', {
    topics: [account('sender')],
    category: N,
    priority: ['low', 'medium'],
    data: map(field('new_score', 'i64'), count('successful_count', 10_000), count('failed_count', 1_000)),
  }),
  ev('reputation_tier_changed', {
    topics: [account('sender')],
    category: N,
    priority: 'high',
    data: map(count('old_tier', 4), count('new_tier', 4), field('reputation_score', 'i64')),
  }),
  ev('notification_limits_configured', {
    topics: [account('admin')],
    category: 'admin',
    priority: 'medium',
    data: map(
      field('max_payload_size', 'u32', (rng) => rng.pick([1024, 2048, 4096, 8192])),
      field('max_expiration_seconds', 'u64', (rng) => BigInt(rng.int(7, 90) * 86_400)),
      field('min_expiration_seconds', 'u64', (rng) => BigInt(rng.int(1, 60) * 60)),
      count('max_batch_size', 100),
    ),
  }),
  ev('schema_version_set', {
    topics: [account('admin')],
    category: 'admin',
    priority: 'medium',
    data: map(count('schema_version', 20), count('previous_version', 19)),
  }),
  ev('channel_metadata_updated', {
    topics: [field('channel_id', 'bytes32'), account('updater')],
    category: 'group',
    priority: 'low',
    data: map(at('updated_at')),
  }),
  ev('template_registered', { topics: [account('owner')], category: N, priority: 'medium', data: single(field('template_id', 'bytes32')) }),
  ev('template_updated', { topics: [account('owner')], category: N, priority: 'medium', data: single(field('template_id', 'bytes32')) }),
  ev('channel_created', { topics: [account('creator')], category: N, priority: 'medium', data: single(field('channel_id', 'bytes32')) }),
  ev('channel_subscribed', {
    topics: [field('channel_id', 'bytes32'), account('subscriber')],
    category: N,
    priority: null,
    data: single(count('subscriber_count', 100_000)),
  }),
  ev('channel_unsubscribed', {
    topics: [field('channel_id', 'bytes32'), account('subscriber')],
    category: N,
    priority: null,
    data: single(count('subscriber_count', 100_000)),
  }),
  ev('batch_subscribe_completed', {
    topics: [account('subscriber')],
    category: N,
    priority: 'medium',
    data: map(count('succeeded', 50), count('failed', 10)),
  }),
];
