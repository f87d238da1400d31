import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { SignupSchema } from '~/domain/accounts/schemas'
import { parseForm } from '~/http/form.server'
import { answer, invalid } from '~/http/actions.server'
import type { FormAnswer } from '~/http/form-answer'
import { startSessionAndJoin } from '~/http/join-invite.server'
import { createUser } from '~/models/user.server'
import { FormError, TextField, useSchemaForm } from '~/components/form'
import { safeRedirect } from '~/http/redirect'
import { createUserSession, getUser } from '~/http/session.server'

export const meta: MetaFunction = () => [{ title: 'Sign up · Leadpact' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo')))
  return json({})
}

/*
 * Sign-up must not confirm that an email has an account. Without sending email we cannot make
 * a taken email look like a new one (a new account logs straight in), so what we can do is:
 * one message that names no reason and no email, the same password hashing on both paths
 * (createUser hashes before it looks), and per-IP limits at the edge that make probing slow.
 * The message still points the real owner at the log-in page, so it stays usable.
 */
const SIGNUP_REFUSED = 'We could not create an account with these details. If you already have an account, log in.'

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, SignupSchema)
  if (!form.ok) return invalid('signup', form)
  const created = await createUser(form.data)
  if (!created.ok) return answer(400, { form: 'signup', errors: { form: SIGNUP_REFUSED }, values: { name: form.data.name, email: form.data.email } })
  const userId = created.value.id
  return startSessionAndJoin(userId, safeRedirect(form.data.redirectTo), (redirectTo) => createUserSession({ request, userId, redirectTo }))
}

export default function SignupPage() {
  const actionData = useActionData<FormAnswer>()
  const [searchParams] = useSearchParams()
  const redirectTo = searchParams.get('redirectTo') ?? ''
  const navigation = useNavigation()
  const { onSubmit, field, errorOf, formError } = useSchemaForm(SignupSchema, { answer: actionData, defaultValues: { redirectTo } })
  return (
    <div className="narrow">
      <div className="card">
        <h1>Create your account</h1>
        <p className="muted">Join your team&apos;s workshop and agree on what a lead is.</p>
        <FormError message={formError} />
        <Form method="post" noValidate onSubmit={onSubmit}>
          <input type="hidden" {...field('redirectTo')} />
          <TextField label="Your name" registration={field('name')} error={errorOf('name')} autoComplete="name" />
          <TextField label="Work email" type="email" registration={field('email')} error={errorOf('email')} autoComplete="email" />
          <TextField
            label="Password"
            type="password"
            hint="At least 10 characters."
            registration={field('password')}
            error={errorOf('password')}
            autoComplete="new-password"
          />
          <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
            {navigation.state === 'submitting' ? 'Creating account…' : 'Create account'}
          </button>
        </Form>
      </div>
      <p className="muted small" style={{ textAlign: 'center', marginTop: 16 }}>
        Already have an account? <Link to={`/login${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ''}`}>Log in</Link>
      </p>
    </div>
  )
}
