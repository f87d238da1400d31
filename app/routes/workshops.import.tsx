import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormError, useSchemaForm } from '~/components/form'
import { MIN_RESPONSES_PER_TEAM } from '~/domain/assessment/scoring'
import { MAX_BACKUP_BYTES } from '~/domain/backup/format'
import { IMPORT_MESSAGES, ImportBackupSchema, MAX_BACKUP_LABEL } from '~/domain/backup/import-form'
import { answer, redirectWithFlash } from '~/http/actions.server'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { getImportSummary, importWorkshop } from '~/models/backup.server'
import { requireUser } from '~/http/session.server'

export const meta: MetaFunction = () => [{ title: 'Import a workshop · Leadpact' }]

// Room for the multipart boundaries and part headers around the file.
const MAX_UPLOAD_BYTES = MAX_BACKUP_BYTES + 64 * 1024

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const params = new URL(request.url).searchParams
  const workshopId = params.get('imported')
  // Only the facilitator of that workshop sees its summary; anyone else sees the plain form.
  const summary = workshopId ? await getImportSummary({ workshopId, userId: user.id }) : undefined
  const positive = (name: string) => {
    const value = Number(params.get(name))
    return Number.isSafeInteger(value) && value > 0 ? value : 0
  }
  return json({ summary: summary ?? null, unrevealedNotes: positive('unrevealedNotes'), withheldResponses: positive('withheldResponses') })
}

class UploadTooLarge extends Error {}

/** The request body, failing once more than `maxBytes` arrived, whatever Content-Length claimed (or if it claimed nothing). */
function cappedBody(body: ReadableStream<Uint8Array>, maxBytes: number) {
  let received = 0
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength
        if (received > maxBytes) controller.error(new UploadTooLarge())
        else controller.enqueue(chunk)
      },
    }),
  )
}

type Upload = { ok: true; text: string } | { ok: false; status: 400 | 413 | 415; message: string }

/*
 * The upload is limited here, on its own, whatever limits the server in front of the app sets:
 * by Content-Length before reading, by counting while reading, and by the file part's size.
 */
async function readBackupUpload(request: Request): Promise<Upload> {
  const tooLarge = { ok: false, status: 413, message: IMPORT_MESSAGES.tooLarge } as const
  const chooseFile = { ok: false, status: 400, message: IMPORT_MESSAGES.choose } as const
  const type = request.headers.get('Content-Type') ?? ''
  if (!/^multipart\/form-data\s*;/i.test(type)) return { ok: false, status: 415, message: 'Send the backup as a file upload (multipart/form-data), as the import form does.' }
  const declared = Number(request.headers.get('Content-Length') ?? NaN)
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES) return tooLarge
  if (!request.body) return chooseFile
  let formData: FormData
  try {
    const capped = new Request(request.url, { method: 'POST', headers: request.headers, body: cappedBody(request.body, MAX_UPLOAD_BYTES), duplex: 'half' } as RequestInit)
    formData = await unstable_parseMultipartFormData(
      capped,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_BACKUP_BYTES, filter: ({ name }) => name === 'backup' }),
    )
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError || error instanceof UploadTooLarge) return tooLarge
    return { ok: false, status: 400, message: 'The upload could not be read. Choose the backup file again and retry.' }
  }
  const file = formData.get('backup')
  if (!file || typeof file === 'string') return chooseFile
  // The same schema as the form in the browser, over what arrived.
  const checked = ImportBackupSchema.safeParse({ backup: { name: file.name, size: file.size, type: file.type } })
  if (!checked.success) return { ok: false, status: file.size > MAX_BACKUP_BYTES ? 413 : 400, message: checked.error.issues[0]!.message }
  return { ok: true, text: await file.text() }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const upload = await readBackupUpload(request)
  if (!upload.ok) return answer(upload.status, { form: 'import-backup', errors: { form: upload.message } })
  const imported = await importWorkshop({ text: upload.text, userId: user.id })
  // Not the file's fault (the disk, say): an honest 500 with what happened, and nothing imported.
  if (!imported.ok) return answer(imported.reason === 'invalid' ? 400 : 500, { form: 'import-backup', errors: { form: imported.message } })
  // Redirect after the post, so reloading the summary cannot import the file a second time.
  const summary = new URLSearchParams({ imported: imported.workshopId })
  if (imported.unrevealedNotes > 0) summary.set('unrevealedNotes', String(imported.unrevealedNotes))
  if (imported.withheldResponses > 0) summary.set('withheldResponses', String(imported.withheldResponses))
  return redirectWithFlash(`/workshops/import?${summary}`, 'Backup imported.')
}

