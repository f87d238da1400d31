import { createHmac, timingSafeEqual } from 'node:crypto'
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import { assessmentResponses, assessmentRounds, memberships, versions, workshops } from '#db/schema'
import { newId } from '#db/ids'
import { CURRENT_QUESTION_SET, questionSetById, type Answer } from '~/domain/assessment/questions'
import { buildRoundReport, type RoundReport } from '~/domain/assessment/report'
import { isComplete } from '~/domain/assessment/schemas'
import type { Team } from '~/domain/assessment/scoring'
import type { Snapshot } from '~/domain/document/snapshot'
import { database } from '~/models/db.server'
import { getEnv } from '~/http/env.server'

/*
 * Step 10's rounds and responses. Two secrets-derived values keep the assessment anonymous and
 * its links stable without storing either:
 * - a round's public link is `<round id>.<HMAC of the id>`: the facilitator can copy it any time,
 *   a leaked database holds no working link, and closing the round ends it;
 * - a respondent is stored as an HMAC of the member's id (or of the browser's random cookie id)
 *   with the round's id: enough to resume and to allow one response each, and no way back to a
 *   name. Changing SESSION_SECRET ends open links and resumption, nothing else.
 */

function secret() {
  return getEnv().SESSION_SECRET ?? 'leadpact-development-only-secret'
}

function hmac(purpose: string, value: string) {
  return createHmac('sha256', secret()).update(`${purpose}\u0000${value}`).digest('base64url')
}

export function publicLinkToken(roundId: string): string {
  return `${roundId}.${hmac('assessment-link', roundId).slice(0, 32)}`
}

function roundIdOfToken(token: string): string | undefined {
  const [roundId, signature, extra] = token.split('.')
  if (!roundId || !signature || extra !== undefined) return undefined
  const expected = Buffer.from(hmac('assessment-link', roundId).slice(0, 32))
  const given = Buffer.from(signature)
  return given.length === expected.length && timingSafeEqual(given, expected) ? roundId : undefined
}

export function memberRespondentKey(roundId: string, userId: string) {
  return hmac('assessment-member', `${roundId}\u0000${userId}`)
}

export function browserRespondentKey(roundId: string, browserId: string) {
  return hmac('assessment-browser', `${roundId}\u0000${browserId}`)
}

const roundColumns = {
  id: assessmentRounds.id,
  workshopId: assessmentRounds.workshopId,
  name: assessmentRounds.name,
  questionSetId: assessmentRounds.questionSetId,
  openedAt: assessmentRounds.openedAt,
  closedAt: assessmentRounds.closedAt,
  revision: assessmentRounds.revision,
}
export type Round = { id: string; workshopId: string; name: string; questionSetId: string; openedAt: Date; closedAt: Date | null; revision: number }

/** The rounds of a workshop, newest first, with their submitted responses per team and unfinished drafts. */
export async function listRounds(workshopId: string) {
  const { db } = await database()
  const rounds: Round[] = await db.select(roundColumns).from(assessmentRounds).where(eq(assessmentRounds.workshopId, workshopId)).orderBy(desc(assessmentRounds.openedAt), desc(assessmentRounds.id))
  if (rounds.length === 0) return []
  const counts = await db
    .select({
      roundId: assessmentResponses.roundId,
      team: assessmentResponses.team,
      submitted: sql<number>`sum(case when ${assessmentResponses.submittedAt} is not null then 1 else 0 end)`.mapWith(Number),
      drafts: sql<number>`sum(case when ${assessmentResponses.submittedAt} is null then 1 else 0 end)`.mapWith(Number),
    })
    .from(assessmentResponses)
    .where(inArray(assessmentResponses.roundId, rounds.map((round) => round.id)))
    .groupBy(assessmentResponses.roundId, assessmentResponses.team)
  return rounds.map((round) => {
    const mine = counts.filter((row) => row.roundId === round.id)
    const submitted = { marketing: 0, sales: 0, other: 0 } as Record<Team, number>
    for (const row of mine) submitted[row.team] = row.submitted
    return { ...round, submitted, drafts: mine.reduce((sum, row) => sum + row.drafts, 0) }
  })
}

