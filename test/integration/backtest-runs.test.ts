import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { backtestRuns } from '#db/schema'
import { readBacktestFile } from '~/backtest/read-file.server'
import { runSettled } from '~/backtest/runner.server'
import { backtestUploadDir } from '~/backtest/upload.server'
import { computeFigures } from '~/domain/backtest/figures'
import { startRunFormValues } from '~/domain/backtest/forms'
import { readFlash } from '~/http/flash.server'
import { createUploadedRun, getRun, getSavedMapping, listRuns } from '~/models/backtest.server'
import { acceptInvite, createInvite } from '~/models/invite.server'
import { getStepStates } from '~/models/progress.server'
import { getScoringModel, replaceScoringModel } from '~/models/scoring-model.server'
import { signOffSection } from '~/models/sign-off.server'
import { getReviewState } from '~/models/version.server'
import { createWorkshop } from '~/models/workshop.server'
import { action as listAction, loader as listLoader } from '~/routes/workshops.$workshopId.backtests._index/route'
import { action as runAction, loader as runLoader } from '~/routes/workshops.$workshopId.backtests.$runId/route'
import { X_EDUCATION_CONVERTED, X_EDUCATION_CSV, X_EDUCATION_ROWS, xEducationConfig, xEducationMapping } from '../fixtures/x-education'
import { cookieFrom, formRequest, getRequest, person, useTestDatabase } from '../setup/test-database'

/*
 * Step 9 end to end through its routes: upload (streamed to a temporary file), mapping, the run
 * in a worker thread, results; what each role may do; refusals that store nothing; cancelling.
 */

const store = useTestDatabase()
type Person = Awaited<ReturnType<typeof person>>

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-backtest-runs-'))
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }))

async function workshopWithTeam(tag: string) {
  const fran = await person(`fran-${tag}@example.com`)
  const workshop = await createWorkshop({ name: `W ${tag}`, company: 'X Education', userId: fran.id })
  const mia = await person(`mia-${tag}@example.com`)
  const vic = await person(`vic-${tag}@example.com`)
  for (const [who, role] of [
    [mia, 'marketing'],
    [vic, 'viewer'],
  ] as const) {
    const invite = await createInvite({ workshopId: workshop.id, role, expiresInDays: 7, singleUse: true, createdBy: fran.id })
    await acceptInvite({ token: invite.token, userId: who.id })
  }
  await replaceScoringModel(workshop.id, xEducationConfig())
  return { workshop, fran, mia, vic }
}

function uploadRequest(workshopId: string, who: Person, file: { name: string; bytes: Uint8Array | string } | null, init: { intent?: string; contentLength?: string } = {}) {
  const form = new FormData()
  form.set('intent', init.intent ?? 'upload')
  if (file) form.set('file', new File([file.bytes as BlobPart], file.name, { type: 'text/csv' }))
  const headers: Record<string, string> = { Cookie: who.cookie }
  if (init.contentLength) headers['Content-Length'] = init.contentLength
  return new Request(`http://localhost/workshops/${workshopId}/backtests`, { method: 'POST', body: form, headers })
}

const post = (workshopId: string, request: Request) => listAction({ request, params: { workshopId }, context: {} }) as Promise<Response>
const postRun = (workshopId: string, runId: string, who: Person, fields: Record<string, string>) =>
  runAction({ request: formRequest(`/workshops/${workshopId}/backtests/${runId}`, fields, who), params: { workshopId, runId }, context: {} }) as Promise<Response>
const loadRun = async (workshopId: string, runId: string, who: Person, query = '') =>
  (await (runLoader({ request: getRequest(`/workshops/${workshopId}/backtests/${runId}${query}`, who), params: { workshopId, runId }, context: {} }) as Promise<Response>)).json()

/** The mapping form as a browser posts it: nested values as dotted names, ticked boxes as "on". */
function flatten(value: unknown, prefix = ''): Record<string, string> {
  if (value === undefined || value === null || value === false) return {}
  if (typeof value !== 'object') return { [prefix]: String(value === true ? 'on' : value) }
  return Object.entries(value as Record<string, unknown>).reduce<Record<string, string>>(
    (fields, [key, child]) => ({ ...fields, ...flatten(child, prefix ? `${prefix}.${key}` : key) }),
    {},
  )
}

const startFields = (overrides: Record<string, string> = {}) => ({
  ...flatten(startRunFormValues(xEducationMapping(), xEducationConfig().fields, ['draft'], '2026-11-29')),
  ...overrides,
})

