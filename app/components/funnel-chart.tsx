import { Bar, BarChart, Cell, LabelList, XAxis, YAxis } from 'recharts'

/**
 * The reverse funnel as horizontal bars, one per stage, widest at the top (recharts).
 * Fixed pixel size rather than ResponsiveContainer: it renders identically on the server (no
 * measuring), so the page without JavaScript shows the same chart; CSS scales it down on a phone.
 * The numbers are also in the table beside it; the chart itself is one image with a text
 * alternative (role="img" on a <div>: a <figure> may not take that role).
 *
 * Each bar has the colour of its stage's owner, as the stages page says it (a stage the room
 * made shared is neither green nor orange), and the caption names only the colours shown.
 */

export type StageOwner = 'marketing' | 'sales' | 'shared'
export type FunnelBar = {
  key: string
  label: string
  count: number
  rateToNext?: string | null
  owner?: StageOwner
}

const OWNER_COLOURS: Record<StageOwner, { fill: string; name: string }> = {
  marketing: { fill: '#0b6e4f', name: 'green' },
  sales: { fill: '#a64208', name: 'orange' },
  shared: { fill: '#3b3fb6', name: 'blue' },
}
const NO_OWNER = '#55606e'

export function FunnelChart({ bars, title }: { bars: readonly FunnelBar[]; title: string }) {
  const summary = bars.map((bar) => `${bar.label}: ${bar.count.toLocaleString('en')}`).join(', ')
  const data = bars.map((bar) => ({ ...bar }))
  const owners = (['marketing', 'sales', 'shared'] as const).filter((owner) => bars.some((bar) => bar.owner === owner))
  const legend = owners.map((owner) => `${owner === 'shared' ? 'shared' : `${owner}-owned`} stages in ${OWNER_COLOURS[owner].name}`).join(', ')
  return (
    <figure className="funnel-chart">
      <div role="img" aria-label={`${title}. ${summary}.`} className="funnel-chart-image">
        <BarChart
          width={440}
          height={bars.length * 40 + 10}
          data={data}
          layout="vertical"
          margin={{ top: 5, right: 56, bottom: 5, left: 8 }}
          // One image with its text alternative: no keyboard stop or "application" inside it.
          accessibilityLayer={false}
        >
          <XAxis type="number" hide domain={[0, 'dataMax']} />
          <YAxis type="category" dataKey="label" width={118} tickLine={false} axisLine={false} tick={{ fontSize: 14, fontWeight: 600, fill: '#1b2430' }} />
          <Bar dataKey="count" radius={[0, 5, 5, 0]} isAnimationActive={false} minPointSize={4}>
            {data.map((bar) => (
              <Cell key={bar.key} fill={bar.owner ? OWNER_COLOURS[bar.owner].fill : NO_OWNER} />
            ))}
            <LabelList
              dataKey="count"
              position="right"
              formatter={(value: unknown) => Number(value).toLocaleString('en')}
              style={{ fontSize: 14, fontWeight: 700, fill: '#1b2430' }}
            />
          </Bar>
        </BarChart>
      </div>
      <figcaption className="muted small">
        {title}
        {legend ? ` (${legend})` : ''}
      </figcaption>
    </figure>
  )
}