export async function getRound(input: { workshopId: string; roundId: string }): Promise<Round | undefined> {
  const { db } = await database()
  const [round] = await db
    .select(roundColumns)
    .from(assessmentRounds)
    .where(and(eq(assessmentRounds.id, input.roundId), eq(assessmentRounds.workshopId, input.workshopId)))
  return round
}

/** The round a public link opens, with the workshop's name, or undefined for a link that was never issued. */
export async function resolvePublicLink(token: string) {
  const roundId = roundIdOfToken(token)
  if (!roundId) return undefined
  const { db } = await database()
  const [row] = await db
    .select({ ...roundColumns, workshopName: workshops.name, company: workshops.company })
    .from(assessmentRounds)
    .innerJoin(workshops, eq(workshops.id, assessmentRounds.workshopId))
    .where(eq(assessmentRounds.id, roundId))
  return row
}

export type OpenRoundResult = { ok: true; round: Round } | { ok: false; reason: 'already-open'; open: Round }

/** A new round on the current question set; one round is open at a time, so nobody answers the wrong one. */
export async function openRound(input: { workshopId: string; userId: string; name: string; now?: Date }): Promise<OpenRoundResult> {
  const { db, transaction } = await database()
  return transaction(async () => {
    const [open] = await db.select(roundColumns).from(assessmentRounds).where(and(eq(assessmentRounds.workshopId, input.workshopId), isNull(assessmentRounds.closedAt)))
    if (open) return { ok: false, reason: 'already-open', open }
    const [round] = await db
      .insert(assessmentRounds)
      .values({ id: newId(), workshopId: input.workshopId, name: input.name, questionSetId: CURRENT_QUESTION_SET.id, openedAt: input.now ?? new Date(), openedBy: input.userId })
      .returning(roundColumns)
    return { ok: true, round: round! }
  })
}

export type CloseRoundResult = { ok: true; value: Round } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'conflict'; current: Round }

/** Closes an open round at the revision the facilitator saw; a closed round stays closed at its first closing time. */
export async function closeRound(input: { workshopId: string; roundId: string; revision: number; userId: string; now?: Date }): Promise<CloseRoundResult> {
  const { db, transaction } = await database()
  return transaction(async () => {
    const current = await getRound(input)
    if (!current) return { ok: false, reason: 'not-found' }
    if (current.closedAt || current.revision !== input.revision) return { ok: false, reason: 'conflict', current }
    const [closed] = await db
      .update(assessmentRounds)
      .set({ closedAt: input.now ?? new Date(), closedBy: input.userId, revision: sql`${assessmentRounds.revision} + 1` })
      .where(eq(assessmentRounds.id, current.id))
      .returning(roundColumns)
    return { ok: true, value: closed! }
  })
}

const responseColumns = {
  id: assessmentResponses.id,
  team: assessmentResponses.team,
  answers: assessmentResponses.answers,
  mqlDefinition: assessmentResponses.mqlDefinition,
  sqlDefinition: assessmentResponses.sqlDefinition,
  startedAt: assessmentResponses.startedAt,
  submittedAt: assessmentResponses.submittedAt,
  revision: assessmentResponses.revision,
}
export type StoredResponse = {
  id: string
  team: Team
  answers: Record<string, Answer>
  mqlDefinition: string
  sqlDefinition: string
  startedAt: Date
  submittedAt: Date | null
  revision: number
}

export async function getResponse(input: { roundId: string; respondentKey: string }): Promise<StoredResponse | undefined> {
  const { db } = await database()
  const [row] = await db
    .select(responseColumns)
    .from(assessmentResponses)
    .where(and(eq(assessmentResponses.roundId, input.roundId), eq(assessmentResponses.respondentKey, input.respondentKey)))
  return row as StoredResponse | undefined
}

type Refusal = { ok: false; reason: 'closed'; closedAt: Date } | { ok: false; reason: 'not-found' } | { ok: false; reason: 'already-submitted'; submittedAt: Date }

