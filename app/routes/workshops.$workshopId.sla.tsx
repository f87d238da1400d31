import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Fragment, useId, type ReactNode } from 'react'
import { ConflictNote } from '~/components/conflict-note'
import { FormattedDate } from '~/components/dates'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { formatInZone, workedExamples } from '~/domain/sla/clock'
import {
  CHANNEL_LABELS,
  HandoffFormSchema,
  handoffDifferences,
  handoffToForm,
  REVIEW_CADENCE_LABELS,
  UNIT_LABELS,
  type HandoffDifference,
  type HandoffFormValues,
} from '~/domain/sla/form'
import { FOLLOW_UP_CHANNELS, PRIORITIES, REVIEW_CADENCES, ROUTING_LABELS, ROUTING_METHODS, SLA_UNITS, WEEKDAY_LABELS, WEEKDAYS } from '~/domain/sla/schema'
import { unflatten, validateFormData, readFormData } from '~/form.server'
import { getHandoffRecord, saveHandoff } from '~/models/lifecycle.server'
import { requireMember } from '~/http/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Handoff SLA · Leadpact' }]

const EDITORS = ['facilitator', 'marketing', 'sales'] as const

/** Every IANA zone this server knows, plus the saved one should the list lack it (e.g. "UTC"). */
function timeZoneOptions(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone')
  return zones.includes(current) ? zones : [current, ...zones].sort()
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const record = await getHandoffRecord(member.workshopId)
  const { handoff } = record
  // The one place that reads the clock: the examples below are "as of now" for whoever opens the page.
  const now = new Date()
  const examples = workedExamples(handoff, now).map((example) => ({
    key: example.key,
    label: example.label,
    arrivesAtLocal: example.arrivesAtLocal,
    note: example.note,
    due: example.due.map(({ priority, label, within, dueAtLocal }) => ({ priority, label, within, dueAtLocal })),
  }))
  return json({
    workshopId: member.workshopId,
    canEdit: (EDITORS as readonly string[]).includes(member.role),
    revision: record.revision,
    updatedAt: record.updatedAt.toISOString(),
    updatedByName: record.updatedByName,
    timeZone: handoff.timeZone,
    nowLocal: formatInZone(now, handoff.timeZone),
    form: handoffToForm(handoff, record.revision),
    timeZones: timeZoneOptions(handoff.timeZone),
    examples,
  })
}

type ActionData = {
  saved?: string
  errors?: Record<string, string>
  values?: HandoffFormValues
  conflict?: { by: string | null; differences: HandoffDifference[] }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId, 'edit-sla')
  const form = validateFormData(await readFormData(request), HandoffFormSchema)
  const values = form.values as HandoffFormValues
  if (!form.ok) return json<ActionData>({ errors: form.errors, values }, { status: 400 })
  const saved = await saveHandoff({ workshopId: member.workshopId, userId: member.user.id, ...form.data })
  if (saved.ok) return json<ActionData>({ saved: 'Saved the handoff SLA. The examples below now follow it.' })
  if (saved.reason === 'invalid') return json<ActionData>({ errors: { form: Object.values(saved.errors).join(' ') }, values }, { status: 400 })
  if (saved.reason === 'not-found') throw new Response('Not found', { status: 404 })
  return json<ActionData>(
    {
      conflict: { by: saved.current.updatedByName, differences: handoffDifferences(saved.current.handoff, form.data.handoff) },
      // Keep what the person typed, at the revision that now stands: saving again replaces theirs knowingly.
      values: { ...values, revision: String(saved.current.revision) },
    },
    { status: 409 },
  )
}

