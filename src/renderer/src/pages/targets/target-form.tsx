// Create or change a target: name, kind, its fields, the rule and its template preview.
import { useState, type FormEvent } from 'react';
import { TARGET_KINDS, type TargetKind, type TargetView } from '../../../../shared/targets';
import { Field } from '../../components/field';
import type { TargetsState } from '../../stores/targets-store';
import { ConfigFields } from './config-fields';
import { KIND_LABELS } from './kind-fields';
import { RuleEditor } from './rule-editor';
import { draftErrors, newDraft, type TargetDraft } from './target-draft';

export function TargetForm(props: { initial: TargetDraft; store: Pick<TargetsState, 'save' | 'previewEvent' | 'busy'>; onSaved(target: TargetView): void; onCancel(): void }) {
  const [draft, setDraft] = useState<TargetDraft>(props.initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const shown = tried ? { ...draftErrors(draft), ...errors } : errors;

  const update = (next: TargetDraft) => {
    setDraft(next);
    setErrors({});
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    const result = await props.store.save(draft);
    setErrors(result.errors);
    if (result.saved) props.onSaved(result.saved);
  };

  return (
    <form className="panel" onSubmit={submit} noValidate aria-label={draft.id === null ? 'New target' : `Change target ${draft.name}`}>
      <h2 style={{ marginTop: 0 }}>{draft.id === null ? 'New target' : `Change ${props.initial.name}`}</h2>
      <div className="row">
        <Field label="Name" error={shown.name}>
          {(a11y) => <input {...a11y} value={draft.name} placeholder="treasury alerts" onChange={(e) => update({ ...draft, name: e.target.value })} />}
        </Field>
        <Field label="Kind">
          {(a11y) => (
            <select {...a11y} value={draft.kind} disabled={draft.id !== null}
              onChange={(e) => update({ ...newDraft(e.target.value as TargetKind), name: draft.name, rule: draft.rule })}>
              {TARGET_KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k]}</option>)}
            </select>
          )}
        </Field>
        <label className="row"><input type="checkbox" checked={draft.enabled} onChange={(e) => update({ ...draft, enabled: e.target.checked })} /> Enabled</label>
      </div>
      <fieldset>
        <legend>{KIND_LABELS[draft.kind]} settings</legend>
        <ConfigFields draft={draft} errors={shown} onChange={(path, value) => update({ ...draft, values: { ...draft.values, [path]: value } })} />
        {shown.config ? <p className="error-text" role="alert">{shown.config}</p> : null}
      </fieldset>
      <RuleEditor rule={draft.rule} errors={shown} onChange={(rule) => update({ ...draft, rule })} previewEvent={props.store.previewEvent} />
      <div className="row">
        <button type="submit" className="primary" disabled={props.store.busy}>{draft.id === null ? 'Create target' : 'Save'}</button>
        <button type="button" onClick={props.onCancel}>Cancel</button>
      </div>
      {shown.form ? <p className="error-text" role="alert">{shown.form}</p> : null}
    </form>
  );
}
