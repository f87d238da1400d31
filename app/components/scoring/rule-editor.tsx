import { Form, Link } from '@remix-run/react'
import { get, useFieldArray } from 'react-hook-form'
import { TIME_DIRECTIONS, type RuleSection } from '~/domain/scoring-model/model'
import {
  BLANK_ACTIVITY_CLAUSE,
  BLANK_CLAUSE,
  boundHint,
  RuleFormSchema,
  SECTION_LABELS,
  TIME_LABELS,
  type ActivityClauseValues,
  type ClauseValues,
  type RuleFormValues,
} from '~/domain/scoring-model/rule-form'
import type { FormAnswer } from '~/http/form-answer'
import { Field, FormError, useSchemaForm } from '../form'
import { ActivityClause, ClauseRow, propertyCandidates, WhereRows, type ActivityOption, type Candidate } from './condition-rows'

/**
 * Adds or edits one rule (the criteria and scoring pages). Posts without JavaScript (blank
 * condition rows are ignored by the server); with JavaScript rows can be added and removed and
 * the form validates first. `answer` is the action's FormAnswer for `save-rule`: a refused save
 * refills the form and shows its errors.
 */
export function RuleEditor({
  title,
  sections,
  fields,
  activities,
  defaultValues,
  answer,
  ruleId,
  revision,
  cancelTo,
  allowActivity,
  modelHalfLife = null,
}: {
  title: string
  sections: readonly RuleSection[]
  fields: readonly Candidate[]
  activities: readonly ActivityOption[]
  defaultValues: Partial<RuleFormValues> & Pick<RuleFormValues, 'section' | 'label'>
  answer?: FormAnswer
  ruleId?: string
  revision?: number
  cancelTo: string
  allowActivity: boolean
  /** The model's half-life, which an activity rule uses unless it has its own. */
  modelHalfLife?: number | null
}) {
  // What a refused save sent, else the rule as stored; plus empty rows to write more conditions in.
  const shown = { ...defaultValues, ...answer?.values } as RuleFormValues
  const shownClauses = shown.clauses ?? []
  const initialClauses = [...shownClauses, BLANK_CLAUSE, ...(shownClauses.length === 0 ? [BLANK_CLAUSE] : [])]
  // Activity conditions: the rule's own, then one empty one (inside "Add a condition on what the lead did").
  // A refused post sends every row back, the empty one too: keep those with an activity ticked (rows keep their indexes up to there).
  const sentActivityClauses = (shown.activityClauses ?? []) as Partial<ActivityClauseValues>[]
  const isTicked = (clause: Partial<ActivityClauseValues>) => Object.values(clause.types ?? {}).some((value) => value === 'on' || value === 'true')
  const lastTicked = sentActivityClauses.reduce((last, clause, index) => (isTicked(clause) ? index : last), -1)
  const shownActivityClauses = sentActivityClauses.slice(0, lastTicked + 1).map((clause) => ({ ...BLANK_ACTIVITY_CLAUSE, ...clause, types: clause.types ?? {}, where: clause.where ?? [] }))
  const initialActivityClauses = [...shownActivityClauses, BLANK_ACTIVITY_CLAUSE].map((clause) => ({ ...clause, where: [...(clause.where ?? []), BLANK_CLAUSE] }))
  const shownWhere = (shown.where ?? []) as ClauseValues[]
  const whereRows = shownWhere.length + 1
  const { form, onSubmit, field, errorOf, formError } = useSchemaForm(RuleFormSchema, {
    defaultValues: {
      time: 'any',
      decay: 'model',
      ...shown,
      clauses: initialClauses,
      activityClauses: initialActivityClauses,
      where: [...shownWhere, BLANK_CLAUSE],
    } as never,
    answer: { errors: answer?.errors },
  })
  const clauses = useFieldArray({ control: form.control, name: 'clauses' as never })
  const section = form.watch('section') as RuleSection
  const basis = form.watch('basis')
  const chosenActivity = form.watch('activity') as string | undefined
  const pointed = section === 'fit' || section === 'engagement'
  const activityBased = allowActivity && basis === 'activity' && (section === 'engagement' || section === 'fastTrack')
  const errors = answer?.errors ?? {}
  const blankActivityClauseOpen = Object.keys(errors).some((key) => key.startsWith(`activityClauses.${shownActivityClauses.length}.`))
  const rows = {
    field: field as never,
    register: form.register as never,
    watch: (name: string) => form.watch(name as never),
    errorOf,
    negatedAt: (name: string) => Boolean(get(shown, `${name}.negate`)),
  }
  return (
    <div className="card rule-editor" id="rule-editor">
      <h3>{title}</h3>
      <FormError message={formError} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="intent" value="save-rule" />
        {ruleId ? <input type="hidden" name="ruleId" value={ruleId} /> : null}
        {revision !== undefined ? <input type="hidden" name="revision" value={revision} /> : null}
        <div className="grid-3">
          {sections.length > 1 ? (
            <Field label="Kind of rule" error={errorOf('section')}>
              {(props) => (
                <select {...props} {...field('section')}>
                  {sections.map((option) => (
                    <option key={option} value={option}>
                      {SECTION_LABELS[option]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : (
            <input type="hidden" {...field('section')} />
          )}
          <Field label="Label" hint="What a salesperson reads, e.g. “VP or C-level in finance”." error={errorOf('label')}>
            {(props) => <input {...props} {...field('label')} type="text" />}
          </Field>
          {pointed ? (
            <Field label="Points" hint="Negative points lower the score." error={errorOf('points')}>
              {(props) => <input {...props} {...field('points')} type="number" step={1} />}
            </Field>
          ) : null}
        </div>

        {allowActivity ? (
          <fieldset>
            <legend>Based on</legend>
            <label className="choice">
              <input type="radio" value="condition" {...form.register('basis')} defaultChecked={shown.basis !== 'activity'} /> What we
              know about the lead (a condition on its fields)
            </label>
            <label className="choice">
              <input type="radio" value="activity" {...form.register('basis')} defaultChecked={shown.basis === 'activity'} /> What the
              lead did (an activity)
            </label>
          </fieldset>
        ) : (
          <input type="hidden" name="basis" value="condition" />
        )}

        {allowActivity ? (
          <div data-collapsed={!activityBased}>
            <div className="grid-3">
              <Field label="Activity" error={errorOf('activity')}>
                {(props) => (
                  <select {...props} {...field('activity')}>
                    <option value="">Pick an activity…</option>
                    {activities.map((activity) => (
                      <option key={activity.key} value={activity.key}>
                        {activity.label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {section === 'engagement' ? (
                <>
                  <Field label="Counts activities" error={errorOf('time')}>
                    {(props) => (
                      <select {...props} {...field('time')}>
                        {TIME_DIRECTIONS.map((time) => (
                          <option key={time} value={time}>
                            {TIME_LABELS[time]}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field label="Within (days)" hint="Back from now; ahead for scheduled ones. Empty: any age." error={errorOf('withinDays')}>
                    {(props) => <input {...props} {...field('withinDays')} type="number" min={1} />}
                  </Field>
                  <Field label="Cap (max points from this rule)" hint="Empty: no cap." error={errorOf('maxPoints')}>
                    {(props) => <input {...props} {...field('maxPoints')} type="number" min={1} />}
                  </Field>
                  <Field label="Points fade" error={errorOf('decay')}>
                    {(props) => (
                      <select {...props} {...field('decay')}>
                        <option value="model">{modelHalfLife === null ? 'as the model says (no decay)' : `as the model says (half-life ${modelHalfLife} days)`}</option>
                        <option value="own">with this rule’s own half-life</option>
                        <option value="none">never (no decay for this rule)</option>
                      </select>
                    )}
                  </Field>
                  <Field label="This rule’s half-life (days)" hint="Only with its own half-life." error={errorOf('halfLifeDays')}>
                    {(props) => <input {...props} {...field('halfLifeDays')} type="number" min={1} />}
                  </Field>
                  <Field label="From (date)" hint={boundHint('since', shown.sinceStored)} error={errorOf('since')}>
                    {(props) => <input {...props} {...field('since')} type="date" />}
                  </Field>
                  <Field label="Until (date, inclusive)" hint={boundHint('until', shown.untilStored)} error={errorOf('until')}>
                    {(props) => <input {...props} {...field('until')} type="date" />}
                  </Field>
                  <input type="hidden" {...field('sinceStored')} />
                  <input type="hidden" {...field('untilStored')} />
                </>
              ) : section === 'fastTrack' ? (
                <Field label="Only if within the last (days)" hint="Empty: whenever it happened." error={errorOf('withinDays')}>
                  {(props) => <input {...props} {...field('withinDays')} type="number" min={1} />}
                </Field>
              ) : null}
            </div>
            {section === 'engagement' ? (
              <fieldset>
                <legend>Only activities with these properties</legend>
                <WhereRows name="where" rows={whereRows} candidates={propertyCandidates(activities, chosenActivity ? [chosenActivity] : [])} form={rows} />
              </fieldset>
            ) : null}
          </div>
        ) : null}

        <fieldset data-collapsed={activityBased}>
          <legend>Conditions</legend>
          <div className="choice">
            <label htmlFor="combinator">The rule holds when</label>
            <select id="combinator" {...field('combinator')} style={{ width: 'auto' }}>
              <option value="all">all conditions hold</option>
              <option value="any">any condition holds</option>
            </select>
          </div>
          <p className="hint small muted">
            Lists: separate values with commas. Ranges (“is between”): write 50–500. Dates: 2025-01-01. Empty rows are ignored.
          </p>
          <div className="clauses">
            {clauses.fields.map((row, index) => (
              <ClauseRow
                key={row.id}
                name={`clauses.${index}`}
                title={`Condition ${index + 1}: field`}
                pick="Field…"
                candidates={fields}
                form={rows}
                negated={Boolean(shownClauses[index]?.negate)}
                onRemove={() => clauses.remove(index)}
              />
            ))}
          </div>
          <button type="button" className="button secondary small js-only" onClick={() => clauses.append(BLANK_CLAUSE as never)}>
            Add another condition
          </button>
          {activities.length ? (
            <div className="activity-clauses">
              <p className="small muted">Conditions on what the lead did (untick every activity to drop one):</p>
              {shownActivityClauses.map((clause, index) => (
                <ActivityClause key={index} index={index} activities={activities} shown={clause} form={rows} />
              ))}
              <details className="add-activity-clause" open={blankActivityClauseOpen}>
                <summary>Add a condition on what the lead did</summary>
                <ActivityClause index={shownActivityClauses.length} activities={activities} shown={BLANK_ACTIVITY_CLAUSE} form={rows} />
              </details>
            </div>
          ) : null}
          {section === 'sql' ? (
            <label className="choice required-choice">
              <input type="checkbox" {...form.register('required')} value="on" defaultChecked={Boolean(shown.required)} /> Required: the lead is an SQL only when
              this holds, however many others do
            </label>
          ) : null}
        </fieldset>
        <div className="actions">
          <button type="submit" className="button">
            {ruleId ? 'Save rule' : 'Add rule'}
          </button>
          <Link to={cancelTo}>Cancel</Link>
        </div>
      </Form>
    </div>
  )
}
