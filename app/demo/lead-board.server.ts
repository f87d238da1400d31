import { addComment } from '~/models/comment.server'
import { getContext, saveContext } from '~/models/context.server'
import { addPersona, markClosedWon } from '~/models/persona.server'
import { addTrait, mergeTraits, revealBoard, setTraitLink } from '~/models/lead-board.server'
import { nextMillisecond } from './creation-order'
import { AGREED, COMMENTS, CONTEXT, NOT_CONTRADICTIONS, NOTES, PERSONAS, SESSION_START } from './lead-board'
import type { DemoPeople } from './people'

/** Steps 1–3 of the demo workshop (content in lead-board.ts), saved as the people would. */
export async function seedBoardDemo(workshopId: string, people: DemoPeople) {
  const minutes = (n: number) => new Date(SESSION_START.getTime() + n * 60_000)

  const stored = await getContext(workshopId)
  const context = await saveContext({
    workshopId,
    userId: people.facilitatorId,
    form: { ...CONTEXT, company: stored.company, workshopRevision: stored.workshopRevision, revision: stored.context?.revision },
  })
  if (!context.ok) throw new Error('Demo context not saved')

  // Written as the teams wrote them, one minute apart, so each note gets the number (M1, S3 …) the comments cite.
  const ids = new Map<string, string>()
  for (const [index, note] of NOTES.entries()) {
    const authorId = note.team === 'marketing' ? people.marketingId : people.salesId
    const added = await addTrait({ workshopId, team: note.team, authorId, kind: note.kind, text: note.text, why: note.why, at: minutes(10 + index) })
    ids.set(note.text, added.id)
  }
  await revealBoard({ workshopId, userId: people.facilitatorId, now: minutes(40) })
  for (const pair of NOT_CONTRADICTIONS) {
    const unlinked = await setTraitLink({ workshopId, userId: people.facilitatorId, aId: ids.get(pair.a)!, bId: ids.get(pair.b)!, linked: false })
    if (!unlinked.ok) throw new Error(`Demo contradiction not cleared: ${unlinked.reason}`)
  }
  for (const agreed of AGREED) {
    await nextMillisecond()
    const merged = await mergeTraits({ workshopId, userId: people[agreed.by], kind: agreed.kind, text: agreed.text, sourceTraitIds: agreed.sources.map((text) => ids.get(text)!) })
    if (!merged.ok) throw new Error(`Demo agreed trait not saved: ${merged.reason}`)
  }

  for (const persona of PERSONAS) {
    const added = await addPersona({ workshopId, userId: people.marketingId, form: persona.form })
    if (persona.closedWon) {
      const marked = await markClosedWon({ workshopId, userId: people.salesId, personaId: added.id, revision: added.revision, match: persona.closedWon.match, note: persona.closedWon.note })
      if (!marked.ok) throw new Error('Demo closed-won check not saved')
    }
  }

  for (const comment of COMMENTS) {
    await addComment({ workshopId, step: comment.step, authorId: people[comment.by], body: comment.body, now: minutes(comment.minutes) })
  }
}
