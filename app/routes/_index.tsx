import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { getUser } from '~/http/session.server'

export const meta: MetaFunction = () => [{ title: 'Leadpact — marketing and sales agree on what a lead is' }]

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect('/workshops')
  return json({})
}

export default function Index() {
  return (
    <div className="stack" style={{ maxWidth: 760, margin: '0 auto', textAlign: 'center', paddingTop: 32 }}>
      <p className="eyebrow">For marketing and sales, in one room</p>
      <h1 style={{ fontSize: '2.4rem' }}>Agree on what a lead is — and keep the agreement.</h1>
      <p className="muted" style={{ fontSize: '1.1rem' }}>
        Leadpact walks both teams through a workshop: good and bad leads, personas, criteria, a scoring model, lifecycle stages and the
        handoff SLA. The result is a signed-off MQL/SQL definition and a scoring config your CRM, marketing automation and pipelines can
        run.
      </p>
      <div className="actions" style={{ justifyContent: 'center' }}>
        <Link to="/signup" className="button">
          Start a workshop
        </Link>
        <Link to="/login" className="button secondary">
          Log in
        </Link>
      </div>
    </div>
  )
}
