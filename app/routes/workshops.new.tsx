import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { TextField, useSchemaForm } from '~/components/form'
import { WorkshopSchema } from '~/domain/workshops/schemas'
import { parseForm } from '~/http/form.server'
import { invalid, redirectWithFlash } from '~/http/actions.server'
import type { FormAnswer } from '~/http/form-answer'
import { createWorkshop } from '~/models/workshop.server'
import { requireUser } from '~/http/session.server'

export const meta: MetaFunction = () => [{ title: 'New workshop · Leadpact' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  return json({})
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await parseForm(request, WorkshopSchema)
  if (!form.ok) return invalid('new-workshop', form)
  const workshop = await createWorkshop({ ...form.data, userId: user.id })
  return redirectWithFlash(`/workshops/${workshop.id}`, `Created “${workshop.name}”. Invite both teams from the members page.`)
}

export default function NewWorkshopPage() {
  const actionData = useActionData<FormAnswer>()
  const navigation = useNavigation()
  const { onSubmit, field, errorOf } = useSchemaForm(WorkshopSchema, { answer: actionData })
  return (
    <div className="narrow">
      <div className="card">
        <h1>New workshop</h1>
        <p className="muted">You will be its facilitator: you invite both teams and publish the agreed definition.</p>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <TextField label="Workshop name" hint="For example: “MQL/SQL definition 2027”." registration={field('name')} error={errorOf('name')} />
          <TextField label="Company" hint="The company whose leads you are defining." registration={field('company')} error={errorOf('company')} />
          <div className="actions">
            <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
              Create workshop
            </button>
            <Link to="/workshops">Cancel</Link>
          </div>
        </Form>
      </div>
    </div>
  )
}
