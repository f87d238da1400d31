import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { assessmentResponses } from '#db/schema'
import { ALIGNMENT_2026, DIMENSION_IDS } from '~/domain/assessment/questions'
import type { RoundReport } from '~/domain/assessment/report'
import { readFlash } from '~/http/flash.server'
import { getResponse, listRounds, memberRespondentKey, publicLinkToken } from '~/models/assessment.server'
import { acceptInvite, createInvite } from '~/models/invite.server'
import { getStepStates } from '~/models/progress.server'
import { createWorkshop } from '~/models/workshop.server'
import { action as publicAction, loader as publicLoader } from '~/routes/a.$token/route'
import { action as pageAction, loader as pageLoader } from '~/routes/workshops.$workshopId.assessment._index/route'
import { loader as csvLoader } from '~/routes/workshops.$workshopId.assessment.answers[.]csv'
import { loader as markdownLoader } from '~/routes/workshops.$workshopId.assessment.export[.]md'
import { loader as reportLoader } from '~/routes/workshops.$workshopId.assessment.report'
import { action as memberAction, loader as memberLoader } from '~/routes/workshops.$workshopId.assessment.rounds.$roundId'
import { formRequest, getRequest, person, useTestDatabase } from '../setup/test-database'

const store = useTestDatabase()
const set = ALIGNMENT_2026

type Person = Awaited<ReturnType<typeof person>>

