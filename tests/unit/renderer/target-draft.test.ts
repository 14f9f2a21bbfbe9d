import { describe, expect, test } from 'vitest';
import { draftErrors, fromView, newDraft, toInput } from '../../../src/renderer/src/pages/targets/target-draft';
import { KIND_FIELDS } from '../../../src/renderer/src/pages/targets/kind-fields';
import { targetInputSchema, TARGET_KINDS, type TargetView } from '../../../src/shared/targets';

describe('target form', () => {
  test('a filled webhook target is exactly what the API takes', () => {
    const draft = newDraft('webhook');
    draft.name = 'treasury alerts';
    draft.values = { ...draft.values, url: 'https://example.com/hook', 'auth.type': 'bearer', 'auth.token': 't0k', headers: 'X-Team: treasury\nX-Env: prod', signing_secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', rate_limit_per_second: '5' };
    draft.rule = { contracts: [], eventTypes: 'withdrawal, deposit', categories: ['financial'], minPriority: 'high', template: '{{amount}} at {{ledger}}' };
    expect(draftErrors(draft)).toEqual({});
    expect(targetInputSchema.parse(toInput(draft))).toMatchObject({
      config: { url: 'https://example.com/hook', method: 'POST', auth: { type: 'bearer', token: 't0k' }, headers: { 'X-Team': 'treasury', 'X-Env': 'prod' }, rate_limit_per_second: 5 },
      rule: { event_types: ['withdrawal', 'deposit'], categories: ['financial'], min_priority: 'high' },
    });
  });

  test('each problem is reported on its own field', () => {
    const draft = newDraft('email');
    draft.values = { ...draft.values, 'smtp.host': 'smtp.example.com', from: 'not-an-address', to: 'ops@example.com' };
    draft.rule.template = '{{#open}}never closed';
    expect(draftErrors(draft)).toEqual({ name: 'Give the target a name.', 'config.from': expect.stringMatching(/e-mail/), 'rule.template': expect.stringMatching(/mustache/) });
    const telegram = newDraft('telegram');
    telegram.name = 'ops';
    telegram.values = { ...telegram.values, bot_token: 'nope', chat_id: '-100' };
    expect(Object.keys(draftErrors(telegram))).toEqual(['config.bot_token']);
  });

  test('a stored secret comes back masked, passes as it is, and is sent back masked so it is kept', () => {
    const view = {
      id: 3, kind: 'discord', name: 'ops', enabled: true, created_at: '', updated_at: '',
      config: { webhook_url: '••••9xYz' },
      rule: { contracts: [], event_types: ['withdrawal'], categories: [], min_priority: null, template: null },
    } as unknown as TargetView;
    const draft = fromView(view);
    expect(draft.values.webhook_url).toBe('••••9xYz');
    expect(draftErrors(draft)).toEqual({});
    expect(toInput(draft)).toMatchObject({ config: { webhook_url: '••••9xYz' }, rule: { event_types: ['withdrawal'] } });
  });

  test('every target kind has a form', () => {
    for (const kind of TARGET_KINDS) {
      const draft = newDraft(kind);
      draft.name = kind;
      const required = KIND_FIELDS[kind].filter((f) => !f.optional && !f.when).map((f) => `config.${f.path}`);
      expect(Object.keys(draftErrors(draft)).filter((k) => k.startsWith('config.')).sort()).toEqual(required.filter((k) => !(draft.values[k.slice(7)])).sort());
    }
  });
});
