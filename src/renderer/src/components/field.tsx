import { useId, type ReactNode } from 'react';

/** A labelled control with its help text and error tied to it for screen readers. */
export function Field(props: {
  label: string;
  error?: string | undefined;
  help?: ReactNode;
  children: (a11y: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode;
}) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [props.help ? helpId : null, props.error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, 'aria-invalid': Boolean(props.error), 'aria-describedby': describedBy })}
      {props.help ? <div id={helpId} className="help">{props.help}</div> : null}
      {props.error ? <p id={errorId} className="error-text" role="alert">{props.error}</p> : null}
    </div>
  );
}
