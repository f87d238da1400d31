import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { RunStatusBadge } from '~/components/backtest/run-status'
import { CompareTables, ScrollFrame } from '~/components/backtest/tables'
import { FormattedDate } from '~/components/dates'
import { FormError } from '~/components/form'
import { PostButton } from '~/components/post-button'
import { formatBytes, formatDuration } from '~/domain/backtest/format'
import { formatCount } from '~/domain/backtest/summary'
import { readFormData, readIntent } from '~/http/form.server'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { requireMember } from '~/http/permissions.server'
import { invariantResponse } from '~/http/responses.server'
import { getRun } from '~/models/backtest.server'
import { cancelRunIntent, saveThresholdsIntent, startRunIntent } from './intents.server'
import { MappingForm } from './mapping-form'
import { BacktestResults } from './results'
import { RunProgressCard } from './run-progress'
import { mappingView, progressView, resultsView } from './views.server'
import { CancelRunSchema } from '~/domain/backtest/forms'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Back-test of ${data.run.fileName} · Leadpact` : 'Back-test · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const run = await getRun({ workshopId: member.workshopId, runId: params.runId ?? '' })
  invariantResponse(run, 'Back-test not found', { status: 404 })
  const now = new Date()
  const facts = {
    id: run.id,
    fileName: run.fileName,
    fileBytes: run.fileBytes,
    format: run.format,
    status: run.status,
    createdAt: run.createdAt,
    createdByName: run.createdByName,
    models: run.models.map((model) => model.label),
    rowsDone: run.rowsDone,
    rowsPerSecond: run.rowsPerSecond,
    seconds: run.startedAt && run.finishedAt ? (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000 : null,
    badRowCount: run.badRowCount,
    badRows: run.badRows,
    error: run.error,
    asOf: run.asOf,
  }
  const base = { workshopId: member.workshopId, canRun: member.can('run-backtest'), canSave: member.can('edit-scoring'), run: facts }
  if (run.status === 'mapping') return json({ ...base, mapping: member.can('run-backtest') ? await mappingView(member.workshopId, run, now) : null, progress: null, results: null })
  if (run.status === 'queued' || run.status === 'running') return json({ ...base, mapping: null, progress: progressView(run, now), results: null })
  const results = run.status === 'done' ? await resultsView(member.workshopId, run, new URL(request.url).searchParams) : null
  return json({ ...base, mapping: null, progress: null, results })
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Every intent here runs, stops or acts on a back-test: a viewer is refused before the form is read.
  const member = await requireMember(request, params.workshopId, 'run-backtest')
  const formData = await readFormData(request)
  const input = { member, runId: params.runId ?? '', formData }
  switch (readIntent(formData, ['start-run', 'cancel-run', 'save-thresholds'])) {
    case 'start-run':
      return startRunIntent(input)
    case 'cancel-run':
      return cancelRunIntent(input)
    case 'save-thresholds':
      return saveThresholdsIntent(input)
  }
}

export default function BacktestRunPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const { run } = data
  const base = `/workshops/${data.workshopId}/backtests`
  return (
    <div className="stack">
      <div>
        <p className="eyebrow">
          <Link to={base}>Step 9 · Back-test</Link>
        </p>
        <h2 className="bt-title">
          {run.fileName} <RunStatusBadge status={run.status} />
        </h2>
        <p className="muted small">
          {formatBytes(run.fileBytes)} · {run.format === 'csv' ? 'CSV' : 'JSON Lines'} · uploaded <FormattedDate value={run.createdAt} withTime />
          {run.createdByName ? ` by ${run.createdByName}` : ''}
          {run.models.length ? ` · scored with ${run.models.join(', ')}` : ''}
          {run.asOf ? (
            <>
              {' '}
              · leads without a date as of <FormattedDate value={run.asOf} />
            </>
          ) : null}
        </p>
      </div>
      <FormError message={answerFor(actionData, 'cancel-run')?.errors?.form} />

      {run.status === 'mapping' ? (
        data.mapping ? (
          <>
            <section className="card" aria-labelledby="preview-heading">
              <h2 id="preview-heading">The file&apos;s columns</h2>
              <p className="muted small">The first values of each column, read from the uploaded file (which is deleted when the run ends; nothing of it is stored).</p>
              <ScrollFrame label="The file's columns and their first values" className="bt-preview">
                <table className="compact">
                  <thead>
                    <tr>
                      <th scope="col">Column</th>
                      <th scope="col">First values</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.mapping.preview.map((entry) => (
                      <tr key={entry.column}>
                        <th scope="row">{entry.column}</th>
                        <td className="small">{entry.values.join(' · ') || <span className="muted">empty</span>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollFrame>
            </section>
            <MappingForm {...data.mapping} answer={answerFor(actionData, 'start-run')} />
            <PostButton schema={CancelRunSchema} fields={{ intent: 'cancel-run' }} variant="secondary" label="Discard this upload">
              Discard this upload
            </PostButton>
          </>
        ) : (
          <p className="alert info">A team member is mapping this file&apos;s columns; the results appear here once the run has finished.</p>
        )
      ) : null}

      {data.progress ? (
        data.progress.live ? (
          <RunProgressCard status={run.status === 'queued' ? 'queued' : 'running'} progress={data.progress.progress} canCancel={data.canRun} />
        ) : (
          <div className="alert warn" role="status">
            This run was cut off when the server restarted ({formatCount(run.rowsDone)} rows had been read). Upload the file again to run it; the next upload tidies this one up.
          </div>
        )
      ) : null}

      {run.status === 'failed' || run.status === 'cancelled' ? (
        <div className={`alert ${run.status === 'failed' ? 'error' : 'info'}`} role="status">
          {run.status === 'failed' ? (run.error ?? 'The run failed.') : 'This run was cancelled; its file was deleted.'}{' '}
          <Link to={base}>Upload a file</Link>
        </div>
      ) : null}

      {run.status === 'done' ? (
        <div
          className="progress bt-progress"
          role="progressbar"
          aria-label="Share of the file read"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={100}
          aria-valuetext="100 %, finished"
        >
          <span style={{ width: '100%' }} />
        </div>
      ) : null}
      {run.status === 'done' ? (
        <p className="muted small">
          {formatCount(run.rowsDone)} rows read
          {run.seconds !== null ? ` in ${formatDuration(run.seconds)}` : ''}
          {run.rowsPerSecond ? ` (${formatCount(run.rowsPerSecond)} rows/s)` : ''}; {formatCount(run.badRowCount)} bad {run.badRowCount === 1 ? 'row' : 'rows'} left out. The file was deleted; only
          the counts below are kept.
        </p>
      ) : null}

      {data.results && data.results.models.length > 1 ? (
        <nav className="bt-models" aria-label="Models of this run">
          {data.results.models.map((label, index) => (
            <Link key={label} to={`?model=${index}`} aria-current={index === data.results!.index ? 'page' : undefined} className={`button small ${index === data.results!.index ? '' : 'secondary'}`}>
              {label}
            </Link>
          ))}
        </nav>
      ) : null}

      {data.results ? (
        <BacktestResults
          key={`${data.results.index}-${data.results.thresholds.minFit}-${data.results.thresholds.minEngagement}`}
          aggregate={data.results.aggregate}
          initial={data.results.thresholds}
          modelLabel={data.results.modelLabel}
          scoring={data.results.scoring}
          canSave={data.canSave}
          saveAnswer={answerFor(actionData, 'save-thresholds')}
        />
      ) : null}

      {data.results?.comparison ? (
        <section className="card bt-compare" aria-labelledby="compare-heading">
          <h2 id="compare-heading">
            {data.results.comparison.labels[0]} against {data.results.comparison.labels[1]}
          </h2>
          <p className="muted small">
            Each at its own model&apos;s thresholds; {data.results.comparison.sameFile ? 'on the same file (same SHA-256).' : 'on different files, so volumes differ for that reason too.'}
          </p>
          <CompareTables labels={data.results.comparison.labels} metrics={data.results.comparison.table.metrics} rules={data.results.comparison.table.rules} />
        </section>
      ) : null}

      {run.badRowCount > 0 ? (
        <section className="card" aria-labelledby="bad-rows-heading">
          <h2 id="bad-rows-heading">Bad rows</h2>
          <p className="muted small">
            {formatCount(run.badRowCount)} {run.badRowCount === 1 ? 'row was' : 'rows were'} left out{run.badRowCount > run.badRows.length ? `; the first ${run.badRows.length} are listed` : ''}.
          </p>
          <ul className="bt-bad-rows">
            {run.badRows.map((row) => (
              <li key={row.line}>
                <span className="mono">line {row.line}</span>: {row.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}
