import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesChart as SeriesData } from '../../lib/chart-data';

export const CHART_COLOURS = Array.from({ length: 9 }, (_, i) => `var(--chart-${i + 1})`);

export const timeTick = (rangeSeconds: number) => (ms: number) =>
  new Date(ms).toLocaleString(undefined, rangeSeconds > 86_400 ? { weekday: 'short', hour: '2-digit' } : { hour: '2-digit', minute: '2-digit' });

/** Stacked events-per-minute areas, one per series key. */
export function SeriesChart({ data, label, rangeSeconds, name }: { data: SeriesData; label: string; rangeSeconds: number; name(key: string): string }) {
  return (
    <figure className="panel" aria-label={label} style={{ margin: '0 0 14px' }}>
      <figcaption><h2 style={{ marginTop: 0 }}>{label}</h2></figcaption>
      {data.keys.length === 0 ? <p className="muted">No events in this range.</p> : (
        <ResponsiveContainer width="100%" height={240}>
          <AreaChart data={data.points} margin={{ top: 4, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis dataKey="time" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={timeTick(rangeSeconds)} stroke="var(--muted)" />
            <YAxis stroke="var(--muted)" width={48} />
            <Tooltip labelFormatter={(ms) => new Date(Number(ms)).toLocaleString()} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)' }} />
            <Legend />
            {data.keys.map((key, i) => (
              <Area key={key} type="monotone" dataKey={key} name={name(key)} stackId="1" stroke={CHART_COLOURS[i % 9]} fill={CHART_COLOURS[i % 9]} fillOpacity={0.35} isAnimationActive={false} />
            ))}
          </AreaChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
