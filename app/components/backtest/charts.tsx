import type { ReactNode } from 'react'
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, XAxis, YAxis } from 'recharts'
import type { BacktestFigures, HistogramBin } from '~/domain/backtest/figures'
import { formatCount, formatRate } from '~/domain/backtest/summary'

/*
 * The back-test's charts (recharts). Fixed pixel sizes rather than ResponsiveContainer, so the
 * server renders the same chart the browser shows (no measuring); CSS scales the SVG down on a
 * narrow screen. Every chart has a table of the same numbers beside it (<details>), which is
 * also what screen readers get; the chart itself is one labelled image.
 */

const WIDTH = 640
const HEIGHT = 260
const INK = '#1b2430'
const CONVERTED = '#0b6e4f'
const NOT_CONVERTED = '#9fc9b8'
const OUT_CONVERTED = '#5d6673'
const OUT_NOT_CONVERTED = '#d3d8df'
const axisTick = { fontSize: 12, fill: INK }

const percentTick = (value: unknown) => `${Math.round(Number(value) * 100)} %`
const countTick = (value: unknown) => Number(value).toLocaleString('en-US')

/** The chart's key in HTML, above it: it stays readable when a narrow screen scales the chart down. */
function Key({ items }: { items: [string, string][] }) {
  return (
    <ul className="bt-key" aria-hidden="true">
      {items.map(([colour, text]) => (
        <li key={text}>
          <span className="bt-swatch" style={{ background: colour }} /> {text}
        </li>
      ))}
    </ul>
  )
}

function ChartFigure({ label, caption, keyItems, children }: { label: string; caption: string; keyItems?: [string, string][]; children: ReactNode }) {
  return (
    <figure className="bt-chart">
      {keyItems ? <Key items={keyItems} /> : null}
      <div role="img" aria-label={label}>
        {children}
      </div>
      <figcaption className="muted small">{caption}</figcaption>
    </figure>
  )
}

export function StagesChart({ figures }: { figures: BacktestFigures }) {
  const data = (['disqualified', 'lead', 'mql', 'sql'] as const).map((stage) => ({
    stage: { disqualified: 'Disqualified', lead: 'Lead', mql: 'MQL', sql: 'SQL' }[stage],
    converted: figures.stages[stage].converted,
    other: figures.stages[stage].leads - figures.stages[stage].converted,
    total: figures.stages[stage].leads,
  }))
  const label = `Leads per stage: ${data.map((row) => `${row.stage} ${formatCount(row.total)} (${formatCount(row.converted)} converted)`).join(', ')}.`
  return (
    <ChartFigure label={label} caption="Leads per stage at these thresholds; the dark part converted." keyItems={[[CONVERTED, 'Converted'], [NOT_CONVERTED, 'Did not convert']]}>
      <BarChart width={WIDTH} height={200} data={data} layout="vertical" margin={{ top: 4, right: 64, bottom: 4, left: 8 }}>
        <XAxis type="number" tickFormatter={countTick} tick={axisTick} />
        <YAxis type="category" dataKey="stage" width={96} tick={{ ...axisTick, fontSize: 13, fontWeight: 600 }} tickLine={false} />
        <Bar dataKey="converted" name="Converted" stackId="s" fill={CONVERTED} isAnimationActive={false} />
        <Bar dataKey="other" name="Did not convert" stackId="s" fill={NOT_CONVERTED} isAnimationActive={false}>
          <LabelList dataKey="total" position="right" formatter={countTick} style={{ fontSize: 12, fontWeight: 700, fill: INK }} />
        </Bar>
      </BarChart>
    </ChartFigure>
  )
}

