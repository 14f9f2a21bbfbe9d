// The kind's config fields, drawn from KIND_FIELDS. Secrets are password inputs; a stored one
// shows masked and is kept unless typed over.
import { SECRET_MASK } from '../../../../shared/targets';
import { Field } from '../../components/field';
import { visibleFields } from './kind-fields';
import type { TargetDraft } from './target-draft';

export function ConfigFields({ draft, errors, onChange }: { draft: TargetDraft; errors: Record<string, string>; onChange(path: string, value: string): void }) {
  const fields = visibleFields(draft.kind, draft.values);
  if (fields.length === 0) return <p className="muted">Desktop notifications need no settings: the app shows them (under serve they are log lines).</p>;
  return (
    <>
      {fields.map((f) => {
        const value = draft.values[f.path] ?? '';
        const masked = value.startsWith(SECRET_MASK);
        const help = masked ? <>Stored secret ending in <code>{value.slice(SECRET_MASK.length) || '…'}</code>; type a new value to replace it.{f.help ? ` ${f.help}` : ''}</> : f.help;
        return (
          <Field key={f.path} label={`${f.label}${f.optional ? ' (optional)' : ''}`} error={errors[`config.${f.path}`]} help={help}>
            {(a11y) => {
              if (f.type === 'select') {
                return <select {...a11y} value={value} onChange={(e) => onChange(f.path, e.target.value)}>{f.options!.map((o) => <option key={o}>{o}</option>)}</select>;
              }
              if (f.type === 'headers') {
                return <textarea {...a11y} className="mono" value={value} placeholder={f.placeholder} onChange={(e) => onChange(f.path, e.target.value)} />;
              }
              return (
                <input
                  {...a11y}
                  type={f.type === 'secret' && !masked ? 'password' : f.type === 'number' ? 'number' : 'text'}
                  autoComplete="off"
                  spellCheck={false}
                  value={value}
                  placeholder={f.placeholder}
                  onFocus={(e) => masked && e.target.select()}
                  onChange={(e) => onChange(f.path, e.target.value)}
                />
              );
            }}
          </Field>
        );
      })}
    </>
  );
}
