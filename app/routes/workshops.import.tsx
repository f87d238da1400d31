import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, MaxPartSizeExceededError, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { FormError } from '~/components/form'
import { importWorkshop } from '~/models/backup.server'
import { requireUser } from '~/session.server'

export const meta: MetaFunction = () => [{ title: 'Import a workshop · Leadpact' }]

const MAX_BACKUP_BYTES = 50 * 1024 * 1024

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  return json({})
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  let formData: FormData
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_BACKUP_BYTES }))
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return json({ error: 'The file is larger than 50 MB.' }, { status: 413 })
    return json({ error: 'Choose a backup file (.json) to import.' }, { status: 400 })
  }
  const file = formData.get('backup')
  if (!file || typeof file === 'string' || file.size === 0) return json({ error: 'Choose a backup file (.json) to import.' }, { status: 400 })
  const imported = await importWorkshop({ text: await file.text(), userId: user.id })
  if (!imported.ok) return json({ error: imported.message }, { status: 400 })
  return redirect(`/workshops/${imported.workshopId}`)
}

export default function ImportWorkshopPage() {
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  return (
    <div className="narrow">
      <div className="card">
        <h1>Import a workshop</h1>
        <p className="muted">
          Upload a backup downloaded from a Leadpact workshop (its members page). It becomes a new workshop that you facilitate, with every
          published version intact.
        </p>
        <FormError message={actionData?.error} />
        <Form method="post" encType="multipart/form-data">
          <div className="field">
            <label htmlFor="backup">Backup file</label>
            <input id="backup" name="backup" type="file" accept="application/json,.json" required />
          </div>
          <div className="actions">
            <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
              {navigation.state === 'submitting' ? 'Importing…' : 'Import workshop'}
            </button>
            <Link to="/workshops">Cancel</Link>
          </div>
        </Form>
      </div>
    </div>
  )
}
