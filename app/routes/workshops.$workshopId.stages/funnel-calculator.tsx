import { Form, Link, useSubmit } from '@remix-run/react'
import { ConflictNote } from '~/components/conflict-note'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { calculatorQuery, funnelFigures } from '~/domain/lifecycle/calculator'
import { CURRENCIES, FunnelFormSchema, PERIOD_OPTIONS, rateFieldsFor, type FunnelFormValues } from '~/domain/lifecycle/forms'
import type { FormAnswer } from '~/http/form-answer'
import type { StageOwner } from '~/components/funnel-chart'
import { ForwardFigures, NeededFigures } from './funnel-figures'

/**
 * The reverse funnel calculator. With JavaScript the figures follow every keystroke; without it,
 * "Update figures" posts and lands on the calculation's own address. Members who edit the
 * lifecycle save the target and the rates from here too.
 */
export function FunnelCalculator({
  defaults,
  answer,
  canEdit,
  mqlCommitment,
  ratesProblem,
  workshopId,
  owners,
  dealSizeFromContext,
}: {
  defaults: FunnelFormValues
  answer?: FormAnswer
  canEdit: boolean
  mqlCommitment: number
  ratesProblem: string | null
  workshopId: string
  owners: Record<string, StageOwner>
  /** The deal size shown is step 1's (nobody has saved a target yet). */
  dealSizeFromContext: boolean
}) {
  const { form, field, errorOf: err, formError } = useSchemaForm(FunnelFormSchema, { defaultValues: defaults, answer })
  const submit = useSubmit()
  // Submit through the button pressed, so its intent (calculate or save) goes with the form.
  const onSubmit = form.handleSubmit((_values, event) => {
    const submitter = (event?.nativeEvent as SubmitEvent | undefined)?.submitter
    if (submitter instanceof HTMLButtonElement) submit(submitter)
    else if (event?.target instanceof HTMLFormElement) submit(event.target)
  })
  const values = form.watch()
  const salEnabled = defaults.salEnabled === 'true'
  const figures = funnelFigures(values)
  const page = `/workshops/${workshopId}/stages`

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
      {answer?.conflict ? <ConflictNote conflict={answer.conflict} /> : null}
      <FormError message={formError} />
      <Form method="post" noValidate onSubmit={onSubmit} action={`${page}#funnel`}>
        <input type="hidden" {...field('revision')} />
        <input type="hidden" {...field('base')} />
        <input type="hidden" {...field('salEnabled')} />
        {Object.entries(defaults.stageRevisions ?? {}).map(([stage, revision]) => (
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
          <Field label="Average deal size" hint={dealSizeFromContext ? 'From step 1 (Context).' : undefined} error={err('averageDealSize')}>
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
                {(props) => <input {...props} {...field(`rates.${rate.key}`)} type="text" inputMode="decimal" />}
              </Field>
            ))}
          </div>
          <p className="muted small">
            {salEnabled ? 'The SAL stage is on.' : 'The SAL stage is off, so MQLs convert straight to SQLs.'} Switch it in the SAL stage above.
          </p>
        </fieldset>

        <div className="funnel-results" aria-live="polite">
          <NeededFigures figures={figures} mqlCommitment={mqlCommitment} workshopId={workshopId} owners={owners} />
        </div>

        <div className="forward-funnel">
          <h3>And the other way round: what this month&apos;s MQLs bring in</h3>
          <div className="forward-grid">
            <Field label="MQLs this month" hint="Starts at marketing’s SLA commitment." error={err('mqlsThisMonth')}>
              {(props) => <input {...props} {...field('mqlsThisMonth')} type="text" inputMode="numeric" />}
            </Field>
            <ForwardFigures figures={figures} />
          </div>
          {figures.ok && figures.forward.ok ? <p className="muted small">Expected values (averages), not rounded: 7.5 customers a month means 15 every two months.</p> : null}
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
          <Link to={`${page}?${calculatorQuery(values)}#funnel`} className="small">
            Link to these figures
          </Link>
        </div>
      </Form>
    </section>
  )
}
