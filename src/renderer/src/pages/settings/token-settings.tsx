// The API token. In the browser this tab keeps it (from the URL serve printed, or pasted here)
// and sends it on writes; in the app main holds it and adds it to the dashboard's requests.
import { useState, type FormEvent } from 'react';
import { CopyButton } from '../../components/copy-button';
import { Field } from '../../components/field';
import { useSlice, useStores } from '../../stores/app-stores';

export function TokenSettings() {
  const { settings, transport } = useStores();
  const token = useSlice(settings, (s) => s.token);
  const notice = useSlice(settings, (s) => s.notice);
  const error = useSlice(settings, (s) => s.error);
  const [paste, setPaste] = useState('');
  const [reveal, setReveal] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    settings.getState().setToken(paste);
    setPaste('');
  };

  return (
    <section className="panel" aria-labelledby="token-settings">
      <h2 id="token-settings" style={{ marginTop: 0 }}>API token</h2>
      <p className="help">Reading is open to programs on this machine; every change (watching a contract, a target, a redelivery) needs the token.</p>
      {transport.kind === 'ipc' ? (
        <p>The app adds the token to its own requests. For other tools, copy it from the tray menu (<em>Copy API token</em>) or read the <code>api-token</code> file next to the database.</p>
      ) : token ? (
        <div className="row">
          <code data-testid="api-token">{reveal ? token : `${'•'.repeat(8)}${token.slice(-4)}`}</code>
          <button type="button" className="small" onClick={() => setReveal(!reveal)} aria-pressed={reveal}>{reveal ? 'Hide' : 'Show'}</button>
          <CopyButton text={token} label="API token" />
          <button type="button" className="small" onClick={() => settings.getState().setToken(null)}>Forget</button>
        </div>
      ) : (
        <p className="warn">This tab has no token: changes will be refused. Open the address <code>serve</code> printed (it carries the token), or paste it below.</p>
      )}
      {transport.kind === 'http' ? (
        <form onSubmit={submit} className="row" aria-label="Use another token">
          <Field label="Paste a token">
            {(a11y) => <input {...a11y} type="password" autoComplete="off" value={paste} onChange={(e) => setPaste(e.target.value)} />}
          </Field>
          <button type="submit" disabled={paste.trim() === ''}>Use this token</button>
        </form>
      ) : null}
      <p>
        <button type="button" onClick={() => window.confirm('Make a new token? Tools using the old one will be refused.') && void settings.getState().regenerateToken()}>
          Make a new token
        </button>
      </p>
      {notice ? <p className="ok" role="status">{notice}</p> : null}
      {error ? <p className="error-text" role="alert">{error}</p> : null}
    </section>
  );
}
