import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation, useSubmit } from '@remix-run/react'
import { ConflictNote } from '~/components/conflict-note'
import { FunnelChart } from '~/components/funnel-chart'
import { Field, FormError, useSchemaForm } from '~/components/form'
import type { FunnelRateKey } from '~/domain/lifecycle/funnel'
import {
  CURRENCIES,
  funnelFigures,
  FunnelFormSchema,
  funnelToForm,
  PERIOD_OPTIONS,
  RATE_FIELDS,
  rateFieldsFor,
  StageFormSchema,
  stageToForm,
  type FunnelFormValues,
  type StageFormValues,
} from '~/domain/lifecycle/forms'
import { percentText } from '~/domain/lifecycle/numbers'
import { FUNNEL_STAGE_KEYS, STAGE_OWNERS, type LifecycleStageKey, type StageOwner } from '~/domain/lifecycle/stages'
import { unflatten, validateFormData, readFormData } from '~/form.server'
import { getHandoff, getLifecycle, saveFunnelTarget, saveStage, type StageRow } from '~/models/lifecycle.server'
import { requireMember } from '~/http/permissions.server'

export const meta: MetaFunction = () => [{ title: 'Lifecycle stages · Leadpact' }]

const EDITORS = ['facilitator', 'marketing', 'sales'] as const
const OWNER_LABELS: Record<StageOwner, string> = { marketing: 'Marketing', sales: 'Sales', shared: 'Shared' }
const SHORT_LABELS: Record<LifecycleStageKey, string> = {
  lead: 'Lead',
  mql: 'MQL',
  sal: 'SAL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  customer: 'Customer',
  recycled: 'Recycled',
  disqualified: 'Disqualified',
}
const TERMINAL: readonly LifecycleStageKey[] = ['customer', 'disqualified']

/** Where a stage's conversion rate leads: the next *enabled* funnel stage (or back to MQL for Recycled). */
function nextStageOf(key: LifecycleStageKey, salEnabled: boolean): string | null {
  const chain = FUNNEL_STAGE_KEYS.filter((candidate) => candidate !== 'sal' || salEnabled)
  if (key === 'recycled') return 'MQL (comes back)'
  const index = chain.indexOf(key as (typeof chain)[number])
  if (index === -1) return key === 'sal' ? 'SQL' : null
  const next = chain[index + 1]
  return next ? SHORT_LABELS[next] : null
}

function stageView(stage: StageRow, salEnabled: boolean) {
  return {
    key: stage.key,
    revision: stage.revision,
    label: stage.label,
    definition: stage.definition,
    entryCriteria: stage.entryCriteria,
    exitCriteria: stage.exitCriteria,
    owner: stage.owner,
    enabled: stage.enabled,
    ratePercent: stage.conversionRateToNext === null ? null : percentText(stage.conversionRateToNext),
    next: nextStageOf(stage.key, salEnabled),
    typicalDays: stage.typicalDays,
    side: !(FUNNEL_STAGE_KEYS as readonly string[]).includes(stage.key),
  }
}
type StageView = ReturnType<typeof stageView>

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const [lifecycle, handoff] = await Promise.all([getLifecycle(member.workshopId), getHandoff(member.workshopId)])
  const editKey = new URL(request.url).searchParams.get('edit')
  const editing = lifecycle.stages.find((stage) => stage.key === editKey)
  return json({
    workshopId: member.workshopId,
    canEdit: (EDITORS as readonly string[]).includes(member.role),
    salEnabled: lifecycle.salEnabled,
    stages: lifecycle.stages.map((stage) => stageView(stage, lifecycle.salEnabled)),
    editing: editing ? stageToForm(editing) : null,
    funnelForm: funnelToForm({
      revision: lifecycle.target.revision,
      target: lifecycle.target,
      salEnabled: lifecycle.salEnabled,
      stages: lifecycle.stages,
      mqlsThisMonth: handoff.commitments.mqlsPerMonth,
    }),
    mqlCommitment: handoff.commitments.mqlsPerMonth,
    ratesProblem: lifecycle.rates.ok ? null : lifecycle.rates.message,
  })
}

