import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { AlignmentRadar } from '~/components/assessment/radar'
import { DefinitionsSideBySide, IndexSummary, Recommendations, ResponseCounts, RoundComparisonTable, ScoresTable } from '~/components/assessment/results'
import { FormattedDate } from '~/components/dates'
import { requireReadableReport } from '~/http/assessment-results.server'
import { requireMember } from '~/http/permissions.server'

/*
 * The round's results as one printable page for a leadership meeting: A4 through the print
 * styles (app.css, "Assessment report"), the app's navigation hidden, each part kept whole.
 */

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Alignment assessment: ${data.report.round.name} · ${data.workshop.company}` : 'Alignment assessment report · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const report = await requireReadableReport(member, new URL(request.url))
  return json({ workshopId: member.workshopId, workshop: { name: member.workshop.name, company: member.workshop.company }, report })
}

export default function AssessmentReportPage() {
  const { workshopId, workshop, report } = useLoaderData<typeof loader>()
  const { result } = report
  return (
    <article className="assessment-report">
      <div className="actions no-print">
        <Link to={`/workshops/${workshopId}/assessment?round=${encodeURIComponent(report.round.id)}`}>← Back to the assessment</Link>
        <span className="muted small">Print this page or save it as a PDF from your browser (A4).</span>
      </div>
      <header className="report-cover">
        <p className="eyebrow">
          {workshop.company} · Marketing–sales alignment assessment
        </p>
        <h1>{report.round.name}</h1>
        <p className="muted">
          {workshop.name} ·{' '}
          {report.round.closedAt ? (
            <>
              <FormattedDate value={report.round.openedAt} /> – <FormattedDate value={report.round.closedAt} />
            </>
          ) : (
            <>
              open since <FormattedDate value={report.round.openedAt} /> (results may still change)
            </>
          )}{' '}
          · {report.round.questionSet.title}
        </p>
        <ResponseCounts result={result} />
      </header>

      <section className="report-section" aria-labelledby="report-index">
        <h2 id="report-index">Alignment index</h2>
        <div className="assessment-overview">
          <IndexSummary result={result} />
          {result.comparable ? <AlignmentRadar dimensions={result.dimensions} caption="Marketing and sales per dimension" /> : null}
        </div>
      </section>

      <section className="report-section" aria-labelledby="report-scores">
        <h2 id="report-scores">Scores per dimension</h2>
        <ScoresTable result={result} />
      </section>

      <section className="report-section" aria-labelledby="report-recommendations">
        <h2 id="report-recommendations">What to work on</h2>
        <Recommendations items={report.recommendations} workshopId={workshopId} />
      </section>

      {report.comparison ? (
        <section className="report-section" aria-labelledby="report-comparison">
          <h2 id="report-comparison">Change since “{report.comparison.round.name}”</h2>
          <RoundComparisonTable comparison={report.comparison} />
        </section>
      ) : null}

      <section className="report-section report-definitions" aria-labelledby="report-definitions">
        <h2 id="report-definitions">What is an MQL? What is an SQL? In the teams’ own words</h2>
        <DefinitionsSideBySide report={report} />
      </section>
    </article>
  )
}
