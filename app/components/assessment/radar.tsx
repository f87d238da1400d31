import { PolarAngleAxis, PolarGrid, PolarRadiusAxis, Radar, RadarChart } from 'recharts'
import type { DimensionResult } from '~/domain/assessment/scoring'

/*
 * Marketing's and sales' scores on one radar (recharts). Rings at 20, 40, 60 and 80 are the
 * band boundaries, so a shape inside the 60 ring reads "not yet aligned" at a glance. A fixed
 * size, scaled down by CSS on narrow screens. Recharts 3 draws in the browser only (its server
 * render is an empty box), so the figure's label and the table next to it carry the numbers
 * for screen readers and pages without JavaScript.
 */

const SHORT_TITLES: Record<DimensionResult['id'], string> = {
  definitions: 'Definitions',
  handoff: 'Handoff & SLA',
  feedback: 'Feedback loop',
  goals: 'Goals & metrics',
  data: 'Data & tools',
  cadence: 'Cadence',
}

const MARKETING = '#0b6e4f'
const SALES = '#a64208'

export function AlignmentRadar({ dimensions, caption }: { dimensions: readonly DimensionResult[]; caption: string }) {
  const data = dimensions.map((d) => ({ dimension: SHORT_TITLES[d.id], marketing: d.marketing ?? 0, sales: d.sales ?? 0 }))
  const summary = dimensions.map((d) => `${d.title}: marketing ${d.marketing ?? 'hidden'}, sales ${d.sales ?? 'hidden'}`).join('; ')
  return (
    <figure className="assessment-radar">
      <div role="img" aria-label={`${caption}. ${summary}.`} className="radar-canvas">
        <RadarChart width={520} height={380} data={data} outerRadius={140} margin={{ top: 10, right: 60, bottom: 10, left: 60 }}>
        <PolarGrid gridType="polygon" />
        <PolarAngleAxis dataKey="dimension" tick={{ fontSize: 13, fontWeight: 600, fill: '#1b2430' }} />
        <PolarRadiusAxis domain={[0, 100]} ticks={[20, 40, 60, 80, 100] as never} angle={60} tick={{ fontSize: 11, fill: '#55606e' }} axisLine={false} />
        <Radar name="Marketing" dataKey="marketing" stroke={MARKETING} strokeWidth={2} fill={MARKETING} fillOpacity={0.18} isAnimationActive={false} dot />
        <Radar name="Sales" dataKey="sales" stroke={SALES} strokeWidth={2} fill={SALES} fillOpacity={0.18} isAnimationActive={false} dot />
        </RadarChart>
      </div>
      <figcaption className="small">
        <span className="radar-key marketing">Marketing</span> <span className="radar-key sales">Sales</span>{' '}
        <span className="muted">
          {caption} (0–100; rings at the band boundaries 20, 40, 60, 80)
        </span>
      </figcaption>
    </figure>
  )
}
