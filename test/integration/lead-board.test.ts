import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { agreedTraits, comments, criterionSuggestions, leadTraits, personas, workshopContexts } from '#db/schema'
import { acceptInvite, createInvite } from '~/models/invite.server'
import { getStepStates } from '~/models/progress.server'
import { createWorkshop } from '~/models/workshop.server'
import { action as contextAction, loader as contextLoader } from '~/routes/workshops.$workshopId.context/route'
import { action as criteriaAction } from '~/routes/workshops.$workshopId.criteria/route'
import { action as leadsAction, loader as leadsLoader } from '~/routes/workshops.$workshopId.leads/route'
import { loader as eventsLoader } from '~/routes/workshops.$workshopId.leads.events'
import { action as personasAction, loader as personasLoader } from '~/routes/workshops.$workshopId.personas/route'
import { seedBoardDemo } from '~/demo/lead-board.server'
import { readFlash } from '~/http/flash.server'
import { formRequest, getRequest, useTestDatabase, person } from '../setup/test-database'

const store = useTestDatabase()

type Who = { id: string; cookie: string }
// Route answers are JSON, read loosely here: the expectations themselves check their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>

let seq = 0
/** A workshop with a facilitator, two marketing members, a sales member, a viewer, and an outsider. */
async function room() {
  const n = ++seq
  const fran = await person(`fran${n}@example.com`)
  const workshop = await createWorkshop({ name: `Board ${n}`, company: 'Acme Analytics', userId: fran.id })
  const mia = await person(`mia${n}@example.com`)
  const max = await person(`max${n}@example.com`)
  const sam = await person(`sam${n}@example.com`)
  const vic = await person(`vic${n}@example.com`)
  const stan = await person(`stan${n}@example.com`)
  for (const [who, role] of [
    [mia, 'marketing'],
    [max, 'marketing'],
    [sam, 'sales'],
    [vic, 'viewer'],
  ] as const) {
    const invite = await createInvite({ workshopId: workshop.id, role, expiresInDays: 7, singleUse: true, createdBy: fran.id })
    await acceptInvite({ token: invite.token, userId: who.id })
  }
  const params = { workshopId: workshop.id }
  const url = (step: string, query = '') => `/workshops/${workshop.id}/${step}${query}`
  const call = async (fn: () => Promise<unknown>) => {
    try {
      return (await fn()) as Response
    } catch (thrown) {
      if (thrown instanceof Response) return thrown
      throw thrown
    }
  }
  const leads = {
    load: async (who: Who, query = '') => {
      const response = await call(() => leadsLoader({ request: getRequest(url('leads', query), who), params, context: {} }))
      return { status: response.status, text: await response.text() }
    },
    /** A post to the board; a redirect's one-time message is read back as the next page would show it. */
    post: async (who: Who, fields: Record<string, string>) => {
      const response = await call(() => leadsAction({ request: formRequest(url('leads'), fields, who), params, context: {} }))
      const setCookie = response.headers.get('Set-Cookie')
      const flash = setCookie ? (await readFlash(new Request('http://localhost/', { headers: { Cookie: setCookie.split(';')[0]! } }))).flash : null
      return {
        status: response.status,
        location: response.headers.get('Location'),
        flash,
        text: await response.clone().text(),
        body: (response.headers.get('Content-Type')?.includes('json') ? await response.json() : {}) as Loose,
      }
    },
  }
  /** Where a successful post sends the browser back to: the board, at the card it changed. */
  const boardAt = (hash = '') => `/workshops/${workshop.id}/leads${hash ? `#${hash}` : ''}`
  const post = async (route: 'context' | 'personas', who: Who, fields: Record<string, string>) => {
    const fn = route === 'context' ? contextAction : personasAction
    const response = await call(() => fn({ request: formRequest(url(route), fields, who), params, context: {} }))
    return {
      status: response.status,
      location: response.headers.get('Location'),
      setCookie: response.headers.get('Set-Cookie'),
      body: (response.headers.get('Content-Type')?.includes('json') ? await response.json() : {}) as Loose,
    }
  }
  const load = async (route: 'context' | 'personas', who: Who, query = '') => {
    const fn = route === 'context' ? contextLoader : personasLoader
    const response = await call(() => fn({ request: getRequest(url(route, query), who), params, context: {} }))
    return { status: response.status, body: (await response.json()) as Loose }
  }
  return { workshop, fran, mia, max, sam, vic, stan, leads, boardAt, post, load }
}

const traitRows = (workshopId: string) => store().db.select().from(leadTraits).where(eq(leadTraits.workshopId, workshopId))