type Difference = { label: string; theirs: string; yours: string }

type ActionData = {
  saved?: string
  stageErrors?: Record<string, string>
  stageValues?: StageFormValues
  stageConflict?: { by: string | null; differences: Difference[] }
  funnelErrors?: Record<string, string>
  funnelValues?: FunnelFormValues
  funnelConflict?: { by: string | null; differences: Difference[] }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readFormData(request)
  const intent = String(formData.get('intent') ?? '')
  // "Update figures" only computes (it is how the calculator works without JavaScript), so any member may post it.
  const member = await requireMember(request, params.workshopId, intent === 'calculate' ? 'read' : 'edit-lifecycle')

  if (intent === 'save-stage') {
    const form = validateFormData(formData, StageFormSchema)
    const values = form.values as StageFormValues
    if (!form.ok) return json<ActionData>({ stageErrors: form.errors, stageValues: values }, { status: 400 })
    const saved = await saveStage({ workshopId: member.workshopId, userId: member.user.id, revision: form.data.revision, stage: form.data.stage })
    if (saved.ok) return json<ActionData>({ saved: [`Saved the ${saved.value.label} stage.`, saved.note].filter(Boolean).join(' ') })
    if (saved.reason === 'invalid') return json<ActionData>({ stageErrors: saved.errors, stageValues: values }, { status: 400 })
    if (saved.reason === 'not-found') throw new Response('No such stage', { status: 404 })
    const theirs = saved.current
    const mine = form.data.stage
    const differences: Difference[] = []
    const compare = (label: string, a: string, b: string) => a !== b && differences.push({ label, theirs: a, yours: b })
    compare('Name', theirs.label, mine.label)
    compare('Owner', OWNER_LABELS[theirs.owner], OWNER_LABELS[mine.owner])
    compare('Target rate to the next stage', rateText(theirs.conversionRateToNext), rateText(mine.conversionRateToNext))
    compare('Typical days', String(theirs.typicalDays ?? '—'), String(mine.typicalDays ?? '—'))
    compare('Switched on', theirs.enabled ? 'yes' : 'no', mine.enabled ? 'yes' : 'no')
    compare('Definition', theirs.definition, mine.definition)
    compare('Entry criteria', theirs.entryCriteria, mine.entryCriteria)
    compare('Exit criteria', theirs.exitCriteria, mine.exitCriteria)
    return json<ActionData>(
      { stageConflict: { by: theirs.updatedByName, differences }, stageValues: { ...values, revision: String(theirs.revision) } },
      { status: 409 },
    )
  }

  if (intent === 'calculate' || intent === 'save-target') {
    const form = validateFormData(formData, FunnelFormSchema)
    const values = form.values as FunnelFormValues
    if (!form.ok) return json<ActionData>({ funnelErrors: form.errors, funnelValues: values }, { status: 400 })
    if (intent === 'calculate') return json<ActionData>({ funnelValues: values })
    const saved = await saveFunnelTarget({ workshopId: member.workshopId, userId: member.user.id, ...form.data })
    if (saved.ok) return json<ActionData>({ saved: 'Saved the revenue target and the conversion rates.' })
    if (saved.reason === 'not-found') throw new Response('Not found', { status: 404 })
    const { target, stages } = saved.current
    const money = (amount: number, currency: string) => `${currency} ${amount.toLocaleString('en')}`
    const differences: Difference[] = []
    const compare = (label: string, a: string, b: string) => a !== b && differences.push({ label, theirs: a, yours: b })
    compare('Revenue target', money(target.revenueTarget, target.currency), money(form.data.target.revenueTarget, form.data.target.currency))
    compare('Period', `${target.periodMonths} months`, `${form.data.target.periodMonths} months`)
    compare('Average deal size', money(target.averageDealSize, target.currency), money(form.data.target.averageDealSize, form.data.target.currency))
    for (const rate of form.data.rates) {
      const stage = stages.find((candidate) => candidate.key === rate.stage)
      const field = rateFieldsFor(values.salEnabled === 'true').find((candidate) => candidate.stage === rate.stage)
      compare(field?.label ?? rate.stage, rateText(stage?.conversionRateToNext ?? null), rateText(rate.rate))
    }
    const salEnabled = stages.find((stage) => stage.key === 'sal')?.enabled ?? false
    const fresh = funnelToForm({ revision: target.revision, target, salEnabled, stages, mqlsThisMonth: null })
    return json<ActionData>(
      {
        funnelConflict: { by: saved.current.updatedByName, differences },
        // Keep what the person typed, at the revisions that now stand: saving again replaces theirs knowingly.
        funnelValues: { ...values, revision: fresh.revision, stageRevisions: fresh.stageRevisions, salEnabled: fresh.salEnabled },
      },
      { status: 409 },
    )
  }

  return json<ActionData>({ stageErrors: { form: 'This form is out of date: reload the page.' } }, { status: 400 })
}

