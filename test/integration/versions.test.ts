import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { versions } from '#db/schema'
import { SIGN_OFF_SECTIONS } from '~/domain/document/snapshot'
import { acceptInvite, createInvite } from '~/models/invite.server'
import { getScoringModel, saveRule } from '~/models/scoring-model.server'
import { signOffSection, withdrawSignOff } from '~/models/sign-off.server'
import { getReviewState, getVersion, listVersions, publishVersion } from '~/models/version.server'
import { createShareLink, revokeShareLink } from '~/models/share-link.server'
import { createWorkshop } from '~/models/workshop.server'
import { getVersionDocument } from '~/models/document.server'
import { renderMarkdown } from '~/domain/document/markdown'
import { action as reviewAction, loader as reviewLoader } from '~/routes/workshops.$workshopId.review/route'
import { action as versionsAction, loader as versionsLoader } from '~/routes/workshops.$workshopId.versions._index/route'
import { loader as versionLoader } from '~/routes/workshops.$workshopId.versions.$number._index'
import { loader as diffLoader } from '~/routes/workshops.$workshopId.versions.$a.diff.$b'
import { loader as publishedLoader } from '~/routes/workshops.$workshopId.versions.$number.published'
import { loader as shareLoader } from '~/routes/share.$token'
import { loader as sharePdfLoader } from '~/routes/share.$token.document[.]pdf'
import { loader as csvExport } from '~/routes/workshops.$workshopId.versions.$number.export[.]csv'
import { loader as htmlExport } from '~/routes/workshops.$workshopId.versions.$number.export[.]html'
import { loader as jsonExport } from '~/routes/workshops.$workshopId.versions.$number.export[.]json'
import { loader as mdExport } from '~/routes/workshops.$workshopId.versions.$number.export[.]md'
import { loader as sqlExport } from '~/routes/workshops.$workshopId.versions.$number.export[.]sql'
import { formRequest, getRequest, useTestDatabase, person } from '../setup/test-database'

const store = useTestDatabase()

// drizzle wraps the driver's error; SQLite's message from the trigger is its cause.
const isImmutableError = (error: unknown) => /published versions are immutable/.test(String((error as { cause?: Error }).cause?.message ?? error))
const args = (request: Request, params: Record<string, string>) => ({ request, params, context: {} })
const NOTE = 'First version both teams signed.'

async function setup(tag: string) {
  const fran = await person(`fran-${tag}@example.com`)
  const mia = await person(`mia-${tag}@example.com`)
  const sam = await person(`sam-${tag}@example.com`)
  const workshop = await createWorkshop({ name: `W ${tag}`, company: 'Acme', userId: fran.id })
  for (const [who, role] of [
    [mia, 'marketing'],
    [sam, 'sales'],
  ] as const) {
    const invite = await createInvite({ workshopId: workshop.id, role, expiresInDays: 7, singleUse: true, createdBy: fran.id })
    await acceptInvite({ token: invite.token, userId: who.id })
  }
  await saveRule({
    workshopId: workshop.id,
    userId: mia.id,
    draft: {
      section: 'fit',
      label: 'Mid-market',
      points: 20,
      condition: { field: 'employees', op: 'between', value: [200, 5000] },
      activity: null,
      withinDays: null,
      maxPoints: null,
    },
  })
  const signAll = async () => {
    for (const section of SIGN_OFF_SECTIONS) {
      await signOffSection({ workshopId: workshop.id, userId: mia.id, team: 'marketing', section })
      await signOffSection({ workshopId: workshop.id, userId: sam.id, team: 'sales', section })
    }
  }
  const repoint = async (points: number) => {
    const rule = (await getScoringModel(workshop.id)).rules.find((r) => r.label === 'Mid-market')!
    await saveRule({ workshopId: workshop.id, userId: mia.id, ruleId: rule.id, revision: rule.revision, draft: { ...rule, points } })
  }
  const review = (who: { cookie: string }, fields: Record<string, string>, search = '') =>
    reviewAction(args(formRequest(`/workshops/${workshop.id}/review${search}`, fields, who), { workshopId: workshop.id })) as Promise<Response>
  return { fran, mia, sam, workshop, signAll, repoint, review }
}