describe('the lead board before and after the reveal', () => {
  it('shows each team only its own notes, the facilitator and viewers only counts, until the facilitator reveals', async () => {
    const { workshop, fran, mia, sam, vic, leads, boardAt } = await room()
    // Post/Redirect/Get: back to the board at the new note, with a one-time message.
    const added = await leads.post(mia, { intent: 'add-trait', form: 'add-good', team: 'marketing', kind: 'good', text: 'Alpha-marker companies with 50–500 employees', why: 'Why-alpha-marker' })
    expect(added).toMatchObject({ status: 302, flash: { tone: 'success', text: 'Added “Alpha-marker companies with 50–500 employees”.' } })
    const [alphaRow] = await traitRows(workshop.id)
    expect(added.location).toBe(boardAt(`note-${alphaRow!.id}`))
    expect((await leads.post(sam, { intent: 'add-trait', form: 'add-bad', team: 'sales', kind: 'bad', text: 'Beta-marker students', why: 'Why-beta-marker' })).status).toBe(302)
    const [alpha, beta] = ['Alpha-marker', 'Beta-marker']

    const marketingView = await leads.load(mia)
    expect(marketingView.text).toContain(alpha)
    expect(marketingView.text).toContain('Why-alpha-marker')
    expect(marketingView.text).not.toContain(beta)
    expect(marketingView.text).not.toContain('Why-beta-marker')
    expect(JSON.parse(marketingView.text).counts).toEqual({ marketing: { good: 1, bad: 0 }, sales: { good: 0, bad: 1 } })

    const salesView = await leads.load(sam)
    expect(salesView.text).toContain(beta)
    expect(salesView.text).not.toContain(alpha)

    for (const who of [fran, vic]) {
      const view = await leads.load(who)
      expect(view.status).toBe(200)
      expect(view.text).not.toContain(alpha)
      expect(view.text).not.toContain(beta)
      expect(JSON.parse(view.text)).toMatchObject({ revealed: false, counts: { marketing: { good: 1 }, sales: { bad: 1 } } })
    }

    // Nor does any answer give the other team's note away: not an edit, a delete or a merge.
    const [salesNote] = (await traitRows(workshop.id)).filter((row) => row.team === 'sales')
    const edit = await leads.post(mia, { intent: 'save-trait', form: 'x', team: 'marketing', traitId: salesNote!.id, revision: '1', kind: 'bad', text: 'Overwritten' })
    expect(edit.status).toBe(404)
    expect(edit.text).not.toContain(beta)
    const remove = await leads.post(mia, { intent: 'delete-trait', traitId: salesNote!.id, revision: '1' })
    expect(remove).toMatchObject({ status: 302, location: boardAt(), flash: { text: 'That note was already deleted.' } })
    const merge = await leads.post(mia, { intent: 'merge', kind: 'bad', text: 'Merged', 'sourceTraitIds.0': salesNote!.id })
    expect(merge.status).toBe(400)
    expect(merge.text).not.toContain(beta)
    expect((await traitRows(workshop.id)).find((row) => row.id === salesNote!.id)?.text).toBe('Beta-marker students')
    expect(await store().db.$count(agreedTraits)).toBe(0)

    // Only the facilitator reveals.
    expect((await leads.post(mia, { intent: 'reveal' })).status).toBe(403)
    expect((await leads.post(vic, { intent: 'reveal' })).status).toBe(403)
    expect(await leads.post(fran, { intent: 'reveal' })).toMatchObject({ status: 302, location: boardAt(), flash: { text: 'Both lists are now visible to everyone.' } })

    for (const who of [fran, mia, sam, vic]) {
      const view = await leads.load(who)
      expect(view.text).toContain(alpha)
      expect(view.text).toContain(beta)
      const data = JSON.parse(view.text)
      expect(data.revealed).toBe(true)
      expect(data.columns.good.marketing[0]).toMatchObject({ label: 'M1', text: 'Alpha-marker companies with 50–500 employees' })
      expect(data.columns.bad.sales[0]).toMatchObject({ label: 'S1', text: 'Beta-marker students' })
    }
    expect(await leads.post(fran, { intent: 'reveal' })).toMatchObject({ status: 302, flash: { text: 'The lists were already revealed.' } })
  })

  it('groups what says the same thing, flags contradictions with reasons, and lets the facilitator link and unlink', async () => {
    const { fran, mia, sam, leads, boardAt } = await room()
    const add = (who: Who, team: string, kind: string, text: string) => leads.post(who, { intent: 'add-trait', team, kind, text })
    await add(mia, 'marketing', 'good', 'Companies with 200–2,000 employees')
    await add(mia, 'marketing', 'good', 'Agencies that build dashboards for their clients')
    await add(mia, 'marketing', 'good', 'Uses spreadsheets for reporting')
    await add(sam, 'sales', 'good', 'Mid-market: 250–5,000 employees')
    await add(sam, 'sales', 'bad', 'Marketing agencies reselling to their clients')
    await add(sam, 'sales', 'good', 'Still reports in Excel')
    await leads.post(fran, { intent: 'reveal' })

    let data = JSON.parse((await leads.load(mia)).text)
    expect(data.groups).toHaveLength(1)
    expect(data.groups[0].notes.map((note: { label: string }) => note.label)).toEqual(['M1', 'S1'])
    expect(data.groups[0].reasons).toEqual(['M1 and S1: “200–2,000 employees” and “Mid-market: 250–5,000 employees” are overlapping company sizes.'])
    expect(data.contradictions).toHaveLength(1)
    expect(data.contradictions[0]).toMatchObject({ a: { label: 'M2' }, b: { label: 'S2' } })
    expect(data.contradictions[0].reasons[0]).toMatch(/good for marketing but bad for sales/)
    const noteOf = (label: string) => [...data.columns.good.marketing, ...data.columns.good.sales, ...data.columns.bad.sales].find((note: { label: string }) => note.label === label)
    expect(noteOf('M2').contradicts).toEqual(['S2'])

    // The matcher missed that spreadsheets and Excel are the same: the facilitator links them.
    expect((await leads.post(mia, { intent: 'link', aId: noteOf('M3').id, bId: noteOf('S3').id, linked: 'true' })).status).toBe(403)
    expect((await leads.post(fran, { intent: 'link', aId: noteOf('M3').id, bId: noteOf('M3').id, linked: 'true' })).body.errors.bId).toBe('Pick two different traits to link.')
    expect(await leads.post(fran, { intent: 'link', aId: noteOf('M3').id, bId: noteOf('S3').id, linked: 'true' })).toMatchObject({ status: 302, location: boardAt('groups') })
    // …and says the agencies are not a contradiction after all, and takes S1 out of its group.
    const pairForm = `pair-${noteOf('M2').id}-${noteOf('S2').id}`
    expect(await leads.post(fran, { intent: 'link', form: pairForm, aId: noteOf('M2').id, bId: noteOf('S2').id, linked: 'false' })).toMatchObject({
      status: 302,
      location: boardAt('contradictions'),
      flash: { text: 'Unlinked: the two notes are no longer grouped or flagged together.' },
    })
    // A one-button form posted without its note is refused with the schema's words, next to the page.
    expect((await leads.post(fran, { intent: 'separate', traitId: ' ' })).body).toEqual({
      form: 'board',
      errors: { traitId: 'This form is out of date. Reload the page and try again.' },
      values: { intent: 'separate', traitId: ' ' },
    })
    expect(await leads.post(fran, { intent: 'separate', traitId: noteOf('S1').id })).toMatchObject({ status: 302, location: boardAt('groups'), flash: { text: 'Taken out of its group.' } })
    data = JSON.parse((await leads.load(sam)).text)
    expect(data.contradictions).toEqual([])
    expect(data.groups).toHaveLength(1)
    expect(data.groups[0]).toMatchObject({ label: 'G1', linkedByHand: true, reasons: ['M3 and S3 were linked by the facilitator.'] })
    expect(data.groups[0].notes.map((note: { label: string }) => note.label)).toEqual(['M3', 'S3'])
  })
})