/** react-hook-form keeps client errors nested by path (`rates.leadToMql` → errors.rates.leadToMql). */
function errorAt(errors: unknown, name: string): string | undefined {
  const node = name.split('.').reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), errors)
  const message = node && typeof node === 'object' ? (node as { message?: unknown }).message : undefined
  return typeof message === 'string' ? message : undefined
}

function rateText(rate: number | null) {
  return rate === null ? '—' : `${percentText(rate)} %`
}

export default function StagesPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const base = useLocation().pathname
  const editorOpen = data.editing && data.canEdit && !actionData?.saved
  const funnelStages = data.stages.filter((stage) => !stage.side)
  const sideStages = data.stages.filter((stage) => stage.side)
  const renderStage = (stage: StageView) =>
    editorOpen && data.editing?.key === stage.key ? (
      <StageEditor
        key={`${stage.key}-${actionData?.stageValues?.revision ?? stage.revision}`}
        stage={stage}
        defaultValues={actionData?.stageValues ?? data.editing}
        serverErrors={actionData?.stageErrors}
        conflict={actionData?.stageConflict}
        cancelTo={`${base}#stage-${stage.key}`}
      />
    ) : (
      <StageCard key={stage.key} stage={stage} workshopId={data.workshopId} editHref={data.canEdit ? `${base}?edit=${stage.key}#stage-${stage.key}` : null} />
    )

  return (
    <div className="stack">
      <div>
        <p className="eyebrow">Step 6</p>
        <h2>Lifecycle stages</h2>
        <p className="muted">
          The stages a lead moves through, what each one means, who owns it, and the share that should move on. The calculator below works back from
          the revenue target to the leads you need each month.
        </p>
      </div>
      {actionData?.saved ? (
        <div className="alert success" role="status">
          {actionData.saved}
        </div>
      ) : null}

      <section className="card" aria-labelledby="stages-heading">
        <h2 id="stages-heading">From lead to customer</h2>
        <ol className="stage-flow">
          {funnelStages.map((stage) => (
            <li key={stage.key}>{renderStage(stage)}</li>
          ))}
        </ol>
        <h3 className="side-heading">Side stages</h3>
        <ul className="stage-flow side">
          {sideStages.map((stage) => (
            <li key={stage.key}>{renderStage(stage)}</li>
          ))}
        </ul>
      </section>

      <FunnelCalculator
        key={`${data.funnelForm.revision}-${JSON.stringify(data.funnelForm.stageRevisions)}-${actionData?.funnelValues?.revision ?? ''}`}
        defaultValues={actionData?.funnelValues ?? data.funnelForm}
        serverErrors={actionData?.funnelErrors}
        conflict={actionData?.funnelConflict}
        canEdit={data.canEdit}
        mqlCommitment={data.mqlCommitment}
        ratesProblem={data.ratesProblem}
        workshopId={data.workshopId}
      />
    </div>
  )
}

