import { Form, useNavigation } from '@remix-run/react'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from '~/domain/workshops/roles'
import { INVITE_EXPIRY_DAYS, InviteSchema } from '~/domain/workshops/schemas'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { CopyField } from '~/components/copy-field'
import { Icon } from '~/components/icons'

const USES = [
  { value: 'single', label: 'One person (the link stops working once used)' },
  { value: 'multi', label: 'Anyone with the link (for a whole team)' },
] as const

/** "Invite by link": the link just created (shown once, after the redirect) and the form for the next one. */
export function InviteCard({ newInviteLink, answer }: { newInviteLink: { url: string; role: Role } | null; answer?: FormAnswer }) {
  const inviteAnswer = answerFor(answer, 'create-invite')
  const busy = useNavigation().state !== 'idle'
  const { onSubmit, field, errorOf, formError, form } = useSchemaForm(InviteSchema, {
    defaultValues: { intent: 'create-invite', role: 'marketing', expiresInDays: '7', uses: 'single' },
    answer: inviteAnswer,
  })
  const usesError = errorOf('uses')
  const chosenUses = String(inviteAnswer?.values?.uses ?? 'single')
  return (
    <div className="card">
      <h2 id="invite-by-link">Invite by link</h2>
      <p className="muted">Anyone with the link can join with the role you pick, until it expires or you revoke it.</p>
      {newInviteLink ? (
        <div className="alert success" role="status">
          <p>
            <strong>Invite link for {ROLE_LABELS[newInviteLink.role]} created.</strong> Copy it now: for your security it is shown only once.
          </p>
          <CopyField id="invite-link" label="Invite link" value={newInviteLink.url} testId="invite-link" />
        </div>
      ) : null}
      <FormError message={formError} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" {...field('intent')} />
        <div className="grid-2">
          <Field label="Role" error={errorOf('role')}>
            {(props) => (
              <select {...props} {...field('role')}>
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {ROLE_LABELS[role]} — {ROLE_DESCRIPTIONS[role]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Expires after" error={errorOf('expiresInDays')}>
            {(props) => (
              <select {...props} {...field('expiresInDays')}>
                {INVITE_EXPIRY_DAYS.map((days) => (
                  <option key={days} value={days}>
                    {days === 1 ? '1 day' : `${days} days`}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <fieldset aria-describedby={usesError ? 'uses-error' : undefined}>
          <legend>Uses</legend>
          {USES.map((uses) => (
            <label key={uses.value} className="choice">
              <input type="radio" {...form.register('uses')} value={uses.value} defaultChecked={chosenUses === uses.value} /> {uses.label}
            </label>
          ))}
          {usesError ? (
            <span className="field-error" id="uses-error" role="alert">
              {usesError}
            </span>
          ) : null}
        </fieldset>
        <button type="submit" className="button" disabled={busy}>
          <Icon name="user-plus" />
          Create invite link
        </button>
      </Form>
    </div>
  )
}