describe('concurrent edits', () => {
  it('gives the second save of the same note a conflict with the other person’s text, and overwrites nothing', async () => {
    const { workshop, mia, max, sam, leads, boardAt } = await room()
    await leads.post(mia, { intent: 'add-trait', team: 'marketing', kind: 'good', text: 'Companies with 50 employees or more' })
    const [note] = await traitRows(workshop.id)
    const edit = (who: Who, text: string, revision: string) =>
      leads.post(who, { intent: 'save-trait', form: `note-${note!.id}`, team: 'marketing', traitId: note!.id, revision, kind: 'good', text, why: '' })

    // Both opened the note at revision 1; Mia saves first.
    expect(await edit(mia, 'Companies with 200 employees or more', '1')).toMatchObject({
      status: 302,
      location: boardAt(`note-${note!.id}`),
      flash: { text: 'Saved “Companies with 200 employees or more”.' },
    })
    const stale = await edit(max, 'Companies with 10 employees or more', '1')
    expect(stale.status).toBe(409)
    expect(stale.body.form).toBe(`note-${note!.id}`)
    expect(stale.body.conflict.theirs).toEqual({ text: 'Companies with 200 employees or more', kind: 'good', why: '' })
    expect(stale.body.values).toMatchObject({ text: 'Companies with 10 employees or more', revision: '2' })
    expect(stale.body.conflict.message).toMatch(/changed this note while you were editing/)
    expect((await traitRows(workshop.id))[0]).toMatchObject({ text: 'Companies with 200 employees or more', revision: 2 })

    // A stale delete is refused too; a retry at the revision shown now goes through.
    expect((await leads.post(max, { intent: 'delete-trait', traitId: note!.id, revision: '1' })).status).toBe(409)
    expect(await traitRows(workshop.id)).toHaveLength(1)
    expect((await edit(max, 'Companies with 10 employees or more', '2')).status).toBe(302)
    expect((await traitRows(workshop.id))[0]).toMatchObject({ text: 'Companies with 10 employees or more', revision: 3 })

    // The other team cannot edit it at all.
    expect((await leads.post(sam, { intent: 'save-trait', team: 'sales', traitId: note!.id, revision: '3', kind: 'bad', text: 'Hijacked' })).status).toBe(404)
    expect((await traitRows(workshop.id))[0]!.text).toBe('Companies with 10 employees or more')
  })

  it('refuses a stale edit of an agreed trait in the same way', async () => {
    const { workshop, fran, mia, sam, leads, boardAt } = await room()
    await leads.post(fran, { intent: 'reveal' })
    await leads.post(mia, { intent: 'merge', form: 'agree-new', kind: 'good', text: 'Has a data team' })
    const [agreed] = await store().db.select().from(agreedTraits).where(eq(agreedTraits.workshopId, workshop.id))
    expect(await leads.post(mia, { intent: 'save-agreed', agreedId: agreed!.id, revision: '1', kind: 'good', text: 'Has a data team of 3+' })).toMatchObject({
      status: 302,
      location: boardAt(`agreed-${agreed!.id}`),
    })
    const stale = await leads.post(sam, { intent: 'save-agreed', agreedId: agreed!.id, revision: '1', kind: 'bad', text: 'No data team' })
    expect(stale.status).toBe(409)
    expect(stale.body).toMatchObject({ form: `agreed-${agreed!.id}`, conflict: { theirs: { text: 'Has a data team of 3+', kind: 'good' } }, values: { text: 'No data team', revision: '2' } })
    const [after] = await store().db.select().from(agreedTraits).where(eq(agreedTraits.id, agreed!.id))
    expect(after).toMatchObject({ text: 'Has a data team of 3+', kind: 'good', revision: 2 })
    expect((await leads.post(sam, { intent: 'delete-agreed', agreedId: agreed!.id, revision: '1' })).status).toBe(409)
    expect(await leads.post(sam, { intent: 'delete-agreed', agreedId: agreed!.id, revision: '2' })).toMatchObject({ status: 302, location: boardAt('agreed'), flash: { text: 'Removed from the agreed list.' } })
    expect(await store().db.$count(agreedTraits, eq(agreedTraits.workshopId, workshop.id))).toBe(0)
  })
})