export default function SlaPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const now = data.examples.find((example) => example.key === 'now')
  const others = data.examples.filter((example) => example.key !== 'now')
  return (
    <div className="stack">
      <div>
        <p className="eyebrow">Step 7</p>
        <h2>Handoff SLA</h2>
        <p className="muted">
          What sales promises when marketing hands over an MQL, and what marketing promises in return. This is the <code>handoff</code> of the scoring
          config, so other tools can run the same clock. Last saved {data.updatedByName ? `by ${data.updatedByName} ` : ''}
          <FormattedDate value={data.updatedAt} withTime />.
        </p>
      </div>
      {actionData?.saved ? (
        <div className="alert success" role="status">
          {actionData.saved}
        </div>
      ) : null}

      <section className="card sla-clock" aria-labelledby="clock-heading">
        <h2 id="clock-heading">The SLA clock</h2>
        {now ? (
          <>
            <p>
              An MQL arriving now (<span data-testid="now-local">{data.nowLocal}</span>) would be due for first contact at:
            </p>
            <ul className="due-now">
              {now.due.map((due) => (
                <li key={due.priority}>
                  <span className={`badge priority-${due.priority}`}>{due.label}</span>
                  <span className="muted small">{due.within}</span>
                  <strong data-testid={`due-now-${due.priority}`}>{due.dueAtLocal}</strong>
                </li>
              ))}
            </ul>
            <p className="muted small">{now.note}</p>
          </>
        ) : null}
        <h3>Worked examples</h3>
        <p className="muted small">Counted in business time in {data.timeZone}, across nights, weekends, holidays and clock changes.</p>
        <div className="table-wrap">
          <table className="examples">
            <thead>
              <tr>
                <th scope="col">An MQL arrives</th>
                {now?.due.map((due) => (
                  <th scope="col" key={due.priority}>
                    {due.label} <span className="muted">({due.within})</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {others.map((example) => (
                <tr key={example.key} data-testid={`example-${example.key}`}>
                  <th scope="row">
                    {example.label}
                    <div className="muted small">{example.arrivesAtLocal}</div>
                    <div className="muted small">{example.note}</div>
                  </th>
                  {example.due.map((due) => (
                    <td key={due.priority} data-testid={`example-${example.key}-${due.priority}`}>
                      {due.dueAtLocal}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <HandoffForm
        key={`${data.revision}-${actionData?.values?.revision ?? ''}`}
        defaultValues={actionData?.values ?? data.form}
        serverErrors={actionData?.errors}
        conflict={actionData?.conflict}
        canEdit={data.canEdit}
        timeZones={data.timeZones}
        workshopId={data.workshopId}
      />
    </div>
  )
}

/** react-hook-form keeps client errors nested by path (`businessHours.mon.close` → errors.businessHours.mon.close). */
function errorAt(errors: unknown, name: string): string | undefined {
  const node = name.split('.').reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), errors)
  const message = node && typeof node === 'object' ? (node as { message?: unknown }).message : undefined
  return typeof message === 'string' ? message : undefined
}

/** An input in a table cell: its label is the column and row, read out but not shown. */
function CellInput({ label, error, children }: { label: string; error?: string; children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode }) {
  const id = useId()
  const errorId = error ? `${id}-error` : undefined
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': errorId })}
      {error ? (
        <span className="field-error" id={errorId} role="alert">
          {error}
        </span>
      ) : null}
    </>
  )
}

function FieldsetError({ message }: { message?: string }) {
  return message ? (
    <p className="field-error" role="alert">
      {message}
    </p>
  ) : null
}

function HandoffForm({
  defaultValues,
  serverErrors,
  conflict,
  canEdit,
  timeZones,
  workshopId,
}: {
  defaultValues: HandoffFormValues
  serverErrors?: Record<string, string>
  conflict?: { by: string | null; differences: HandoffDifference[] }
  canEdit: boolean
  timeZones: string[]
  workshopId: string
}) {
  const { form, onSubmit, field } = useSchemaForm(HandoffFormSchema, { defaultValues, serverErrors })
  const err = (name: string) => errorAt(form.formState.errors, name) ?? serverErrors?.[name]
  const checkbox = (name: string) => {
    const value = name.split('.').reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), defaultValues)
    return { ...form.register(name as never), value: 'on', defaultChecked: value === true || value === 'on' }
  }
  const watchedHours = form.watch('businessHours')
  const targets = defaultValues.responseTargets ?? []

  return (
    <section className="card" aria-labelledby="handoff-heading">
      <h2 id="handoff-heading">The agreement</h2>
      {conflict ? <ConflictNote what="the SLA" conflict={conflict} /> : null}
      <FormError message={serverErrors?.form} />
      {serverErrors && !serverErrors.form ? (
        <div className="alert error" role="alert">
          Nothing was saved: {Object.keys(serverErrors).length === 1 ? 'one field needs' : `${Object.keys(serverErrors).length} fields need`} a fix (marked
          below).
        </div>
      ) : null}
      <Form method="post" noValidate onSubmit={onSubmit} className="handoff-form">
        <input type="hidden" {...field('revision')} />
        <fieldset disabled={!canEdit}>
          <legend>Routing and response times</legend>
          <div className="single-field">
            <Field label="Routing" hint="How an MQL reaches a salesperson." error={err('routing')}>
              {(props) => (
                <select {...props} {...field('routing')}>
                  {ROUTING_METHODS.map((method) => (
                    <option key={method} value={method}>
                      {ROUTING_LABELS[method]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <FieldsetError message={err('responseTargets')} />
          <div className="table-wrap">
            <table className="form-table targets">
              <thead>
                <tr>
                  <th scope="col">Priority</th>
                  <th scope="col">Which MQLs</th>
                  <th scope="col">First contact within</th>
                </tr>
              </thead>
              <tbody>
                {targets.map((target, index) => {
                  const name = target.label || PRIORITIES[index]
                  return (
                    <tr key={target.priority ?? index}>
                      <td>
                        <input type="hidden" {...field(`responseTargets.${index}.priority` as never)} />
                        <CellInput label={`${name}: priority name`} error={err(`responseTargets.${index}.label`)}>
                          {(props) => <input {...props} {...field(`responseTargets.${index}.label` as never)} type="text" className="short" />}
                        </CellInput>
                      </td>
                      <td>
                        <CellInput label={`${name}: which MQLs`} error={err(`responseTargets.${index}.description`)}>
                          {(props) => <textarea {...props} {...field(`responseTargets.${index}.description` as never)} rows={3} />}
                        </CellInput>
                      </td>
                      <td>
                        <div className="duration">
                          <CellInput label={`${name} response time`} error={err(`responseTargets.${index}.within.amount`)}>
                            {(props) => <input {...props} {...field(`responseTargets.${index}.within.amount` as never)} type="number" min={1} className="amount" />}
                          </CellInput>
                          <CellInput label={`${name} response time unit`} error={err(`responseTargets.${index}.within.unit`)}>
                            {(props) => (
                              <select {...props} {...field(`responseTargets.${index}.within.unit` as never)}>
                                {SLA_UNITS.map((unit) => (
                                  <option key={unit} value={unit}>
                                    {UNIT_LABELS[unit]}
                                  </option>
                                ))}
                              </select>
                            )}
                          </CellInput>
                        </div>
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
          <p className="muted small">
            The odds of reaching a lead fall sharply after the first five minutes. Business units count only business hours; the others run around the
            clock. Which MQLs are hot follows the grades and fast-track actions of the <Link to={`/workshops/${workshopId}/scoring`}>scoring model</Link>.
          </p>
        </fieldset>

        <fieldset disabled={!canEdit}>
          <legend>Business hours</legend>
          <div className="hours-layout">
            <div>
              <Field label="Time zone" hint="The SLA clock counts business hours in this zone." error={err('timeZone')}>
                {(props) => (
                  <select {...props} {...field('timeZone')}>
                    {timeZones.map((zone) => (
                      <option key={zone} value={zone}>
                        {zone}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <FieldsetError message={err('businessHours')} />
              <table className="form-table hours">
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    <th scope="col">Opens</th>
                    <th scope="col">Closes</th>
                    <th scope="col">Closed</th>
                  </tr>
                </thead>
                <tbody>
                  {WEEKDAYS.map((day) => {
                    const closed = watchedHours?.[day]?.closed
                    const openError = err(`businessHours.${day}.open`)
                    const closeError = err(`businessHours.${day}.close`)
                    // The row is too narrow for a sentence: a day's error gets the row below, tied to its input.
                    const errorId = `hours-${day}-error`
                    return (
                      <Fragment key={day}>
                        <tr className={closed === true || closed === 'on' ? 'closed' : undefined}>
                          <th scope="row">{WEEKDAY_LABELS[day]}</th>
                          <td>
                            <label htmlFor={`hours-${day}-open`} className="visually-hidden">
                              {WEEKDAY_LABELS[day]} opens
                            </label>
                            <input
                              id={`hours-${day}-open`}
                              {...field(`businessHours.${day}.open` as never)}
                              type="text"
                              inputMode="numeric"
                              placeholder="09:00"
                              className="time"
                              aria-invalid={Boolean(openError)}
                              aria-describedby={openError ? errorId : undefined}
                            />
                          </td>
                          <td>
                            <label htmlFor={`hours-${day}-close`} className="visually-hidden">
                              {WEEKDAY_LABELS[day]} closes
                            </label>
                            <input
                              id={`hours-${day}-close`}
                              {...field(`businessHours.${day}.close` as never)}
                              type="text"
                              inputMode="numeric"
                              placeholder="17:30"
                              className="time"
                              aria-invalid={Boolean(closeError)}
                              aria-describedby={closeError ? errorId : undefined}
                            />
                          </td>
                          <td>
                            <label className="choice">
                              <input type="checkbox" {...checkbox(`businessHours.${day}.closed`)} />
                              <span className="visually-hidden">{WEEKDAY_LABELS[day]}</span> closed
                            </label>
                          </td>
                        </tr>
                        {openError || closeError ? (
                          <tr className="row-error">
                            <td colSpan={4}>
                              <span className="field-error" id={errorId} role="alert">
                                {WEEKDAY_LABELS[day]}: {[openError, closeError].filter(Boolean).join(' ')}
                              </span>
                            </td>
                          </tr>
                        ) : null}
                      </Fragment>
                    )
                  })}
                </tbody>
              </table>
              <p className="muted small">24-hour times such as 08:30; 24:00 ends the day. Hours past midnight: split them over two days.</p>
            </div>
            <Field label="Holidays (one date a line, YYYY-MM-DD)" hint="No business hours on these dates." error={err('holidays')}>
              {(props) => <textarea {...props} {...field('holidays')} rows={14} className="mono" />}
            </Field>
          </div>
        </fieldset>

        <fieldset disabled={!canEdit}>
          <legend>Acceptance and follow-up</legend>
          <div className="grid-2">
            <div>
              <p className="label">Sales accepts (SAL) or rejects an MQL within</p>
              <div className="duration">
                <CellInput label="Acceptance window" error={err('acceptanceWindow.amount')}>
                  {(props) => <input {...props} {...field('acceptanceWindow.amount')} type="number" min={1} className="amount" />}
                </CellInput>
                <CellInput label="Acceptance window unit" error={err('acceptanceWindow.unit')}>
                  {(props) => (
                    <select {...props} {...field('acceptanceWindow.unit')}>
                      {SLA_UNITS.map((unit) => (
                        <option key={unit} value={unit}>
                          {UNIT_LABELS[unit]}
                        </option>
                      ))}
                    </select>
                  )}
                </CellInput>
              </div>
            </div>
            <div>
              <div className="grid-2 compact">
                <Field label="Follow-up attempts" error={err('followUp.attempts')}>
                  {(props) => <input {...props} {...field('followUp.attempts')} type="number" min={1} />}
                </Field>
                <Field label="Over how many days" error={err('followUp.overDays')}>
                  {(props) => <input {...props} {...field('followUp.overDays')} type="number" min={1} />}
                </Field>
              </div>
              <div className="field">
                <span className="label" id="channels-label">
                  Channels
                </span>
                <div className="choices" role="group" aria-labelledby="channels-label">
                  {FOLLOW_UP_CHANNELS.map((channel) => (
                    <label key={channel} className="choice">
                      <input type="checkbox" {...checkbox(`followUp.channels.${channel}`)} /> {CHANNEL_LABELS[channel]}
                    </label>
                  ))}
                </div>
                <FieldsetError message={err('followUp.channels')} />
              </div>
            </div>
          </div>
        </fieldset>

        <fieldset disabled={!canEdit}>
          <legend>Rejection and recycling</legend>
          <div className="grid-2">
            <Field label="Rejection reasons (one a line)" hint="Sales must pick one of these when rejecting an MQL." error={err('rejectionReasons')}>
              {(props) => <textarea {...props} {...field('rejectionReasons')} rows={8} />}
            </Field>
            <div>
              <div className="field">
                <span className="label">Recycle to nurture</span>
                <div className="inline-choice">
                  <label className="choice">
                    <input type="checkbox" {...checkbox('recycle.afterAttempts')} /> after
                  </label>
                  <CellInput label="Recycle after this many failed attempts" error={err('recycle.attempts')}>
                    {(props) => <input {...props} {...field('recycle.attempts')} type="number" min={1} className="amount" />}
                  </CellInput>
                  <span>failed attempts</span>
                </div>
              </div>
              <Field
                label="…and after a rejection with one of these reasons (one a line)"
                hint="Each must be one of the rejection reasons. Other rejections end as disqualified."
                error={err('recycle.reasons')}
              >
                {(props) => <textarea {...props} {...field('recycle.reasons')} rows={4} />}
              </Field>
            </div>
          </div>
        </fieldset>

        <fieldset disabled={!canEdit}>
          <legend>Commitments and review</legend>
          <div className="grid-3">
            <Field label="Marketing delivers MQLs per month" error={err('commitments.mqlsPerMonth')}>
              {(props) => <input {...props} {...field('commitments.mqlsPerMonth')} type="number" min={1} />}
            </Field>
            <Field label="Sales contacts within the SLA (% of MQLs)" error={err('commitments.followUpWithinSlaPercent')}>
              {(props) => <input {...props} {...field('commitments.followUpWithinSlaPercent')} type="number" min={1} max={100} />}
            </Field>
            <Field label="Review together" error={err('reviewCadence')}>
              {(props) => (
                <select {...props} {...field('reviewCadence')}>
                  {REVIEW_CADENCES.map((cadence) => (
                    <option key={cadence} value={cadence}>
                      {REVIEW_CADENCE_LABELS[cadence]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Field label="Sales’ follow-up commitment, in words" error={err('commitments.salesFollowUp')}>
            {(props) => <textarea {...props} {...field('commitments.salesFollowUp')} rows={3} />}
          </Field>
        </fieldset>

        {canEdit ? (
          <div className="actions">
            <button type="submit" className="button">
              Save the SLA
            </button>
            <span className="muted small">Saving updates the examples above.</span>
          </div>
        ) : (
          <p className="muted small">You can read the SLA; marketing, sales and the facilitator edit it.</p>
        )}
      </Form>
    </section>
  )
}
