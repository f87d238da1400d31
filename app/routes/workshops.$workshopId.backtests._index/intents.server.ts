import fs from 'node:fs'
import { inspectUpload } from '~/backtest/inspect.server'
import { sweepBacktests, warmReadingThreads } from '~/backtest/runner.server'
import { receiveBacktestUpload } from '~/backtest/upload.server'
import { DeleteRunSchema, MAX_BACKTEST_FILE_BYTES, UploadSchema } from '~/domain/backtest/forms'
import { toFieldErrors, validateFormData } from '~/http/form.server'
import { answer, invalid, redirectWithFlash } from '~/http/actions.server'
import type { MemberContext } from '~/http/permissions.server'
import { createUploadedRun, deleteRun } from '~/models/backtest.server'

const listPath = (workshopId: string) => `/workshops/${workshopId}/backtests`

/**
 * The upload: streamed to a temporary file, looked at (text? CSV or JSON Lines? which columns?),
 * then a run waiting for its mapping. A file that cannot be a back-test is deleted at once and
 * nothing is stored.
 */
export async function uploadIntent({ member, request }: { member: MemberContext; request: Request }) {
  await sweepBacktests(new Date())
  const received = await receiveBacktestUpload(request)
  if (!received.ok) return answer(received.status, { form: 'upload', errors: { file: received.message } })
  const { file, fields } = received
  const refuse = async (status: number, errors: Record<string, string>) => {
    await fs.promises.rm(file.path, { force: true })
    return answer(status, { form: 'upload', errors })
  }
  // The same schema as the form in the browser, over what arrived.
  const checked = UploadSchema.safeParse({ intent: fields.intent, file: { name: file.name, size: file.bytes } })
  if (!checked.success) return refuse(file.bytes > MAX_BACKTEST_FILE_BYTES ? 413 : 400, toFieldErrors(checked.error.issues))
  const inspection = await inspectUpload(file.path, file.name, file.bytes)
  if (!inspection.ok) return refuse(400, { file: inspection.message })
  const runId = await createUploadedRun({
    workshopId: member.workshopId,
    userId: member.user.id,
    fileName: file.name,
    fileBytes: file.bytes,
    fileSha256: file.sha256,
    format: inspection.format,
    delimiter: inspection.delimiter,
    columns: inspection.columns,
    tempPath: file.path,
  })
  warmReadingThreads()
  return redirectWithFlash(`${listPath(member.workshopId)}/${runId}`, `Uploaded ${file.name}: check how its columns map to the model, then start the run.`)
}

export async function deleteRunIntent({ member, formData }: { member: MemberContext; formData: FormData }) {
  const form = validateFormData(formData, DeleteRunSchema)
  if (!form.ok) return invalid('delete-run', form)
  const deleted = await deleteRun({ workshopId: member.workshopId, runId: form.data.runId })
  if (!deleted) return answer(409, { form: 'delete-run', errors: { form: 'That run is gone already, or still running: cancel it first.' } })
  return redirectWithFlash(listPath(member.workshopId), `Deleted the back-test of ${deleted.fileName}.`)
}