/** The flash message a redirect carries, as the next page shows it. */
const flashOf = async (response: Response) => (await readFlash(getRequest('/', { cookie: cookieFrom(response) }))).flash?.text

const uploads = () => (fs.existsSync(backtestUploadDir()) ? fs.readdirSync(backtestUploadDir()) : [])
const runCount = async () => (await store().db.select().from(backtestRuns)).length

describe('a back-test through its pages', () => {
  it('uploads the real file, maps it, runs it in a worker and keeps only its counts', async () => {
    const { workshop, mia } = await workshopWithTeam('flow')
    const before = uploads().length
    const uploaded = await post(workshop.id, uploadRequest(workshop.id, mia, { name: 'x-education-leads.csv', bytes: fs.readFileSync(X_EDUCATION_CSV) }))
    expect(uploaded.status).toBe(302)
    const runId = uploaded.headers.get('Location')!.split('/').pop()!
    expect(uploaded.headers.get('Location')).toBe(`/workshops/${workshop.id}/backtests/${runId}`)
    expect(await flashOf(uploaded)).toBe('Uploaded x-education-leads.csv: check how its columns map to the model, then start the run.')
    const waiting = await getRun({ workshopId: workshop.id, runId })
    expect(waiting).toMatchObject({ status: 'mapping', fileBytes: fs.statSync(X_EDUCATION_CSV).size, format: 'csv', delimiter: ',' })
    expect(waiting!.columns).toHaveLength(38)
    expect(waiting!.columns.at(-1)).toBe('Column 38')
    expect(fs.readFileSync(waiting!.tempPath!)).toEqual(fs.readFileSync(X_EDUCATION_CSV))
    expect(uploads().length).toBe(before + 1)

    // The mapping form offers what the fixture mapping says, matched by name.
    const page = await loadRun(workshop.id, runId, mia)
    const suggested = page.mapping.defaults
    expect(suggested.outcomeColumn).toBe('Converted')
    expect(suggested.fields).toEqual(startRunFormValues(xEducationMapping(), xEducationConfig().fields, ['draft'], '2026-11-29').fields)
    expect(page.mapping.preview.find((entry: { column: string }) => entry.column === 'Lead Origin').values[0]).toBe('API')

    const started = await postRun(workshop.id, runId, mia, startFields())
    expect(started.status).toBe(302)
    expect(await flashOf(started)).toBe('Started the back-test of x-education-leads.csv.')
    await runSettled(runId)

    const done = await getRun({ workshopId: workshop.id, runId })
    expect(done).toMatchObject({ status: 'done', rowsDone: X_EDUCATION_ROWS, badRowCount: 0, tempPath: null, error: null })
    expect(done!.results).toHaveLength(1)
    const aggregate = done!.results[0]!
    expect(aggregate.leads).toBe(X_EDUCATION_ROWS)
    expect(aggregate.converted).toBe(X_EDUCATION_CONVERTED)
    // The worker's counts are the reader's, run here in the test's own thread.
    const direct = await readBacktestFile({
      path: X_EDUCATION_CSV,
      format: 'csv',
      delimiter: ',',
      columns: done!.columns,
      mapping: done!.mapping!,
      configs: [done!.models[0]!.config],
      asOfMs: done!.asOf!.getTime(),
    })
    expect(aggregate).toEqual(direct.aggregates[0])
    expect(uploads().length).toBe(before)
    expect(await getSavedMapping(workshop.id)).toEqual(xEducationMapping())

    // The results page: figures at the model's thresholds, or at the address' thresholds.
    const results = (await loadRun(workshop.id, runId, mia)).results
    expect(results.thresholds).toEqual({ minFit: 30, minEngagement: 30 })
    expect(results.aggregate).toEqual(aggregate)
    const stricter = (await loadRun(workshop.id, runId, mia, '?minFit=60&minEngagement=45')).results
    expect(stricter.thresholds).toEqual({ minFit: 60, minEngagement: 45 })
    expect((await getStepStates(workshop.id)).find((step) => step.slug === 'backtests')!.state).toBe('in-progress')
  }, 120_000)

  it('saves the sliders’ thresholds to the scoring model as a change that voids the scoring sign-off', async () => {
    const { workshop, fran, mia, vic } = await workshopWithTeam('save')
    const runId = await createFinishedRun(workshop.id, mia)
    const sam = await person('sam-save@example.com')
    const invite = await createInvite({ workshopId: workshop.id, role: 'sales', expiresInDays: 7, singleUse: true, createdBy: fran.id })
    await acceptInvite({ token: invite.token, userId: sam.id })
    await signOffSection({ workshopId: workshop.id, userId: mia.id, team: 'marketing', section: 'criteria-scoring' })
    await signOffSection({ workshopId: workshop.id, userId: sam.id, team: 'sales', section: 'criteria-scoring' })
    const signed = (await getReviewState(workshop.id)).sections.find((section) => section.section === 'criteria-scoring')!
    expect(signed.missing).toEqual([])

    const revision = (await getScoringModel(workshop.id)).settings.revision
    const saved = await postRun(workshop.id, runId, mia, { intent: 'save-thresholds', revision: String(revision), minFit: '55', minEngagement: '40' })
    expect(saved.status).toBe(302)
    expect(saved.headers.get('Location')).toBe(`/workshops/${workshop.id}/backtests/${runId}?minFit=55&minEngagement=40#thresholds`)
    expect(await flashOf(saved)).toBe('Saved the MQL thresholds to the scoring model: fit ≥ 55, engagement ≥ 40. The scoring sign-offs are void until both teams sign again.')
    expect((await getScoringModel(workshop.id)).settings).toMatchObject({ mqlMinFit: 55, mqlMinEngagement: 40 })
    const after = (await getReviewState(workshop.id)).sections.find((section) => section.section === 'criteria-scoring')!
    expect(after.missing).toEqual(['marketing', 'sales'])
    expect(after.voided).toHaveLength(2)

    // The same revision again: someone saved in between.
    const stale = await postRun(workshop.id, runId, mia, { intent: 'save-thresholds', revision: String(revision), minFit: '20', minEngagement: '20' })
    expect(stale.status).toBe(409)
    expect((await stale.json()).conflict.message).toContain('now fit ≥ 55, engagement ≥ 40')
    // Above the caps: refused with the reason.
    const above = await postRun(workshop.id, runId, mia, { intent: 'save-thresholds', revision: String(revision + 1), minFit: '500', minEngagement: '20' })
    expect(above.status).toBe(400)
    expect((await above.json()).errors.form).toContain('caps are fit 100 and engagement 100')
    // A viewer reads the results but posts nothing.
    expect((await loadRun(workshop.id, runId, vic)).results.aggregate.leads).toBe(X_EDUCATION_ROWS)
    await expect(postRun(workshop.id, runId, vic, { intent: 'save-thresholds', revision: String(revision + 1), minFit: '10', minEngagement: '10' })).rejects.toMatchObject({ status: 403 })
  }, 120_000)
})