describe('merging into the agreed list', () => {
  it('records which notes an agreed trait came from, in their words then, and who agreed', async () => {
    const { workshop, fran, mia, sam, vic, leads } = await room()
    await leads.post(mia, { intent: 'add-trait', team: 'marketing', kind: 'good', text: 'Companies with 200–2,000 employees' })
    await leads.post(sam, { intent: 'add-trait', team: 'sales', kind: 'good', text: 'Mid-market: 250–5,000 employees' })
    const rows = await traitRows(workshop.id)
    const marketingNote = rows.find((row) => row.team === 'marketing')!
    const salesNote = rows.find((row) => row.team === 'sales')!
    const fields = { intent: 'merge', form: `group-${marketingNote.id}`, kind: 'good', text: 'Companies with 200–5,000 employees', 'sourceTraitIds.0': marketingNote.id, 'sourceTraitIds.1': salesNote.id }

    // Not before the reveal, and not by a viewer.
    expect((await leads.post(sam, fields)).status).toBe(400)
    await leads.post(fran, { intent: 'reveal' })
    expect((await leads.post(vic, fields)).status).toBe(403)
    expect((await leads.post(sam, { ...fields, 'sourceTraitIds.1': 'no-such-note' })).status).toBe(409)
    expect(await store().db.$count(agreedTraits, eq(agreedTraits.workshopId, workshop.id))).toBe(0)

    const merged = await leads.post(sam, fields)
    const [agreed] = await store().db.select().from(agreedTraits).where(eq(agreedTraits.workshopId, workshop.id))
    expect(merged).toMatchObject({ status: 302, location: `/workshops/${workshop.id}/leads#agreed-${agreed!.id}`, flash: { text: 'Agreed: “Companies with 200–5,000 employees”.' } })
    expect(agreed).toMatchObject({
      kind: 'good',
      text: 'Companies with 200–5,000 employees',
      sourceTraitIds: [marketingNote.id, salesNote.id],
      sourceTexts: [
        { team: 'marketing', text: 'Companies with 200–2,000 employees' },
        { team: 'sales', text: 'Mid-market: 250–5,000 employees' },
      ],
      agreedBy: sam.id,
    })

    // The provenance keeps the words as agreed, even when a note changes later.
    await leads.post(mia, { intent: 'save-trait', team: 'marketing', traitId: marketingNote.id, revision: '1', kind: 'good', text: 'Companies with 100+ employees' })
    const data = JSON.parse((await leads.load(vic)).text)
    expect(data.agreed.good[0]).toMatchObject({
      text: 'Companies with 200–5,000 employees',
      agreedByName: sam.id ? expect.stringMatching(/^sam/) : null,
      sources: [
        { label: 'M1', team: 'marketing', text: 'Companies with 200–2,000 employees' },
        { label: 'S1', team: 'sales', text: 'Mid-market: 250–5,000 employees' },
      ],
    })
    expect(data.columns.good.marketing[0]).toMatchObject({ merged: true, text: 'Companies with 100+ employees' })
    expect(data.groups[0]?.merged ?? true).toBe(true)

    // The agreed trait becomes a draft criterion for step 4, once.
    const drafted = await leads.post(mia, { intent: 'draft-criterion', form: `agreed-${agreed!.id}`, agreedId: agreed!.id })
    expect(drafted).toMatchObject({ status: 302, location: `/workshops/${workshop.id}/leads#agreed-${agreed!.id}`, flash: { tone: 'success', text: expect.stringMatching(/^Drafted the qualifying criterion/) } })
    const suggestions = await store().db.select().from(criterionSuggestions).where(eq(criterionSuggestions.workshopId, workshop.id))
    expect(suggestions).toEqual([
      expect.objectContaining({ source: 'trait', section: 'fit', label: 'Companies with 200–5,000 employees', condition: { field: 'employees', op: 'between', value: [200, 5000] }, status: 'open' }),
    ])
    expect((await leads.post(mia, { intent: 'draft-criterion', agreedId: agreed!.id })).status).toBe(409)
  })

  it('tells the room when an agreed trait cannot become a criterion, and drafts nothing', async () => {
    const { workshop, fran, mia, leads } = await room()
    await leads.post(fran, { intent: 'reveal' })
    await leads.post(mia, { intent: 'merge', kind: 'bad', text: 'Competitors' })
    const [agreed] = await store().db.select().from(agreedTraits).where(eq(agreedTraits.workshopId, workshop.id))
    const refused = await leads.post(mia, { intent: 'draft-criterion', agreedId: agreed!.id })
    expect(refused.status).toBe(400)
    expect(refused.body.notice.text).toBe('This says nothing the matcher can turn into a condition (“Competitors” (no field says this)). Write this criterion by hand in step 4.')
    expect(await store().db.$count(criterionSuggestions, eq(criterionSuggestions.workshopId, workshop.id))).toBe(0)
  })

  it('drafts every part of a trait: two fast-tracks for “a demo or a trial”, and a note on what no condition says', async () => {
    const { workshop, fran, mia, leads } = await room()
    await leads.post(fran, { intent: 'reveal' })
    await leads.post(mia, { intent: 'merge', kind: 'good', text: 'Requested a demo or started a trial' })
    await leads.post(mia, { intent: 'merge', kind: 'bad', text: 'Students and job seekers' })
    const [demo, students] = await store().db.select().from(agreedTraits).where(eq(agreedTraits.workshopId, workshop.id)).orderBy(agreedTraits.createdAt)
    const drafted = await leads.post(mia, { intent: 'draft-criterion', agreedId: demo!.id })
    expect(drafted.flash?.text).toBe(
      'Drafted the fast-track “Requested a demo” (kept in step 5, Scoring) and the fast-track “Started a trial” (kept in step 5, Scoring) for step 4: accept or dismiss them on the criteria page.',
    )
    const draftedStudents = await leads.post(mia, { intent: 'draft-criterion', agreedId: students!.id })
    expect(draftedStudents.flash?.text).toBe(
      'Drafted the disqualifier “Students and job seekers” for step 4: accept or dismiss it on the criteria page. Left out, so check the wording: “job seekers” (no field says this).',
    )
    const rows = await store().db.select().from(criterionSuggestions).where(eq(criterionSuggestions.workshopId, workshop.id)).orderBy(criterionSuggestions.createdAt)
    expect(rows.map(({ section, label, condition, activity, note }) => ({ section, label, condition, activity, note }))).toEqual([
      { section: 'fastTrack', label: 'Requested a demo', condition: null, activity: 'demo_request', note: '' },
      { section: 'fastTrack', label: 'Started a trial', condition: null, activity: 'trial_start', note: '' },
      { section: 'disqualifier', label: 'Students and job seekers', condition: { field: 'jobTitle', op: 'contains', value: 'student' }, activity: null, note: 'Not in the condition: “job seekers” (no field says this).' },
    ])
    // One open draft per source, however many parts it has.
    expect((await leads.post(mia, { intent: 'draft-criterion', agreedId: demo!.id })).status).toBe(409)

    // Accepted on the criteria page, a fast-track goes to step 5, and the page says so.
    const accept = await criteriaAction({
      request: formRequest(`/workshops/${workshop.id}/criteria`, { intent: 'accept-suggestion', suggestionId: rows[0]!.id, revision: '1' }, mia),
      params: { workshopId: workshop.id },
      context: {},
    })
    const flash = (await readFlash(new Request('http://localhost/', { headers: { Cookie: accept.headers.get('Set-Cookie')!.split(';')[0]! } }))).flash
    expect(flash?.text).toBe('Added “Requested a demo” as a fast-track. It is in step 5 (Scoring), under Fast-track actions, not on this page.')
  })
})

