import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { eq, inArray, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getStore, type Store } from '#db/client.server'
import { DEMO_USERS, seedDemo } from '~/demo/seed.server'
import { assessmentResponses, assessmentRounds, backtestMappings, backtestRuns, comments, leadTraits, memberships, signOffs, users, versions, workshopLogos, workshops } from '#db/schema'
import { ALIGNMENT_2026, type Answer } from '~/domain/assessment/questions'
import { NON_ACCOUNT_PASSWORD_HASH } from '~/domain/backup/authors'
import { renderMarkdown } from '~/domain/document/markdown'
import { configJson } from '~/domain/exports/config-json'
import { exportWorkshop, getImportSummary, IMPORT_ROWS_PER_TRANSACTION, importWorkshop } from '~/models/backup.server'
import { closeRound, getRoundReport, listRounds, memberRespondentKey, openRound, saveSection, startResponse, submitResponse } from '~/models/assessment.server'
import { createUploadedRun, getRun, getSavedMapping, listRuns } from '~/models/backtest.server'
import { listComments } from '~/models/comment.server'
import { getDocumentLogo } from '~/models/document-logo.server'
import { sessionCookieFor } from '~/http/session.server'
import { loader as runLoader } from '~/routes/workshops.$workshopId.backtests.$runId/route'
import { getVersionDocument } from '~/models/document.server'
import { verifyPassword } from '~/models/password.server'
import { getVersion, listVersions } from '~/models/version.server'
import { addTrait, revealBoard } from '~/models/lead-board.server'
import { configureLoginThrottle, verifyLogin } from '~/models/user.server'
import { createWorkshop, listMembers, listWorkshopsForUser } from '~/models/workshop.server'
import { loader as backupLoader } from '~/routes/workshops.$workshopId.backup[.]json'
import { action as importAction, loader as importLoader } from '~/routes/workshops.import'
import { action as loginAction } from '~/routes/login'
import { action as signupAction } from '~/routes/signup'
import { formRequest, getRequest, person, useTestDatabase } from '../setup/test-database'

const store = useTestDatabase()
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })
const SYNTHETIC_EMAIL = /^imported-[0-9a-f]{24}@authors\.leadpact\.invalid$/

let demoWorkshopId = ''
let demoBackup = ''
let ida: Awaited<ReturnType<typeof person>>

beforeAll(async () => {
  const seeded = await seedDemo(store())
  demoWorkshopId = seeded.workshopId!
  demoBackup = await exportWorkshop(demoWorkshopId)
  ida = await person('ida@importer.example')
})

/** Row counts of every table: equal before and after means an attempt wrote nothing (or removed all it wrote). */
async function tableCounts() {
  const { db } = store()
  const names = (await db.values<[string]>(sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)).map((row) => row[0])
  const counts: Record<string, number> = {}
  for (const name of names) counts[name] = Number((await db.values<[number]>(sql.raw(`SELECT count(*) FROM "${name}"`)))[0]![0])
  return counts
}

/** A file upload as a browser sends it: multipart, with Content-Length (or, with `declareLength: false`, streamed without). */
async function uploadRequest(content: string | Uint8Array<ArrayBuffer>, cookie: string, { declareLength = true } = {}) {
  const form = new FormData()
  form.append('backup', new File([content], 'backup.json', { type: 'application/json' }))
  if (!declareLength) return new Request('http://localhost/workshops/import', { method: 'POST', body: form, headers: { Cookie: cookie } })
  const encoded = new Response(form)
  const body = new Uint8Array(await encoded.arrayBuffer())
  const headers = { Cookie: cookie, 'Content-Type': encoded.headers.get('Content-Type')!, 'Content-Length': String(body.byteLength) }
  return new Request('http://localhost/workshops/import', { method: 'POST', body, headers })
}