function StageCard({ stage, workshopId, editHref }: { stage: StageView; workshopId: string; editHref: string | null }) {
  const terminal = TERMINAL.includes(stage.key)
  return (
    <article className={`stage-card${stage.enabled ? '' : ' off'}`} id={`stage-${stage.key}`} aria-labelledby={`stage-${stage.key}-name`}>
      <div className="stage-card-head">
        <h3 id={`stage-${stage.key}-name`}>{stage.label}</h3>
        <span className={`badge ${stage.owner}`}>{OWNER_LABELS[stage.owner]}</span>
        {stage.enabled ? null : <span className="badge">Switched off</span>}
        {editHref ? (
          <Link to={editHref} className="button secondary small stage-edit" aria-label={`Edit the ${stage.label} stage`}>
            Edit
          </Link>
        ) : null}
      </div>
      {stage.enabled ? null : (
        <p className="muted small">Not used: MQLs go straight to SQL, and the MQL stage&apos;s rate is MQL → SQL.</p>
      )}
      <p>{stage.definition}</p>
      <dl className="stage-facts">
        <div>
          <dt>Enters when</dt>
          <dd>{stage.entryCriteria}</dd>
        </div>
        <div>
          <dt>Leaves when</dt>
          <dd>{stage.exitCriteria}</dd>
        </div>
      </dl>
      {terminal ? null : (
        <p className="stage-metrics">
          <span>
            Target rate to {stage.next ?? 'the next stage'}: <strong data-testid={`rate-${stage.key}`}>{stage.ratePercent === null ? 'not set' : `${stage.ratePercent} %`}</strong>
          </span>
          <span>
            Typical time in stage:{' '}
            <strong>{stage.typicalDays === null ? 'not set' : `${stage.typicalDays} ${stage.typicalDays === 1 ? 'day' : 'days'}`}</strong>
          </span>
        </p>
      )}
      {stage.key === 'mql' ? (
        <p className="stage-links small">
          What exactly makes an MQL is agreed in <Link to={`/workshops/${workshopId}/criteria`}>step 4, qualifying criteria</Link> (required information,
          disqualifiers) and <Link to={`/workshops/${workshopId}/scoring`}>step 5, the scoring model</Link> (thresholds, fast-track actions).
        </p>
      ) : null}
      {stage.key === 'sql' ? (
        <p className="stage-links small">
          The SQL questions and how many must hold are in <Link to={`/workshops/${workshopId}/criteria`}>step 4, qualifying criteria</Link>; see them
          scored in <Link to={`/workshops/${workshopId}/scoring`}>step 5</Link>.
        </p>
      ) : null}
    </article>
  )
}