async function roundState(roundId: string) {
  const { db } = await database()
  const [round] = await db.select({ closedAt: assessmentRounds.closedAt, questionSetId: assessmentRounds.questionSetId }).from(assessmentRounds).where(eq(assessmentRounds.id, roundId))
  return round
}

/**
 * The respondent's response in this round, started if there is none yet: one per respondent key
 * (the unique index makes a second start find the first). A closed round starts nothing.
 */
export async function startResponse(input: { roundId: string; respondentKey: string; team: Team; channel: 'member' | 'link'; now?: Date }): Promise<{ ok: true; response: StoredResponse; created: boolean } | Refusal> {
  const { db, transaction } = await database()
  return transaction(async () => {
    const round = await roundState(input.roundId)
    if (!round) return { ok: false, reason: 'not-found' }
    const existing = await getResponse(input)
    if (existing) return { ok: true, response: existing, created: false }
    if (round.closedAt) return { ok: false, reason: 'closed', closedAt: round.closedAt }
    const [row] = await db
      .insert(assessmentResponses)
      .values({ id: newId(), roundId: input.roundId, respondentKey: input.respondentKey, team: input.team, channel: input.channel, answers: {}, startedAt: input.now ?? new Date() })
      .returning(responseColumns)
    return { ok: true, response: row as StoredResponse, created: true }
  })
}

export type SectionPatch = { answers: Record<string, Answer> } | { mqlDefinition: string; sqlDefinition: string }

/**
 * Stores one page of answers into a draft. Answers merge statement by statement, so a respondent
 * with two tabs open keeps the latest answer to each statement (it is the same person's answer);
 * a closed round or a submitted response takes nothing.
 */
export async function saveSection(input: { roundId: string; respondentKey: string; patch: SectionPatch }): Promise<{ ok: true; response: StoredResponse } | Refusal> {
  const { db, transaction } = await database()
  return transaction(async () => {
    const round = await roundState(input.roundId)
    const response = await getResponse(input)
    if (!round || !response) return { ok: false, reason: 'not-found' }
    if (round.closedAt) return { ok: false, reason: 'closed', closedAt: round.closedAt }
    if (response.submittedAt) return { ok: false, reason: 'already-submitted', submittedAt: response.submittedAt }
    const patch = 'answers' in input.patch ? { answers: { ...response.answers, ...input.patch.answers } } : input.patch
    const [row] = await db
      .update(assessmentResponses)
      .set({ ...patch, revision: sql`${assessmentResponses.revision} + 1` })
      .where(eq(assessmentResponses.id, response.id))
      .returning(responseColumns)
    return { ok: true, response: row as StoredResponse }
  })
}

export type SubmitResult = { ok: true; response: StoredResponse } | Refusal | { ok: false; reason: 'incomplete' } | { ok: false; reason: 'conflict'; current: StoredResponse }

/** Submits a complete draft, once, as it was at `revision` (what the respondent reviewed). */
export async function submitResponse(input: { roundId: string; respondentKey: string; revision: number; now?: Date }): Promise<SubmitResult> {
  const { db, transaction } = await database()
  return transaction(async () => {
    const round = await roundState(input.roundId)
    const response = await getResponse(input)
    if (!round || !response) return { ok: false, reason: 'not-found' }
    if (response.submittedAt) return { ok: false, reason: 'already-submitted', submittedAt: response.submittedAt }
    if (round.closedAt) return { ok: false, reason: 'closed', closedAt: round.closedAt }
    const set = questionSetById(round.questionSetId)
    if (!set || !isComplete(set, response)) return { ok: false, reason: 'incomplete' }
    if (response.revision !== input.revision) return { ok: false, reason: 'conflict', current: response }
    const [row] = await db
      .update(assessmentResponses)
      .set({ submittedAt: input.now ?? new Date(), revision: sql`${assessmentResponses.revision} + 1` })
      .where(and(eq(assessmentResponses.id, response.id), isNull(assessmentResponses.submittedAt)))
      .returning(responseColumns)
    return { ok: true, response: row as StoredResponse }
  })
}