/** A finished run of the real file, through the pages. */
async function createFinishedRun(workshopId: string, who: Person) {
  const uploaded = await post(workshopId, uploadRequest(workshopId, who, { name: 'leads.csv', bytes: fs.readFileSync(X_EDUCATION_CSV) }))
  const runId = uploaded.headers.get('Location')!.split('/').pop()!
  expect((await postRun(workshopId, runId, who, startFields())).status).toBe(302)
  await runSettled(runId)
  expect((await getRun({ workshopId, runId }))!.status).toBe('done')
  return runId
}

describe('what each member may do', () => {
  it('a viewer reads runs but cannot upload or start one; a member of another workshop can do neither', async () => {
    const { workshop, mia, vic } = await workshopWithTeam('roles')
    const runId = await createFinishedRun(workshop.id, mia)
    const outsider = await person('out-roles@example.com')
    await createWorkshop({ name: 'Theirs', company: 'Other', userId: outsider.id })
    const count = await runCount()
    const files = uploads().length

    const list = await (listLoader({ request: getRequest(`/workshops/${workshop.id}/backtests`, vic), params: { workshopId: workshop.id }, context: {} }) as Promise<Response>)
    expect((await list.json()).runs.map((run: { id: string }) => run.id)).toContain(runId)
    await expect(post(workshop.id, uploadRequest(workshop.id, vic, { name: 'a.csv', bytes: 'a,Converted\n1,1\n' }))).rejects.toMatchObject({ status: 403 })
    await expect(postRun(workshop.id, runId, vic, { intent: 'cancel-run' })).rejects.toMatchObject({ status: 403 })

    await expect(listLoader({ request: getRequest(`/workshops/${workshop.id}/backtests`, outsider), params: { workshopId: workshop.id }, context: {} })).rejects.toMatchObject({ status: 404 })
    await expect(loadRun(workshop.id, runId, outsider)).rejects.toMatchObject({ status: 404 })
    await expect(post(workshop.id, uploadRequest(workshop.id, outsider, { name: 'a.csv', bytes: 'a,Converted\n1,1\n' }))).rejects.toMatchObject({ status: 404 })
    expect(await runCount()).toBe(count)
    expect(uploads().length).toBe(files)
  }, 120_000)
})

