import { Form, useNavigation } from '@remix-run/react'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { StartRunSchema, type StartRunFormInput } from '~/domain/backtest/forms'
import { DATE_FORMAT_LABELS, DATE_FORMATS, NUMBER_FORMAT_LABELS, NUMBER_FORMATS } from '~/domain/backtest/mapping'
import type { FormAnswer } from '~/http/form-answer'

export interface MappingFormProps {
  defaults: StartRunFormInput
  columns: string[]
  fields: { key: string; label: string; type: string }[]
  activities: { key: string; label: string }[]
  models: { key: string; label: string; problem: string | null }[]
  /** Columns of the saved mapping this file does not have. */
  missing: string[]
  answer?: FormAnswer
}

/**
 * How the file's columns become the model's fields, the outcome, the created date and
 * activities; which models score it. Suggested from the workshop's last mapping and from the
 * column names; every choice can be changed.
 */
export function MappingForm({ defaults, columns, fields, activities, models, missing, answer }: MappingFormProps) {
  const { form, onSubmit, field, errorOf, formError } = useSchemaForm(StartRunSchema, { defaultValues: defaults, answer })
  const navigation = useNavigation()
  const starting = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'start-run'
  const columnOptions = (none: string) => [
    <option key="" value="">
      {none}
    </option>,
    ...columns.map((column) => (
      <option key={column} value={column}>
        {column}
      </option>
    )),
  ]
  const chosen = new Set(Object.keys(defaults.models ?? {}))
  return (
    <section className="card" aria-labelledby="mapping-heading">
      <h2 id="mapping-heading">Map the columns</h2>
      {missing.length ? (
        <div className="alert warn" role="status">
          The workshop&apos;s saved mapping names columns this file does not have: {missing.map((column) => `“${column}”`).join(', ')}. Those are unmapped below.
        </div>
      ) : null}
      <FormError message={formError} />
      <Form method="post" noValidate onSubmit={onSubmit} className="bt-mapping">
        <input type="hidden" {...field('intent')} />

        <fieldset>
          <legend>Outcome</legend>
          <div className="bt-grid">
            <Field label="Column that says whether the lead converted" error={errorOf('outcomeColumn')}>
              {(props) => (
                <select {...props} {...field('outcomeColumn')}>
                  {columnOptions('— choose a column —')}
                </select>
              )}
            </Field>
            <Field label="Values that mean converted" hint="Separated by commas, any case: 1, yes, won" error={errorOf('convertedValues')}>
              {(props) => <input {...props} {...field('convertedValues')} type="text" />}
            </Field>
          </div>
        </fieldset>

        <fieldset>
          <legend>Fields of the scoring model</legend>
          <p className="muted small">Matched by name where the file has a column of the same name; a field without a column is absent for every lead.</p>
          <div className="bt-field-grid">
            {fields.map((entry, index) => (
              <div key={entry.key}>
                <input type="hidden" {...field(`fields.${index}.field`)} />
                <Field label={`${entry.label} (${entry.type})`} hint={entry.key} error={errorOf(`fields.${index}.column`)}>
                  {(props) => (
                    <select {...props} {...field(`fields.${index}.column`)}>
                      {columnOptions('— not in the file —')}
                    </select>
                  )}
                </Field>
              </div>
            ))}
          </div>
        </fieldset>

        <fieldset>
          <legend>Values</legend>
          <div className="bt-grid">
            <Field label="Values that mean “no answer”" hint="Counted as absent, like an empty cell. Separated by commas, any case." error={errorOf('emptyTokens')}>
              {(props) => <input {...props} {...field('emptyTokens')} type="text" />}
            </Field>
            <Field label="Numbers are written as" error={errorOf('numberFormat')}>
              {(props) => (
                <select {...props} {...field('numberFormat')}>
                  {NUMBER_FORMATS.map((format) => (
                    <option key={format} value={format}>
                      {NUMBER_FORMAT_LABELS[format]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Values that mean yes (true)" hint="For yes/no fields." error={errorOf('trueValues')}>
              {(props) => <input {...props} {...field('trueValues')} type="text" />}
            </Field>
            <Field label="Values that mean no (false)" error={errorOf('falseValues')}>
              {(props) => <input {...props} {...field('falseValues')} type="text" />}
            </Field>
          </div>
        </fieldset>

        <fieldset>
          <legend>Created date</legend>
          <p className="muted small">Optional. Gives MQLs per month; each lead is scored as of its created date, with its mapped activities on that day.</p>
          <div className="bt-grid">
            <Field label="Column with the lead's created date" error={errorOf('createdColumn')}>
              {(props) => (
                <select {...props} {...field('createdColumn')}>
                  {columnOptions('— none —')}
                </select>
              )}
            </Field>
            <Field label="Dates are written as" error={errorOf('dateFormat')}>
              {(props) => (
                <select {...props} {...field('dateFormat')}>
                  {DATE_FORMATS.map((format) => (
                    <option key={format} value={format}>
                      {DATE_FORMAT_LABELS[format]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </fieldset>

        <fieldset>
          <legend>Activities</legend>
          <p className="muted small">
            A column that counts something (“TotalVisits = 5” → five visits), or names the last thing a lead did (“Last Activity = Email Opened” → one email activity).
          </p>
          {(defaults.activities ?? []).map((_row, index) => (
            <div className="bt-activity-row" key={index}>
              <Field label={`Activity ${index + 1}: column`} error={errorOf(`activities.${index}.column`)}>
                {(props) => (
                  <select {...props} {...field(`activities.${index}.column`)}>
                    {columnOptions('— unused —')}
                  </select>
                )}
              </Field>
              <Field label={`Activity ${index + 1}: the column`} error={errorOf(`activities.${index}.kind`)}>
                {(props) => (
                  <select {...props} {...field(`activities.${index}.kind`)}>
                    <option value="count">counts activities</option>
                    <option value="value">names the activity</option>
                  </select>
                )}
              </Field>
              <Field label={`Activity ${index + 1}: when the value is`} hint="For a naming column" error={errorOf(`activities.${index}.value`)}>
                {(props) => <input {...props} {...field(`activities.${index}.value`)} type="text" />}
              </Field>
              <Field label={`Activity ${index + 1}: activity type`} error={errorOf(`activities.${index}.activity`)}>
                {(props) => (
                  <select {...props} {...field(`activities.${index}.activity`)}>
                    <option value="">— choose —</option>
                    {activities.map((activity) => (
                      <option key={activity.key} value={activity.key}>
                        {activity.label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          ))}
        </fieldset>

        <fieldset>
          <legend>Score with</legend>
          <p className="muted small">Choose up to three: each is scored on the same file in the same pass, and the results compare them side by side.</p>
          {models.map((model) => (
            <div className="choice" key={model.key}>
              <input
                type="checkbox"
                id={`model-${model.key}`}
                disabled={model.problem !== null}
                value="on"
                defaultChecked={chosen.has(model.key) && model.problem === null}
                {...form.register(`models.${model.key}` as never)}
              />
              <label htmlFor={`model-${model.key}`}>
                {model.label}
                {model.problem ? <span className="muted small"> — {model.problem}</span> : null}
              </label>
            </div>
          ))}
          {errorOf('models') ? (
            <span className="field-error" role="alert">
              {errorOf('models')}
            </span>
          ) : null}
          <Field label="Leads without a created date are scored as of" hint="YYYY-MM-DD (end of that day, UTC)" error={errorOf('asOf')}>
            {(props) => <input {...props} {...field('asOf')} type="date" />}
          </Field>
        </fieldset>

        <button type="submit" className="button" disabled={starting}>
          {starting ? 'Starting…' : 'Start the back-test'}
        </button>
      </Form>
    </section>
  )
}
