import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormattedDate } from '~/components/dates'
import { FormError } from '~/components/form'
import { PostButton } from '~/components/post-button'
import { RUN_STATUS_LABELS, RunStatusBadge } from '~/components/backtest/run-status'
import { ScrollFrame } from '~/components/backtest/tables'
import { formatBytes } from '~/domain/backtest/format'
import { readFormData, readIntent } from '~/http/form.server'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { requireMember } from '~/http/permissions.server'
import { listRuns } from '~/models/backtest.server'
import { deleteRunIntent, uploadIntent } from './intents.server'
import { UploadForm } from './upload-form'
import { DeleteRunSchema } from '~/domain/backtest/forms'

export const meta: MetaFunction = () => [{ title: 'Back-test · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const query = new URL(request.url).searchParams
  const runs = await listRuns(member.workshopId)
  // The compare form is a plain GET: it lands on the first run's page, the second beside it.
  const a = query.get('a')
  const b = query.get('b')
  if (a && b && runs.some((run) => run.id === a) && runs.some((run) => run.id === b)) {
    throw redirect(`/workshops/${member.workshopId}/backtests/${encodeURIComponent(a)}?with=${encodeURIComponent(b)}`)
  }
  return json({
    workshopId: member.workshopId,
    canRun: member.can('run-backtest'),
    runs: runs.map((run) => ({
      id: run.id,
      fileName: run.fileName,
      fileBytes: run.fileBytes,
      status: run.status,
      rowsDone: run.rowsDone,
      badRowCount: run.badRowCount,
      models: run.models.map((model) => model.label).join(', '),
      createdAt: run.createdAt,
      createdByName: run.createdByName,
    })),
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Every intent here starts or removes runs: a viewer is refused before the body is read.
  const member = await requireMember(request, params.workshopId, 'run-backtest')
  if (/^multipart\/form-data/i.test(request.headers.get('Content-Type') ?? '')) return uploadIntent({ member, request })
  const formData = await readFormData(request)
  switch (readIntent(formData, ['delete-run'])) {
    case 'delete-run':
      return deleteRunIntent({ member, formData })
  }
}

export default function BacktestsPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const finished = data.runs.filter((run) => run.status === 'done')
  const base = `/workshops/${data.workshopId}/backtests`
  return (
    <div className="stack">
      <div>
        <p className="eyebrow">Step 9 · optional</p>
        <h2>Back-test</h2>
        <p className="muted">
          Before both teams sign a threshold, see what it would have done to last year&apos;s leads: how many would have been MQLs, how many of those converted, what a stricter
          threshold costs, and which rules earn their points.
        </p>
      </div>

      {data.canRun ? <UploadForm answer={answerFor(actionData, 'upload')} /> : <p className="alert info">Viewers read the results; team members and the facilitator run back-tests.</p>}

      <section className="card" aria-labelledby="runs-heading">
        <h2 id="runs-heading">Runs</h2>
        <FormError message={answerFor(actionData, 'delete-run')?.errors?.form} />
        {data.runs.length === 0 ? (
          <p className="muted empty-inline">No back-test yet. Upload an export of past leads to run the first one.</p>
        ) : (
          <ScrollFrame label="Back-test runs">
            <table className="backtest-runs">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Models</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Leads
                  </th>
                  <th scope="col" className="num">
                    Bad rows
                  </th>
                  <th scope="col">Uploaded</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.runs.map((run) => (
                  <tr key={run.id}>
                    <td>
                      <Link to={`${base}/${run.id}`}>{run.fileName}</Link>
                      <div className="muted small">{formatBytes(run.fileBytes)}</div>
                    </td>
                    <td>{run.models || <span className="muted">not chosen yet</span>}</td>
                    <td>
                      <RunStatusBadge status={run.status} />
                    </td>
                    <td className="num">{run.status === 'mapping' ? '—' : run.rowsDone.toLocaleString('en-US')}</td>
                    <td className="num">{run.status === 'mapping' ? '—' : run.badRowCount.toLocaleString('en-US')}</td>
                    <td className="small">
                      <FormattedDate value={run.createdAt} withTime />
                      {run.createdByName ? <div className="muted">by {run.createdByName}</div> : null}
                    </td>
                    <td>
                      {data.canRun && ['done', 'failed', 'cancelled'].includes(run.status) ? (
                        <PostButton schema={DeleteRunSchema} fields={{ intent: 'delete-run', runId: run.id }} label={`Delete the run of ${run.fileName} (${RUN_STATUS_LABELS[run.status]})`}>
                          Delete
                        </PostButton>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollFrame>
        )}
      </section>

      {finished.length >= 2 ? (
        <section className="card" aria-labelledby="compare-heading">
          <h2 id="compare-heading">Compare two runs</h2>
          <p className="muted small">Side by side: MQL volume, precision, recall, AUC and the evidence per rule, each at its own model&apos;s thresholds.</p>
          <Form method="get" className="compare-form">
            {(['a', 'b'] as const).map((side, index) => (
              <div className="field" key={side}>
                <label htmlFor={`compare-${side}`}>{index === 0 ? 'First run' : 'Second run'}</label>
                <select id={`compare-${side}`} name={side} defaultValue={finished[index]?.id}>
                  {finished.map((run) => (
                    <option key={run.id} value={run.id}>
                      {run.fileName} · {run.models}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <button type="submit" className="button secondary">
              Compare
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  )
}