/** A round's submitted responses: team, answers and definitions, never who gave them. */
export async function listSubmittedResponses(roundId: string) {
  const { db } = await database()
  const rows = await db
    .select({ id: assessmentResponses.id, team: assessmentResponses.team, answers: assessmentResponses.answers, mqlDefinition: assessmentResponses.mqlDefinition, sqlDefinition: assessmentResponses.sqlDefinition })
    .from(assessmentResponses)
    .where(and(eq(assessmentResponses.roundId, roundId), isNotNull(assessmentResponses.submittedAt)))
    .orderBy(asc(assessmentResponses.id))
  return rows as { id: string; team: Team; answers: Record<string, Answer>; mqlDefinition: string; sqlDefinition: string }[]
}

/** The latest published version's number and scoring config: the signed definition free text is read against. */
export async function latestSignedConfig(workshopId: string) {
  const { db } = await database()
  const [row] = await db.select({ number: versions.number, snapshot: versions.snapshot }).from(versions).where(eq(versions.workshopId, workshopId)).orderBy(desc(versions.number)).limit(1)
  return row ? { version: row.number, config: (JSON.parse(row.snapshot) as Snapshot).scoring } : null
}

/** The workshops this user facilitates, each with its rounds (newest first) — the portfolio's input. */
export async function listFacilitatedWorkshops(userId: string) {
  const { db } = await database()
  return db
    .select({ id: workshops.id, name: workshops.name, company: workshops.company, createdAt: workshops.createdAt })
    .from(memberships)
    .innerJoin(workshops, eq(workshops.id, memberships.workshopId))
    .where(and(eq(memberships.userId, userId), eq(memberships.role, 'facilitator')))
    .orderBy(asc(workshops.name))
}

/** Whether the workshop has any round: step 10's state on the overview. */
export async function assessmentProgress(workshopId: string): Promise<'empty' | 'in-progress'> {
  const { db } = await database()
  const count = await db.$count(assessmentRounds, eq(assessmentRounds.workshopId, workshopId))
  return count > 0 ? 'in-progress' : 'empty'
}

/**
 * One round's results as the page, the report and the Markdown show them, compared with
 * `compareWith` (another round of the same workshop) when given. Undefined for an unknown round.
 */
export async function getRoundReport(input: { workshopId: string; roundId: string; compareWith?: string | null }): Promise<RoundReport | undefined> {
  const round = await getRound(input)
  const set = round ? questionSetById(round.questionSetId) : undefined
  if (!round || !set) return undefined
  const earlier = input.compareWith && input.compareWith !== round.id ? await getRound({ workshopId: input.workshopId, roundId: input.compareWith }) : undefined
  const earlierSet = earlier ? questionSetById(earlier.questionSetId) : undefined
  const [responses, signed, earlierResponses] = await Promise.all([
    listSubmittedResponses(round.id),
    latestSignedConfig(input.workshopId),
    earlier && earlierSet ? listSubmittedResponses(earlier.id) : Promise.resolve([]),
  ])
  return buildRoundReport({
    set,
    round: { id: round.id, name: round.name, openedAt: round.openedAt.toISOString(), closedAt: round.closedAt?.toISOString() ?? null, questionSet: { id: set.id, title: set.title } },
    responses,
    signed,
    previous: earlier && earlierSet ? { round: { id: earlier.id, name: earlier.name }, set: earlierSet, responses: earlierResponses } : null,
  })
}

/** Each workshop this user facilitates, with its rounds newest first and their submitted answers: the portfolio. */
export async function getPortfolio(userId: string) {
  const facilitated = await listFacilitatedWorkshops(userId)
  return Promise.all(
    facilitated.map(async (workshop) => {
      const rounds = await listRounds(workshop.id)
      const withAnswers = await Promise.all(
        rounds.map(async (round) => ({
          id: round.id,
          name: round.name,
          questionSetId: round.questionSetId,
          openedAt: round.openedAt.toISOString(),
          closedAt: round.closedAt?.toISOString() ?? null,
          responses: await listSubmittedResponses(round.id),
        })),
      )
      return { workshop: { id: workshop.id, name: workshop.name, company: workshop.company }, rounds: withAnswers }
    }),
  )
}
