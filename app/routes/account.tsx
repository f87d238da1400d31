import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormError, TextField, useSchemaForm } from '~/components/form'
import { PostButton } from '~/components/post-button'
import { AccountFormSchema, ChangePasswordSchema, LogoutEverywhereSchema } from '~/domain/accounts/schemas'
import { parseForm } from '~/http/form.server'
import { answer, invalid } from '~/http/actions.server'
import type { FormAnswer } from '~/http/form-answer'
import { changePassword, countActiveSessions } from '~/models/user.server'
import { createUserSession, logoutEverywhere, requireUser } from '~/http/session.server'

export const meta: MetaFunction = () => [{ title: 'Your account · Leadpact' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return json({
    user: { name: user.name, email: user.email },
    activeSessions: await countActiveSessions(user.id),
    changed: new URL(request.url).searchParams.get('changed') === '1',
  })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await parseForm(request, AccountFormSchema)
  if (!form.ok) return invalid('change-password', form, form.errors.intent ? { errors: { ...form.errors, form: form.errors.intent } } : {})
  if (form.data.intent === 'logout-everywhere') return logoutEverywhere(request, user.id)

  const changed = await changePassword({ userId: user.id, currentPassword: form.data.currentPassword, newPassword: form.data.newPassword })
  if (!changed.ok && changed.reason === 'locked') {
    const minutes = Math.ceil(changed.retryAfterSeconds / 60)
    return json<FormAnswer>(
      { form: 'change-password', errors: { form: `Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` } },
      { status: 429, headers: { 'Retry-After': String(changed.retryAfterSeconds) } },
    )
  }
  if (!changed.ok) return answer(400, { form: 'change-password', errors: { currentPassword: 'This is not your current password.' } })
  // changePassword ended every session of the user; this browser continues in a new one.
  return createUserSession({ request, userId: user.id, redirectTo: '/account?changed=1' })
}

export default function AccountPage() {
  const { user, activeSessions, changed } = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  const navigation = useNavigation()
  const submittingIntent = navigation.state === 'submitting' ? navigation.formData?.get('intent') : undefined
  const { onSubmit, field, errorOf, formError } = useSchemaForm(ChangePasswordSchema, { answer: actionData, defaultValues: { intent: 'change-password' } })
  const otherSessions = activeSessions - 1
  return (
    <div className="narrow">
      {changed ? (
        <div className="alert success" role="status">
          Your password was changed. Every other session was logged out.
        </div>
      ) : null}
      <div className="card">
        <h1>Your account</h1>
        <p className="muted">
          {user.name} · {user.email}
        </p>
        <h2>Change password</h2>
        <FormError message={formError} />
        <Form method="post" noValidate onSubmit={onSubmit}>
          <input type="hidden" {...field('intent')} />
          <TextField
            label="Current password"
            type="password"
            registration={field('currentPassword')}
            error={errorOf('currentPassword')}
            autoComplete="current-password"
          />
          <TextField
            label="New password"
            type="password"
            hint="At least 10 characters."
            registration={field('newPassword')}
            error={errorOf('newPassword')}
            autoComplete="new-password"
          />
          <TextField
            label="Repeat the new password"
            type="password"
            registration={field('confirmPassword')}
            error={errorOf('confirmPassword')}
            autoComplete="new-password"
          />
          <p className="muted small">Changing it logs you out on every other device.</p>
          <button type="submit" className="button" disabled={submittingIntent === 'change-password'}>
            {submittingIntent === 'change-password' ? 'Changing password…' : 'Change password'}
          </button>
        </Form>
      </div>
      <div className="card">
        <h2>Sessions</h2>
        <p className="muted">
          {otherSessions > 0
            ? `You are also logged in on ${otherSessions} other browser${otherSessions === 1 ? '' : 's'} or device${otherSessions === 1 ? '' : 's'}.`
            : 'This browser is your only active session.'}{' '}
          A session ends after 12 hours without use, and 30 days after log-in at the latest.
        </p>
        <PostButton schema={LogoutEverywhereSchema} fields={{ intent: 'logout-everywhere' }}>
          Log out everywhere
        </PostButton>
      </div>
    </div>
  )
}
