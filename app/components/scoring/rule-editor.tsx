import { Form, Link } from '@remix-run/react'
import { useFieldArray } from 'react-hook-form'
import type { RuleSection } from '~/domain/scoring-model/model'
import type { FieldType } from '~/domain/scoring'
import { LIST_VALUE_OPERATORS, OPERATOR_LABELS, operatorsFor, VALUELESS_OPERATORS, type Operator } from '~/domain/scoring-model/operators'
import { RuleFormSchema, SECTION_LABELS, type ClauseValues, type RuleFormInput } from '~/domain/scoring-model/rule-form'
import type { FormAnswer } from '~/http/form-answer'
import { Field, FormError, useSchemaForm } from '../form'

type Option = { key: string; label: string }
type FieldOption = Option & { type?: FieldType }

const BLANK_CLAUSE: ClauseValues = { field: '', op: '', value: '', valueTo: '' }

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
}: {
  title: string
  sections: readonly RuleSection[]
  fields: readonly FieldOption[]
  activities: readonly Option[]
  defaultValues: RuleFormInput & { clauses: ClauseValues[] }
  answer?: FormAnswer
  ruleId?: string
  revision?: number
  cancelTo: string
  allowActivity: boolean
}) {
  // What a refused save sent, else the rule as stored; plus empty rows to write more conditions in.
  const shown = { ...defaultValues, ...answer?.values } as typeof defaultValues
  const shownClauses = shown.clauses ?? []
  const initialClauses = [...shownClauses, BLANK_CLAUSE, ...(shownClauses.length === 0 ? [BLANK_CLAUSE] : [])]
  const { form, onSubmit, field, errorOf, formError } = useSchemaForm(RuleFormSchema, {
    defaultValues: { ...shown, clauses: initialClauses },
    answer: { errors: answer?.errors },
  })
  const clauses = useFieldArray({ control: form.control, name: 'clauses' as never })
  const section = form.watch('section') as RuleSection
  const basis = form.watch('basis')
  const pointed = section === 'fit' || section === 'engagement'
  const activityBased = allowActivity && basis === 'activity' && (section === 'engagement' || section === 'fastTrack')

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
          <div className="grid-3" data-collapsed={!activityBased}>
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
                <Field label="Counts activities from the last (days)" hint="Empty: any age." error={errorOf('withinDays')}>
                  {(props) => <input {...props} {...field('withinDays')} type="number" min={1} />}
                </Field>
                <Field label="Cap (max points from this rule)" hint="Empty: no cap." error={errorOf('maxPoints')}>
                  {(props) => <input {...props} {...field('maxPoints')} type="number" min={1} />}
                </Field>
              </>
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
            Lists: separate values with commas. Ranges (“is between”): write 50–500. Empty rows are ignored.
          </p>
          <div className="clauses">
            {clauses.fields.map((row, index) => {
              const op = form.watch(`clauses.${index}.op` as never) as unknown as Operator | ''
              // Operators that mean something for the chosen field's type (all of them until a field is chosen).
              const chosen = form.watch(`clauses.${index}.field` as never) as unknown as string
              const offered = operatorsFor(fields.find((option) => option.key === chosen)?.type, op)
              return (
                <div className="clause-row" key={row.id}>
                  <Field label={`Condition ${index + 1}: field`} error={errorOf(`clauses.${index}.field`)}>
                    {(props) => (
                      <select {...props} {...field(`clauses.${index}.field` as never)}>
                        <option value="">Field…</option>
                        {fields.map((option) => (
                          <option key={option.key} value={option.key}>
                            {option.label}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field label="operator" error={errorOf(`clauses.${index}.op`)}>
                    {(props) => (
                      <select {...props} {...field(`clauses.${index}.op` as never)}>
                        <option value="">Operator…</option>
                        {offered.map((option) => (
                          <option key={option} value={option}>
                            {OPERATOR_LABELS[option]}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field label="value" error={errorOf(`clauses.${index}.value`)}>
                    {(props) => (
                      <input
                        {...props}
                        {...field(`clauses.${index}.value` as never)}
                        type="text"
                        disabled={op ? VALUELESS_OPERATORS.includes(op) : false}
                        placeholder={op && LIST_VALUE_OPERATORS.includes(op) ? 'a, b, c' : op === 'between' ? '50–500' : ''}
                      />
                    )}
                  </Field>
                  <label className="choice negate">
                    <input type="checkbox" {...form.register(`clauses.${index}.negate` as never)} defaultChecked={Boolean(shownClauses[index]?.negate)} value="on" /> not
                  </label>
                  <button type="button" className="button secondary small js-only" onClick={() => clauses.remove(index)} aria-label={`Remove condition ${index + 1}`}>
                    Remove
                  </button>
                </div>
              )
            })}
          </div>
          <button type="button" className="button secondary small js-only" onClick={() => clauses.append(BLANK_CLAUSE as never)}>
            Add another condition
          </button>
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
