// AutoShare's own events (groups, admin, funds), as autoshare_logic.rs publishes them.
import { autoshareEvent, map, single } from './catalog-dsl.js';
import type { EventDefinition } from './catalog-types.js';
import { field } from './fields.js';

const ev = (type: string, shape: Parameters<typeof autoshareEvent>[2]): EventDefinition =>
  autoshareEvent('autoshare', type, shape);

const id = field('id', 'bytes32');

export const AUTOSHARE_EVENTS: readonly EventDefinition[] = [
  ev('autoshare_created', { topics: [field('creator', 'account')], category: 'group', priority: 'medium', data: single(id) }),
  ev('autoshare_updated', { topics: [field('updater', 'account')], category: 'group', priority: 'medium', data: single(id) }),
  ev('group_activated', { topics: [field('creator', 'account')], category: 'group', priority: 'low', data: single(id) }),
  ev('group_deactivated', { topics: [field('creator', 'account')], category: 'group', priority: 'low', data: single(id) }),
  ev('category_registered', {
    topics: [field('admin', 'account')],
    category: ['group', 'admin', 'financial', 'notification', 'system'],
    priority: 'medium',
    data: map(),
  }),
  ev('contract_paused', { topics: [field('admin', 'account')], category: 'admin', priority: 'high', data: single(null) }),
  ev('contract_unpaused', { topics: [field('admin', 'account')], category: 'admin', priority: 'high', data: map() }),
  ev('admin_transferred', {
    topics: [field('old_admin', 'account')],
    category: 'admin',
    priority: 'critical',
    data: single(field('new_admin', 'account')),
  }),
  ev('authorization_failure', {
    topics: [field('caller', 'account')],
    category: 'admin',
    priority: 'critical',
    data: single(field('action', 'string')),
  }),
  ev('withdrawal', {
    topics: [field('token', 'contract'), field('recipient', 'account')],
    category: 'financial',
    priority: 'high',
    data: single(field('amount', 'i128')),
  }),
  ev('subscription_cancelled', {
    topics: [field('group_id', 'bytes32'), field('subscriber', 'account')],
    category: 'group',
    priority: 'medium',
    data: single(field('cancelled_at', 'timestamp')),
  }),
  ev('ownership_transfer_initiated', {
    topics: [field('previous_owner', 'account')],
    category: 'admin',
    priority: 'critical',
    data: single(field('pending_owner', 'account')),
  }),
  ev('ownership_transferred', {
    topics: [field('previous_owner', 'account')],
    category: 'admin',
    priority: 'critical',
    data: single(field('new_owner', 'account')),
  }),
];