describe('files that cannot be back-tested', () => {
  it.each([
    ['an empty file', { name: 'empty.csv', bytes: '' }, 400, 'The file is empty: choose an export with a header row and one lead a row.'],
    ['a binary file', { name: 'photo.csv', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) }, 400, 'This is not a text file. Choose a CSV or JSON Lines export of your leads.'],
    ['a header without leads', { name: 'header.csv', bytes: 'Name,Converted\n' }, 400, 'The file has a header but no leads.'],
    ['no file at all', null, 400, 'Choose a file to upload (CSV or JSON Lines).'],
    ['text that is not UTF-8', { name: 'latin1.csv', bytes: new Uint8Array([0x4e, 0x61, 0x6d, 0xe9, 0x2c, 0x43, 0x0a, 0x41, 0x2c, 0x31, 0x0a]) }, 400, 'The file is not UTF-8 text. Save it as "CSV UTF-8" (or JSON Lines in UTF-8) and upload it again.'],
  ])('%s: a clear message, nothing stored', async (_name, file, status, message) => {
    const { workshop, mia } = await workshopWithTeam(`bad-${_name.replace(/\W/g, '')}`)
    const count = await runCount()
    const files = uploads().length
    const response = await post(workshop.id, uploadRequest(workshop.id, mia, file))
    expect(response.status).toBe(status)
    expect(await response.json()).toEqual({ form: 'upload', errors: { file: message } })
    expect(await runCount()).toBe(count)
    expect(uploads().length).toBe(files)
  })

  it('a file over the limit: refused by its declared size, and cut off while streaming when it declares none', async () => {
    const { workshop, mia } = await workshopWithTeam('large')
    const count = await runCount()
    const files = uploads().length
    const declared = await post(workshop.id, uploadRequest(workshop.id, mia, { name: 'big.csv', bytes: 'a,b\n1,2\n' }, { contentLength: String(300 * 1024 * 1024) }))
    expect(declared.status).toBe(413)
    expect((await declared.json()).errors.file).toBe('The file is larger than 200 MB, the largest file a back-test reads. Split it, or export fewer columns.')
    // 201 MB streamed without a Content-Length: the reader stops at the limit and deletes what it wrote.
    const chunk = new Uint8Array(1024 * 1024).fill(0x61)
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('--b\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n'))
      },
      pull(controller) {
        if (sent++ < 201) controller.enqueue(chunk)
        else {
          controller.enqueue(new TextEncoder().encode('\r\n--b--\r\n'))
          controller.close()
        }
      },
    })
    const streamed = await post(
      workshop.id,
      new Request(`http://localhost/workshops/${workshop.id}/backtests`, { method: 'POST', body, headers: { Cookie: mia.cookie, 'Content-Type': 'multipart/form-data; boundary=b' }, duplex: 'half' } as RequestInit),
    )
    expect(streamed.status).toBe(413)
    expect(await runCount()).toBe(count)
    expect(uploads().length).toBe(files)
  }, 60_000)

  it('a mapping without an outcome column, or naming a column the file lacks, is refused and the run keeps waiting', async () => {
    const { workshop, mia } = await workshopWithTeam('nooutcome')
    const uploaded = await post(workshop.id, uploadRequest(workshop.id, mia, { name: 'leads.csv', bytes: fs.readFileSync(X_EDUCATION_CSV) }))
    const runId = uploaded.headers.get('Location')!.split('/').pop()!
    const noOutcome = await postRun(workshop.id, runId, mia, startFields({ outcomeColumn: '' }))
    expect(noOutcome.status).toBe(400)
    expect((await noOutcome.json()).errors.outcomeColumn).toBe('Choose the column that says whether the lead converted.')
    const wrongColumn = await postRun(workshop.id, runId, mia, startFields({ 'fields.0.column': 'Lead Origen' }))
    expect(wrongColumn.status).toBe(400)
    expect((await wrongColumn.json()).errors.form).toBe('The file has no column "Lead Origen".')
    const noModel = await postRun(workshop.id, runId, mia, { ...startFields(), 'models.draft': '' })
    expect(noModel.status).toBe(400)
    const run = await getRun({ workshopId: workshop.id, runId })
    expect(run).toMatchObject({ status: 'mapping', results: [] })
    expect(fs.existsSync(run!.tempPath!)).toBe(true)
    // Discarding the upload deletes the file.
    const discarded = await postRun(workshop.id, runId, mia, { intent: 'cancel-run' })
    expect(discarded.status).toBe(302)
    expect(fs.existsSync(run!.tempPath!)).toBe(false)
    expect((await getRun({ workshopId: workshop.id, runId }))!.status).toBe('cancelled')
  }, 60_000)
})

