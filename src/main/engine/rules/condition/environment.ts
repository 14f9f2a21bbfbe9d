// The CEL environments conditions run and are checked in. Evaluation uses one shared
// environment where `event` is a map of anything, so a rule over several event types runs
// whatever each carries; checking (on save) declares the fields the rule's events really have.
import { Environment } from '@marcbachmann/cel-js';
import { celTypeName, type FieldTypes } from '../values/field-type';

/** Names a condition can use besides `event`. */
export const ENVELOPE_VARIABLES: Readonly<Record<string, string>> = {
  contract_id: 'string',
  event_type: 'string',
  ledger: 'int',
  category: 'dyn',
  priority: 'dyn',
  tx_hash: 'dyn',
  topics: 'list<dyn>',
  time: 'google.protobuf.Timestamp',
};

const LIMITS = { maxAstNodes: 2_000, maxDepth: 50, maxListElements: 200, maxMapEntries: 200, maxCallArguments: 16 };

function withEnvelope(env: Environment): Environment {
  for (const [name, type] of Object.entries(ENVELOPE_VARIABLES)) env.registerVariable(name, type);
  return env;
}

export const evaluationEnvironment: Environment = withEnvelope(
  new Environment({ homogeneousAggregateLiterals: false, limits: LIMITS }).registerVariable('event', 'map<string, dyn>'),
);

/** An environment whose `event` has exactly these fields; without any known, a map of anything. */
export function checkingEnvironment(fields: FieldTypes | null): Environment {
  const env = new Environment({ homogeneousAggregateLiterals: false, limits: LIMITS });
  if (fields === null || fields.size === 0) env.registerVariable('event', 'map<string, dyn>');
  else env.registerVariable({ name: 'event', schema: Object.fromEntries([...fields].map(([name, type]) => [name, celTypeName(type)])) });
  return withEnvelope(env);
}
