import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { LoginSchema } from '~/domain/accounts/schemas'
import { parseForm } from '~/http/form.server'
import { answer, invalid } from '~/http/actions.server'
import type { FormAnswer } from '~/http/form-answer'
import { startSessionAndJoin } from '~/http/join-invite.server'
import { verifyLogin } from '~/models/user.server'
import { FormError, TextField, useSchemaForm } from '~/components/form'
import { safeRedirect } from '~/http/redirect'
import { createUserSession, getUser } from '~/http/session.server'

export const meta: MetaFunction = () => [{ title: 'Log in · Leadpact' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo')))
  return json({})
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, LoginSchema)
  if (!form.ok) return invalid('login', form)
  const login = await verifyLogin(form.data)
  const values = { email: form.data.email }
  if (!login.ok && login.reason === 'locked') {
    const minutes = Math.ceil(login.retryAfterSeconds / 60)
    return json<FormAnswer>(
      { form: 'login', errors: { form: `Too many failed log-ins for this email. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` }, values },
      { status: 429, headers: { 'Retry-After': String(login.retryAfterSeconds) } },
    )
  }
  // One message for both cases: the form must not tell which emails have accounts.
  if (!login.ok) return answer(400, { form: 'login', errors: { form: 'Wrong email or password.' }, values })
  const userId = login.value.id
  return startSessionAndJoin(userId, safeRedirect(form.data.redirectTo), (redirectTo) => createUserSession({ request, userId, redirectTo }))
}

export default function LoginPage() {
  const actionData = useActionData<FormAnswer>()
  const [searchParams] = useSearchParams()
  const redirectTo = searchParams.get('redirectTo') ?? ''
  const navigation = useNavigation()
  const { onSubmit, field, errorOf, formError } = useSchemaForm(LoginSchema, { answer: actionData, defaultValues: { redirectTo } })
  return (
    <div className="narrow">
      <div className="card">
        <h1>Log in</h1>
        <p className="muted">Pick up your workshop where the room left it.</p>
        <FormError message={formError} />
        <Form method="post" noValidate onSubmit={onSubmit}>
          <input type="hidden" {...field('redirectTo')} />
          <TextField label="Email" type="email" registration={field('email')} error={errorOf('email')} autoComplete="email" />
          <TextField
            label="Password"
            type="password"
            registration={field('password')}
            error={errorOf('password')}
            autoComplete="current-password"
          />
          <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
            {navigation.state === 'submitting' ? 'Logging in…' : 'Log in'}
          </button>
        </Form>
      </div>
      <p className="muted small" style={{ textAlign: 'center', marginTop: 16 }}>
        New here? <Link to={`/signup${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ''}`}>Create an account</Link>
      </p>
    </div>
  )
}
