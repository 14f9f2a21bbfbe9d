// Shown while nothing is watched: on the demo network one click watches its contracts;
// elsewhere it says how to start on the demo network or add a contract.
import { useState } from 'react';
import { DEMO_CONTRACTS } from '../../lib/demo-contracts';
import { useSlice, useStores } from '../../stores/app-stores';
import { describeFailure } from '../../transport/api-failure';

export function FirstRun() {
  const { health, transport, nav, feed } = useStores();
  const network = useSlice(health, (s) => s.health?.network.name ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const watchDemo = async () => {
    setBusy(true);
    setError(null);
    for (const contract of DEMO_CONTRACTS) {
      const answer = await transport.request('POST', '/api/contracts', contract);
      if (!answer.ok) {
        setError(describeFailure(answer));
        break;
      }
    }
    setBusy(false);
    await health.getState().refreshContracts();
    await feed.getState().start();
  };

  return (
    <section className="panel first-run" aria-labelledby="first-run-title">
      <h1 id="first-run-title">Nothing is being watched yet</h1>
      {network === 'demo' ? (
        <>
          <p>
            You are on the built-in <strong>demo network</strong>: a local Stellar RPC that closes a ledger every few seconds and
            emits the AutoShare, notification and TaskBounty contracts' events. Watch them to see the dashboard come alive.
          </p>
          <button type="button" className="primary" onClick={watchDemo} disabled={busy}>
            {busy ? 'Adding…' : 'Watch the demo contracts'}
          </button>
        </>
      ) : (
        <>
          <p>
            This engine is on <strong>{network ?? 'an unknown network'}</strong>. Add a contract you operate, or try everything
            offline on the demo network: start the engine with <code>notifychain serve --network demo</code> (in the app:{' '}
            <code>STELLAR_NETWORK=demo</code>).
          </p>
          <button type="button" className="primary" onClick={() => nav.getState().go('contracts')}>Add a contract</button>
        </>
      )}
      {error ? <p className="error-text" role="alert">{error}</p> : null}
    </section>
  );
}