function StageEditor({
  stage,
  defaultValues,
  serverErrors,
  conflict,
  cancelTo,
}: {
  stage: StageView
  defaultValues: StageFormValues
  serverErrors?: Record<string, string>
  conflict?: { by: string | null; differences: Difference[] }
  cancelTo: string
}) {
  const { form, onSubmit, field } = useSchemaForm(StageFormSchema, { defaultValues, serverErrors })
  const clientErrors = form.formState.errors as Record<string, { message?: string } | undefined>
  const err = (name: string) => clientErrors[name]?.message ?? serverErrors?.[name]
  const terminal = TERMINAL.includes(stage.key)
  const switchable = stage.key === 'sal'
  return (
    <div className="stage-card editing" id={`stage-${stage.key}`}>
      <h3>Edit the {stage.label} stage</h3>
      {conflict ? <ConflictNote what="this stage" conflict={conflict} /> : null}
      <FormError message={serverErrors?.form} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="intent" value="save-stage" />
        <input type="hidden" {...field('key')} />
        <input type="hidden" {...field('revision')} />
        {switchable ? (
          <div className="field">
            <label className="choice">
              <input type="checkbox" value="on" {...form.register('enabled')} defaultChecked={Boolean(defaultValues.enabled)} /> Use the SAL stage (sales
              accepts or rejects each MQL before qualifying it)
            </label>
            {err('enabled') ? <span className="field-error">{err('enabled')}</span> : null}
            <span className="hint small muted">Switching it off keeps MQL → SQL the same: the MQL rate becomes MQL → SAL × SAL → SQL.</span>
          </div>
        ) : (
          <input type="hidden" name="enabled" value="on" />
        )}
        <div className="grid-2">
          <Field label="Name" error={err('label')}>
            {(props) => <input {...props} {...field('label')} type="text" />}
          </Field>
          <Field label="Owning team" error={err('owner')}>
            {(props) => (
              <select {...props} {...field('owner')}>
                {STAGE_OWNERS.map((owner) => (
                  <option key={owner} value={owner}>
                    {OWNER_LABELS[owner]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label="Definition in plain language" error={err('definition')}>
          {(props) => <textarea {...props} {...field('definition')} rows={3} />}
        </Field>
        <div className="grid-2">
          <Field label="Entry criteria (enters when…)" error={err('entryCriteria')}>
            {(props) => <textarea {...props} {...field('entryCriteria')} rows={3} />}
          </Field>
          <Field label="Exit criteria (leaves when…)" error={err('exitCriteria')}>
            {(props) => <textarea {...props} {...field('exitCriteria')} rows={3} />}
          </Field>
        </div>
        {terminal ? (
          <p className="muted small">{stage.label} ends the journey: it has no conversion rate and no typical time.</p>
        ) : (
          <div className="grid-3">
            <Field
              label={stage.key === 'recycled' ? 'Share that comes back as MQLs (%)' : `Target conversion rate to ${stage.next ?? 'the next stage'} (%)`}
              hint={stage.key === 'recycled' ? 'Optional.' : 'For example 25 for 25 %.'}
              error={err('conversionRatePercent')}
            >
              {(props) => <input {...props} {...field('conversionRatePercent')} type="text" inputMode="decimal" />}
            </Field>
            <Field label="Typical days in this stage" hint="How long a lead usually stays here." error={err('typicalDays')}>
              {(props) => <input {...props} {...field('typicalDays')} type="number" min={0} />}
            </Field>
          </div>
        )}
        <div className="actions">
          <button type="submit" className="button">
            Save stage
          </button>
          <Link to={cancelTo} className="button secondary">
            Cancel
          </Link>
        </div>
      </Form>
    </div>
  )
}

const FIELD_LABELS: Record<string, string> = {
  revenueTarget: 'Revenue target',
  periodMonths: 'Period',
  averageDealSize: 'Average deal size',
  currency: 'Currency',
  form: 'Calculator',
  ...Object.fromEntries(RATE_FIELDS.map((field) => [`rates.${field.key}`, field.label])),
}

function FunnelCalculator({
  defaultValues,
  serverErrors,
  conflict,
  canEdit,
  mqlCommitment,
  ratesProblem,
  workshopId,
}: {
  defaultValues: FunnelFormValues
  serverErrors?: Record<string, string>
  conflict?: { by: string | null; differences: Difference[] }
  canEdit: boolean
  mqlCommitment: number
  ratesProblem: string | null
  workshopId: string
}) {
  const { form, field } = useSchemaForm(FunnelFormSchema, { defaultValues, serverErrors })
  const submit = useSubmit()
  // Submit through the button pressed, so its intent (calculate or save) goes with the form.
  const onSubmit = form.handleSubmit((_values, event) => {
    const submitter = (event?.nativeEvent as SubmitEvent | undefined)?.submitter
    if (submitter instanceof HTMLButtonElement) submit(submitter)
    else if (event?.target instanceof HTMLFormElement) submit(event.target)
  })
  const err = (name: string) => errorAt(form.formState.errors, name) ?? serverErrors?.[name]
  const values = form.watch()
  const salEnabled = defaultValues.salEnabled === 'true'
  const figures = funnelFigures(values)
  const currency = figures.ok ? figures.target.currency : (defaultValues.currency ?? 'EUR')
  const money = (amount: number) => new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount)
  const count = (amount: number) => amount.toLocaleString('en', { maximumFractionDigits: 1 })

  const reverse = figures.ok ? figures.reverse : null
  const rows = reverse
    ? [
        { key: 'lead', label: 'Leads', count: reverse.perMonth.leads },
        { key: 'mql', label: 'MQLs', count: reverse.perMonth.mqls },
        ...(reverse.perMonth.sals === null ? [] : [{ key: 'sal', label: 'SALs', count: reverse.perMonth.sals }]),
        { key: 'sql', label: 'SQLs', count: reverse.perMonth.sqls },
        { key: 'opportunity', label: 'Opportunities', count: reverse.perMonth.opportunities },
        { key: 'customer', label: 'Customers', count: reverse.perMonth.customers },
      ].map((row) => {
        const used = reverse.ratesUsed.find((rate) => rate.from === row.key)
        return { ...row, rateToNext: used ? `${percentText(used.rate)} % → ${used.label.split(' → ')[1]}` : null }
      })
    : []
  const forward = figures.ok && figures.forward.ok ? figures.forward.value : null
  const forwardIssue = figures.ok && !figures.forward.ok ? (figures.forward.reason === 'invalid-input' ? figures.forward.issues[0]?.message : figures.forward.message) : null

  return (
    <section className="card" aria-labelledby="funnel-heading" id="funnel">
      <h2 id="funnel-heading">Reverse funnel calculator</h2>
      <p className="muted small">
        From the revenue target back to what you need each month, using the stages&apos; target conversion rates. Change a number and the figures follow
        {canEdit ? '; save to make it the workshop’s target (changed rates are saved to their stages).' : '.'}
      </p>
      {ratesProblem ? (
        <div className="alert warn" role="alert">
          {ratesProblem}
        </div>
      ) : null}
      {conflict ? <ConflictNote what="the target or a rate" conflict={conflict} /> : null}
      <FormError message={serverErrors?.form} />
      <Form method="post" noValidate onSubmit={onSubmit} action={`/workshops/${workshopId}/stages#funnel`}>
        <input type="hidden" {...field('revision')} />
        <input type="hidden" {...field('salEnabled')} />
        {Object.entries(defaultValues.stageRevisions ?? {}).map(([stage, revision]) => (
          <input key={stage} type="hidden" name={`stageRevisions.${stage}`} value={revision} />
        ))}
        <div className="grid-4">
          <Field label="Revenue target" error={err('revenueTarget')}>
            {(props) => <input {...props} {...field('revenueTarget')} type="text" inputMode="numeric" />}
          </Field>
          <Field label="Period" error={err('periodMonths')}>
            {(props) => (
              <select {...props} {...field('periodMonths')}>
                {PERIOD_OPTIONS.map((option) => (
                  <option key={option.months} value={option.months}>
                    {option.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Average deal size" error={err('averageDealSize')}>
            {(props) => <input {...props} {...field('averageDealSize')} type="text" inputMode="numeric" />}
          </Field>
          <Field label="Currency" error={err('currency')}>
            {(props) => (
              <select {...props} {...field('currency')}>
                {CURRENCIES.map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <fieldset>
          <legend>Target conversion rates (%)</legend>
          <div className="rate-grid">
            {rateFieldsFor(salEnabled).map((rate) => (
              <Field key={rate.key} label={rate.label} error={err(`rates.${rate.key}`)}>
                {(props) => <input {...props} {...field(`rates.${rate.key as FunnelRateKey}`)} type="text" inputMode="decimal" />}
              </Field>
            ))}
          </div>
          <p className="muted small">
            {salEnabled ? 'The SAL stage is on.' : 'The SAL stage is off, so MQLs convert straight to SQLs.'} Switch it in the SAL stage above.
          </p>
        </fieldset>

        <div className="funnel-results" aria-live="polite">
          {figures.ok && reverse ? (
            <>
              <div>
                <h3>Needed every month</h3>
                <div className="table-wrap">
                  <table className="funnel-table">
                    <thead>
                      <tr>
                        <th scope="col">Stage</th>
                        <th scope="col" className="num">
                          Per month
                        </th>
                        <th scope="col">Rate used</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((row) => (
                        <tr key={row.key}>
                          <th scope="row">{row.label}</th>
                          <td className="num" data-testid={`needed-${row.key}`}>
                            {row.count.toLocaleString('en')}
                          </td>
                          <td className="muted small">{row.rateToNext ?? '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <p className="small">
                  Revenue per month: <strong>{money(reverse.revenuePerMonth)}</strong> ({money(figures.target.revenueTarget)} over {figures.target.periodMonths}{' '}
                  {figures.target.periodMonths === 1 ? 'month' : 'months'}). Counts are rounded up stage by stage, so these leads are expected to bring{' '}
                  {money(reverse.expectedRevenuePerMonth)} a month.
                </p>
                <p className="small">
                  {mqlCommitment >= reverse.perMonth.mqls ? <span className="badge ok">Covered</span> : <span className="badge warn">Short</span>} Marketing
                  commits to {mqlCommitment.toLocaleString('en')} MQLs a month in the <Link to={`/workshops/${workshopId}/sla`}>handoff SLA</Link>; this
                  target needs {reverse.perMonth.mqls.toLocaleString('en')}.
                </p>
              </div>
              <FunnelChart bars={rows} title="Needed per month, from leads to customers" />
            </>
          ) : (
            <div className="alert error" role="alert" data-testid="funnel-problems">
              <p>The figures need a fix first:</p>
              <ul>
                {(figures.ok ? [] : figures.issues).map((issue) => (
                  <li key={issue.path}>
                    {FIELD_LABELS[issue.path] ?? issue.path}: {issue.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>

        <div className="forward-funnel">
          <h3>And the other way round: what this month&apos;s MQLs bring in</h3>
          <div className="forward-grid">
            <Field label="MQLs this month" hint="Starts at marketing’s SLA commitment." error={err('mqlsThisMonth')}>
              {(props) => <input {...props} {...field('mqlsThisMonth')} type="text" inputMode="numeric" />}
            </Field>
            {forward ? (
              <dl className="forward-figures" data-testid="forward-figures">
                {forward.perMonth.sals !== null ? (
                  <div>
                    <dt>SALs</dt>
                    <dd>{count(forward.perMonth.sals)}</dd>
                  </div>
                ) : null}
                <div>
                  <dt>SQLs</dt>
                  <dd>{count(forward.perMonth.sqls)}</dd>
                </div>
                <div>
                  <dt>Opportunities</dt>
                  <dd>{count(forward.perMonth.opportunities)}</dd>
                </div>
                <div>
                  <dt>Customers</dt>
                  <dd>{count(forward.perMonth.customers)}</dd>
                </div>
                <div>
                  <dt>Revenue</dt>
                  <dd data-testid="forward-revenue">{money(forward.revenuePerMonth)}</dd>
                </div>
              </dl>
            ) : (
              <p className="muted">{forwardIssue ?? 'Fix the figures above first.'}</p>
            )}
          </div>
          {forward ? <p className="muted small">Expected values (averages), not rounded: 7.5 customers a month means 15 every two months.</p> : null}
        </div>

        <div className="actions">
          <button type="submit" name="intent" value="calculate" className="button secondary no-js-only">
            Update figures
          </button>
          {canEdit ? (
            <button type="submit" name="intent" value="save-target" className="button">
              Save target and rates
            </button>
          ) : null}
        </div>
      </Form>
    </section>
  )
}