describe('labels that keep their word', () => {
  it('gives each note a number for the life of the board: a deleted note leaves a gap, and its number is never given again', async () => {
    const { workshop, mia, sam, leads } = await room()
    const add = async (who: Who, team: string, text: string) => {
      await leads.post(who, { intent: 'add-trait', team, kind: 'good', text })
      const [row] = await store().db.select().from(leadTraits).where(and(eq(leadTraits.workshopId, workshop.id), eq(leadTraits.text, text)))
      return row!
    }
    const labelsOf = async (who: Who) => {
      const data = JSON.parse((await leads.load(who)).text)
      return Object.fromEntries([...data.columns.good.marketing, ...data.columns.bad.marketing].map((note: { label: string; text: string }) => [note.text, note.label]))
    }
    await add(mia, 'marketing', 'First')
    const second = await add(mia, 'marketing', 'Second')
    await add(sam, 'sales', 'Sales first')
    await add(mia, 'marketing', 'Third')
    expect(await labelsOf(mia)).toEqual({ First: 'M1', Second: 'M2', Third: 'M3' })
    await leads.post(mia, { intent: 'delete-trait', traitId: second.id, revision: '1' })
    expect(await labelsOf(mia)).toEqual({ First: 'M1', Third: 'M3' })
    await add(mia, 'marketing', 'Fourth')
    expect(await labelsOf(mia)).toEqual({ First: 'M1', Third: 'M3', Fourth: 'M4' })
    // Deleting the highest does not hand its number to the next note either.
    const fourth = await add(mia, 'marketing', 'Fourth again')
    await leads.post(mia, { intent: 'delete-trait', traitId: fourth.id, revision: '1' })
    await add(mia, 'marketing', 'Fifth')
    expect(await labelsOf(mia)).toEqual({ First: 'M1', Third: 'M3', Fourth: 'M4', Fifth: 'M6' })
    // Sales counts on its own.
    expect(JSON.parse((await leads.load(sam)).text).columns.good.sales.map((note: { label: string }) => note.label)).toEqual(['S1'])
  })

  it('numbers notes from an older backup after the highest, in the order written, once someone adds a note', async () => {
    const { workshop, mia, leads } = await room()
    await leads.post(mia, { intent: 'add-trait', team: 'marketing', kind: 'good', text: 'Numbered' })
    for (const [minute, text] of [
      [1, 'Imported first'],
      [2, 'Imported second'],
    ] as const) {
      await store().db.insert(leadTraits).values({ id: `old-${minute}-${workshop.id}`, workshopId: workshop.id, team: 'marketing', seq: 0, kind: 'bad', text, createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)) })
    }
    const before = JSON.parse((await leads.load(mia)).text).columns.bad.marketing.map((note: { label: string; text: string }) => `${note.label} ${note.text}`)
    await leads.post(mia, { intent: 'add-trait', team: 'marketing', kind: 'good', text: 'Added after the import' })
    const data = JSON.parse((await leads.load(mia)).text)
    expect(data.columns.bad.marketing.map((note: { label: string; text: string }) => `${note.label} ${note.text}`)).toEqual(before)
    expect(before).toEqual(['M2 Imported first', 'M3 Imported second'])
    expect(data.columns.good.marketing.map((note: { label: string }) => note.label)).toEqual(['M1', 'M4'])
  })
})

describe('a merge race', () => {
  it('refuses the second merge of the same notes, keeps its wording, and says who merged them and how', async () => {
    const { workshop, fran, mia, sam, leads } = await room()
    await leads.post(mia, { intent: 'add-trait', team: 'marketing', kind: 'good', text: 'Companies with 200–2,000 employees' })
    await leads.post(sam, { intent: 'add-trait', team: 'sales', kind: 'good', text: 'Mid-market: 250–5,000 employees' })
    await leads.post(fran, { intent: 'reveal' })
    const data = JSON.parse((await leads.load(mia)).text)
    const group = data.groups[0]
    const ids = Object.fromEntries(group.notes.map((note: { id: string }, index: number) => [`sourceTraitIds.${index}`, note.id]))
    const form = `group-${group.id}`
    expect((await leads.post(sam, { intent: 'merge', form, kind: 'good', text: 'Companies with 200–5,000 employees', ...ids })).status).toBe(302)
    const second = await leads.post(mia, { intent: 'merge', form, kind: 'good', text: 'Mia’s wording', ...ids })
    const [agreed, ...more] = await store().db.select().from(agreedTraits).where(eq(agreedTraits.workshopId, workshop.id))
    expect(more).toEqual([])
    expect(second).toMatchObject({
      status: 409,
      body: {
        form,
        conflict: {
          message: expect.stringMatching(/^sam\S* merged M1 and S1 as a good lead while you were writing, so nothing of yours was saved\. Your wording is still in the form\.$/),
          theirs: { agreedId: agreed!.id, revision: 1, text: 'Companies with 200–5,000 employees', kind: 'good' },
        },
        values: expect.objectContaining({ text: 'Mia’s wording' }),
      },
    })
    // The group now says who merged it and how.
    expect(JSON.parse((await leads.load(mia)).text).groups[0]).toMatchObject({
      merged: true,
      mergedAs: [{ id: agreed!.id, text: 'Companies with 200–5,000 employees', kind: 'good', noteLabels: ['M1', 'S1'], agreedByName: expect.stringMatching(/^sam/) }],
    })
    // Her wording can still replace theirs, at the revision she saw.
    expect(await leads.post(mia, { intent: 'save-agreed', agreedId: agreed!.id, revision: '1', kind: 'good', text: 'Mia’s wording' })).toMatchObject({ status: 302 })
  })

  it('settles a contradiction by agreeing one trait from both notes', async () => {
    const { fran, mia, sam, leads } = await room()
    await leads.post(mia, { intent: 'add-trait', team: 'marketing', kind: 'good', text: 'Agencies that build dashboards for their clients' })
    await leads.post(sam, { intent: 'add-trait', team: 'sales', kind: 'bad', text: 'Marketing agencies reselling to their clients' })
    await leads.post(fran, { intent: 'reveal' })
    const [pair] = JSON.parse((await leads.load(sam)).text).contradictions
    expect(pair.settledBy).toBeNull()
    const settled = await leads.post(sam, { intent: 'merge', form: `settle-${pair.a.id}-${pair.b.id}`, kind: 'bad', text: 'Agencies that resell to their clients', 'sourceTraitIds.0': pair.a.id, 'sourceTraitIds.1': pair.b.id })
    expect(settled.status).toBe(302)
    const data = JSON.parse((await leads.load(mia)).text)
    expect(data.contradictions[0].settledBy).toMatchObject({ text: 'Agencies that resell to their clients', kind: 'bad' })
    expect(data.columns.good.marketing[0].contradicts).toEqual([])
  })
})