async function callRoute(fn: () => Promise<unknown>): Promise<Response> {
  try {
    return (await fn()) as Response
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

/** A small hand-written backup: one comment and one sign-off by each named person. */
function handWritten(people: { id: string; email: string; name: string }[]) {
  const at = '2026-10-01T09:00:00.000Z'
  const tables = {
    comments: people.map((p, i) => ({ id: `c${i}`, workshopId: 'w', step: 'context', authorId: p.id, body: `Written by ${p.name}`, createdAt: at })),
    sign_offs: people.map((p, i) => ({ id: `s${i}`, workshopId: 'w', section: 'personas', team: 'sales', userId: p.id, fingerprint: 'f', signedAt: at, withdrawnAt: null, withdrawComment: null, revision: 1 })),
  }
  return JSON.stringify({
    format: 'leadpact-workshop-backup',
    formatVersion: 1,
    exportedAt: at,
    workshop: { id: 'w', name: 'Hand-written', company: 'Someone Else' },
    people,
    tables,
    counts: { comments: tables.comments.length, sign_offs: tables.sign_offs.length },
  })
}

/** Wraps the store's transaction helper to record, per write transaction, its duration, rows changed and a check run after it commits. */
function recordTransactions<T>(s: Store, afterCommit: () => Promise<T>, failOn?: (index: number) => boolean) {
  const original = s.transaction
  const seen: { ms: number; rows: number; after: T }[] = []
  const changes = async () => Number((await s.db.values<[number]>(sql`SELECT total_changes()`))[0]![0])
  let index = 0
  s.transaction = (async (work: () => Promise<unknown>) => {
    const mine = index++
    const startedAt = performance.now()
    let rows = 0
    const result = await original(async () => {
      const before = await changes()
      const value = await work()
      rows = (await changes()) - before
      if (failOn?.(mine)) throw new Error('disk I/O error (simulated)')
      return value
    })
    seen.push({ ms: performance.now() - startedAt, rows, after: await afterCommit() })
    return result
  }) as Store['transaction']
  return { seen, restore: () => (s.transaction = original) }
}

/** Imports each file: every one is refused as invalid with its message, and nothing is written (the caller checks the tables). */
async function expectEachRefused(cases: [text: string, message: RegExp][]) {
  for (const [text, message] of cases) {
    const result = await importWorkshop({ text, userId: ida.id })
    expect(result.ok, String(message)).toBe(false)
    if (!result.ok) {
      expect(result.message).toMatch(message)
      expect(result.reason).toBe('invalid')
    }
  }
}

describe('finding 5: backup import impersonates', () => {
  it('finding 5: import creates no accounts and attributes nothing to the existing users with those emails', async () => {
    const demoAccounts = await store().db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, DEMO_USERS.map((u) => u.email)))
    expect(demoAccounts).toHaveLength(3)
    const usersBefore = await store().db.select({ id: users.id }).from(users)

    const imported = await importWorkshop({ text: demoBackup, userId: ida.id })
    if (!imported.ok) throw new Error(imported.message)
    expect(imported.authors).toEqual(['Fran Facilitator', 'Mia Marketing', 'Sam Sales'])

    const added = (await store().db.select().from(users)).filter((u) => !usersBefore.some((b) => b.id === u.id))
    expect(added.map((u) => u.name).sort()).toEqual(['Fran Facilitator', 'Mia Marketing', 'Sam Sales'])
    for (const author of added) {
      expect(author.email).toMatch(SYNTHETIC_EMAIL)
      expect(author.passwordHash).toBe(NON_ACCOUNT_PASSWORD_HASH)
    }
    const authorIds = new Set(added.map((u) => u.id))
    const forbidden = new Set([...demoAccounts.map((u) => u.id), ida.id])

    // Everything attributed in the copy points at a non-account author, never at a demo account or the importer.
    const { db } = store()
    const attributed = [
      ...(await db.select({ id: comments.authorId }).from(comments).where(eq(comments.workshopId, imported.workshopId))),
      ...(await db.select({ id: signOffs.userId }).from(signOffs).where(eq(signOffs.workshopId, imported.workshopId))),
      ...(await db.select({ id: leadTraits.authorId }).from(leadTraits).where(eq(leadTraits.workshopId, imported.workshopId))),
      ...(await db.select({ id: versions.publishedBy }).from(versions).where(eq(versions.workshopId, imported.workshopId))),
    ]
    expect(attributed.length).toBeGreaterThan(20)
    for (const { id } of attributed) {
      expect(forbidden.has(id!)).toBe(false)
      expect(authorIds.has(id!)).toBe(true)
    }
    // Names stay what they were.
    expect((await listVersions(imported.workshopId)).map((v) => v.publishedBy)).toEqual(['Fran Facilitator', 'Fran Facilitator'])
    const leadComments = await listComments({ workshopId: imported.workshopId, step: 'leads' })
    expect(leadComments.length).toBeGreaterThan(0)
    for (const comment of leadComments) expect(['Fran Facilitator', 'Mia Marketing', 'Sam Sales']).toContain(comment.authorName)

    // The importer facilitates; the authors are not members, and the demo accounts do not see the copy.
    const members = await listMembers(imported.workshopId)
    expect(members.map((m) => [m.userId, m.role])).toEqual([[ida.id, 'facilitator']])
    const [workshop] = await db.select({ createdBy: workshops.createdBy }).from(workshops).where(eq(workshops.id, imported.workshopId))
    expect(workshop!.createdBy).toBe(ida.id)
    for (const account of demoAccounts) expect((await listWorkshopsForUser(account.id)).map((w) => w.id)).not.toContain(imported.workshopId)
  })

  it('finding 5: a hand-written backup gives no account to an unknown email, and its real owner can still sign up and log in', async () => {
    const before = await tableCounts()
    const text = handWritten([
      { id: 'p1', email: 'victim@example.com', name: 'Victor Victim' },
      { id: 'p2', email: DEMO_USERS[1]!.email, name: 'Not Really Mia' },
    ])
    const imported = await importWorkshop({ text, userId: ida.id })
    if (!imported.ok) throw new Error(imported.message)
    const after = await tableCounts()
    expect(after.users! - before.users!).toBe(2)

    const { db } = store()
    expect(await db.select().from(users).where(eq(users.email, 'victim@example.com'))).toEqual([])
    const [mia] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_USERS[1]!.email))
    const authors = await db.select({ id: comments.authorId }).from(comments).where(eq(comments.workshopId, imported.workshopId))
    expect(authors.map((a) => a.id)).not.toContain(mia!.id)
    const signers = await db.select({ id: signOffs.userId }).from(signOffs).where(eq(signOffs.workshopId, imported.workshopId))
    expect(signers.map((s) => s.id)).not.toContain(mia!.id)

    // The real owner of the address signs up and logs in as usual.
    const signup = (await signupAction(args(formRequest('/signup', { name: 'Victor', email: 'victim@example.com', password: 'the real owner here' })))) as Response
    expect(signup.status).toBe(302)
    configureLoginThrottle()
    const login = (await loginAction(args(formRequest('/login', { email: 'victim@example.com', password: 'the real owner here' })))) as Response
    expect(login.status).toBe(302)
    expect(login.headers.get('Set-Cookie')).toBeTruthy()
  })

  it('finding 5: a non-account author can never log in', async () => {
    expect(await verifyPassword('anything at all', NON_ACCOUNT_PASSWORD_HASH)).toBe(false)
    expect(await verifyPassword('', NON_ACCOUNT_PASSWORD_HASH)).toBe(false)
    const authors = await store().db.select({ email: users.email }).from(users).where(eq(users.passwordHash, NON_ACCOUNT_PASSWORD_HASH))
    expect(authors.length).toBeGreaterThan(0)
    configureLoginThrottle()
    for (const { email } of authors) {
      for (const password of ['!', 'leadpact-demo', 'a long enough password']) {
        expect(await verifyLogin({ email, password })).toEqual({ ok: false, reason: 'wrong-credentials' })
      }
      const response = (await loginAction(args(formRequest('/login', { email, password: 'leadpact-demo' })))) as Response
      expect(response.status).toBe(400)
      expect(response.headers.get('Set-Cookie')).toBeNull()
      expect(((await response.json()) as { errors?: { form?: string } }).errors?.form).toBe('Wrong email or password.')
    }
    configureLoginThrottle()
  })

  it('finding 5: the import says so: people who became authors without accounts, then a link to the workshop', async () => {
    const upload = await uploadRequest(demoBackup, ida.cookie)
    const response = await callRoute(() => importAction(args(upload)))
    expect(response.status).toBe(302)
    expect(response.headers.get('Set-Cookie')).toMatch(/^__flash=/)
    const location = new URL(response.headers.get('Location')!, 'http://localhost')
    expect(location.pathname).toBe('/workshops/import')
    const workshopId = location.searchParams.get('imported')!
    expect(await listMembers(workshopId)).toHaveLength(1)
    // The demo's "other" team answered below the anonymity threshold: its responses were counted, not exported.
    expect(location.searchParams.get('withheldResponses')).toBe('2')

    const page = (await (await callRoute(() => importLoader(args(getRequest(`${location.pathname}${location.search}`, ida))))).json()) as {
      summary: { workshopId: string; name: string; authors: string[] } | null
      withheldResponses: number
    }
    expect(page.withheldResponses).toBe(2)
    expect(page.summary).toEqual({ workshopId, name: 'Acme Analytics — MQL/SQL definition 2027', authors: ['Fran Facilitator', 'Mia Marketing', 'Sam Sales'] })

    // Nobody else learns anything from the link.
    const stranger = await person('stranger@example.com')
    const theirs = (await (await callRoute(() => importLoader(args(getRequest(`${location.pathname}${location.search}`, stranger))))).json()) as { summary: unknown }
    expect(theirs.summary).toBeNull()
    expect(await getImportSummary({ workshopId, userId: stranger.id })).toBeUndefined()
  })

  it('finding 5: a row naming a person who is not in the file is refused, not attributed to the importer', async () => {
    const before = await tableCounts()
    const file = JSON.parse(handWritten([{ id: 'p1', email: 'a@example.com', name: 'Ann' }]))
    file.tables.comments[0].authorId = 'nobody'
    const result = await importWorkshop({ text: JSON.stringify(file), userId: ida.id })
    expect(result).toMatchObject({ ok: false, reason: 'invalid' })
    if (!result.ok) expect(result.message).toMatch(/comments\.0\.authorId names a person who is not in people/)
    expect(await tableCounts()).toEqual(before)
  })
})

