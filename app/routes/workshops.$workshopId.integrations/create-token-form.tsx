import { Form, useNavigation } from '@remix-run/react'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { API_SCOPES, CreateTokenSchema, SCOPE_DESCRIPTIONS } from '~/domain/api/schemas'
import type { FormAnswer } from '~/http/form-answer'
import { SCOPE_LABELS } from './scope-labels'
import { Icon } from '~/components/icons'

export function CreateTokenForm({ answer }: { answer?: FormAnswer }) {
  const busy = useNavigation().state !== 'idle'
  const { form, onSubmit, field, errorOf, formError } = useSchemaForm(CreateTokenSchema, {
    defaultValues: { intent: 'create-token', name: '', scopes: { read: 'on', score: 'on' } },
    answer,
  })
  const scopeError = errorOf('scopes')
  // A refused post refills the boxes as they were sent (an unticked box posts nothing); a fresh form has both ticked.
  const sentScopes = answer?.values ? ((answer.values.scopes ?? {}) as Record<string, unknown>) : undefined
  return (
    <Form method="post" noValidate onSubmit={onSubmit}>
      <FormError message={formError} />
      <input type="hidden" {...field('intent')} />
      <Field label="Name" hint="The tool that will use it, e.g. “HubSpot sync” or “dbt nightly”." error={errorOf('name')}>
        {(props) => <input {...props} {...field('name')} type="text" autoComplete="off" />}
      </Field>
      <fieldset aria-describedby={scopeError ? 'scopes-error' : undefined}>
        <legend>Scopes</legend>
        {API_SCOPES.map((scope) => (
          <label key={scope} className="choice">
            <input type="checkbox" {...form.register(`scopes.${scope}`)} value="on" defaultChecked={sentScopes ? sentScopes[scope] === 'on' : true} />{' '}
            {SCOPE_LABELS[scope]}: <span className="muted">{SCOPE_DESCRIPTIONS[scope]}</span>
          </label>
        ))}
        {scopeError ? (
          <span className="field-error" id="scopes-error" role="alert">
            {scopeError}
          </span>
        ) : null}
      </fieldset>
      <button type="submit" className="button" disabled={busy}>
        <Icon name="key-round" />
        Create token
      </button>
    </Form>
  )
}
