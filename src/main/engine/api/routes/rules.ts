// /api/rules: the rules with their counters (suppressed matches included), a save-time check,
// a preview over the stored events, and decoder health. Also guards target writes: a rule whose
// condition names an unknown field or does not type-check is refused with a 400 naming the
// field, before the target route saves anything.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { ruleBodySchema, type PreviewView, type RuleView } from '../../../../shared/api/rules';
import { ruleSchema, type Rule } from '../../../../shared/targets';
import { checkRule, type RuleProblem } from '../../rules/check-rule';
import { decoderHealth } from '../../rules/decoder-health';
import { previewRule } from '../../rules/preview';
import { ruleViews } from '../../rules/rule-view';
import { celTypeName } from '../../rules/values/field-type';
import type { RouteContext } from '../context';
import { validJson } from '../middleware/validate';
import { notFound, validId } from './targets';

type Engine = RouteContext['engine'];

export function ruleRoutes({ engine }: RouteContext): Hono {
  const rules = () => engine.dispatcher.rules;
  const views = async (): Promise<RuleView[]> => ruleViews(engine.store, rules(), rules().now());
  return new Hono()
    .use('/api/targets', checkTargetRule(engine, 'POST'))
    .use('/api/targets/:id', checkTargetRule(engine, 'PUT'))
    .get('/api/rules', async (c) => c.json({ rules: await views() }))
    .get('/api/rules/:id', validId, async (c) => {
      const { id } = c.req.valid('param');
      const view = (await views()).find((v) => v.id === id);
      return view ? c.json(view) : c.json({ error: { code: 'rule.not_found', message: `no rule ${id}` } }, 404);
    })
    .post('/api/rules/check', validJson(ruleBodySchema), async (c) => {
      const { problem, known } = await checkRule(engine.store, c.req.valid('json').rule);
      if (problem) return invalidRule(c, problem);
      const fields = known.fields && Object.fromEntries([...known.fields].map(([name, type]) => [name, celTypeName(type)]));
      return c.json({ valid: true, fields, unknown_event_types: known.unknownEventTypes });
    })
    .post('/api/rules/preview', validJson(ruleBodySchema), async (c) => {
      const rule = c.req.valid('json').rule;
      const { problem } = await checkRule(engine.store, rule);
      if (problem) return invalidRule(c, problem);
      const result = await previewRule(engine.store, rule, { now: rules().now() });
      const view: PreviewView = {
        ...result,
        examples: result.examples.map(({ at, eventId, eventType, contractId, ...rest }) => ({
          ...rest,
          at: new Date(at).toISOString(),
          event_id: eventId,
          event_type: eventType,
          contract_id: contractId,
        })),
      };
      return c.json(view);
    })
    .get('/api/decoder-health', async (c) => c.json(await decoderHealth(engine.store)));
}

function invalidRule(c: Context, problem: RuleProblem, prefix = '') {
  const parameter = `${prefix}${problem.parameter}`;
  return c.json({ error: { code: 'rule.invalid', message: `${parameter}: ${problem.message}`, parameter, field: problem.field } }, 400);
}

/** POST /api/targets and PUT /api/targets/:id: checks the rule in the body against the stored events' fields. */
function checkTargetRule(engine: Engine, method: 'POST' | 'PUT'): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== method) return next();
    const body: unknown = await c.req.json().catch(() => null);
    const given = body !== null && typeof body === 'object' ? (body as { rule?: unknown }).rule : undefined;
    const parsed = given === undefined ? null : ruleSchema.safeParse(given);
    // No rule, or one the schema refuses: the target route answers that itself.
    if (!parsed?.success) return next();
    const { problem } = await checkRule(engine.store, parsed.data as Rule);
    if (problem) return invalidRule(c, problem, 'rule.');
    return next();
  };
}