function ImportSummary({
  summary,
  unrevealedNotes,
  withheldResponses,
}: {
  summary: { workshopId: string; name: string; authors: string[] }
  unrevealedNotes: number
  withheldResponses: number
}) {
  const people = summary.authors.length
  return (
    <div className="card" role="status">
      <h1>Workshop imported</h1>
      <p>
        “{summary.name}” is now a workshop that you facilitate, with every published version as it was.
      </p>
      {people > 0 ? (
        <p>
          {people === 1 ? '1 person' : `${people} people`} named in the backup became {people === 1 ? 'a named author' : 'named authors'} without{' '}
          {people === 1 ? 'an account' : 'accounts'}: <strong>{summary.authors.join(', ')}</strong>. What they wrote, signed and published keeps their
          names, but they cannot log in and are not members here. Invite your colleagues from the members page.
        </p>
      ) : (
        <p>The backup names nobody, so nothing in it is attributed to anyone.</p>
      )}
      {unrevealedNotes > 0 ? (
        <p>
          The lead board had not been revealed when the backup was made, so its {unrevealedNotes === 1 ? 'one team note was' : `${unrevealedNotes} team notes were`} not
          in the file: the teams start this board empty.
        </p>
      ) : null}
      {withheldResponses > 0 ? (
        <p>
          {withheldResponses === 1 ? 'One assessment response was' : `${withheldResponses} assessment responses were`} not in the file: responses of a team with
          fewer than {MIN_RESPONSES_PER_TEAM} of them in a round, and unfinished ones, are only counted in a backup, as the assessment only counts them, so
          that no answer can be traced to a person.
        </p>
      ) : null}
      <div className="actions">
        <Link to={`/workshops/${summary.workshopId}`} className="button">
          Open the workshop →
        </Link>
        <Link to={`/workshops/${summary.workshopId}/members`}>Invite members</Link>
        <Link to="/workshops/import">Import another backup</Link>
      </div>
    </div>
  )
}

export default function ImportWorkshopPage() {
  const { summary, unrevealedNotes, withheldResponses } = useLoaderData<typeof loader>()
  const actionData = answerFor(useActionData<FormAnswer>(), 'import-backup')
  const navigation = useNavigation()
  const { form, onSubmit, errorOf, formError } = useSchemaForm(ImportBackupSchema, { answer: actionData })
  const importing = navigation.state === 'submitting'
  const fileError = errorOf('backup')
  if (summary && !actionData) {
    return (
      <div className="narrow">
        <ImportSummary summary={summary} unrevealedNotes={unrevealedNotes} withheldResponses={withheldResponses} />
      </div>
    )
  }
  return (
    <div className="narrow">
      <div className="card">
        <h1>Import a workshop</h1>
        <p className="muted">
          Upload a backup downloaded from a Leadpact workshop (its members page), at most {MAX_BACKUP_LABEL}. It becomes a new workshop that you
          facilitate, with every published version intact.
        </p>
        <p className="muted small">
          People named in the backup become named authors without accounts: their comments, notes, sign-offs and versions keep their names, but
          nobody can log in as them, and nothing is attributed to an account on this instance.
        </p>
        <FormError message={formError} />
        {/* Checked in the browser first (a .json file, under the limit); then posted as multipart like any upload. */}
        <Form method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor="backup">Backup file</label>
            <input
              id="backup"
              type="file"
              accept="application/json,.json"
              required
              aria-invalid={Boolean(fileError)}
              aria-describedby={fileError ? 'backup-error' : undefined}
              {...form.register('backup')}
            />
            {fileError ? (
              <span className="field-error" id="backup-error" role="alert">
                {fileError}
              </span>
            ) : null}
          </div>
          <div className="actions">
            <button type="submit" className="button" disabled={importing}>
              {importing ? 'Importing…' : 'Import workshop'}
            </button>
            <Link to="/workshops">Cancel</Link>
          </div>
        </Form>
      </div>
    </div>
  )
}