describe('bad input on the board', () => {
  it('refuses empty, overlong, unknown-team and unknown-kind notes, outsiders and viewers, and writes nothing', async () => {
    const { workshop, fran, mia, sam, vic, stan, leads } = await room()
    const good = { intent: 'add-trait', form: 'add-good', team: 'marketing', kind: 'good', text: 'Companies with 50+ employees', why: '' }
    const cases: [Record<string, string>, string, string][] = [
      [{ ...good, text: '' }, 'text', 'Describe the trait in a few words.'],
      [{ ...good, text: '   ' }, 'text', 'Describe the trait in a few words.'],
      [{ ...good, text: 'x'.repeat(5000) }, 'text', 'Keep a trait to 280 characters, like a sticky note; put the detail in "why".'],
      [{ ...good, team: 'partners' }, 'team', 'Unknown team: notes belong to marketing or sales.'],
      [{ ...good, kind: 'ugly' }, 'kind', 'Pick whether this describes a good or a bad lead.'],
      [{ ...good, why: 'y'.repeat(501) }, 'why', 'Keep the reason to 500 characters.'],
    ]
    for (const [fields, field, message] of cases) {
      const refused = await leads.post(mia, fields)
      expect(refused.status).toBe(400)
      expect(refused.body.errors[field]).toBe(message)
    }
    expect((await leads.post(stan, good)).status).toBe(404)
    expect((await leads.post(vic, good)).status).toBe(403)
    expect((await leads.post(fran, good)).status).toBe(403)
    // A sales member cannot write in marketing's name.
    expect((await leads.post(sam, good)).status).toBe(403)
    expect((await leads.post(mia, { ...good, intent: 'do-something' })).status).toBe(400)
    // One-button forms have schemas too: a delete without the revision the person saw is refused on its card.
    expect(await leads.post(mia, { intent: 'delete-trait', traitId: 'some-note', revision: 'latest' })).toMatchObject({
      status: 400,
      body: { form: 'note-some-note', errors: { revision: 'This form is out of date. Reload the page and try again.' } },
    })
    expect(await traitRows(workshop.id)).toEqual([])
    expect((await leads.load(stan)).status).toBe(404)

    expect((await leads.post(mia, good)).status).toBe(302)
    expect(await traitRows(workshop.id)).toHaveLength(1)
  })
})

describe('the live events route', () => {
  it('is for members only, and announces each change to the board (a note, a comment) without its content', async () => {
    const { workshop, mia, stan, leads } = await room()
    const params = { workshopId: workshop.id }
    await expect(eventsLoader({ request: getRequest(`/workshops/${workshop.id}/leads/events`, stan), params, context: {} })).rejects.toMatchObject({ status: 404 })

    const abort = new AbortController()
    const request = new Request(`http://localhost/workshops/${workshop.id}/leads/events`, { headers: { Cookie: mia.cookie }, signal: abort.signal })
    const response = await eventsLoader({ request, params, context: {} })
    expect(response.headers.get('Content-Type')).toContain('text/event-stream')
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    /** The next event the stream sends, skipping heartbeat comments. */
    const nextEvent = async () => {
      for (;;) {
        const chunk = decoder.decode((await reader.read()).value)
        if (chunk.includes('event:')) return chunk
      }
    }
    const first = await nextEvent()
    expect(first).toMatch(/event: ready\ndata: \d+/)
    const counter = Number(/data: (\d+)/.exec(first)![1])

    await leads.post(mia, { intent: 'add-trait', team: 'marketing', kind: 'good', text: 'Secret-ish note' })
    const next = await nextEvent()
    expect(next).toBe(`event: change\ndata: ${counter + 1}\n\n`)
    // A comment refreshes the open boards too.
    expect((await leads.post(mia, { intent: 'add-comment', body: 'Secret-ish comment' })).status).toBe(302)
    expect(await nextEvent()).toBe(`event: change\ndata: ${counter + 2}\n\n`)
    abort.abort()
    expect((await reader.read()).done).toBe(true)
  })
})

