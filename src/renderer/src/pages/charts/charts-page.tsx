// Charts over 1 h, 24 h or 7 d: events per minute by contract and by type, priorities,
// deliveries per target, and ingest lag with gaps and network resets marked.
import { useEffect } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { lagPoints, perMinute, snapToBucket } from '../../lib/chart-data';
import { formatCount, shortId } from '../../lib/format';
import { useSlice, useStores } from '../../stores/app-stores';
import { CHART_RANGES } from '../../stores/charts-store';
import { contractName } from '../../stores/health-store';
import { CHART_COLOURS, SeriesChart, timeTick } from './series-chart';

const RANGE_LABELS = { '1h': '1 hour', '24h': '24 hours', '7d': '7 days' } as const;
const tooltipStyle = { background: 'var(--panel)', border: '1px solid var(--border)' };

export default function ChartsPage() {
  const { charts, health } = useStores();
  const { range, events, deliveries, ingest, error } = useSlice(charts, (s) => s);
  const contracts = useSlice(health, (s) => s.contracts);

  useEffect(() => {
    charts.getState().start();
    return () => charts.getState().stop();
  }, [charts]);

  const rangeSeconds = events ? events.to - events.from : 3600;
  const contractLabel = (id: string) => (id === 'other' ? 'other' : (contractName(contracts, id) ?? shortId(id)));

  return (
    <>
      <h1>Charts</h1>
      <div className="tabs" role="group" aria-label="Time range">
        {CHART_RANGES.map((r) => (
          <button key={r} type="button" aria-pressed={r === range} onClick={() => void charts.getState().setRange(r)}>{RANGE_LABELS[r]}</button>
        ))}
      </div>
      {error ? <p className="notice bad" role="alert">{error}</p> : null}
      {!events ? <p className="muted" role="status">Loading…</p> : (
        <>
          <p className="muted">{formatCount(events.total)} events in the last {RANGE_LABELS[range]}; points every {events.bucket_seconds / 60} min, in events per minute.</p>
          <SeriesChart label="Events per minute by contract" data={perMinute(events.by_contract, events)} rangeSeconds={rangeSeconds} name={contractLabel} />
          <SeriesChart label="Events per minute by type" data={perMinute(events.by_type, events)} rangeSeconds={rangeSeconds} name={(k) => k} />
          <figure className="panel" aria-label="Events by priority" style={{ margin: '0 0 14px' }}>
            <figcaption><h2 style={{ marginTop: 0 }}>Events by priority</h2></figcaption>
            <ResponsiveContainer width="100%" height={200}>
              <BarChart data={events.priorities}>
                <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
                <XAxis dataKey="priority" stroke="var(--muted)" />
                <YAxis stroke="var(--muted)" width={56} />
                <Tooltip contentStyle={tooltipStyle} />
                <Bar dataKey="count" name="events" fill="var(--chart-1)" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </figure>
        </>
      )}
      {deliveries ? (
        <figure className="panel" aria-label="Deliveries per target" style={{ margin: '0 0 14px' }}>
          <figcaption><h2 style={{ marginTop: 0 }}>Deliveries per target</h2></figcaption>
          {deliveries.targets.length === 0 ? <p className="muted">No targets yet: add one under Targets.</p> : (
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={deliveries.targets}>
                <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
                <XAxis dataKey="name" stroke="var(--muted)" />
                <YAxis stroke="var(--muted)" width={56} />
                <Tooltip contentStyle={tooltipStyle} />
                <Legend />
                <Bar dataKey="delivered" stackId="d" fill="var(--ok)" isAnimationActive={false} />
                <Bar dataKey="failed" name="failed (retrying)" stackId="d" fill="var(--warn)" isAnimationActive={false} />
                <Bar dataKey="dead" name="dead-lettered" stackId="d" fill="var(--bad)" isAnimationActive={false} />
                <Bar dataKey="pending" stackId="d" fill="var(--chart-9)" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          )}
        </figure>
      ) : null}
      {ingest ? (
        <figure className="panel" aria-label="Ingest lag" style={{ margin: '0 0 14px' }}>
          <figcaption>
            <h2 style={{ marginTop: 0 }}>Ingest lag</h2>
            <p className="muted">Seconds from ledger close to stored. {ingest.gaps.length} gap{ingest.gaps.length === 1 ? '' : 's'} and {ingest.resets.length} network reset{ingest.resets.length === 1 ? '' : 's'} in this range, marked in red and orange.</p>
          </figcaption>
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={lagPoints(ingest.lag, ingest)}>
              <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
              <XAxis dataKey="time" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={timeTick(rangeSeconds)} stroke="var(--muted)" />
              <YAxis stroke="var(--muted)" width={48} unit=" s" />
              <Tooltip labelFormatter={(ms) => new Date(Number(ms)).toLocaleString()} contentStyle={tooltipStyle} />
              <Legend />
              <Line dataKey="avg" name="average lag" stroke={CHART_COLOURS[0]} dot={false} connectNulls={false} isAnimationActive={false} />
              <Line dataKey="max" name="longest lag" stroke={CHART_COLOURS[1]} dot={false} connectNulls={false} isAnimationActive={false} />
              {ingest.gaps.map((g, i) => (
                <ReferenceLine key={`g${i}`} x={snapToBucket(g.detected_at, ingest)} stroke="var(--bad)" strokeDasharray="4 2"
                  label={{ value: `gap ${g.from_ledger}–${g.to_ledger}`, fill: 'var(--bad)', position: 'insideTopLeft' }} />
              ))}
              {ingest.resets.map((r) => (
                <ReferenceLine key={`r${r.epoch}`} x={snapToBucket(r.detected_at, ingest)} stroke="var(--warn)"
                  label={{ value: `reset (epoch ${r.epoch})`, fill: 'var(--warn)', position: 'insideTopRight' }} />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </figure>
      ) : null}
    </>
  );
}
