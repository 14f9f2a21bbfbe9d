// Preview runs the live evaluator over stored events: its counts must be what the live path
// sent for the same events, rule by rule, noise control included.
import { afterEach, describe, expect, it } from 'vitest';
import { ruleSchema, type RuleInput } from '../../../src/shared/targets';
import { previewRule } from '../../../src/main/engine/rules/preview';
import { plainDecoded, T0 } from '../../fixtures/rule-events';
import { FakeClock } from '../dispatch/support/fake-clock';
import { eventually, startHarness, type Harness } from '../dispatch/support/harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
const RECIPIENTS = ['GALICE', 'GBOB', 'GCAROL'];

/** 90 withdrawals over about three hours: irregular gaps, amounts small and beyond 2^64. */
function history() {
  let at = T0;
  return Array.from({ length: 90 }, (_, i) => {
    at += ((i * 7919) % 13) * 20_000 + 5_000;
    const amount = i % 5 === 0 ? (2n ** 70n + BigInt(i)).toString() : String(((i * 104_729) % 5_000) * 1_000_000);
    return plainDecoded(1000 + i, at, { priority: PRIORITIES[(i * 31) % 4]!, data: { amount, recipient: RECIPIENTS[i % 3]! } });
  });
}

const RULES: Record<string, RuleInput> = {
  every: {},
  big: { condition: 'event.amount > 2000000000' },
  burst: { trigger: { kind: 'count', above: 4, window_minutes: 5 } },
  whale_hour: { trigger: { kind: 'sum', field: 'amount', above: (2n ** 71n).toString(), window_minutes: 60 } },
  cooldown: { condition: 'event.amount > 1000000000', noise: { cooldown_seconds: 600 } },
  per_recipient: { noise: { dedup_key: '{{recipient}}', dedup_seconds: 1800 } },
  digest: { condition: 'priority == "critical"', noise: { digest_seconds: 900 } },
  escalate: { noise: { escalate_only: { by: 'priority' }, dedup_seconds: 1200 } },
  snoozed: { noise: { snooze_until: new Date(T0 + 90 * 60_000).toISOString() } },
  burst_digest: { trigger: { kind: 'count', above: 2, window_minutes: 2 }, noise: { digest_seconds: 1200, cooldown_seconds: 60 } },
};

describe('preview', () => {
  it('counts exactly what the live path sent for the same events, for every kind of rule', async () => {
    const clock = new FakeClock(T0);
    h = await startHarness({ clock });
    const targets: Record<string, number> = {};
    for (const [name, rule] of Object.entries(RULES)) {
      targets[name] = (await h.addTarget({ name, kind: 'desktop', rule: { ...rule, event_types: ['withdrawal'] } })).id;
    }
    h.dispatcher.start();
    const settled = () => expect(h!.store.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    // Live: each event arrives when the clock says its ledger closed.
    for (const event of history()) {
      clock.advance(Date.parse(event.closedAt) - clock.now());
      await h.ingest([event]);
      await eventually(settled);
    }
    clock.advance(3 * 3_600_000); // open digests close
    h.dispatcher.wake();
    await eventually(async () => {
      settled();
      expect(h!.dispatcher.rules.list().every((r) => r.evaluator.state.digest === null)).toBe(true);
    });
    await eventually(settled);
    const sent: Record<string, number> = {};
    const previewed: Record<string, number> = {};
    for (const [name, rule] of Object.entries(RULES)) {
      sent[name] = (await h.store.dispatch.listDeliveries({ target_id: targets[name], limit: 500 })).length;
      const preview = await previewRule(h.store, ruleSchema.parse({ ...rule, event_types: ['withdrawal'] }), { now: clock.now() });
      previewed[name] = preview.fired['7d'];
      expect(preview.scanned).toBe(90);
    }
    expect(previewed).toEqual(sent);
    // The rules are not trivial: each fired, and noise control kept some back.
    expect(Object.values(sent).every((n) => n > 0)).toBe(true);
    expect(sent.every).toBe(90);
    expect(sent.cooldown).toBeLessThan(sent.big!);
  });

  it('splits the count by the last hour, day and week, newest examples first', async () => {
    const clock = new FakeClock(T0 + 3 * 86_400_000);
    h = await startHarness({ clock });
    const events = [
      plainDecoded(1, T0 - 10 * 86_400_000),
      plainDecoded(2, T0 + 86_400_000),
      plainDecoded(3, T0 + 2.5 * 86_400_000),
      plainDecoded(4, T0 + 3 * 86_400_000 - 60_000),
    ];
    await h.store.commitIngest({ events });
    const preview = await previewRule(h.store, ruleSchema.parse({}), { now: clock.now() });
    expect(preview.fired).toEqual({ '1h': 1, '24h': 2, '7d': 3 });
    expect(preview.examples.map((e) => e.ledger)).toEqual([4, 3, 2]);
  });
});
