import { createCookie } from '@remix-run/node'
import { randomBytes } from 'node:crypto'
import type { AnsweringView } from '~/components/assessment/questionnaire'
import { answeringPage, pageAfter } from '~/domain/assessment/answering'
import { parseAnswer, sectionSchema, SECTIONS, StartResponseSchema, SubmitResponseSchema, type Section } from '~/domain/assessment/schemas'
import { questionSetById, type QuestionSet } from '~/domain/assessment/questions'
import type { Team } from '~/domain/assessment/scoring'
import { getEnv } from '~/http/env.server'
import { validateFormData } from '~/http/form.server'
import { saveSection, startResponse, submitResponse, type StoredResponse } from '~/models/assessment.server'
import { answer, invalid, redirectWithFlash } from './actions.server'

/*
 * Answering a round, the same for a member in the app and a guest on the public link: start
 * (a team), save a page, submit once. Only who the respondent is differs — a member by their
 * account, a guest by this browser's cookie — and both arrive here as a respondent key.
 */

export type Respondent = { roundId: string; respondentKey: string; channel: 'member' | 'link' }

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })

let cookie: ReturnType<typeof createCookie> | undefined

/**
 * This browser's random id for public links, signed so it cannot be swapped for someone else's
 * guessed id. It says nothing about the person; the stored key is an HMAC of it per round.
 */
function respondentCookie() {
  if (cookie) return cookie
  const env = getEnv()
  const secure = env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : env.NODE_ENV === 'production'
  cookie = createCookie(secure ? '__Host-respondent' : '__respondent', {
    httpOnly: true,
    path: '/',
    sameSite: 'lax',
    secure,
    secrets: [env.SESSION_SECRET ?? 'leadpact-development-only-secret'],
    // A year: long enough to come back and finish, and to keep one response per round.
    maxAge: 365 * 24 * 60 * 60,
  })
  return cookie
}

export async function browserIdOf(request: Request): Promise<string | undefined> {
  const value: unknown = await respondentCookie().parse(request.headers.get('Cookie'))
  return typeof value === 'string' && /^[A-Za-z0-9_-]{20,64}$/.test(value) ? value : undefined
}

/** The browser's id, and the Set-Cookie that gives it one when it has none yet. */
export async function ensureBrowserId(request: Request): Promise<{ browserId: string; setCookie?: string }> {
  const existing = await browserIdOf(request)
  if (existing) return { browserId: existing }
  const browserId = randomBytes(18).toString('base64url')
  return { browserId, setCookie: await respondentCookie().serialize(browserId) }
}

function refusal(form: string, result: { reason: 'closed'; closedAt: Date } | { reason: 'already-submitted'; submittedAt: Date } | { reason: 'not-found' }) {
  switch (result.reason) {
    case 'closed':
      return answer(409, { form, errors: { form: `This round closed on ${dateFormat.format(result.closedAt)}: it takes no more answers.` } })
    case 'already-submitted':
      return answer(409, { form, errors: { form: `These answers were submitted on ${dateFormat.format(result.submittedAt)} and can no longer be changed.` } })
    case 'not-found':
      return answer(404, { form, errors: { form: 'This questionnaire was not found: open the link you were sent again.' } })
  }
}

/** Starts the respondent's response in the team they chose (a member of a team has it fixed). */
export async function startIntent(input: { formData: FormData; respondent: Respondent; fixedTeam?: Team; pageUrl: string; headers?: HeadersInit }) {
  const form = validateFormData(input.formData, StartResponseSchema)
  if (!form.ok && !input.fixedTeam) return invalid('start-response', form)
  const team = input.fixedTeam ?? (form.ok ? form.data.team : 'other')
  const started = await startResponse({ ...input.respondent, team })
  if (!started.ok) return refusal('start-response', started)
  return redirectWithFlash(input.pageUrl, started.created ? 'Your answers are saved as you go: you can leave and come back.' : 'Welcome back: carry on where you left off.', { headers: input.headers })
}

/** Saves one page; anything out of place (an unknown statement, a value outside 1–5, a novel) is refused whole. */
export async function saveSectionIntent(input: { formData: FormData; respondent: Respondent; set: QuestionSet; pageUrl: (page: string) => string }) {
  const section = input.formData.get('section')
  if (typeof section !== 'string' || !(SECTIONS as readonly string[]).includes(section)) {
    return answer(400, { form: 'section', errors: { form: 'This page of the questionnaire does not exist: reload it and answer again.' } })
  }
  const form = validateFormData(input.formData, sectionSchema(input.set, section as Section))
  if (!form.ok) return invalid('section', form)
  const data = form.data as { answers?: Record<string, string>; mqlDefinition?: string; sqlDefinition?: string }
  const patch = data.answers
    ? { answers: Object.fromEntries(Object.entries(data.answers).map(([id, value]) => [id, parseAnswer(value)])) }
    : { mqlDefinition: data.mqlDefinition ?? '', sqlDefinition: data.sqlDefinition ?? '' }
  const saved = await saveSection({ ...input.respondent, patch })
  if (!saved.ok) return refusal('section', saved)
  return redirectWithFlash(input.pageUrl(pageAfter(section as Section)), 'Saved.')
}

export async function submitIntent(input: { formData: FormData; respondent: Respondent; pageUrl: string }) {
  const form = validateFormData(input.formData, SubmitResponseSchema)
  if (!form.ok) return invalid('submit-response', form)
  const submitted = await submitResponse({ ...input.respondent, revision: form.data.revision })
  if (submitted.ok) return redirectWithFlash(input.pageUrl, 'Thank you: your answers are in.')
  switch (submitted.reason) {
    case 'incomplete':
      return answer(400, { form: 'submit-response', errors: { form: 'Answer every statement and write both definitions before you submit: the pages still open are marked above.' } })
    case 'conflict':
      return answer(409, { form: 'submit-response', conflict: { message: 'Your answers changed in another window after this page was opened: check them below and submit again.' } })
    default:
      return refusal('submit-response', submitted)
  }
}

/** What the questionnaire component shows (see components/assessment/questionnaire.tsx). */
export function answeringView(input: {
  workshop: { name: string; company: string }
  round: { name: string; questionSetId: string; closedAt: Date | null }
  response: StoredResponse | undefined
  fixedTeam: Team | null
  basePath: string
  requested: string | null
}): AnsweringView | undefined {
  const set = questionSetById(input.round.questionSetId)
  if (!set) return undefined
  const response = input.response
  const page = answeringPage(set, {
    closed: input.round.closedAt !== null,
    response: response ? { ...response, submitted: response.submittedAt !== null } : null,
    requested: input.requested,
  })
  return {
    workshop: input.workshop,
    round: { name: input.round.name, questionSetId: input.round.questionSetId, closedAt: input.round.closedAt?.toISOString() ?? null },
    page,
    fixedTeam: input.fixedTeam,
    response: response
      ? {
          team: response.team,
          answers: response.answers,
          mqlDefinition: response.mqlDefinition,
          sqlDefinition: response.sqlDefinition,
          revision: response.revision,
          submittedAt: response.submittedAt?.toISOString() ?? null,
        }
      : null,
    basePath: input.basePath,
  }
}
