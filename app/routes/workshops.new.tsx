import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { TextField, useSchemaForm } from '~/components/form'
import { WorkshopSchema } from '~/domain/workshops/schemas'
import { parseForm } from '~/form.server'
import { createWorkshop } from '~/models/workshop.server'
import { requireUser } from '~/session.server'

export const meta: MetaFunction = () => [{ title: 'New workshop · Leadpact' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  return json({})
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await parseForm(request, WorkshopSchema)
  if (!form.ok) return json({ errors: form.errors, values: form.values }, { status: 400 })
  const workshop = await createWorkshop({ ...form.data, userId: user.id })
  return redirect(`/workshops/${workshop.id}`)
}

export default function NewWorkshopPage() {
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { form, onSubmit, field } = useSchemaForm(WorkshopSchema, { serverErrors: actionData?.errors, serverValues: actionData?.values })
  const errors = form.formState.errors
  return (
    <div className="narrow">
      <div className="card">
        <h1>New workshop</h1>
        <p className="muted">You will be its facilitator: you invite both teams and publish the agreed definition.</p>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <TextField label="Workshop name" hint="For example: “MQL/SQL definition 2027”." registration={field('name')} error={errors.name?.message} />
          <TextField label="Company" hint="The company whose leads you are defining." registration={field('company')} error={errors.company?.message} />
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