describe('sign-off and publishing', () => {
  it('publishes only when both teams signed every section; a change voids that section', async () => {
    const { fran, mia, sam, workshop, signAll, repoint } = await setup('a')
    for (const section of SIGN_OFF_SECTIONS) await signOffSection({ workshopId: workshop.id, userId: mia.id, team: 'marketing', section })
    expect(await publishVersion({ workshopId: workshop.id, userId: fran.id, note: NOTE })).toMatchObject({ ok: false, reason: 'not-ready' })
    await signAll()
    expect((await getReviewState(workshop.id)).readyToPublish).toBe(true)

    // Mia changes the scoring after signing: only that section loses its sign-offs.
    await repoint(25)
    const state = await getReviewState(workshop.id)
    const scoring = state.sections.find((s) => s.section === 'criteria-scoring')!
    expect(scoring.missing).toEqual(['marketing', 'sales'])
    expect(scoring.voided).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'sam-a', changedBy: 'mia-a' })]))
    expect(state.sections.filter((s) => s.section !== 'criteria-scoring').every((s) => s.missing.length === 0)).toBe(true)
    expect(state.readyToPublish).toBe(false)

    await signAll()
    const v1 = await publishVersion({ workshopId: workshop.id, userId: fran.id, note: NOTE })
    expect(v1).toEqual({ ok: true, number: 1 })

    // Withdrawing needs a comment (checked by the route) and blocks the next publish.
    await withdrawSignOff({ workshopId: workshop.id, userId: sam.id, section: 'personas', comment: 'Persona list is outdated' })
    expect((await getReviewState(workshop.id)).sections.find((s) => s.section === 'personas')!.missing).toEqual(['sales'])
  })

  it('freezes the snapshot with the config source and the note, and writes a coloured changelog against the previous version', async () => {
    const { fran, workshop, signAll, repoint } = await setup('b')
    await signAll()
    await publishVersion({ workshopId: workshop.id, userId: fran.id, note: NOTE, now: new Date('2026-11-01T10:00:00Z') })
    await repoint(30)
    await signAll()
    expect(await publishVersion({ workshopId: workshop.id, userId: fran.id, note: '  Mid-market weighs more after the October review.  ' })).toEqual({ ok: true, number: 2 })

    const v1 = await getVersion({ workshopId: workshop.id, number: 1 })
    const v2 = await getVersion({ workshopId: workshop.id, number: 2 })
    expect(v1!.snapshot.scoring.source).toEqual({ workshopId: workshop.id, workshopName: 'W b', version: 1, publishedAt: '2026-11-01T10:00:00.000Z' })
    expect(v1!.snapshot.scoring.fit.rules[0]!.points).toBe(20)
    expect(v1!.snapshot.signOffs).toHaveLength(10)
    expect(v2!.changelog).toEqual([{ section: 'Fit rules', kind: 'changed', subject: expect.any(String), text: 'Mid-market: 20 → 30 points' }])
    // The note is stored trimmed, in the version's own row.
    const [row] = await store().db.select({ note: versions.note }).from(versions).where(eq(versions.workshopId, workshop.id)).orderBy(versions.number)
    expect(row!.note).toBe(NOTE)
    expect(v2!.note).toBe('Mid-market weighs more after the October review.')
    expect((await listVersions(workshop.id)).map((v) => [v.number, v.summary])).toEqual([
      [2, '1 rule changed'],
      [1, 'No changes.'],
    ])

    const document = (await getVersionDocument({ workshopId: workshop.id, number: 2 }))!
    expect(document.cover.note).toBe('Mid-market weighs more after the October review.')
    const markdown = renderMarkdown(document)
    expect(markdown).toContain('# Acme: what an MQL and an SQL are')
    expect(markdown).toContain('| Mid-market | Employees is between 200 and 5,000 | +30 |')
    expect(markdown).toContain('> **Note on version 2, by fran-b:** Mid-market weighs more after the October review.')
    expect(markdown).toContain('- Changed: Mid-market: 20 → 30 points')
  })

  it('refuses any UPDATE or DELETE of a published version in the database itself, the note included', async () => {
    const { fran, workshop, signAll } = await setup('c')
    await signAll()
    await publishVersion({ workshopId: workshop.id, userId: fran.id, note: NOTE })
    await expect(store().db.run(sql`UPDATE versions SET snapshot = '{}' WHERE workshop_id = ${workshop.id}`)).rejects.toSatisfy(isImmutableError)
    await expect(store().db.run(sql`UPDATE versions SET note = 'rewritten history' WHERE workshop_id = ${workshop.id}`)).rejects.toSatisfy(isImmutableError)
    await expect(store().db.run(sql`DELETE FROM versions WHERE workshop_id = ${workshop.id}`)).rejects.toSatisfy(isImmutableError)
    await expect(store().db.update(versions).set({ number: 99 }).where(eq(versions.workshopId, workshop.id))).rejects.toSatisfy(isImmutableError)
    expect(await getVersion({ workshopId: workshop.id, number: 1 })).toMatchObject({ note: NOTE, snapshot: { workshop: { name: 'W c' } } })
  })

  it('lets only the facilitator publish and only team members sign, through the route', async () => {
    const { mia, fran, workshop, review } = await setup('d')
    await expect(review(mia, { intent: 'publish', note: NOTE })).rejects.toMatchObject({ status: 403 })
    await expect(review(fran, { intent: 'sign-off', section: 'personas' })).rejects.toMatchObject({ status: 403 })
    const notReady = await review(fran, { intent: 'publish', note: NOTE })
    expect(notReady.status).toBe(409)
    expect(((await notReady.json()) as { form: string; errors: { form: string } }).errors.form).toMatch(/^Not every section is signed by both teams yet/)
    const noComment = await review(mia, { intent: 'withdraw', section: 'personas', comment: ' ' })
    expect(noComment.status).toBe(400)
    expect(await noComment.json()).toEqual({
      form: 'withdraw:personas',
      errors: { comment: 'Say why you withdraw, so the room knows what to fix.' },
      values: { intent: 'withdraw', section: 'personas', comment: ' ' },
    })
    const bad = await review(mia, { intent: 'sign-off', section: 'everything' })
    expect(bad.status).toBe(400)
    await expect(review(mia, { intent: 'toString' })).rejects.toMatchObject({ status: 400 })

    // A sign-off redirects back to its section with a flash (Post/Redirect/Get).
    const signed = await review(mia, { intent: 'sign-off', section: 'personas' })
    expect(signed.status).toBe(302)
    expect(signed.headers.get('Location')).toBe(`/workshops/${workshop.id}/review#sign-personas`)
    expect(signed.headers.get('Set-Cookie')).toMatch(/^__flash=/)
  })

  it('publishes deliberately: a confirmation with a required note, no repeat of unchanged content, no publish over a newer version; then the next steps', async () => {
    const { fran, workshop, signAll, repoint, review } = await setup('e')
    await signAll()
    // The review page's confirmation step (?publish) shows what will be published.
    const confirm = (await (await reviewLoader(args(getRequest(`/workshops/${workshop.id}/review?publish`, fran), { workshopId: workshop.id }))).json()) as {
      publish: { confirming: boolean; readyToPublish: boolean; latest: number | null; pending: unknown }
    }
    expect(confirm.publish).toMatchObject({ confirming: true, readyToPublish: true, latest: null, pending: null })

    // No note: refused by the server, nothing published.
    for (const note of ['', '   ', '\u0000']) {
      const refused = await review(fran, { intent: 'publish', note, latestSeen: '' }, '?publish')
      expect(refused.status, JSON.stringify(note)).toBe(400)
      expect(((await refused.json()) as { form: string; errors: Record<string, string> }).form).toBe('publish')
    }
    expect(await review(fran, { intent: 'publish', latestSeen: '' }, '?publish').then((answer) => answer.status)).toBe(400)
    expect(await publishVersion({ workshopId: workshop.id, userId: fran.id, note: ' ' })).toEqual({ ok: false, reason: 'no-note' })
    expect(await listVersions(workshop.id)).toEqual([])

    const published = await review(fran, { intent: 'publish', note: NOTE, latestSeen: '' }, '?publish')
    expect(published.status).toBe(302)
    expect(published.headers.get('Location')).toBe(`/workshops/${workshop.id}/versions/1/published`)
    expect(published.headers.get('Set-Cookie')).toMatch(/^__flash=/)

    // The same content again: refused by the server (409), whatever the page showed.
    const again = await review(fran, { intent: 'publish', note: 'Again', latestSeen: '1' })
    expect(again.status).toBe(409)
    expect(((await again.json()) as { errors: { form: string } }).errors.form).toMatch(/^Nothing has changed since version 1/)
    const page = (await (await reviewLoader(args(getRequest(`/workshops/${workshop.id}/review?publish`, fran), { workshopId: workshop.id }))).json()) as {
      publish: { confirming: boolean; readyToPublish: boolean; unchangedSince: number | null }
    }
    expect(page.publish).toMatchObject({ confirming: false, readyToPublish: false, unchangedSince: 1 })

    // A change, confirmed on a page that had not seen version 1: refused as stale, not published over it.
    await repoint(35)
    await signAll()
    const stale = await review(fran, { intent: 'publish', note: 'From an old tab', latestSeen: '' })
    expect(stale.status).toBe(409)
    expect(((await stale.json()) as { errors: { form: string } }).errors.form).toMatch(/^Version 1 was published while you were writing your note/)
    const pending = (await (await reviewLoader(args(getRequest(`/workshops/${workshop.id}/review?publish`, fran), { workshopId: workshop.id }))).json()) as {
      publish: { pending: { summary: string; groups: { section: string; changes: { kind: string; text: string }[] }[] } }
    }
    expect(pending.publish.pending).toEqual({ summary: '1 rule changed', groups: [{ section: 'Fit rules', changes: [{ kind: 'changed', text: 'Mid-market: 20 → 35 points' }] }] })
    const v2 = await review(fran, { intent: 'publish', note: 'Mid-market up to 35.', latestSeen: '1' })
    expect(v2.headers.get('Location')).toBe(`/workshops/${workshop.id}/versions/2/published`)

    // The success page, the banner on the older version, the diff with notes and a summary.
    const next = (await (
      await publishedLoader(args(getRequest(`/workshops/${workshop.id}/versions/2/published`, fran), { workshopId: workshop.id, number: '2' }))
    ).json()) as Record<string, unknown>
    expect(next).toMatchObject({ number: 2, note: 'Mid-market up to 35.', isLatest: true, canShare: true, pdfName: 'acme-mql-sql-definition-v2.pdf' })
    expect(String(next.apiDocument)).toMatch(new RegExp(`/api/v1/workshops/${workshop.id}/versions/2/document\\?format=pdf$`))
    const old = (await (await versionLoader(args(getRequest(`/workshops/${workshop.id}/versions/1`, fran), { workshopId: workshop.id, number: '1' }))).json()) as {
      number: number
      latest: number
    }
    expect(old).toMatchObject({ number: 1, latest: 2 })
    const diff = (await (await diffLoader(args(getRequest(`/workshops/${workshop.id}/versions/1/diff/2`, fran), { workshopId: workshop.id, a: '1', b: '2' }))).json()) as {
      summary: string
      groups: { section: string; changes: { kind: string; text: string }[] }[]
      notes: { number: number; note: string }[]
    }
    expect(diff.summary).toBe('1 rule changed')
    expect(diff.groups).toEqual([{ section: 'Fit rules', changes: [{ kind: 'changed', text: 'Mid-market: 20 → 35 points' }] }])
    expect(diff.notes.map((entry) => [entry.number, entry.note])).toEqual([[2, 'Mid-market up to 35.']])
  })
})

