import { Bar, BarChart, Cell, LabelList, XAxis, YAxis } from 'recharts'

/**
 * The reverse funnel as horizontal bars, one per stage, widest at the top (recharts).
 * Fixed pixel size rather than ResponsiveContainer: it renders identically on the server (no
 * measuring), so the page without JavaScript shows the same chart. The numbers are also in the
 * table beside it, which is what screen readers get.
 */

export type FunnelBar = { key: string; label: string; count: number; rateToNext?: string | null }

const TEAM_COLOURS: Record<string, string> = {
  lead: '#0b6e4f',
  mql: '#0b6e4f',
  sal: '#a64208',
  sql: '#a64208',
  opportunity: '#a64208',
  customer: '#137333',
}

export function FunnelChart({ bars, title }: { bars: readonly FunnelBar[]; title: string }) {
  const summary = bars.map((bar) => `${bar.label}: ${bar.count.toLocaleString('en')}`).join(', ')
  const data = bars.map((bar) => ({ ...bar }))
  return (
    <figure className="funnel-chart" role="img" aria-label={`${title}. ${summary}.`}>
      <BarChart width={440} height={bars.length * 40 + 10} data={data} layout="vertical" margin={{ top: 5, right: 56, bottom: 5, left: 8 }}>
        <XAxis type="number" hide domain={[0, 'dataMax']} />
        <YAxis type="category" dataKey="label" width={118} tickLine={false} axisLine={false} tick={{ fontSize: 14, fontWeight: 600, fill: '#1b2430' }} />
        <Bar dataKey="count" radius={[0, 5, 5, 0]} isAnimationActive={false} minPointSize={4}>
          {data.map((bar) => (
            <Cell key={bar.key} fill={TEAM_COLOURS[bar.key] ?? '#3b3fb6'} />
          ))}
          <LabelList dataKey="count" position="right" formatter={(value: unknown) => Number(value).toLocaleString('en')} style={{ fontSize: 14, fontWeight: 700, fill: '#1b2430' }} />
        </Bar>
      </BarChart>
      <figcaption className="muted small">{title} (marketing-owned stages in green, sales-owned in orange)</figcaption>
    </figure>
  )
}
