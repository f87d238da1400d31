import type { FieldType } from '~/domain/scoring'
import { DATE_VALUE_OPERATORS, LIST_VALUE_OPERATORS, OPERATOR_LABELS, operatorsFor, VALUELESS_OPERATORS, type Operator } from '~/domain/scoring-model/operators'
import { boundHint, TIME_LABELS, type ActivityClauseValues } from '~/domain/scoring-model/rule-form'
import { TIME_DIRECTIONS } from '~/domain/scoring-model/model'
import { Field } from '../form'

/*
 * The rows of the rule editor, shared by its parts: a condition row ("field operator value",
 * also used for an activity's properties) and an activity condition ("did at least N of these,
 * in this window, with these properties"). They render inside the editor's one react-hook-form
 * form; `field(name)` is its register with the server-rendered value, `watch(name)` its value.
 */

/** `values`: a text field's allowed values with their display labels (offered as suggestions in the value box). */
export type Candidate = { key: string; label: string; type?: FieldType; values?: readonly { value: string; label: string }[] }
export type ActivityOption = { key: string; label: string; properties?: readonly { key: string; label: string; type: FieldType }[] }

type Registrar = {
  field: (name: never) => Record<string, unknown>
  register: (name: never) => Record<string, unknown>
  watch: (name: string) => unknown
  errorOf: (name: string) => string | undefined
}