describe('context, personas and comments', () => {
  it('lets the facilitator write the context, refuses others and stale saves', async () => {
    const { workshop, fran, mia, post, load } = await room()
    const form = {
      intent: 'save-context',
      company: 'Acme Analytics GmbH',
      product: 'Product analytics for B2B SaaS',
      dealSize: '24,000',
      currency: 'EUR',
      salesCycleDays: '75',
      inboundPercent: '65',
      goals: 'One MQL definition',
      participants: 'Dana Fox — sales — Head of Sales\nJean-Luc Picard - marketing - CMO\nPriya | facilitator',
      revision: '',
      workshopRevision: '1',
    }
    expect((await post('context', mia, form)).status).toBe(403)
    const bad = await post('context', fran, { ...form, product: '', inboundPercent: '140', participants: 'Dana Fox — sales\nJust a name' })
    expect(bad.status).toBe(400)
    expect(bad.body.errors).toMatchObject({
      product: 'Describe the product or service in a sentence.',
      inboundPercent: 'The inbound share must be at most 100.',
      participants: 'Line 2: write “Name — team — title”, e.g. “Dana Fox — sales — Head of Sales”.',
    })
    expect(await store().db.$count(workshopContexts, eq(workshopContexts.workshopId, workshop.id))).toBe(0)

    const saved = await post('context', fran, form)
    // Post/Redirect/Get: back to the page, with a one-time message.
    expect(saved.status).toBe(302)
    expect(saved.location).toBe(`/workshops/${workshop.id}/context`)
    expect(saved.setCookie).toMatch(/^__flash=/)
    const { body } = await load('context', mia)
    expect(body.company).toBe('Acme Analytics GmbH')
    expect(body.context).toMatchObject({
      dealSize: 24000,
      salesCycleDays: 75,
      inboundPercent: 65,
      participants: [
        { name: 'Dana Fox', team: 'sales', title: 'Head of Sales' },
        { name: 'Jean-Luc Picard', team: 'marketing', title: 'CMO' },
        { name: 'Priya', team: 'facilitator' },
      ],
    })
    // A second save from the same (now stale) form: 409, and the stored context is unchanged.
    const stale = await post('context', fran, { ...form, product: 'Something else' })
    expect(stale.status).toBe(409)
    expect(stale.body.values).toMatchObject({ product: 'Something else', revision: '1', workshopRevision: '2' })
    expect((await load('context', mia)).body.context.product).toBe('Product analytics for B2B SaaS')
  })

  it('keeps buyer and negative personas apart, lets sales check them against closed-won deals, and drafts a disqualifier', async () => {
    const { workshop, mia, sam, vic, post, load } = await room()
    const page = `/workshops/${workshop.id}/personas`
    const buyer = { intent: 'add-persona', negative: 'false', name: 'Data-driven Dana', title: 'Head of Data', seniority: 'Head of', department: 'Data', industry: 'SaaS', companySize: '201–1,000', region: 'DACH', pains: 'Five dashboards', goals: 'One truth', buyingRole: 'decision-maker', revision: '' }
    expect((await post('personas', vic, buyer)).status).toBe(403)
    // A refused form answers for its editor, with what was sent, so it refills.
    const unnamed = await post('personas', mia, { ...buyer, name: '' })
    expect(unnamed).toMatchObject({ status: 400, body: { form: 'add-buyer', errors: { name: 'Name the persona, e.g. “Operations Olivia”.' }, values: { title: 'Head of Data' } } })
    expect((await post('personas', mia, { ...buyer, buyingRole: 'king' })).body.errors.buyingRole).toBe('Pick a buying role.')
    expect((await post('personas', mia, { ...buyer, negative: 'true', name: 'x'.repeat(81) })).body).toMatchObject({ form: 'add-negative', errors: { name: 'A persona name has at most 80 characters.' } })
    expect(await store().db.$count(personas, eq(personas.workshopId, workshop.id))).toBe(0)
    // Post/Redirect/Get: every success goes back to the page (at the persona's card) with a one-time message.
    const added = await post('personas', mia, buyer)
    expect(added).toMatchObject({ status: 302, setCookie: expect.stringMatching(/^__flash=/) })
    const negative = { ...buyer, negative: 'true', name: 'Students and researchers', title: 'Student', seniority: 'Student or intern', industry: 'Education', companySize: '', buyingRole: '' }
    expect((await post('personas', mia, negative)).status).toBe(302)

    let { body } = await load('personas', vic)
    expect(body.buyers.map((p: { name: string }) => p.name)).toEqual(['Data-driven Dana'])
    expect(body.negatives.map((p: { name: string }) => p.name)).toEqual(['Students and researchers'])
    expect(body).toMatchObject({ canEdit: false, canMarkClosedWon: false, canComment: false })
    const dana = body.buyers[0]
    const students = body.negatives[0]
    expect(added.location).toBe(`${page}#persona-${dana.id}`)

    const check = { intent: 'mark-closed-won', personaId: dana.id, revision: String(dana.revision), closedWonMatch: 'partly', closedWonNote: '5 of 12 deals' }
    expect((await post('personas', mia, check)).status).toBe(403)
    expect((await post('personas', sam, { ...check, closedWonMatch: 'maybe' })).body).toMatchObject({ form: `closed-won-${dana.id}`, errors: { closedWonMatch: 'Pick yes, partly or no.' } })
    expect(await post('personas', sam, check)).toMatchObject({ status: 302, location: `${page}#persona-${dana.id}`, setCookie: expect.stringMatching(/^__flash=/) })
    // The same check again from the now stale form: 409 at the revision that stands, the form keeping the note.
    const staleCheck = await post('personas', sam, { ...check, closedWonNote: '6 of 12 deals' })
    expect(staleCheck).toMatchObject({ status: 409, body: { form: `closed-won-${dana.id}`, values: { closedWonNote: '6 of 12 deals', revision: String(dana.revision + 1) } } })
    // A stale edit after sales' check: 409 with the current persona, nothing overwritten.
    const staleEdit = await post('personas', mia, { ...buyer, intent: 'save-persona', personaId: dana.id, revision: String(dana.revision), name: 'Dana renamed' })
    expect(staleEdit).toMatchObject({
      status: 409,
      body: { form: `persona-${dana.id}`, conflict: { theirs: { summary: 'Data-driven Dana · Head of Data · Head of · SaaS · 201–1,000 · DACH' } }, values: { name: 'Dana renamed', revision: String(dana.revision + 1) } },
    })
    ;({ body } = await load('personas', vic))
    expect(body.buyers[0]).toMatchObject({ name: 'Data-driven Dana', closedWonMatch: 'partly', closedWonNote: '5 of 12 deals' })
    // Saving again at the revision the conflict gave replaces theirs knowingly.
    const resaved = await post('personas', mia, { ...buyer, intent: 'save-persona', personaId: dana.id, revision: String(dana.revision + 1), name: 'Dana renamed' })
    expect(resaved).toMatchObject({ status: 302, location: `${page}#persona-${dana.id}` })
    expect((await load('personas', vic)).body.buyers[0]).toMatchObject({ name: 'Dana renamed', revision: dana.revision + 2 })
    expect((await post('personas', mia, { ...buyer, intent: 'save-persona', revision: '3' })).body).toMatchObject({ form: 'page', errors: { personaId: 'This form is out of date. Reload the page.' } })

    const notNegative = await post('personas', mia, { intent: 'draft-disqualifier', personaId: dana.id })
    expect(notNegative).toMatchObject({ status: 400, body: { form: `persona-${dana.id}`, notice: { tone: 'warn', text: 'Only a negative persona becomes a disqualifier.' } } })
    expect(await post('personas', mia, { intent: 'draft-disqualifier', personaId: students.id })).toMatchObject({ status: 302, location: `${page}#persona-${students.id}` })
    expect((await post('personas', mia, { intent: 'draft-disqualifier', personaId: students.id })).status).toBe(409)
    const [suggestion, ...more] = await store().db.select().from(criterionSuggestions).where(eq(criterionSuggestions.workshopId, workshop.id))
    expect(more).toHaveLength(0)
    expect(suggestion).toMatchObject({ source: 'persona', section: 'disqualifier', label: 'Students and researchers' })
    expect(JSON.stringify(suggestion!.condition)).toContain('student')
    expect(await store().db.$count(personas, eq(personas.workshopId, workshop.id))).toBe(2)

    // Deleting: a one-button form with a schema, at the revision the person saw.
    const remove = { intent: 'delete-persona', personaId: students.id, revision: String(students.revision) }
    expect((await post('personas', vic, remove)).status).toBe(403)
    expect((await post('personas', mia, { ...remove, revision: 'latest' })).body).toMatchObject({ form: `persona-${students.id}`, errors: { revision: 'This form is out of date. Reload the page.' } })
    expect((await post('personas', mia, { ...remove, personaId: dana.id, revision: String(dana.revision) })).body).toMatchObject({ form: `persona-${dana.id}`, conflict: { theirs: { summary: expect.stringMatching(/^Dana renamed/) } } })
    expect(await post('personas', mia, remove)).toMatchObject({ status: 302, location: page, setCookie: expect.stringMatching(/^__flash=/) })
    expect(await store().db.$count(personas, eq(personas.workshopId, workshop.id))).toBe(1)
    expect((await post('personas', mia, { ...remove, intent: 'remove-persona' })).status).toBe(400)
  })

  it('takes comments from the room on each step, bounded and required, and shows them to all members', async () => {
    const { workshop, mia, vic, sam, leads, post, load } = await room()
    expect((await post('context', mia, { intent: 'add-comment', body: '' })).body).toMatchObject({ form: 'comment', errors: { body: 'Write your comment first.' } })
    expect((await post('context', mia, { intent: 'add-comment', body: 'z'.repeat(1001) })).body).toMatchObject({ form: 'comment', errors: { body: 'Keep a comment to 1,000 characters.' } })
    expect((await post('context', vic, { intent: 'add-comment', body: 'Viewer here' })).status).toBe(403)
    expect(await post('context', mia, { intent: 'add-comment', body: 'Deal size is the median.' })).toMatchObject({ status: 302, location: `/workshops/${workshop.id}/context#comments-heading` })
    expect(await post('personas', sam, { intent: 'add-comment', body: 'Fiona blocks.' })).toMatchObject({ status: 302, location: `/workshops/${workshop.id}/personas#comments-heading` })
    expect(await leads.post(sam, { intent: 'add-comment', body: 'Agencies: let us check last year.' })).toMatchObject({ status: 302, location: `/workshops/${workshop.id}/leads#comments-heading` })
    expect((await leads.post(vic, { intent: 'add-comment', body: 'Nope' })).status).toBe(403)
    expect((await load('context', vic)).body.comments).toEqual([expect.objectContaining({ body: 'Deal size is the median.', authorName: expect.stringMatching(/^mia/) })])
    expect((await load('personas', vic)).body.comments).toHaveLength(1)
    expect(JSON.parse((await leads.load(vic)).text).comments).toHaveLength(1)
    expect(await store().db.$count(comments, eq(comments.workshopId, workshop.id))).toBe(3)
  })
})

