// One event in full: decoded fields by name, topics, the raw XDR, and where it happened, each
// with a copy button; the transaction links to an explorer where the network has one.
import type { JsonValue, StoredEvent } from '../../../../shared/model';
import { CopyButton } from '../../components/copy-button';
import { ExplorerLink } from '../../components/explorer-link';
import { fieldText, formatTime } from '../../lib/format';
import { useSlice, useStores } from '../../stores/app-stores';
import { contractName } from '../../stores/health-store';

function fieldsOf(data: JsonValue): [string, JsonValue][] {
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? Object.entries(data) : [['value', data]];
}

const DECODE_WORDS = { spec: "named from the contract's spec", positional: 'named by position (no spec)', failed: 'could not be decoded (raw only)' };

export function EventDetail({ event }: { event: StoredEvent | null }) {
  const { health } = useStores();
  const contracts = useSlice(health, (s) => s.contracts);
  if (!event) {
    return (
      <aside className="detail" aria-label="Event details">
        <p className="muted">Select an event to see its fields, topics and raw XDR. Use ↑ and ↓ in the list to move.</p>
      </aside>
    );
  }
  const name = contractName(contracts, event.contract_id);
  return (
    <aside className="detail" aria-label="Event details">
      <h2>{event.event_type}</h2>
      <dl className="pairs">
        <dt>Contract</dt>
        <dd>{name ? <strong>{name} </strong> : null}<span className="mono">{event.contract_id}</span> <CopyButton text={event.contract_id} label="contract id" /></dd>
        <dt>Event id</dt>
        <dd><span className="mono">{event.id}</span> <CopyButton text={event.id} label="event id" /></dd>
        <dt>Ledger</dt>
        <dd>{event.ledger_sequence}</dd>
        <dt>Closed at</dt>
        <dd>{formatTime(event.created_at)}</dd>
        <dt>Category</dt>
        <dd>{event.category ?? '—'}</dd>
        <dt>Priority</dt>
        <dd>{event.priority ? <span className={`badge p-${event.priority}`}>{event.priority}</span> : '—'}</dd>
        <dt>Transaction</dt>
        <dd>
          {event.tx_hash ? <><span className="mono">{event.tx_hash}</span> <CopyButton text={event.tx_hash} label="transaction hash" /> </> : null}
          <ExplorerLink txHash={event.tx_hash} />
        </dd>
        <dt>Decoded</dt>
        <dd>{DECODE_WORDS[event.decode_status]}{event.decode_error ? `: ${event.decode_error}` : ''}</dd>
        {event.network_epoch > 0 ? <><dt>Network epoch</dt><dd>{event.network_epoch}</dd></> : null}
      </dl>

      <h3>Fields</h3>
      <table>
        <thead><tr><th scope="col">Name</th><th scope="col">Value</th><th scope="col"><span className="skip-link">Copy</span></th></tr></thead>
        <tbody>
          {fieldsOf(event.data).map(([key, value]) => (
            <tr key={key}>
              <td className="mono">{key}</td>
              <td className="mono" style={{ overflowWrap: 'anywhere' }}>{fieldText(value)}</td>
              <td><CopyButton text={fieldText(value)} label={`field ${key}`} /></td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Topics <CopyButton text={JSON.stringify(event.topics)} label="topics" /></h3>
      <pre className="block mono">{JSON.stringify(event.topics, null, 2)}</pre>

      <h3>Raw XDR</h3>
      {event.raw.topics.map((topic, i) => (
        <div key={i} className="row">
          <span className="muted">topic {i}</span>
          <code className="grow" style={{ overflowWrap: 'anywhere' }}>{topic}</code>
          <CopyButton text={topic} label={`raw topic ${i}`} />
        </div>
      ))}
      <div className="row">
        <span className="muted">value</span>
        <code className="grow" style={{ overflowWrap: 'anywhere', maxHeight: 120, overflow: 'auto' }}>{event.raw.value}</code>
        <CopyButton text={event.raw.value} label="raw value" />
      </div>
      <p><CopyButton text={JSON.stringify(event, null, 2)} label="the whole event as JSON" /> <span className="muted">the whole event as JSON</span></p>
    </aside>
  );
}