/** One "field operator value [not]" row under `name` (`clauses.0`, `where.1`, `activityClauses.0.where.0`). */
export function ClauseRow({
  name,
  title,
  candidates,
  pick,
  form,
  negated,
  onRemove,
}: {
  name: string
  /** "Condition 1: field", "Property 1". */
  title: string
  candidates: readonly Candidate[]
  /** The empty choice: "Field…", "Property…". */
  pick: string
  form: Registrar
  negated: boolean
  onRemove?: () => void
}) {
  const op = (form.watch(`${name}.op`) ?? '') as Operator | ''
  // Operators that mean something for the chosen field's type (all of them until a field is chosen).
  const chosen = form.watch(`${name}.field`) as string
  const offered = operatorsFor(candidates.find((option) => option.key === chosen)?.type, op)
  const dated = op ? DATE_VALUE_OPERATORS.includes(op) : false
  // A field with allowed values suggests them in the value box (a datalist: typing stays free, so a
  // list operator can still take "a, b, c"); the option shows the display label beside the value.
  const suggestions = dated ? undefined : candidates.find((option) => option.key === chosen)?.values
  const listId = `${name.replace(/[^a-zA-Z0-9]/g, '-')}-values`
  return (
    <div className="clause-row">
      <Field label={title} error={form.errorOf(`${name}.field`)}>
        {(props) => (
          <select {...props} {...form.field(`${name}.field` as never)}>
            <option value="">{pick}</option>
            {candidates.map((option) => (
              <option key={option.key} value={option.key}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="operator" error={form.errorOf(`${name}.op`)}>
        {(props) => (
          <select {...props} {...form.field(`${name}.op` as never)}>
            <option value="">Operator…</option>
            {offered.map((option) => (
              <option key={option} value={option}>
                {OPERATOR_LABELS[option]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="value" error={form.errorOf(`${name}.value`)}>
        {(props) => (
          <input
            {...props}
            {...form.field(`${name}.value` as never)}
            type={dated ? 'date' : 'text'}
            list={suggestions?.length ? listId : undefined}
            disabled={op ? VALUELESS_OPERATORS.includes(op) : false}
            placeholder={op && LIST_VALUE_OPERATORS.includes(op) ? 'a, b, c' : op === 'between' ? '50–500' : dated ? '2025-01-01' : ''}
          />
        )}
      </Field>
      {suggestions?.length ? (
        <datalist id={listId}>
          {suggestions.map((entry) => (
            <option key={entry.value} value={entry.value}>
              {entry.label}
            </option>
          ))}
        </datalist>
      ) : null}
      <label className="choice negate">
        <input type="checkbox" {...form.register(`${name}.negate` as never)} defaultChecked={negated} value="on" /> not
      </label>
      {onRemove ? (
        <button type="button" className="button secondary small js-only" onClick={onRemove} aria-label={`Remove ${title.replace(/: field$/, '').toLowerCase()}`}>
          Remove
        </button>
      ) : (
        <span aria-hidden="true" />
      )}
    </div>
  )
}

/** The properties `where` rows may name: those of the given activity types, or of every type when none is chosen yet. */
export function propertyCandidates(activities: readonly ActivityOption[], keys: readonly string[]): Candidate[] {
  const seen = new Map<string, Candidate>()
  for (const activity of activities) {
    if (keys.length && !keys.includes(activity.key)) continue
    for (const property of activity.properties ?? []) if (!seen.has(property.key)) seen.set(property.key, { key: property.key, label: keys.length === 1 ? property.label : `${property.label} (${activity.label})`, type: property.type })
  }
  return [...seen.values()]
}

/** Property rows under `name` (`where`, `activityClauses.0.where`): the given rows and one empty row. */
export function WhereRows({ name, rows, candidates, form }: { name: string; rows: number; candidates: readonly Candidate[]; form: Registrar & { negatedAt: (name: string) => boolean } }) {
  if (candidates.length === 0) return <p className="hint small muted">These activities declare no properties (declare them in step 4, Fields and activities).</p>
  return (
    <div className="clauses">
      {Array.from({ length: rows }, (_, index) => (
        <ClauseRow
          key={index}
          name={`${name}.${index}`}
          title={`Property condition ${index + 1}`}
          pick="Property…"
          candidates={candidates}
          form={form}
          negated={form.negatedAt(`${name}.${index}`)}
        />
      ))}
    </div>
  )
}

/** One activity condition of a rule: the activity types, how many, the window, the properties. */
export function ActivityClause({
  index,
  activities,
  shown,
  form,
}: {
  index: number
  activities: readonly ActivityOption[]
  /** The row as the form first shows it (for the boxes' server-rendered state). */
  shown: ActivityClauseValues | undefined
  form: Registrar & { negatedAt: (name: string) => boolean }
}) {
  const name = `activityClauses.${index}`
  const boxes = (form.watch(`${name}.types`) ?? {}) as Record<string, unknown>
  const chosen = Object.keys(boxes).filter((key) => boxes[key] === 'on' || boxes[key] === true)
  const whereRows = (shown?.where?.length ?? 0) + 1
  return (
    <fieldset className="activity-clause">
      <legend>Activity condition {index + 1}</legend>
      <fieldset className="checkbox-grid" aria-describedby={form.errorOf(`${name}.types`) ? `${name}-types-error` : undefined}>
        <legend>The lead did one of these</legend>
        {activities.map((activity) => (
          <label key={activity.key} className="choice">
            <input type="checkbox" {...form.register(`${name}.types.${activity.key}` as never)} value="on" defaultChecked={Boolean(shown?.types?.[activity.key])} /> {activity.label}
          </label>
        ))}
      </fieldset>
      {form.errorOf(`${name}.types`) ? (
        <span className="field-error" id={`${name}-types-error`} role="alert">
          {form.errorOf(`${name}.types`)}
        </span>
      ) : null}
      <div className="grid-3">
        <Field label="At least (times)" hint="Empty: once." error={form.errorOf(`${name}.minCount`)}>
          {(props) => <input {...props} {...form.field(`${name}.minCount` as never)} type="number" min={1} step={1} inputMode="numeric" />}
        </Field>
        <Field label="When" error={form.errorOf(`${name}.time`)}>
          {(props) => (
            <select {...props} {...form.field(`${name}.time` as never)}>
              {TIME_DIRECTIONS.map((time) => (
                <option key={time} value={time}>
                  {TIME_LABELS[time]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Within (days)" hint="Back from now; ahead for scheduled. Empty: any age." error={form.errorOf(`${name}.withinDays`)}>
          {(props) => <input {...props} {...form.field(`${name}.withinDays` as never)} type="number" min={1} step={1} inputMode="numeric" />}
        </Field>
        <Field label="From (date)" hint={boundHint('since', shown?.sinceStored)} error={form.errorOf(`${name}.since`)}>
          {(props) => <input {...props} {...form.field(`${name}.since` as never)} type="date" />}
        </Field>
        <Field label="Until (date, inclusive)" hint={boundHint('until', shown?.untilStored)} error={form.errorOf(`${name}.until`)}>
          {(props) => <input {...props} {...form.field(`${name}.until` as never)} type="date" />}
        </Field>
        <input type="hidden" {...form.field(`${name}.sinceStored` as never)} />
        <input type="hidden" {...form.field(`${name}.untilStored` as never)} />
      </div>
      <label className="choice">
        <input type="checkbox" {...form.register(`${name}.negate` as never)} value="on" defaultChecked={Boolean(shown?.negate)} /> not (the lead did none of this)
      </label>
      <p className="small muted">Only activities with these properties count (empty rows are ignored):</p>
      <WhereRows name={`${name}.where`} rows={whereRows} candidates={propertyCandidates(activities, chosen)} form={form} />
    </fieldset>
  )
}
