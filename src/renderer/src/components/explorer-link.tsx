import { useSlice, useStores } from '../stores/app-stores';
import { explorerTxUrl } from '../stores/health-store';

/** The transaction on a Stellar explorer; in the app it opens in the system browser. */
export function ExplorerLink({ txHash }: { txHash: string | null }) {
  const { health, transport } = useStores();
  const report = useSlice(health, (s) => s.health);
  const url = explorerTxUrl(report, txHash);
  if (!url) return <span className="muted">{txHash ? 'no explorer for this network' : 'no transaction'}</span>;
  return (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      onClick={(e) => {
        if (transport.kind === 'ipc') {
          e.preventDefault();
          transport.openExternal(url);
        }
      }}
    >
      View on explorer
    </a>
  );
}