export function HistogramChart({ bins, axis, threshold }: { bins: HistogramBin[]; axis: 'Fit' | 'Engagement'; threshold: number }) {
  const data = bins.map((bin) => ({ label: bin.label, converted: bin.converted, other: bin.leads - bin.converted, passes: bin.passes }))
  const label = `${axis} histogram: ${bins
    .filter((bin) => bin.leads > 0)
    .map((bin) => `${bin.label}: ${formatCount(bin.leads)} leads, ${formatRate(bin.leads ? bin.converted / bin.leads : null)} converted`)
    .join('; ')}.`
  return (
    <ChartFigure
      label={label}
      caption={`Leads by ${axis.toLowerCase()} score (rounded down); green bins pass ${axis.toLowerCase()} ≥ ${threshold}, grey ones do not; the dark part converted.`}
      keyItems={[
        [CONVERTED, 'Passes, converted'],
        [NOT_CONVERTED, 'Passes, did not'],
        [OUT_CONVERTED, 'Below, converted'],
        [OUT_NOT_CONVERTED, 'Below, did not'],
      ]}
    >
      <BarChart width={WIDTH} height={HEIGHT} data={data} margin={{ top: 8, right: 8, bottom: 24, left: 8 }}>
        <CartesianGrid vertical={false} stroke="#e3e6eb" />
        <XAxis dataKey="label" tick={{ ...axisTick, fontSize: 11 }} interval="preserveStartEnd" label={{ value: `${axis} score`, position: 'insideBottom', offset: -16, fill: INK, fontSize: 12 }} />
        <YAxis tickFormatter={countTick} tick={axisTick} width={56} />
        <Bar dataKey="converted" name="Converted" stackId="h" isAnimationActive={false}>
          {data.map((row) => (
            <Cell key={row.label} fill={row.passes === 'none' ? OUT_CONVERTED : CONVERTED} />
          ))}
        </Bar>
        <Bar dataKey="other" name="Did not convert" stackId="h" isAnimationActive={false}>
          {data.map((row) => (
            <Cell key={row.label} fill={row.passes === 'none' ? OUT_NOT_CONVERTED : NOT_CONVERTED} />
          ))}
        </Bar>
      </BarChart>
    </ChartFigure>
  )
}

export function LiftChart({ figures }: { figures: BacktestFigures }) {
  const data = figures.deciles.map((decile) => ({ label: `${decile.decile}`, rate: decile.leads ? decile.converted / decile.leads : 0 }))
  const label = `Conversion by score decile, best tenth first: ${data.map((row) => `${row.label}: ${formatRate(row.rate)}`).join(', ')}; overall ${formatRate(figures.baselineRate)}.`
  return (
    <ChartFigure label={label} caption="Conversion rate of each tenth of the leads, from the highest combined score (fit + engagement) to the lowest; the line is the overall rate.">
      <BarChart width={WIDTH} height={HEIGHT} data={data} margin={{ top: 16, right: 8, bottom: 24, left: 8 }}>
        <CartesianGrid vertical={false} stroke="#e3e6eb" />
        <XAxis dataKey="label" tick={axisTick} label={{ value: 'Score decile (1 = highest scores)', position: 'insideBottom', offset: -16, fill: INK, fontSize: 12 }} />
        <YAxis tickFormatter={percentTick} tick={axisTick} width={48} domain={[0, 1]} />
        <Bar dataKey="rate" name="Conversion rate" fill="#3b3fb6" isAnimationActive={false}>
          <LabelList dataKey="rate" position="top" formatter={percentTick} style={{ fontSize: 11, fill: INK }} />
        </Bar>
        {figures.baselineRate !== null ? (
          <ReferenceLine y={figures.baselineRate} stroke="#a64208" strokeDasharray="4 3" label={{ value: `overall ${formatRate(figures.baselineRate)}`, position: 'insideTopRight', fill: '#a64208', fontSize: 12 }} />
        ) : null}
      </BarChart>
    </ChartFigure>
  )
}

export function MonthsChart({ figures }: { figures: BacktestFigures }) {
  const data = figures.months.map((month) => ({ month: month.month, converted: month.mqlsConverted, other: month.mqls - month.mqlsConverted }))
  const label = `MQLs per month: ${figures.months.map((month) => `${month.month}: ${formatCount(month.mqls)} MQLs, ${formatCount(month.mqlsConverted)} converted`).join('; ')}.`
  return (
    <ChartFigure
      label={label}
      caption="MQLs per month at these thresholds, by the month the lead was created; the dark part converted."
      keyItems={[[CONVERTED, 'MQLs that converted'], [NOT_CONVERTED, 'MQLs that did not']]}
    >
      <BarChart width={WIDTH} height={HEIGHT} data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
        <CartesianGrid vertical={false} stroke="#e3e6eb" />
        <XAxis dataKey="month" tick={{ ...axisTick, fontSize: 11 }} />
        <YAxis tickFormatter={countTick} tick={axisTick} width={56} />
        <Bar dataKey="converted" name="MQLs that converted" stackId="m" fill={CONVERTED} isAnimationActive={false} />
        <Bar dataKey="other" name="MQLs that did not" stackId="m" fill={NOT_CONVERTED} isAnimationActive={false} />
      </BarChart>
    </ChartFigure>
  )
}