describe('finding 8: backup size, writer lock and the board reveal', () => {
  it('finding 8: a 12 MB import holds the writer lock in short transactions, and the workshop appears only with the last', async () => {
    const file = JSON.parse(demoBackup)
    const ids = file.people.map((p: { id: string }) => p.id)
    const at = (i: number) => new Date(Date.UTC(2026, 9, 1) + i * 1000).toISOString()
    for (let i = 0; i < 15_000; i++) {
      file.tables.comments.push({ id: `bulk-c${i}`, workshopId: file.workshop.id, step: 'leads', authorId: ids[i % ids.length], body: `Comment ${i}: ${'lorem ipsum dolor sit amet '.repeat(16)}`, createdAt: at(i) })
    }
    for (let i = 0; i < 6_000; i++) {
      file.tables.lead_traits.push({ id: `bulk-t${i}`, workshopId: file.workshop.id, team: i % 2 ? 'sales' : 'marketing', kind: i % 3 ? 'good' : 'bad', text: `Trait ${i} ${'consectetur adipiscing '.repeat(6)}`, why: 'because '.repeat(10), authorId: ids[i % ids.length], createdAt: at(i), updatedAt: at(i), revision: 1 })
    }
    file.counts.comments = file.tables.comments.length
    file.counts.lead_traits = file.tables.lead_traits.length
    const text = JSON.stringify(file, null, 2)
    expect(text.length).toBeGreaterThan(12_000_000)
    const rowCount = Object.values(file.counts as Record<string, number>).reduce((a, b) => a + b, 0)

    const { db } = store()
    const visible = async () => (await db.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, ida.id))).length
    const visibleBefore = await visible()
    const recorder = recordTransactions(store(), visible)
    let imported
    try {
      imported = await importWorkshop({ text, userId: ida.id })
    } finally {
      recorder.restore()
    }
    if (!imported.ok) throw new Error(imported.message)
    const { seen } = recorder
    console.log(
      `import of ${(text.length / 1e6).toFixed(1)} MB, ${rowCount} rows: ${seen.length} transactions, ` +
        `longest ${Math.max(...seen.map((t) => t.ms)).toFixed(0)} ms, most rows in one ${Math.max(...seen.map((t) => t.rows))}`,
    )
    expect(seen.length).toBeGreaterThanOrEqual(Math.ceil(rowCount / IMPORT_ROWS_PER_TRANSACTION))
    for (const transaction of seen) expect(transaction.rows).toBeLessThanOrEqual(IMPORT_ROWS_PER_TRANSACTION)
    // Invisible until the last transaction, visible after it.
    expect(seen.slice(0, -1).every((t) => t.after === visibleBefore)).toBe(true)
    expect(seen.at(-1)!.after).toBe(visibleBefore + 1)
    expect(await db.$count(comments, eq(comments.workshopId, imported.workshopId))).toBe(file.counts.comments)
    expect(await db.$count(leadTraits, eq(leadTraits.workshopId, imported.workshopId))).toBe(file.counts.lead_traits)
  })

  it.each([
    ['early', (index: number) => index === 2],
    ['in the last transaction, with the versions', (index: number, total: number) => index === total - 1],
  ])('finding 8: an import that fails %s leaves nothing behind', async (_when, fail) => {
    // A dry run counts the transactions of this import, so the failure can be placed.
    const dry = recordTransactions(store(), async () => null)
    const first = await importWorkshop({ text: demoBackup, userId: ida.id }).finally(dry.restore)
    expect(first.ok).toBe(true)
    const total = dry.seen.length
    expect(total).toBeGreaterThan(3)

    const before = await tableCounts()
    const failing = recordTransactions(store(), async () => null, (index) => fail(index, total))
    const result = await importWorkshop({ text: demoBackup, userId: ida.id }).finally(failing.restore)
    expect(result).toMatchObject({ ok: false, reason: 'failed' })
    if (!result.ok) expect(result.message).toMatch(/disk I\/O error \(simulated\).*Nothing was imported/)
    expect(await tableCounts()).toEqual(before)
  })

  it('finding 8: the import route takes at most 20 MB (413), and refuses other bad uploads with a clear 400 or 415', async () => {
    const before = await tableCounts()
    const oversized = new Uint8Array(20 * 1024 * 1024 + 1).fill(32)
    for (const declareLength of [true, false]) {
      const request = await uploadRequest(oversized, ida.cookie, { declareLength })
      const tooBig = await callRoute(() => importAction(args(request)))
      expect(tooBig.status).toBe(413)
      expect(await tooBig.json()).toEqual({ form: 'import-backup', errors: { form: 'The file is larger than 20 MB, the largest backup Leadpact imports.' } })
    }

    // A body without Content-Length (streamed), made of many small parts: the route counts what arrives.
    const boundary = 'leadpact-test-boundary'
    const part = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="filler"\r\n\r\n${'x'.repeat(1024 * 1024)}\r\n`)
    let sent = 0
    const streamed = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 22) controller.enqueue(part)
        else controller.close()
      },
    })
    const unlabelled = new Request('http://localhost/workshops/import', {
      method: 'POST',
      body: streamed,
      duplex: 'half',
      headers: { Cookie: ida.cookie, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    } as RequestInit)
    expect(unlabelled.headers.get('Content-Length')).toBeNull()
    const streamedAnswer = await callRoute(() => importAction(args(unlabelled)))
    expect(streamedAnswer.status).toBe(413)

    const declared = new Request('http://localhost/workshops/import', {
      method: 'POST',
      body: 'tiny',
      headers: { Cookie: ida.cookie, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(50 * 1024 * 1024) },
    })
    expect((await callRoute(() => importAction(args(declared)))).status).toBe(413)

    const cases: [Request, number, RegExp][] = [
      [await uploadRequest('not json at all', ida.cookie), 400, /not valid JSON/],
      [await uploadRequest('', ida.cookie), 400, /Choose a backup file/],
      [formRequest('/workshops/import', { backup: demoBackup }, ida), 415, /file upload \(multipart\/form-data\)/],
      // The form's schema, on the server too: a file that is not .json is refused before it is read.
      [
        new Request('http://localhost/workshops/import', {
          method: 'POST',
          body: `--${boundary}\r\nContent-Disposition: form-data; name="backup"; filename="leads.csv"\r\nContent-Type: text/csv\r\n\r\n${demoBackup}\r\n--${boundary}--\r\n`,
          headers: { Cookie: ida.cookie, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
        }),
        400,
        /^A backup is a \.json file, downloaded from a workshop’s members page: choose that file\.$/,
      ],
      [
        new Request('http://localhost/workshops/import', {
          method: 'POST',
          body: `--${boundary}\r\nContent-Disposition: form-data; name="backup"; filename="b.json"\r\n\r\nunterminated`,
          headers: { Cookie: ida.cookie, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
        }),
        400,
        /./,
      ],
    ]
    for (const [request, status, message] of cases) {
      const response = await callRoute(() => importAction(args(request)))
      expect(response.status).toBe(status)
      const body = (await response.json()) as { form: string; errors: { form: string } }
      expect(body.form).toBe('import-backup')
      expect(body.errors.form).toMatch(message)
    }
    expect(await tableCounts()).toEqual(before)
  })

  it("finding 8: before the reveal, backup.json holds no team note's text, only counts; after it, the notes", async () => {
    const fran = await person('fran.reveal@example.com')
    const mia = await person('mia.reveal@example.com')
    const sam = await person('sam.reveal@example.com')
    const workshop = await createWorkshop({ name: 'Reveal test', company: 'Acme', userId: fran.id })
    await addTrait({ workshopId: workshop.id, team: 'marketing', authorId: mia.id, kind: 'good', text: 'MKT-SECRET-good', why: 'MKT-WHY' })
    await addTrait({ workshopId: workshop.id, team: 'marketing', authorId: mia.id, kind: 'bad', text: 'MKT-SECRET-bad' })
    await addTrait({ workshopId: workshop.id, team: 'sales', authorId: sam.id, kind: 'good', text: 'SALES-SECRET-good', why: 'SALES-WHY' })

    const download = async () => {
      const response = await callRoute(() => backupLoader(args(getRequest(`/workshops/${workshop.id}/backup.json`, fran), { workshopId: workshop.id })))
      expect(response.status).toBe(200)
      return response.text()
    }
    const hidden = await download()
    expect(hidden).not.toMatch(/SECRET|WHY/)
    expect(hidden).not.toContain(mia.email)
    const hiddenFile = JSON.parse(hidden)
    expect(hiddenFile.unrevealedNotes).toEqual({ marketing: { good: 1, bad: 1 }, sales: { good: 1, bad: 0 } })
    expect(hiddenFile.tables.lead_traits).toEqual([])

    // Imported, the counts are information only: the board starts empty and the import page says why.
    const upload = await uploadRequest(hidden, ida.cookie)
    const response = await callRoute(() => importAction(args(upload)))
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('Location')!, 'http://localhost')
    expect(location.searchParams.get('unrevealedNotes')).toBe('3')
    const copyId = location.searchParams.get('imported')!
    expect(await store().db.$count(leadTraits, eq(leadTraits.workshopId, copyId))).toBe(0)
    const page = (await (await callRoute(() => importLoader(args(getRequest(`${location.pathname}${location.search}`, ida))))).json()) as { unrevealedNotes: number }
    expect(page.unrevealedNotes).toBe(3)

    await revealBoard({ workshopId: workshop.id, userId: fran.id })
    const shown = JSON.parse(await download())
    expect(shown.unrevealedNotes).toBeUndefined()
    expect(shown.tables.lead_traits.map((t: { text: string }) => t.text).sort()).toEqual(['MKT-SECRET-bad', 'MKT-SECRET-good', 'SALES-SECRET-good'])
  })
})

describe('format version 2: the back-test, the logo and the assessment', () => {
  const NEW_TABLES = ['backtest_mappings', 'backtest_runs', 'workshop_logos', 'assessment_rounds', 'assessment_responses']

  /** The results page of a run as `cookie` loads it (query: model and thresholds). */
  async function runPage(workshopId: string, runId: string, cookie: string, query = '') {
    const response = await callRoute(() => runLoader(args(getRequest(`/workshops/${workshopId}/backtests/${runId}${query}`, { cookie }), { workshopId, runId })))
    expect(response.status).toBe(200)
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return (await response.json()) as { run: Record<string, unknown>; results: any }
  }

  it('round-trips the demo workshop: the same results page, mapping and logo bytes; assessment results as shown; authors mapped', async () => {
    const file = JSON.parse(demoBackup)
    for (const table of NEW_TABLES) expect(file.counts[table], table).toBeGreaterThan(0)
    const imported = await importWorkshop({ text: demoBackup, userId: ida.id })
    if (!imported.ok) throw new Error(imported.message)
    const copyId = imported.workshopId
    const { db } = store()

    // The run: everything but its ids, the aggregates deep-equal.
    const [originalListed] = await listRuns(demoWorkshopId)
    const copies = await listRuns(copyId)
    expect(copies).toHaveLength(1)
    const original = (await getRun({ workshopId: demoWorkshopId, runId: originalListed!.id }))!
    const copy = (await getRun({ workshopId: copyId, runId: copies[0]!.id }))!
    expect(copy.id).not.toBe(original.id)
    expect(original.status).toBe('done')
    expect(original.results).toHaveLength(2)
    expect(copy.results).toEqual(original.results)
    expect({ ...copy, id: '', workshopId: '' }).toEqual({ ...original, id: '', workshopId: '' })

    // The results page shows the same figures, at the model's thresholds and at others.
    const [fran] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_USERS[0]!.email))
    const franCookie = (await sessionCookieFor(fran!.id)).split(';')[0]!
    for (const query of ['', '?model=1&minFit=30&minEngagement=20']) {
      const before = await runPage(demoWorkshopId, original.id, franCookie, query)
      const after = await runPage(copyId, copy.id, ida.cookie, query)
      expect(before.results.aggregate.leads).toBeGreaterThan(0)
      expect(after.results).toEqual(before.results)
      expect({ ...after.run, id: '' }).toEqual({ ...before.run, id: '' })
    }

    // The mapping is offered again; the logo is the same bytes of the same type.
    const mapping = await getSavedMapping(demoWorkshopId)
    expect(mapping).not.toBeNull()
    expect(await getSavedMapping(copyId)).toEqual(mapping)
    const logoOf = async (workshopId: string) => (await db.select().from(workshopLogos).where(eq(workshopLogos.workshopId, workshopId)))[0]!
    const [originalLogo, copyLogo] = [await logoOf(demoWorkshopId), await logoOf(copyId)]
    expect(Buffer.from(copyLogo.data, 'base64').equals(Buffer.from(originalLogo.data, 'base64'))).toBe(true)
    expect(Buffer.from(copyLogo.data, 'base64').length).toBeGreaterThan(1000)
    expect([copyLogo.contentType, copyLogo.width, copyLogo.height, copyLogo.id]).toEqual([originalLogo.contentType, originalLogo.width, originalLogo.height, copyId])
    expect(await getDocumentLogo(copyId)).toEqual(await getDocumentLogo(demoWorkshopId))

    // The assessment: every round, and the results the facilitator sees (the "other" team, below the threshold, only counted).
    const originalRounds = await listRounds(demoWorkshopId)
    const copyRounds = await listRounds(copyId)
    expect(copyRounds.map((r) => [r.name, r.questionSetId, r.openedAt, r.closedAt])).toEqual(originalRounds.map((r) => [r.name, r.questionSetId, r.openedAt, r.closedAt]))
    expect(originalRounds).toHaveLength(2)
    for (const [index, round] of originalRounds.entries()) {
      const copyRound = copyRounds[index]!
      expect(copyRound.submitted).toEqual({ ...round.submitted, other: 0 })
      expect(round.submitted.other).toBeGreaterThan(0)
      const earlier = originalRounds[index + 1]
      const before = (await getRoundReport({ workshopId: demoWorkshopId, roundId: round.id, compareWith: earlier?.id }))!
      const after = (await getRoundReport({ workshopId: copyId, roundId: copyRound.id, compareWith: copyRounds[index + 1]?.id }))!
      expect(before.result.index).not.toBeNull()
      const shown = (report: typeof before) => ({ ...report, round: { ...report.round, id: '' }, comparison: report.comparison && { ...report.comparison, round: { ...report.comparison.round, id: '' } } })
      const withoutOtherCount = (report: typeof before) => ({ ...shown(report), result: { ...report.result, counts: { ...report.result.counts, other: 0 } } })
      expect(withoutOtherCount(after)).toEqual(withoutOtherCount(before))
    }
    // Nobody can resume an imported response, and it tells no time but its round's.
    const copyResponses = await db
      .select({ key: assessmentResponses.respondentKey, channel: assessmentResponses.channel, startedAt: assessmentResponses.startedAt, submittedAt: assessmentResponses.submittedAt, openedAt: assessmentRounds.openedAt })
      .from(assessmentResponses)
      .innerJoin(assessmentRounds, eq(assessmentRounds.id, assessmentResponses.roundId))
      .where(eq(assessmentRounds.workshopId, copyId))
    expect(copyResponses.length).toBe(file.counts.assessment_responses)
    const originalKeys = new Set((await db.select({ key: assessmentResponses.respondentKey }).from(assessmentResponses)).map((row) => row.key).filter((key) => !key.startsWith('imported.')))
    for (const response of copyResponses) {
      expect(originalKeys.has(response.key)).toBe(false)
      expect(response.channel).toBe('link')
      expect([response.startedAt, response.submittedAt]).toEqual([response.openedAt, response.openedAt])
    }

    // Who ran, mapped, uploaded, opened and closed: non-account authors with the same names, never a demo account.
    const attributed = [
      ...(await db.select({ id: backtestRuns.createdBy }).from(backtestRuns).where(eq(backtestRuns.workshopId, copyId))),
      ...(await db.select({ id: backtestMappings.updatedBy }).from(backtestMappings).where(eq(backtestMappings.workshopId, copyId))),
      ...(await db.select({ id: workshopLogos.uploadedBy }).from(workshopLogos).where(eq(workshopLogos.workshopId, copyId))),
      ...(await db.select({ id: assessmentRounds.openedBy }).from(assessmentRounds).where(eq(assessmentRounds.workshopId, copyId))),
      ...(await db.select({ id: assessmentRounds.closedBy }).from(assessmentRounds).where(eq(assessmentRounds.workshopId, copyId))),
    ]
    expect(attributed).toHaveLength(7)
    const people = await db.select({ id: users.id, name: users.name, passwordHash: users.passwordHash }).from(users).where(inArray(users.id, attributed.map((row) => row.id!)))
    for (const author of people) expect(author.passwordHash).toBe(NON_ACCOUNT_PASSWORD_HASH)
    expect(people.map((author) => author.name).sort()).toEqual(['Fran Facilitator', 'Mia Marketing'])
    expect(copy.createdByName).toBe('Mia Marketing')
  })

  it('holds nothing the facilitator cannot see: no unfinished run or uploaded file, no respondent, time, draft or team below the threshold', async () => {
    const fran = await person('fran.privacy@example.com')
    const workshop = await createWorkshop({ name: 'Privacy test', company: 'Acme', userId: fran.id })
    const secretPath = '/tmp/leadpact-uploads/SECRET-UPLOAD.csv'
    await createUploadedRun({ workshopId: workshop.id, userId: fran.id, fileName: 'leads.csv', fileBytes: 10, fileSha256: 'a'.repeat(64), format: 'csv', delimiter: ',', columns: ['Email'], tempPath: secretPath })
    const opened = await openRound({ workshopId: workshop.id, userId: fran.id, name: 'Before' })
    if (!opened.ok) throw new Error(opened.reason)
    const roundId = opened.round.id
    const answers = Object.fromEntries(ALIGNMENT_2026.statements.map((statement) => [statement.id, 4 as Answer]))
    const keys: string[] = []
    const respond = async (team: 'marketing' | 'sales' | 'other', words: string, submit: boolean) => {
      const respondentKey = memberRespondentKey(roundId, `member-${keys.length}`)
      keys.push(respondentKey)
      const started = await startResponse({ roundId, respondentKey, team, channel: 'member' })
      if (!started.ok) throw new Error(started.reason)
      await saveSection({ roundId, respondentKey, patch: { answers } })
      const saved = await saveSection({ roundId, respondentKey, patch: { mqlDefinition: `${words} MQL`, sqlDefinition: `${words} SQL` } })
      if (!saved.ok) throw new Error(saved.reason)
      if (submit) expect((await submitResponse({ roundId, respondentKey, revision: saved.response.revision })).ok).toBe(true)
    }
    for (let i = 0; i < 3; i++) await respond('sales', `SALES-SHOWN-${i}`, true)
    await respond('marketing', 'MARKETING-ALONE', true)
    await respond('other', 'DRAFT-UNSENT', false)

    const text = await exportWorkshop(workshop.id)
    expect(text).not.toContain(secretPath)
    expect(text).not.toMatch(/MARKETING-ALONE|DRAFT-UNSENT|respondentKey|submittedAt|startedAt|"channel"|tempPath/)
    for (const key of keys) expect(text).not.toContain(key)
    const file = JSON.parse(text)
    expect(file.tables.backtest_runs).toEqual([])
    expect(file.withheldResponses).toEqual([{ roundId, submitted: { marketing: 1, sales: 0, other: 0 }, drafts: 1 }])
    const responses = file.tables.assessment_responses as Record<string, unknown>[]
    expect(responses.map((r) => r.mqlDefinition).sort()).toEqual(['SALES-SHOWN-0 MQL', 'SALES-SHOWN-1 MQL', 'SALES-SHOWN-2 MQL'])
    for (const response of responses) expect(Object.keys(response).sort()).toEqual(['answers', 'id', 'mqlDefinition', 'roundId', 'sqlDefinition', 'team'])

    // Imported: the three responses count, the other two are reported as not in the file.
    const imported = await importWorkshop({ text, userId: ida.id })
    if (!imported.ok) throw new Error(imported.message)
    expect(imported.withheldResponses).toBe(2)
    const [copyRound] = await listRounds(imported.workshopId)
    expect([copyRound!.submitted, copyRound!.drafts, copyRound!.closedAt]).toEqual([{ marketing: 0, sales: 3, other: 0 }, 0, null])
    // An open round stays open, and closes as any round does.
    expect((await closeRound({ workshopId: imported.workshopId, roundId: copyRound!.id, revision: copyRound!.revision, userId: ida.id })).ok).toBe(true)
  })

  it('refuses a malformed back-test, logo or assessment row whole, naming where, and writes nothing', async () => {
    const before = await tableCounts()
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const edit = (change: (file: Record<string, any>) => void) => {
      const file = JSON.parse(demoBackup)
      change(file)
      return JSON.stringify(file)
    }
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64')
    const cases: [string, RegExp][] = [
      [edit((f) => (f.tables.backtest_runs[0].results[0].cells[0][5] = f.tables.backtest_runs[0].results[0].cells[0][4] + 1)), /^The backup is not valid: backtest_runs\.0\.results\.0\.cells\.0\.5: more converted leads than leads\. Nothing was imported\.$/],
      [edit((f) => (f.tables.backtest_runs[0].results[1].leads += 1)), /backtest_runs\.0\.results\.1\.leads: says \d+ leads, its cells hold \d+/],
      [edit((f) => (f.tables.backtest_runs[0].results[0].fitMax = 1e12)), /backtest_runs\.0\.results\.0\.fitMax/],
      [edit((f) => (f.tables.backtest_runs[0].results[0].cells[0][2] = 99)), /backtest_runs\.0\.results\.0\.cells\.0\.2: grade 99 is not one of the 4 grades/],
      [edit((f) => (f.tables.backtest_runs[0].results = 'lots')), /backtest_runs\.0\.results: /],
      [edit((f) => f.tables.backtest_runs[0].results.pop()), /backtest_runs\.0\.models: a run that is done names the model of each of its 1 results/],
      [edit((f) => (f.tables.backtest_runs[0].status = 'running')), /backtest_runs\.0\.status: must be done, failed or cancelled/],
      [edit((f) => (f.tables.backtest_runs[0].tempPath = '/tmp/leads.csv')), /backtest_runs\.0\.tempPath: must be null/],
      [edit((f) => (f.tables.backtest_runs[0].mapping.trueValues = [])), /backtest_runs\.0\.mapping\.trueValues: /],
      [edit((f) => (f.tables.backtest_runs[0].models[1].config.fit = 'none')), /backtest_runs\.0\.models\.1\.config: not a valid scoring config: fit/],
      [edit((f) => (f.tables.backtest_runs[0].createdBy = 'nobody')), /backtest_runs\.0\.createdBy names a person who is not in people/],
      [edit((f) => (f.tables.backtest_mappings[0].mapping.numberFormat = 'roman')), /backtest_mappings\.0\.mapping\.numberFormat: /],
      [edit((f) => f.tables.backtest_mappings.push(f.tables.backtest_mappings[0]) && (f.counts.backtest_mappings = 2)), /backtest_mappings\.1\.id: the id .* appears twice/],
      [edit((f) => (f.tables.workshop_logos[0].data = Buffer.alloc(600 * 1024, 1).toString('base64'))), /workshop_logos\.0\.data: The logo is 600 KB: the most is 512 KB\./],
      [edit((f) => (f.tables.workshop_logos[0].data = svg)), /workshop_logos\.0\.data: SVG logos are not accepted/],
      [edit((f) => (f.tables.workshop_logos[0].contentType = 'image/svg+xml')), /workshop_logos\.0\.contentType: /],
      [edit((f) => (f.tables.workshop_logos[0].contentType = 'image/jpeg')), /workshop_logos\.0\.contentType: says image\/jpeg, but the image is image\/png/],
      [edit((f) => (f.tables.workshop_logos[0].width = 10)), /workshop_logos\.0\.width: says 10 × \d+ pixels, but the image is \d+ × \d+/],
      [edit((f) => (f.tables.workshop_logos[0].data = 'not base64!')), /workshop_logos\.0\.data: must be the image in base64/],
      [edit((f) => (f.tables.assessment_rounds[0].questionSetId = 'alignment-1999')), /assessment_rounds\.0\.questionSetId: names a questionnaire this version of Leadpact does not know/],
      [edit((f) => (f.tables.assessment_responses[0].answers = {})), /assessment_responses\.0: a submitted response answers every statement/],
      [edit((f) => (f.tables.assessment_responses[0].answers['made-up'] = 3)), /assessment_responses\.0\.answers\.made-up: not a statement of the questionnaire/],
      [edit((f) => (f.tables.assessment_responses[0].answers[Object.keys(f.tables.assessment_responses[0].answers)[0]!] = 7)), /assessment_responses\.0\.answers\.[\w-]+: must be 1 to 5 or "dk"/],
      [edit((f) => (f.tables.assessment_responses[0].roundId = 'gone')), /assessment_responses\.0\.roundId points at a row that is not in assessment_rounds/],
      [edit((f) => (f.withheldResponses[0].drafts = -1)), /withheldResponses\.0\.drafts/],
    ]
    await expectEachRefused(cases)
    expect(await tableCounts()).toEqual(before)
  })

  it('still imports a version-1 backup, which has none of these sections', async () => {
    const file = JSON.parse(demoBackup)
    file.formatVersion = 1
    for (const table of NEW_TABLES) {
      delete file.tables[table]
      delete file.counts[table]
    }
    delete file.withheldResponses
    const imported = await importWorkshop({ text: JSON.stringify(file), userId: ida.id })
    if (!imported.ok) throw new Error(imported.message)
    expect(imported.withheldResponses).toBe(0)
    expect((await listVersions(imported.workshopId)).map((v) => v.number)).toEqual([2, 1])
    expect(await listRuns(imported.workshopId)).toEqual([])
    expect(await getSavedMapping(imported.workshopId)).toBeNull()
    expect(await getDocumentLogo(imported.workshopId)).toBeNull()
    expect(await listRounds(imported.workshopId)).toEqual([])
  })
})

describe('workshop backup and restore', () => {
  it('refuses an invalid, newer, truncated or unsafe file and imports nothing', async () => {
    const before = await tableCounts()
    const good = demoBackup
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const edit = (change: (file: Record<string, any>) => void) => {
      const file = JSON.parse(good)
      change(file)
      return JSON.stringify(file)
    }
    const cases: [string, RegExp][] = [
      ['not json at all', /not valid JSON/],
      [good.slice(0, good.length / 2), /not valid JSON|truncated/],
      [edit((f) => (f.formatVersion = 99)), /format version 99.*reads up to version 2/],
      [edit((f) => (f.format = 'something-else')), /not a Leadpact workshop backup/],
      [edit((f) => (f.counts.versions = 5)), /incomplete: table versions/],
      [edit((f) => (f.tables.comments[0].body = 'null \u0000 byte')), /comments\.0\.body: contains the control character U\+0000/],
      [edit((f) => (f.tables.scoring_rules[0].label = 42)), /scoring_rules\.0\.label must be text/],
      [edit((f) => (f.tables.lead_traits[0].team = 'finance')), /lead_traits\.0\.team must be one of marketing, sales/],
      [edit((f) => (f.tables.comments[0].createdAt = 'yesterday')), /comments\.0\.createdAt must be a date/],
      [edit((f) => f.tables.comments.push({ ...f.tables.comments[0] }) && (f.counts.comments += 1)), /appears twice in comments/],
      [edit((f) => f.tables.scoring_fields.push({ ...f.tables.scoring_fields[0], id: 'another' }) && (f.counts.scoring_fields += 1)), /scoring_fields: two rows have the same key/],
      [edit((f) => (f.tables.versions[1].snapshot = '{"formatVersion":1')), /versions\.1 \(version \d\): its snapshot is not valid JSON/],
      [edit((f) => (f.tables.versions[0].snapshot = JSON.stringify({ ...JSON.parse(f.tables.versions[0].snapshot), scoring: { formatVersion: 1 } }))), /scoring config is not valid/],
      [edit((f) => (f.tables.trait_links = [{ ...f.tables.trait_links?.[0], id: 'l', traitAId: 'gone', traitBId: 'gone', linked: true }]) && (f.counts.trait_links = 1)), /trait_links\.0\.traitAId points at a row that is not in lead_traits/],
      [edit((f) => (f.people[0].name = '  ')), /people\.0\.name: a person needs a name/],
      [edit((f) => (f.tables.comments[0].body = JSON.parse('['.repeat(100) + ']'.repeat(100)))), /nests more than 64 levels deep/],
    ]
    await expectEachRefused(cases)
    expect(await tableCounts()).toEqual(before)
  })

  it('finding 6: round-trips the demo workshop into a fresh database with versions byte-identical and still immutable', async () => {
    const original = demoBackup
    const originalFile = JSON.parse(original)
    expect(original).not.toMatch(/scrypt\$|passwordHash|tokenHash/)
    expect(originalFile.counts.versions).toBe(2)
    const originalRows = await store()
      .db.select({ number: versions.number, publishedAt: versions.publishedAt, snapshot: versions.snapshot, changelog: versions.changelog })
      .from(versions)
      .where(eq(versions.workshopId, demoWorkshopId))
      .orderBy(versions.number)
    const originalDocs = await Promise.all([1, 2].map((number) => getVersionDocument({ workshopId: demoWorkshopId, number }).then((d) => renderMarkdown(d!))))
    const originalConfigs = await Promise.all([1, 2].map((number) => getVersion({ workshopId: demoWorkshopId, number }).then((v) => configJson(v!.snapshot.scoring))))

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-restore-'))
    await store().close()
    process.env.DATABASE_PATH = path.join(dir, 'fresh.db')
    ;(globalThis as { __leadpactStore?: unknown }).__leadpactStore = undefined
    const fresh = await getStore()
    try {
      const importer = await person('ida@other-instance.example')
      const imported = await importWorkshop({ text: original, userId: importer.id })
      if (!imported.ok) throw new Error(imported.message)

      const rows = await fresh.db
        .select({ number: versions.number, publishedAt: versions.publishedAt, snapshot: versions.snapshot, changelog: versions.changelog })
        .from(versions)
        .where(eq(versions.workshopId, imported.workshopId))
        .orderBy(versions.number)
      expect(rows).toEqual(originalRows)
      expect((await listVersions(imported.workshopId)).map((v) => v.number)).toEqual([2, 1])
      for (const number of [1, 2]) {
        expect(renderMarkdown((await getVersionDocument({ workshopId: imported.workshopId, number }))!)).toBe(originalDocs[number - 1])
        expect(configJson((await getVersion({ workshopId: imported.workshopId, number }))!.snapshot.scoring)).toBe(originalConfigs[number - 1])
      }
      // Still immutable after import: neither changed nor deleted, directly or through the workshop.
      await expect(fresh.db.run(sql`UPDATE versions SET snapshot = '{}'`)).rejects.toThrow()
      await expect(fresh.db.run(sql`DELETE FROM versions`)).rejects.toThrow()
      await expect(fresh.db.delete(workshops).where(eq(workshops.id, imported.workshopId))).rejects.toThrow()
      expect(await fresh.db.select({ snapshot: versions.snapshot }).from(versions).orderBy(versions.number)).toEqual(originalRows.map((r) => ({ snapshot: r.snapshot })))

      // Exported again, the copy holds the same content (ids, export time and the authors' placeholder emails aside).
      const again = JSON.parse(await exportWorkshop(imported.workshopId))
      expect(again.people.every((p: { email: string }) => SYNTHETIC_EMAIL.test(p.email))).toBe(true)
      // Only what the file counted instead of holding differs: those responses were never in it.
      expect(originalFile.withheldResponses.length).toBeGreaterThan(0)
      expect(again.withheldResponses).toBeUndefined()
      const { withheldResponses: _counted, ...originalContent } = originalFile
      // A back-test's models keep their config as it was scored, source (the original workshop) included, as versions do.
      expect(normalise(again, [originalFile.workshop.id])).toEqual(normalise(originalContent))
    } finally {
      await fresh.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

/** Replaces every id (and the export time) with a placeholder, people with their names, and sorts rows, so two files compare by content. */
function normalise(file: { workshop: { id: string }; people: { id: string; name: string }[]; tables: Record<string, Record<string, unknown>[]> }, moreIds: string[] = []) {
  const ids = new Set<string>([file.workshop.id, ...file.people.map((p) => p.id), ...moreIds])
  for (const rows of Object.values(file.tables)) for (const row of rows) ids.add(String(row.id))
  const strip = (value: unknown): unknown => {
    if (typeof value === 'string') return ids.has(value) ? '<id>' : value
    if (Array.isArray(value)) return value.map(strip)
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v)]))
    return value
  }
  const tables = Object.fromEntries(Object.entries(strip(file.tables) as Record<string, unknown[]>).map(([name, rows]) => [name, rows.map((r) => JSON.stringify(r)).sort()]))
  return { ...file, exportedAt: '<time>', workshop: strip(file.workshop), people: file.people.map((p) => p.name).sort(), tables }
}