describe('the demo seed for steps 1–3', () => {
  it('fills context, both teams’ notes with groups and contradictions, the reveal, agreed traits, personas and comments', async () => {
    const fran = await person('demo-fran@example.com')
    const mia = await person('demo-mia@example.com')
    const sam = await person('demo-sam@example.com')
    const workshop = await createWorkshop({ name: 'Demo', company: 'Acme Analytics', userId: fran.id })
    for (const [who, role] of [
      [mia, 'marketing'],
      [sam, 'sales'],
    ] as const) {
      const invite = await createInvite({ workshopId: workshop.id, role, expiresInDays: 7, singleUse: true, createdBy: fran.id })
      await acceptInvite({ token: invite.token, userId: who.id })
    }
    await seedBoardDemo(workshop.id, { facilitatorId: fran.id, marketingId: mia.id, salesId: sam.id })
    const response = (await leadsLoader({ request: getRequest(`/workshops/${workshop.id}/leads`, sam), params: { workshopId: workshop.id }, context: {} })) as Response
    const data = await response.json()
    expect(data.revealed).toBe(true)
    // The room settled both contradictions before signing: M2 vs S2 is none (unlinked), M5 vs S6 became one agreed trait.
    expect(data.contradictions).toEqual([
      expect.objectContaining({ a: expect.objectContaining({ label: 'M5' }), b: expect.objectContaining({ label: 'S6' }), settledBy: expect.objectContaining({ kind: 'bad' }) }),
    ])
    const allNotes = [...data.columns.good.marketing, ...data.columns.good.sales, ...data.columns.bad.marketing, ...data.columns.bad.sales] as { label: string; text: string; contradicts: string[] }[]
    expect(allNotes.filter((note) => note.contradicts.length > 0)).toEqual([])
    expect(data.groups.length).toBeGreaterThanOrEqual(1)
    expect(data.agreed.good.length + data.agreed.bad.length).toBe(5)
    expect(data.comments).toHaveLength(3)
    // Every label a comment cites points at the note it talks about.
    const textOf = (label: string) => allNotes.find((note) => note.label === label)?.text
    const cited = data.comments.flatMap((comment: { body: string }) => [...comment.body.matchAll(/\b([MS]\d+) vs ([MS]\d+)\b/g)].map((m) => [m[1], m[2], comment.body]))
    expect(cited.length).toBeGreaterThanOrEqual(3)
    for (const [a, b, body] of cited) {
      if (/agenc/i.test(body)) expect([textOf(a), textOf(b)].every((text) => /agenc/i.test(text ?? ''))).toBe(true)
      else expect([textOf(a), textOf(b)]).toEqual(['Marketing managers who download our benchmark report', 'A VP or C-level sponsor is involved'])
    }
    const personaRows = await store().db.select().from(personas).where(eq(personas.workshopId, workshop.id))
    expect(personaRows.filter((row) => !row.negative)).toHaveLength(3)
    expect(personaRows.filter((row) => row.negative)).toHaveLength(1)
    expect(personaRows.filter((row) => row.closedWonMatch).map((row) => row.closedWonMatch)).toEqual(['yes', 'partly', 'no'])
    const states = Object.fromEntries((await getStepStates(workshop.id)).map((step) => [step.slug, step.state]))
    expect(states).toMatchObject({ context: 'in-progress', leads: 'in-progress', personas: 'in-progress' })
  })
})
