// The demo network's three deployed contracts: stable ids derived from the seed.
import { createHash } from 'node:crypto';

import { StrKey } from '@stellar/stellar-sdk';

import type { DemoEmitter } from './catalog-types.js';

export type DemoContracts = Readonly<Record<DemoEmitter, string>>;

export const DEMO_EMITTERS: readonly DemoEmitter[] = ['autoshare', 'notifications', 'taskbounty'];

export function demoContractIds(seed: number): DemoContracts {
  const id = (name: DemoEmitter): string =>
    StrKey.encodeContract(createHash('sha256').update(`notifychain-demo:${seed}:${name}`).digest());
  return { autoshare: id('autoshare'), notifications: id('notifications'), taskbounty: id('taskbounty') };
}
