// Which events go to the target: contracts, event types, categories, minimum priority, and the
// message template with a preview rendered from a real recent event.
import { useEffect, useState } from 'react';
import { CATEGORIES, PRIORITIES, type StoredEvent } from '../../../../shared/model';
import { renderTemplate } from '../../../../main/engine/dispatch/payload';
import { Field } from '../../components/field';
import { shortId } from '../../lib/format';
import { useSlice, useStores } from '../../stores/app-stores';
import { contractName, explorerTxUrl } from '../../stores/health-store';
import type { RuleDraft } from './target-draft';

const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

export function RuleEditor(props: {
  rule: RuleDraft;
  errors: Record<string, string>;
  onChange(rule: RuleDraft): void;
  previewEvent(rule: RuleDraft): Promise<StoredEvent | null>;
}) {
  const { rule, errors, onChange } = props;
  const { health } = useStores();
  const contracts = useSlice(health, (s) => s.contracts) ?? [];
  const report = useSlice(health, (s) => s.health);
  const [event, setEvent] = useState<StoredEvent | null>(null);
  const patch = (p: Partial<RuleDraft>) => onChange({ ...rule, ...p });
  const ruleKey = JSON.stringify({ ...rule, template: '' });

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => void props.previewEvent(rule).then((e) => current && setEvent(e)), 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // Only the matching part of the rule picks the event; the template just re-renders.
  }, [ruleKey]);

  const preview = event && rule.template.trim()
    ? renderTemplate(rule.template, event, { contractName: contractName(contracts, event.contract_id), url: explorerTxUrl(report, event.tx_hash) })
    : null;

  return (
    <fieldset>
      <legend>Rule: which events go here (empty = all)</legend>
      <fieldset>
        <legend>Contracts</legend>
        <div className="checks">
          {contracts.map((c) => (
            <label key={c.id}><input type="checkbox" checked={rule.contracts.includes(c.id)} onChange={() => patch({ contracts: toggle(rule.contracts, c.id) })} /> <span title={c.id}>{contractName(contracts, c.id) ?? shortId(c.id)}</span></label>
          ))}
          {contracts.length === 0 ? <span className="muted">No watched contracts.</span> : null}
        </div>
        {errors['rule.contracts'] ? <p className="error-text" role="alert">{errors['rule.contracts']}</p> : null}
      </fieldset>
      <Field label="Event types" error={errors['rule.event_types']} help="Comma-separated, e.g. withdrawal, group_created.">
        {(a11y) => <input {...a11y} value={rule.eventTypes} onChange={(e) => patch({ eventTypes: e.target.value })} />}
      </Field>
      <fieldset>
        <legend>Categories</legend>
        <div className="checks">
          {CATEGORIES.map((c) => (
            <label key={c}><input type="checkbox" checked={rule.categories.includes(c)} onChange={() => patch({ categories: toggle(rule.categories, c) })} /> {c}</label>
          ))}
        </div>
      </fieldset>
      <Field label="Minimum priority" error={errors['rule.min_priority']} help="Events without a priority count as low.">
        {(a11y) => (
          <select {...a11y} value={rule.minPriority} onChange={(e) => patch({ minPriority: e.target.value as RuleDraft['minPriority'] })}>
            <option value="">any</option>
            {PRIORITIES.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        )}
      </Field>
      <Field label="Message template (optional)" error={errors['rule.template']}
        help={<>Mustache: the event's fields by name (<code>{'{{amount}}'}</code>), and <code>{'{{event_type}} {{contract_name}} {{ledger}} {{tx_hash}} {{explorer_url}} {{priority}}'}</code>.</>}>
        {(a11y) => <textarea {...a11y} className="mono" value={rule.template} placeholder="{{amount}} withdrawn by {{to}} at ledger {{ledger}}" onChange={(e) => patch({ template: e.target.value })} />}
      </Field>
      <div aria-live="polite">
        <h3>Preview</h3>
        {!event ? <p className="muted">No stored event to preview with yet.</p> : (
          <>
            <p className="help">With {event.event_type} {event.id} (ledger {event.ledger_sequence}).</p>
            <pre className="block" data-testid="template-preview">{rule.template.trim() ? (preview ?? 'The template cannot be rendered.') : `${event.event_type} on ${contractName(contracts, event.contract_id) ?? shortId(event.contract_id)} at ledger ${event.ledger_sequence}`}</pre>
          </>
        )}
      </div>
    </fieldset>
  );
}