describe('a run in progress', () => {
  it('shows its progress from the database on every load, and a cancel stops the worker and deletes the file', async () => {
    const { workshop, mia, vic } = await workshopWithTeam('cancel')
    // The worker reads from a named pipe that this test feeds: the run cannot end before the test says so.
    const fifo = path.join(scratch, 'leads.fifo')
    execFileSync('mkfifo', [fifo])
    const [header, ...lines] = fs.readFileSync(X_EDUCATION_CSV, 'utf8').split('\r\n')
    const runId = await createUploadedRun({
      workshopId: workshop.id,
      userId: mia.id,
      fileName: 'live.csv',
      fileBytes: 1024 * 1024,
      fileSha256: 'f'.repeat(64),
      format: 'csv',
      delimiter: ',',
      columns: header!.split(',').map((name, index) => name || `Column ${index + 1}`),
      tempPath: fifo,
    })
    const writer = fs.createWriteStream(fifo)
    // Once the worker is stopped nobody reads the pipe: the rows still on their way fail, as they should.
    writer.on('error', () => undefined)
    writer.write(`${header}\r\n`)
    expect((await postRun(workshop.id, runId, mia, startFields())).status).toBe(302)
    const feed = setInterval(() => writer.write(`${lines.slice(0, 2000).join('\r\n')}\r\n`), 100)
    try {
      await expect.poll(async () => (await getRun({ workshopId: workshop.id, runId }))!.rowsDone, { timeout: 60_000 }).toBeGreaterThan(0)
      const page = await loadRun(workshop.id, runId, vic)
      expect(page.run.status).toBe('running')
      expect(page.progress.live).toBe(true)
      expect(page.progress.progress.rowsDone).toBeGreaterThan(0)
      expect(page.progress.progress.percent).toBeGreaterThan(0)

      const cancelled = await postRun(workshop.id, runId, mia, { intent: 'cancel-run' })
      expect(cancelled.status).toBe(302)
      expect(await flashOf(cancelled)).toBe('Cancelled the run and deleted its file.')
    } finally {
      clearInterval(feed)
      writer.destroy()
    }
    await runSettled(runId)
    const run = await getRun({ workshopId: workshop.id, runId })
    expect(run).toMatchObject({ status: 'cancelled', tempPath: null, results: [] })
    expect(fs.existsSync(fifo)).toBe(false)
    expect((await listRuns(workshop.id)).map((entry) => entry.status)).toEqual(['cancelled'])
    // A finished run cannot be cancelled again.
    const again = await postRun(workshop.id, runId, mia, { intent: 'cancel-run' })
    expect(again.status).toBe(409)
  }, 120_000)

  it('a file with bad rows completes and lists them by line number on the results page', async () => {
    const { workshop, mia } = await workshopWithTeam('badrows')
    const [header, ...lines] = fs.readFileSync(X_EDUCATION_CSV, 'utf8').split('\r\n').filter(Boolean)
    const text = [header, lines[0], 'short,row', ...lines.slice(1, 50), lines[50]!.replace(',No,No,', ',Perhaps,No,')].join('\r\n')
    const uploaded = await post(workshop.id, uploadRequest(workshop.id, mia, { name: 'broken.csv', bytes: text }))
    const runId = uploaded.headers.get('Location')!.split('/').pop()!
    await postRun(workshop.id, runId, mia, startFields())
    await runSettled(runId)
    const page = await loadRun(workshop.id, runId, mia)
    expect(page.run).toMatchObject({ status: 'done', rowsDone: 52, badRowCount: 2 })
    expect(page.run.badRows).toEqual([
      { line: 3, message: 'has 2 cells, the header has 38' },
      { line: 53, message: 'Do Not Email: "Perhaps" is neither a true nor a false value' },
    ])
    expect(computeFigures(page.results.aggregate, page.results.thresholds).leads).toBe(50)
  }, 60_000)
})
