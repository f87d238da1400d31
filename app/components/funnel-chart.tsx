/**
 * The reverse funnel as centred horizontal bars, one per stage, widest at the top.
 *
 * Plain SVG with a viewBox: it renders on the server exactly as in the browser, scales to its
 * container and needs no measuring. (recharts was the plan, but it imports its peer `react-is`,
 * which the project does not install because .npmrc sets legacy-peer-deps; see the report on
 * issue 6.) The numbers are also in the table beside the chart, which is what screen readers get.
 */

export type FunnelBar = { key: string; label: string; count: number; rateToNext?: string | null }

// Drawn at about the size it is shown (half the calculator's width), so its text reads at body size.
const WIDTH = 400
const ROW_HEIGHT = 38
const BAR_HEIGHT = 28
const LABEL_WIDTH = 104
const MIN_BAR = 6

export function FunnelChart({ bars, title }: { bars: readonly FunnelBar[]; title: string }) {
  const max = Math.max(1, ...bars.map((bar) => bar.count))
  const plotWidth = WIDTH - LABEL_WIDTH
  const height = bars.length * ROW_HEIGHT
  const summary = bars.map((bar) => `${bar.label}: ${bar.count.toLocaleString('en')}`).join(', ')
  return (
    <figure className="funnel-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`${title}. ${summary}.`} preserveAspectRatio="xMidYMin meet">
        {bars.map((bar, index) => {
          const width = Math.max(MIN_BAR, (bar.count / max) * plotWidth)
          const x = LABEL_WIDTH + (plotWidth - width) / 2
          const y = index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
          const valueInside = width > 56
          return (
            <g key={bar.key} className={`funnel-bar funnel-bar-${bar.key}`}>
              <text x={0} y={y + BAR_HEIGHT / 2} dominantBaseline="central" className="funnel-label">
                {bar.label}
              </text>
              <rect x={x} y={y} width={width} height={BAR_HEIGHT} rx={5} />
              <text
                x={valueInside ? x + width / 2 : x + width + 8}
                y={y + BAR_HEIGHT / 2}
                dominantBaseline="central"
                textAnchor={valueInside ? 'middle' : 'start'}
                className={valueInside ? 'funnel-value inside' : 'funnel-value'}
              >
                {bar.count.toLocaleString('en')}
              </text>
            </g>
          )
        })}
      </svg>
      <figcaption className="muted small">{title}</figcaption>
    </figure>
  )
}