describe('exports, share links and the cover logo', () => {
  it('names every export after the company and the version', async () => {
    const { fran, workshop, signAll } = await setup('f')
    await signAll()
    await publishVersion({ workshopId: workshop.id, userId: fran.id, note: NOTE })
    const params = { workshopId: workshop.id, number: '1' }
    for (const [loader, name] of [
      [csvExport, 'acme-scoring-rules-v1.csv'],
      [htmlExport, 'acme-mql-sql-definition-v1.html'],
      [jsonExport, 'acme-scoring-config-v1.json'],
      [mdExport, 'acme-mql-sql-definition-v1.md'],
      [sqlExport, 'acme-scoring-v1.postgres.sql'],
    ] as const) {
      const response = await loader(args(getRequest(`/workshops/${workshop.id}/versions/1/export`, fran), params))
      expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="${name}"`)
    }
  })

  it('shows the latest version on a live link, and its own page (404, no member wording) for a turned-off, expired or unknown one', async () => {
    const { fran, workshop, signAll } = await setup('g')
    await signAll()
    await publishVersion({ workshopId: workshop.id, userId: fran.id, note: NOTE })
    const token = await createShareLink({ workshopId: workshop.id, userId: fran.id })
    const live = await shareLoader(args(getRequest(`/share/${token}`), { token }))
    expect(live.status).toBe(200)
    expect(live.headers.get('X-Robots-Tag')).toBe('noindex, nofollow')
    const body = (await live.json()) as { document: { title: string }; version: number; description: string; pdfName: string }
    expect(body).toMatchObject({ version: 1, pdfName: 'acme-mql-sql-definition-v1.pdf' })
    expect(body.description).toMatch(/^An MQL is a lead with fit ≥/)
    const pdf = await sharePdfLoader(args(getRequest(`/share/${token}/document.pdf`), { token }))
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf')
    expect(pdf.headers.get('Referrer-Policy')).toBe('no-referrer')

    const [link] = (await store().db.all(sql`SELECT id FROM share_links WHERE workshop_id = ${workshop.id}`)) as string[][]
    await revokeShareLink({ workshopId: workshop.id, linkId: link![0]! })
    const dead = async (deadToken: string) => {
      const thrown = (await shareLoader(args(getRequest(`/share/${deadToken}`), { token: deadToken })).catch((error: unknown) => error)) as Response
      expect(thrown.status).toBe(404)
      expect(thrown.headers.get('X-Robots-Tag')).toBe('noindex, nofollow')
      return ((await thrown.json()) as { reason: string }).reason
    }
    expect(await dead(token)).toBe('turned-off')
    await expect(sharePdfLoader(args(getRequest(`/share/${token}/document.pdf`), { token }))).rejects.toMatchObject({ status: 404 })
    const expired = await createShareLink({ workshopId: workshop.id, userId: fran.id, expiresInDays: 7, now: new Date(Date.now() - 8 * 86_400_000) })
    expect(await dead(expired)).toBe('expired')
    expect(await dead('no-such-token')).toBe('unknown')
  })

  it('puts a PNG or JPEG logo on the cover, refuses SVG and broken files with a message, and never replaces someone else’s logo unseen', async () => {
    const { fran, mia, workshop } = await setup('h')
    const { ACME_LOGO_PNG_BASE64 } = await import('~/demo/logo')
    const png = new Uint8Array(Buffer.from(ACME_LOGO_PNG_BASE64, 'base64'))
    const upload = (who: { cookie: string }, file: Blob, name: string, revision = '') => {
      const body = new FormData()
      body.set('intent', 'upload-logo')
      body.set('revision', revision)
      body.set('logo', file, name)
      return versionsAction(
        args(new Request(`http://localhost/workshops/${workshop.id}/versions?index`, { method: 'POST', body, headers: { Cookie: who.cookie } }), { workshopId: workshop.id })
      ) as Promise<Response>
    }
    await expect(upload(mia, new Blob([png], { type: 'image/png' }), 'logo.png')).rejects.toMatchObject({ status: 403 })

    const svg = await upload(fran, new Blob(['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'], { type: 'image/svg+xml' }), 'logo.svg')
    expect(svg.status).toBe(400)
    expect(((await svg.json()) as { errors: { logo: string } }).errors.logo).toMatch(/^SVG logos are not accepted/)
    const broken = await upload(fran, new Blob([png.subarray(0, 200)], { type: 'image/png' }), 'logo.png')
    expect(((await broken.json()) as { errors: { logo: string } }).errors.logo).toMatch(/damaged/)
    const empty = await upload(fran, new Blob([]), 'nothing.png')
    expect(((await empty.json()) as { errors: { logo: string } }).errors.logo).toBe('Choose a logo file (PNG or JPEG).')

    const saved = await upload(fran, new Blob([png], { type: 'image/png' }), 'acme.png')
    expect(saved.status).toBe(302)
    expect(saved.headers.get('Location')).toBe(`/workshops/${workshop.id}/versions#logo`)
    const page = (await (await versionsLoader(args(getRequest(`/workshops/${workshop.id}/versions`, fran), { workshopId: workshop.id }))).json()) as {
      logo: { src: string; width: number; height: number; revision: number }
    }
    expect(page.logo).toMatchObject({ width: 418, height: 136, revision: 1 })
    expect(page.logo.src).toMatch(/^data:image\/png;base64,/)
    // Uploaded from a page that showed no logo: someone's logo is there now, so it is a conflict, not a silent swap.
    const unseen = await upload(fran, new Blob([png], { type: 'image/png' }), 'acme.png', '')
    expect(unseen.status).toBe(409)
    const replaced = await upload(fran, new Blob([png], { type: 'image/png' }), 'acme.png', '1')
    expect(replaced.status).toBe(302)

    const draft = await getVersionDocument({ workshopId: workshop.id, number: 1 })
    expect(draft).toBeUndefined()
    const remove = (revision: string) =>
      versionsAction(args(formRequest(`/workshops/${workshop.id}/versions?index`, { intent: 'remove-logo', revision }, fran), { workshopId: workshop.id })) as Promise<Response>
    expect((await remove('1')).status).toBe(409)
    expect((await remove('2')).status).toBe(302)
    const after = (await (await versionsLoader(args(getRequest(`/workshops/${workshop.id}/versions`, fran), { workshopId: workshop.id }))).json()) as { logo: unknown }
    expect(after.logo).toBeNull()
  })
})
