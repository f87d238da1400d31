import { Form } from '@remix-run/react'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { PostButton } from '~/components/post-button'
import { AddActivityPropertySchema, AddActivitySchema, AddFieldSchema, RemoveActivityPropertySchema } from '~/domain/scoring-model/criteria-forms'
import { FIELD_TYPE_OPTIONS } from '~/domain/scoring-model/field-types'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { Icon } from '~/components/icons'

type FieldOption = { key: string; label: string; type: string }
type Activity = { key: string; label: string; revision: number; properties: readonly { key: string; label: string; type: string }[] }

const typeLabel = (type: string) => FIELD_TYPE_OPTIONS.find((option) => option.value === type)?.label ?? type

/** What criteria can refer to: the workshop's fields and activities, and forms to add more. */
export function Vocabulary({ fields, activities, canEdit, actionData }: { fields: readonly FieldOption[]; activities: readonly Activity[]; canEdit: boolean; actionData?: FormAnswer }) {
  return (
    <section className="card" aria-labelledby="fields-heading">
      <h2 id="fields-heading">Fields and activities</h2>
      <p className="muted small">What criteria can refer to. Keys are the column names other tools send in their leads.</p>
      <div className="grid-2">
        <div>
          <h3>Fields</h3>
          <ul className="tag-list">
            {fields.map((field) => (
              <li key={field.key}>
                {field.label} <span className="muted mono small">{field.key}</span>{' '}
                <span className="badge">{FIELD_TYPE_OPTIONS.find((option) => option.value === field.type)?.label}</span>
              </li>
            ))}
          </ul>
          {canEdit ? <AddFieldForm answer={answerFor(actionData, 'add-field')} /> : null}
        </div>
        <div>
          <h3>Activities</h3>
          <ul className="tag-list">
            {activities.map((activity) => (
              <li key={activity.key}>
                {activity.label} <span className="muted mono small">{activity.key}</span>
                {activity.properties.length ? (
                  <ul className="property-list small">
                    {activity.properties.map((property) => (
                      <li key={property.key}>
                        {property.label} <span className="muted mono">{property.key}</span> <span className="badge">{typeLabel(property.type)}</span>
                        {canEdit ? (
                          <PostButton
                            schema={RemoveActivityPropertySchema}
                            fields={{ intent: 'remove-activity-property', activityKey: activity.key, propertyKey: property.key, revision: activity.revision }}
                            label={`Remove ${property.label} from ${activity.label}`}
                            confirm={`Remove the property “${property.label}” from “${activity.label}”? Rules that use it must change first.`}
                          >
                            Remove
                          </PostButton>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
          {canEdit ? <AddActivityForm answer={answerFor(actionData, 'add-activity')} /> : null}
          {canEdit && activities.length ? <AddPropertyForm activities={activities} answer={answerFor(actionData, 'add-activity-property')} /> : null}
          {answerFor(actionData, 'remove-activity-property')?.errors?.form ? <FormError message={answerFor(actionData, 'remove-activity-property')?.errors?.form} /> : null}
        </div>
      </div>
    </section>
  )
}

const FIELD_DEFAULTS = { intent: 'add-field', label: '', key: '', type: 'string' } as const

function AddFieldForm({ answer }: { answer?: FormAnswer }) {
  const { onSubmit, field, errorOf, formError } = useSchemaForm(AddFieldSchema, { defaultValues: FIELD_DEFAULTS, answer })
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack-tight">
      <input type="hidden" {...field('intent')} />
      <FormError message={formError} />
      <div className="grid-3">
        <Field label="New field label" error={errorOf('label')}>
          {(props) => <input {...props} {...field('label')} type="text" />}
        </Field>
        <Field label="Key" error={errorOf('key')}>
          {(props) => <input {...props} {...field('key')} type="text" placeholder="annualRevenue" />}
        </Field>
        <Field label="Type" error={errorOf('type')}>
          {(props) => (
            <select {...props} {...field('type')}>
              {FIELD_TYPE_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <button type="submit" className="button secondary small">
        <Icon name="plus" />
        Add field
      </button>
    </Form>
  )
}

const ACTIVITY_DEFAULTS = { intent: 'add-activity', label: '', key: '' } as const

function AddActivityForm({ answer }: { answer?: FormAnswer }) {
  const { onSubmit, field, errorOf, formError } = useSchemaForm(AddActivitySchema, { defaultValues: ACTIVITY_DEFAULTS, answer })
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack-tight">
      <input type="hidden" {...field('intent')} />
      <FormError message={formError} />
      <div className="grid-3">
        <Field label="New activity label" error={errorOf('label')}>
          {(props) => <input {...props} {...field('label')} type="text" />}
        </Field>
        <Field label="Activity key" error={errorOf('key')}>
          {(props) => <input {...props} {...field('key')} type="text" placeholder="event_visit" />}
        </Field>
      </div>
      <button type="submit" className="button secondary small">
        <Icon name="plus" />
        Add activity
      </button>
    </Form>
  )
}

/**
 * Format 2: a property an activity carries (a demo's “Completed”, a page view's “URL”), which
 * engagement rules and activity conditions can then test.
 */
function AddPropertyForm({ activities, answer }: { activities: readonly Activity[]; answer?: FormAnswer }) {
  const first = activities[0]!
  const defaults = { intent: 'add-activity-property', activityKey: first.key, label: '', key: '', type: 'boolean' } as const
  const { onSubmit, field, errorOf, formError } = useSchemaForm(AddActivityPropertySchema, { defaultValues: defaults, answer })
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack-tight">
      <h4>Add a property to an activity</h4>
      <input type="hidden" {...field('intent')} />
      <FormError message={formError ?? (answer?.conflict ? answer.conflict.message : undefined)} />
      <div className="grid-3">
        <Field label="Activity" error={errorOf('activityKey')}>
          {(props) => (
            <select {...props} {...field('activityKey')}>
              {activities.map((activity) => (
                <option key={activity.key} value={activity.key}>
                  {activity.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Property label" error={errorOf('label')}>
          {(props) => <input {...props} {...field('label')} type="text" placeholder="Completed" />}
        </Field>
        <Field label="Property key" error={errorOf('key')}>
          {(props) => <input {...props} {...field('key')} type="text" placeholder="completed" />}
        </Field>
        <Field label="Property type" error={errorOf('type')}>
          {(props) => (
            <select {...props} {...field('type')}>
              {FIELD_TYPE_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <button type="submit" className="button secondary small">
        Add property
      </button>
    </Form>
  )
}
