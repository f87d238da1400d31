import { and, eq } from 'drizzle-orm'
import { criterionSuggestions } from '#db/schema'
import { draftCriterionFromTrait, draftDisqualifierFromPersona, type DraftResult, type KnownKeys } from '~/domain/lead-board/draft-criterion'
import { database } from '~/db.server'
import { getAgreedTrait } from './lead-board.server'
import { getPersona } from './persona.server'
import { createSuggestion, getScoringModel } from './scoring-model.server'

/*
 * Steps 2 and 3 hand draft criteria to step 4 as open suggestions (accepted or dismissed on
 * the criteria page). A source that already has an open suggestion does not get a second one.
 */

export type DraftOutcome =
  | { ok: true; label: string; section: string; skippedFields: string[] }
  | { ok: false; reason: 'not-found' | 'already-open' | 'no-fact' | 'not-negative' }
  | { ok: false; reason: 'unknown-fields'; fields: string[] }

async function knownKeys(workshopId: string): Promise<KnownKeys> {
  const model = await getScoringModel(workshopId)
  return { fields: model.fields.map((field) => field.key), activities: model.activities.map((activity) => activity.key) }
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
    const { draft } = result
    await createSuggestion({ workshopId, source, sourceLabel, section: draft.section, label: draft.label, condition: draft.condition, activity: draft.activity })
    return { ok: true, label: draft.label, section: draft.section, skippedFields: draft.skippedFields }
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

const FIELD_WORDS = (fields: string[]) => fields.map((field) => `“${field}”`).join(', ')

/** The outcome in the words the page shows. */
export function draftMessage(outcome: DraftOutcome): string {
  if (outcome.ok) {
    const kind = outcome.section === 'disqualifier' ? 'disqualifier' : outcome.section === 'fastTrack' ? 'fast-track' : 'qualifying criterion'
    const skipped = outcome.skippedFields.length
      ? ` The part about ${FIELD_WORDS(outcome.skippedFields)} was left out: this workshop has no such field (add it in step 4, then edit the criterion).`
      : ''
    return `Drafted the ${kind} “${outcome.label}” for step 4: accept or dismiss it on the criteria page.${skipped}`
  }
  switch (outcome.reason) {
    case 'already-open':
      return 'This already has a draft criterion waiting in step 4.'
    case 'no-fact':
      return 'The wording says nothing the matcher can turn into a condition (a size, title, industry, region, budget, timeline or action). Write this criterion by hand in step 4.'
    case 'unknown-fields':
      return `A criterion from this would use ${FIELD_WORDS(outcome.fields)}, which this workshop does not have. Add the field in step 4, then try again, or write the criterion by hand.`
    case 'not-negative':
      return 'Only a negative persona becomes a disqualifier.'
    case 'not-found':
      return 'It was deleted meanwhile.'
  }
}