/** A loader's or action's answer, thrown (404, 403, a redirect) or returned. */
async function call(run: () => Promise<unknown>): Promise<Response> {
  try {
    return (await run()) as Response
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}

async function workshopWithTeam(tag: string) {
  const fran = await person(`fran-${tag}@example.com`)
  const workshop = await createWorkshop({ name: `W ${tag}`, company: 'Acme', userId: fran.id })
  const members: Record<'mia' | 'sam' | 'vic', Person> = { mia: await person(`mia-${tag}@example.com`), sam: await person(`sam-${tag}@example.com`), vic: await person(`vic-${tag}@example.com`) }
  for (const [who, role] of [[members.mia, 'marketing'], [members.sam, 'sales'], [members.vic, 'viewer']] as const) {
    const invite = await createInvite({ workshopId: workshop.id, role, expiresInDays: 7, singleUse: true, createdBy: fran.id })
    await acceptInvite({ token: invite.token, userId: who.id })
  }
  const params = { workshopId: workshop.id }
  const url = `/workshops/${workshop.id}/assessment`
  return {
    workshop,
    fran,
    ...members,
    url,
    post: (who: Person, fields: Record<string, string>) => call(() => pageAction({ request: formRequest(url, fields, who), params, context: {} })),
    page: async (who: Person, query = '') => call(() => pageLoader({ request: getRequest(`${url}${query}`, who), params, context: {} })),
  }
}

async function openRound(team: Awaited<ReturnType<typeof workshopWithTeam>>, name: string) {
  const response = await team.post(team.fran, { intent: 'open-round', name })
  expect(response.status).toBe(302)
  const [round] = await listRounds(team.workshop.id)
  return round!
}

/** A browser on the public link: it keeps its cookies between requests, as a real one does. */
function guest(roundId: string) {
  const token = publicLinkToken(roundId)
  const path = `/a/${token}`
  let cookie = ''
  const keep = (response: Response) => {
    const setCookie = response.headers.get('Set-Cookie') ?? ''
    const respondent = /(__respondent=[^;]+)/.exec(setCookie)?.[1]
    if (respondent) cookie = respondent
    return response
  }
  return {
    path,
    get cookie() {
      return cookie
    },
    post: async (fields: Record<string, string>) =>
      keep(await call(() => publicAction({ request: formRequest(path, fields, cookie ? { cookie } : {}), params: { token }, context: {} }))),
    view: async (query = '') => call(() => publicLoader({ request: getRequest(`${path}${query}`, cookie ? { cookie } : {}), params: { token }, context: {} })),
  }
}

/** Every page of the questionnaire answered so that each dimension scores `score` (1–5), then submitted. */
async function answerEverything(post: (fields: Record<string, string>) => Promise<Response>, score: number, mql: string, sql = 'Budget, authority, need and timeline confirmed by sales') {
  for (const dimension of DIMENSION_IDS) {
    const fields: Record<string, string> = { intent: 'save-section', section: dimension }
    for (const statement of set.statements.filter((s) => s.dimension === dimension)) fields[`answers.${statement.id}`] = String(statement.reverse ? 6 - score : score)
    const saved = await post(fields)
    expect(saved.status, `saving ${dimension}`).toBe(302)
  }
  expect((await post({ intent: 'save-section', section: 'in-your-words', mqlDefinition: mql, sqlDefinition: sql })).status).toBe(302)
}

async function submit(post: (fields: Record<string, string>) => Promise<Response>, revision: number) {
  return post({ intent: 'submit-response', revision: String(revision) })
}

async function guestAnswers(roundId: string, team: string, score: number, mql: string) {
  const browser = guest(roundId)
  expect((await browser.post({ intent: 'start-response', team })).status).toBe(302)
  await answerEverything(browser.post, score, mql)
  const view = (await (await browser.view('?page=review')).json()) as { view: { response: { revision: number } } }
  expect((await submit(browser.post, view.view.response.revision)).status).toBe(302)
  return browser
}

async function responseRows(roundId: string) {
  return store().db.select().from(assessmentResponses).where(eq(assessmentResponses.roundId, roundId))
}

describe('rounds', () => {
  it('the facilitator opens one round at a time and closes it; others may not', async () => {
    const team = await workshopWithTeam('rounds')
    expect((await getStepStates(team.workshop.id)).find((step) => step.slug === 'assessment')!.state).toBe('empty')
    const refused = await team.post(team.mia, { intent: 'open-round', name: 'Mine' })
    expect(refused.status).toBe(403)
    expect(await refused.text()).toBe('Only the facilitator opens and closes assessment rounds and downloads the answers.')
    const empty = await team.post(team.fran, { intent: 'open-round', name: '  ' })
    expect(empty.status).toBe(400)
    expect(((await empty.json()) as { errors: Record<string, string> }).errors).toEqual({ name: 'Name the round, e.g. “Before the workshop”.' })

    const round = await openRound(team, 'Before the workshop')
    expect((await getStepStates(team.workshop.id)).find((step) => step.slug === 'assessment')!.state).toBe('in-progress')
    const second = await team.post(team.fran, { intent: 'open-round', name: 'Another' })
    expect(second.status).toBe(409)
    expect(((await second.json()) as { errors: Record<string, string> }).errors.form).toBe('“Before the workshop” is still open: close it before opening another round, so that nobody answers the wrong one.')

    const closed = await team.post(team.fran, { intent: 'close-round', roundId: round.id, revision: String(round.revision) })
    expect(closed.status).toBe(302)
    expect(closed.headers.get('Location')).toBe(`${team.url}?round=${round.id}`)
    expect((await readFlash(new Request('http://localhost/', { headers: { Cookie: closed.headers.get('Set-Cookie')!.split(';')[0]! } }))).flash?.text).toBe('Closed “Before the workshop”: it takes no more answers.')
    for (const revision of [round.revision, round.revision + 1]) {
      const again = await team.post(team.fran, { intent: 'close-round', roundId: round.id, revision: String(revision) })
      expect(again.status).toBe(409)
      expect(((await again.json()) as { conflict: { message: string } }).conflict.message).toBe('“Before the workshop” was already closed.')
    }
  })
})

describe('the public link', () => {
  it('answers page by page and submits once, one response per browser', async () => {
    const team = await workshopWithTeam('link')
    const round = await openRound(team, 'Before')
    const browser = guest(round.id)
    expect((await (await browser.view()).json()).view.page).toEqual({ state: 'start' })
    const noTeam = await browser.post({ intent: 'start-response' })
    expect(noTeam.status).toBe(400)
    expect(((await noTeam.json()) as { errors: Record<string, string> }).errors.team).toBe('Choose the team you work in.')
    const started = await browser.post({ intent: 'start-response', team: 'marketing' })
    expect(started.status).toBe(302)
    expect(browser.cookie).toMatch(/^__respondent=/)
    // Starting again from the same browser finds the same response.
    expect((await browser.post({ intent: 'start-response', team: 'sales' })).status).toBe(302)
    expect(await responseRows(round.id)).toHaveLength(1)
    expect((await responseRows(round.id))[0]!.team).toBe('marketing')

    const saved = await browser.post({ intent: 'save-section', section: 'handoff', 'answers.hand-sla-written': '4', 'answers.hand-routing': '2', 'answers.hand-leads-wait': 'dk', 'answers.hand-context': '5' })
    expect(saved.status).toBe(302)
    expect(saved.headers.get('Location')).toBe(`${browser.path}?page=feedback`)
    // Coming back resumes at the first page with an unanswered statement.
    const resumed = (await (await browser.view()).json()) as { view: { page: unknown; response: { answers: Record<string, unknown> } } }
    expect(resumed.view.page).toEqual({ state: 'section', section: 'definitions' })
    expect(resumed.view.response.answers).toEqual({ 'hand-sla-written': 4, 'hand-routing': 2, 'hand-leads-wait': 'dk', 'hand-context': 5 })

    await answerEverything(browser.post, 4, 'A director at a 300-person software company who asked for a demo')
    const review = (await (await browser.view()).json()) as { view: { page: unknown; response: { revision: number } } }
    expect(review.view.page).toEqual({ state: 'review' })
    const stale = await submit(browser.post, review.view.response.revision - 1)
    expect(stale.status).toBe(409)
    expect((await responseRows(round.id))[0]!.submittedAt).toBeNull()
    const submitted = await submit(browser.post, review.view.response.revision)
    expect(submitted.status).toBe(302)
    expect(submitted.headers.get('Location')).toBe(browser.path)
    const [row] = await responseRows(round.id)
    expect(row!.submittedAt).not.toBeNull()

    // A replayed submission, and any later change, is refused and changes nothing.
    const replay = await submit(browser.post, review.view.response.revision + 1)
    expect(replay.status).toBe(409)
    expect(((await replay.json()) as { errors: Record<string, string> }).errors.form).toMatch(/^These answers were submitted on .+ and can no longer be changed\.$/)
    const late = await browser.post({ intent: 'save-section', section: 'handoff', 'answers.hand-sla-written': '1', 'answers.hand-routing': '1', 'answers.hand-leads-wait': '1', 'answers.hand-context': '1' })
    expect(late.status).toBe(409)
    expect(await responseRows(round.id)).toEqual([row])
    expect((await (await browser.view()).json()).view.page).toEqual({ state: 'submitted' })
  })

  it.each([
    ['a value outside 1–5', { 'answers.hand-sla-written': '6' }, 'answers.hand-sla-written', 'Choose an answer, or “Don’t know”.'],
    ['an unknown question id', { 'answers.hand-sla-written': '3', 'answers.made-up': '3' }, 'answers', '“made-up” is not a statement of this page: reload the page and answer again.'],
  ])('refuses %s with a message and saves nothing', async (_name, bad, field, message) => {
    const team = await workshopWithTeam(`bad-${field}`)
    const round = await openRound(team, 'Before')
    const browser = guest(round.id)
    await browser.post({ intent: 'start-response', team: 'sales' })
    const before = await responseRows(round.id)
    const valid: Record<string, string> = { intent: 'save-section', section: 'handoff', 'answers.hand-sla-written': '3', 'answers.hand-routing': '2', 'answers.hand-leads-wait': '4', 'answers.hand-context': '5' }
    const fields = { ...valid, ...(bad as Record<string, string>) }
    const refused = await browser.post(fields)
    expect(refused.status).toBe(400)
    const body = (await refused.json()) as { form: string; errors: Record<string, string>; values: Record<string, unknown> }
    expect(body.form).toBe('section')
    expect(body.errors[field]).toBe(message)
    expect(await responseRows(round.id)).toEqual(before)
  })

  it('refuses a 10,000-character definition and an unknown page, saving nothing', async () => {
    const team = await workshopWithTeam('long')
    const round = await openRound(team, 'Before')
    const browser = guest(round.id)
    await browser.post({ intent: 'start-response', team: 'sales' })
    const before = await responseRows(round.id)
    const long = await browser.post({ intent: 'save-section', section: 'in-your-words', mqlDefinition: 'x'.repeat(10_000), sqlDefinition: 'ok' })
    expect(long.status).toBe(400)
    expect(((await long.json()) as { errors: Record<string, string> }).errors.mqlDefinition).toBe('Keep your MQL definition to a sentence or two: at most 600 characters.')
    const page = await browser.post({ intent: 'save-section', section: 'constructor', mqlDefinition: 'a', sqlDefinition: 'b' })
    expect(page.status).toBe(400)
    const incomplete = await submit(browser.post, before[0]!.revision)
    expect(incomplete.status).toBe(400)
    expect(await responseRows(round.id)).toEqual(before)
  })

  it('a closed round takes no answers, and an unknown or forged link is a 404', async () => {
    const team = await workshopWithTeam('closed')
    const round = await openRound(team, 'Before')
    const drafting = guest(round.id)
    await drafting.post({ intent: 'start-response', team: 'marketing' })
    await team.post(team.fran, { intent: 'close-round', roundId: round.id, revision: String(round.revision) })
    const before = await responseRows(round.id)

    const late = guest(round.id)
    const start = await late.post({ intent: 'start-response', team: 'sales' })
    expect(start.status).toBe(409)
    expect(((await start.json()) as { errors: Record<string, string> }).errors.form).toMatch(/^This round closed on .+: it takes no more answers\.$/)
    const save = await drafting.post({ intent: 'save-section', section: 'in-your-words', mqlDefinition: 'late', sqlDefinition: 'late' })
    expect(save.status).toBe(409)
    expect(await responseRows(round.id)).toEqual(before)
    expect((await (await late.view()).json()).view.page).toEqual({ state: 'closed' })

    const forged = `${round.id}.${'A'.repeat(32)}`
    const forgedView = await call(() => publicLoader({ request: getRequest(`/a/${forged}`), params: { token: forged }, context: {} }))
    expect(forgedView.status).toBe(404)
  })
})

describe('results', () => {
  it('hide a team below three responses, show counts, and never name a respondent in any page or export', async () => {
    const team = await workshopWithTeam('results')
    const round = await openRound(team, 'Before the workshop')
    // A member answers in the app, for her role's team.
    const params = { workshopId: team.workshop.id, roundId: round.id }
    const memberUrl = `${team.url}/rounds/${round.id}`
    const asMia = (fields: Record<string, string>) => call(() => memberAction({ request: formRequest(memberUrl, fields, team.mia), params, context: {} }))
    expect((await asMia({ intent: 'start-response' })).status).toBe(302)
    await answerEverything(asMia, 4, 'Mia thinks an MQL is a lead with a good fit score')
    const mine = await getResponse({ roundId: round.id, respondentKey: memberRespondentKey(round.id, team.mia.id) })
    expect(mine!.team).toBe('marketing')
    expect((await submit(asMia, mine!.revision)).status).toBe(302)
    // The facilitator does not answer.
    const franAnswers = await call(() => memberLoader({ request: getRequest(memberUrl, team.fran), params, context: {} }))
    expect(franAnswers.status).toBe(403)

    await guestAnswers(round.id, 'marketing', 4, 'Anyone who downloads a whitepaper')
    for (const mql of ['A lead that asked for a demo', 'Somebody with budget', 'Whoever marketing sends over']) await guestAnswers(round.id, 'sales', 2, mql)

    const below = (await (await team.page(team.fran)).json()) as { report: RoundReport }
    expect(below.report.result.counts).toEqual({ marketing: 2, sales: 3, other: 0 })
    expect(below.report.result.visible).toEqual({ marketing: false, sales: true, other: false })
    expect(below.report.result.index).toBeNull()
    expect(below.report.result.dimensions.every((d) => d.marketing === null && d.gap === null)).toBe(true)
    expect(below.report.definitions.map((d) => d.team)).toEqual(['sales'])
    expect(JSON.stringify(below)).not.toContain('good fit score')

    await guestAnswers(round.id, 'marketing', 3, 'A marketing-qualified lead')
    const above = (await (await team.page(team.fran)).json()) as { report: RoundReport }
    expect(above.report.result.visible).toEqual({ marketing: true, sales: true, other: false })
    // Marketing (4, 4, 3) → 73; sales 2 → 40; index (73 + 40) / 2 = 56.5 → 57.
    expect(above.report.result.dimensions[0]).toMatchObject({ marketing: 73, sales: 40, gap: 33 })
    expect(above.report.result.index).toBe(57)
    expect(above.report.result.band!.label).toBe('Defined')
    expect(above.report.definitions[0]!.mql.map((entry) => entry.text)).toContain('Mia thinks an MQL is a lead with a good fit score')

    // Members see the results of a closed round only.
    expect(((await (await team.page(team.sam)).json()) as { report: unknown }).report).toBeNull()
    await team.post(team.fran, { intent: 'close-round', roundId: round.id, revision: String(round.revision) })
    const samSees = (await (await team.page(team.sam)).json()) as { report: RoundReport }
    expect(samSees.report.result.index).toBe(57)

    const query = `?round=${round.id}`
    const exports = {
      page: await (await team.page(team.fran, query)).text(),
      report: await (await call(() => reportLoader({ request: getRequest(`${team.url}/report${query}`, team.fran), params: { workshopId: team.workshop.id }, context: {} }))).text(),
      markdown: await (await call(() => markdownLoader({ request: getRequest(`${team.url}/export.md${query}`, team.sam), params: { workshopId: team.workshop.id }, context: {} }))).text(),
      csv: await (await call(() => csvLoader({ request: getRequest(`${team.url}/answers.csv${query}`, team.fran), params: { workshopId: team.workshop.id }, context: {} }))).text(),
    }
    expect(exports.csv.split('\r\n').filter(Boolean)).toHaveLength(1 + 6)
    expect(exports.markdown).toContain('Mia thinks an MQL')
    for (const [name, text] of Object.entries(exports)) {
      for (const who of [team.mia, team.fran, team.sam]) {
        expect(text, `${name} names ${who.email}`).not.toContain(who.email)
        expect(text, `${name} names ${who.name}`).not.toMatch(new RegExp(`\\b${who.name}\\b`))
        expect(text, `${name} holds ${who.name}'s user id`).not.toContain(who.id)
      }
    }
    // Not even the database links an answer to a person: no user id, only a keyed hash.
    expect(JSON.stringify(await responseRows(round.id))).not.toContain(team.mia.id)
  })

  it('a non-member cannot read results or download anything; only the facilitator downloads the answers', async () => {
    const team = await workshopWithTeam('outsider')
    const round = await openRound(team, 'Before')
    await team.post(team.fran, { intent: 'close-round', roundId: round.id, revision: String(round.revision) })
    const outsider = await person('outsider-assessment@example.com')
    const params = { workshopId: team.workshop.id }
    expect((await team.page(outsider)).status).toBe(404)
    expect((await call(() => reportLoader({ request: getRequest(`${team.url}/report`, outsider), params, context: {} }))).status).toBe(404)
    expect((await call(() => markdownLoader({ request: getRequest(`${team.url}/export.md`, outsider), params, context: {} }))).status).toBe(404)
    expect((await call(() => csvLoader({ request: getRequest(`${team.url}/answers.csv`, outsider), params, context: {} }))).status).toBe(404)
    expect((await call(() => csvLoader({ request: getRequest(`${team.url}/answers.csv`, team.mia), params, context: {} }))).status).toBe(403)
    expect((await call(() => memberLoader({ request: getRequest(`${team.url}/rounds/${round.id}`, outsider), params: { ...params, roundId: round.id }, context: {} }))).status).toBe(404)
    const anonymous = await call(() => pageLoader({ request: getRequest(team.url), params, context: {} }))
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
  })
})
