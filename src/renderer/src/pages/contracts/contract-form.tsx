// Add (or change) a watched contract. The id is checked as it is typed: a wrong one says why
// beside the field and the form cannot be sent, so nothing changes.
import { useState, type FormEvent } from 'react';
import { Field } from '../../components/field';
import { checkDraft, type ContractDraft, type ContractsState, type DraftErrors } from '../../stores/contracts-store';

export const EMPTY_DRAFT: ContractDraft = { id: '', name: '', eventTypes: '', startLedger: '' };

export function ContractForm(props: { initial?: ContractDraft; editing?: boolean; save: ContractsState['save']; busy: boolean; onDone?: () => void }) {
  const [draft, setDraft] = useState<ContractDraft>(props.initial ?? EMPTY_DRAFT);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [touched, setTouched] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const live = checkDraft(draft).errors;
  // The id is judged as it is typed; the rest once the user tries to save.
  const shown: DraftErrors = { ...errors, id: draft.id.trim() !== '' || touched ? live.id : undefined };
  const patch = (p: Partial<ContractDraft>) => {
    setDraft((d) => ({ ...d, ...p }));
    setErrors({});
    setSaved(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (Object.keys(live).length > 0) return setErrors(live);
    const result = await props.save(draft);
    setErrors(result);
    if (Object.keys(result).length === 0) {
      setSaved(props.editing ? 'Saved.' : `Watching ${draft.name.trim() || draft.id.trim()}.`);
      if (!props.editing) setDraft(EMPTY_DRAFT);
      setTouched(false);
      props.onDone?.();
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label={props.editing ? 'Change contract' : 'Add a contract'}>
      <Field label="Contract id" error={shown.id} help="The contract's C… strkey (56 characters).">
        {(a11y) => (
          <input {...a11y} className="mono" value={draft.id} readOnly={props.editing} spellCheck={false} autoComplete="off"
            placeholder="CA3D5KRYM6CB7OWQ6TWYRR3Z4T7GNZLKERYNZGGA5SOAOPIFY6YQGAXE" onChange={(e) => patch({ id: e.target.value })} />
        )}
      </Field>
      <Field label="Friendly name" error={shown.name}>
        {(a11y) => <input {...a11y} value={draft.name} placeholder="AutoShare" onChange={(e) => patch({ name: e.target.value })} />}
      </Field>
      <Field label="Only these event types" error={shown.eventTypes} help="Comma-separated; empty keeps every type.">
        {(a11y) => <input {...a11y} value={draft.eventTypes} placeholder="withdrawal, group_created" onChange={(e) => patch({ eventTypes: e.target.value })} />}
      </Field>
      <Field label="Read back from ledger" error={shown.startLedger} help="Optional: its past events from this ledger are read back (a backfill).">
        {(a11y) => <input {...a11y} inputMode="numeric" value={draft.startLedger} placeholder="51200000" onChange={(e) => patch({ startLedger: e.target.value })} />}
      </Field>
      <div className="row">
        <button type="submit" className="primary" disabled={props.busy || Boolean(shown.id)}>{props.editing ? 'Save' : 'Watch contract'}</button>
        {saved ? <span className="ok" role="status">{saved}</span> : null}
      </div>
      {errors.form ? <p className="error-text" role="alert">{errors.form}</p> : null}
    </form>
  );
}
