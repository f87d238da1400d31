import { Form, Link } from '@remix-run/react'
import { Field, FormError, TextField, useSchemaForm } from '~/components/form'
import { CONTEXT_CURRENCIES, ContextSchema, type ContextFormInput } from '~/domain/context/schemas'
import type { FormAnswer } from '~/http/form-answer'

/** The facilitator's form for step 1; `defaults` are the stored values at their revisions. */
export function ContextForm({ defaults, answer, isNew, cancelTo }: { defaults: Record<string, string>; answer?: FormAnswer; isNew: boolean; cancelTo?: string }) {
  const { onSubmit, field, errorOf: err, formError } = useSchemaForm(ContextSchema, { defaultValues: defaults as ContextFormInput, answer })
  return (
    <section className="card context-form" id="context-form" aria-labelledby="context-form-heading">
      <h2 id="context-form-heading">{isNew ? 'Set the scene' : 'Edit the context'}</h2>
      {isNew ? <p className="muted small">Fill in what you know now; everything but the company and the product can wait.</p> : null}
      <FormError message={formError} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="intent" value="save-context" />
        <input type="hidden" {...field('revision')} />
        <input type="hidden" {...field('workshopRevision')} />
        <div className="single-field">
          <TextField label="Company" registration={field('company')} error={err('company')} />
        </div>
        <Field label="Product or service" hint="What the company sells, to whom, in a sentence or two." error={err('product')}>
          {(props) => <textarea {...props} {...field('product')} rows={2} />}
        </Field>
        <fieldset>
          <legend>Sales motion</legend>
          <div className="grid-4">
            <TextField label="Typical deal size" hint="Per year, e.g. 24000" registration={field('dealSize')} error={err('dealSize')} type="number" />
            <Field label="Currency" error={err('currency')}>
              {(props) => (
                <select {...props} {...field('currency')}>
                  {CONTEXT_CURRENCIES.map((currency) => (
                    <option key={currency} value={currency}>
                      {currency}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <TextField label="Sales cycle (days)" hint="First contact to signature" registration={field('salesCycleDays')} error={err('salesCycleDays')} type="number" />
            <TextField label="Inbound share (%)" hint="The rest is outbound" registration={field('inboundPercent')} error={err('inboundPercent')} type="number" />
          </div>
        </fieldset>
        <Field label="Goals of the alignment" hint="Why both teams are here, e.g. “Cut MQL rejection from 40 % to 15 % by Q3”." error={err('goals')}>
          {(props) => <textarea {...props} {...field('goals')} rows={3} />}
        </Field>
        <Field label="Participants" hint="One per line: Name — team — title, e.g. “Dana Fox — sales — Head of Sales”. Teams: marketing, sales, facilitator or any other." error={err('participants')}>
          {(props) => <textarea {...props} {...field('participants')} rows={Math.max(4, (defaults.participants ?? '').split('\n').length + 1)} />}
        </Field>
        <div className="actions">
          <button type="submit" className="button">
            Save the context
          </button>
          {cancelTo ? (
            <Link to={cancelTo} className="button secondary">
              Cancel
            </Link>
          ) : null}
        </div>
      </Form>
    </section>
  )
}
