import { and, eq } from 'drizzle-orm'
import { criterionSuggestions } from '#db/schema'
import {
  describeLeftOut,
  draftCriterionFromTrait,
  draftDisqualifierFromPersona,
  DRAFT_SECTION_NAMES,
  DRAFT_SECTION_STEPS,
  leftOutNote,
  type DraftCriterion,
  type DraftResult,
  type KnownKeys,
  type LeftOut,
} from '~/domain/lead-board/draft-criterion'
import { database } from '~/models/db.server'
import { getAgreedTrait } from './lead-board.server'
import { getPersona } from './persona.server'
import { createSuggestion, getScoringModel } from './scoring-model.server'

/*
 * Steps 2 and 3 hand draft criteria to step 4 as open suggestions (accepted or dismissed on
 * the criteria page). A source that already has an open suggestion does not get a second one.
 * One source can give several drafts ("Requested a demo or started a trial": two fast-tracks);
 * each carries the note of what the source said that no draft covers.
 */

export type DraftOutcome =
  | { ok: true; drafts: Pick<DraftCriterion, 'label' | 'section'>[]; leftOut: LeftOut[] }
  | { ok: false; reason: 'not-found' | 'already-open' | 'not-negative' }
  | { ok: false; reason: 'no-fact'; leftOut: LeftOut[] }

async function knownKeys(workshopId: string): Promise<KnownKeys> {
  const model = await getScoringModel(workshopId)
  return {
    fields: model.fields.map((field) => ({ key: field.key, label: field.label, values: field.values ?? null })),
    activities: model.activities.map((activity) => ({ key: activity.key, label: activity.label })),
  }
}

async function store(workshopId: string, source: 'trait' | 'persona', sourceLabel: string, result: DraftResult): Promise<DraftOutcome> {
  if (!result.ok) return result
  const { db, transaction } = await database()
  return transaction(async (): Promise<DraftOutcome> => {
    const open = await db.$count(
      criterionSuggestions,
      and(
        eq(criterionSuggestions.workshopId, workshopId),
        eq(criterionSuggestions.source, source),
        eq(criterionSuggestions.sourceLabel, sourceLabel),
        eq(criterionSuggestions.status, 'open'),
      ),
    )
    if (open > 0) return { ok: false, reason: 'already-open' }
    const note = leftOutNote(result.leftOut)
    for (const draft of result.drafts) {
      await createSuggestion({ workshopId, source, sourceLabel, section: draft.section, label: draft.label, condition: draft.condition, activity: draft.activity, note })
    }
    return { ok: true, drafts: result.drafts.map(({ label, section }) => ({ label, section })), leftOut: result.leftOut }
  })
}

export async function draftCriterionFromAgreedTrait(input: { workshopId: string; agreedId: string }): Promise<DraftOutcome> {
  const agreed = await getAgreedTrait(input)
  if (!agreed) return { ok: false, reason: 'not-found' }
  return store(input.workshopId, 'trait', agreed.text, draftCriterionFromTrait(agreed.text, agreed.kind, await knownKeys(input.workshopId)))
}

export async function draftDisqualifierFromNegativePersona(input: { workshopId: string; personaId: string }): Promise<DraftOutcome> {
  const persona = await getPersona(input)
  if (!persona) return { ok: false, reason: 'not-found' }
  if (!persona.negative) return { ok: false, reason: 'not-negative' }
  return store(input.workshopId, 'persona', persona.name, draftDisqualifierFromPersona(persona, await knownKeys(input.workshopId)))
}

/** "the fast-track “Requested a demo” (step 5)". */
function draftWords(draft: Pick<DraftCriterion, 'label' | 'section'>) {
  return `the ${DRAFT_SECTION_NAMES[draft.section]} “${draft.label}”${DRAFT_SECTION_STEPS[draft.section] === 5 ? ' (kept in step 5, Scoring)' : ''}`
}

/** The outcome in the words the page shows. */
export function draftMessage(outcome: DraftOutcome): string {
  if (outcome.ok) {
    const drafts = outcome.drafts.map(draftWords)
    const list = drafts.length === 1 ? drafts[0]! : `${drafts.slice(0, -1).join(', ')} and ${drafts.at(-1)}`
    const leftOut = outcome.leftOut.length ? ` Left out, so check the wording: ${describeLeftOut(outcome.leftOut)}.` : ''
    return `Drafted ${list} for step 4: accept or dismiss ${drafts.length === 1 ? 'it' : 'them'} on the criteria page.${leftOut}`
  }
  switch (outcome.reason) {
    case 'already-open':
      return 'This already has a draft criterion waiting in step 4.'
    case 'no-fact': {
      const why = outcome.leftOut.length ? ` (${describeLeftOut(outcome.leftOut)})` : ''
      return `This says nothing the matcher can turn into a condition${why}. Write this criterion by hand in step 4.`
    }
    case 'not-negative':
      return 'Only a negative persona becomes a disqualifier.'
    case 'not-found':
      return 'It was deleted meanwhile.'
  }
}
