import { leadTraits } from '#db/schema'
import { newId } from '#db/ids'
import { database } from '~/db.server'
import { addComment } from '~/models/comment.server'
import { getContext, saveContext } from '~/models/context.server'
import { addPersona, markClosedWon } from '~/models/persona.server'
import { mergeTraits, revealBoard, touchBoard } from '~/models/lead-board.server'
import { nextMillisecond } from './creation-order'
import { AGREED, COMMENTS, CONTEXT, NOTES, PERSONAS, SESSION_START } from './lead-board'
import type { DemoPeople } from './people'

/** Steps 1–3 of the demo workshop (content in lead-board.ts), saved as the people would. */
export async function seedBoardDemo(workshopId: string, people: DemoPeople) {
  const { db, transaction } = await database()
  const minutes = (n: number) => new Date(SESSION_START.getTime() + n * 60_000)

  const stored = await getContext(workshopId)
  const context = await saveContext({
    workshopId,
    userId: people.facilitatorId,
    form: { ...CONTEXT, company: stored.company, workshopRevision: stored.workshopRevision, revision: stored.context?.revision },
  })
  if (!context.ok) throw new Error('Demo context not saved')

  // Inserted with explicit times so the notes keep their order (and labels) on the board.
  const ids = new Map<string, string>()
  await transaction(async () => {
    for (const [index, note] of NOTES.entries()) {
      const id = newId()
      ids.set(note.text, id)
      await db.insert(leadTraits).values({
        id,
        workshopId,
        team: note.team,
        kind: note.kind,
        text: note.text,
        why: note.why ?? '',
        authorId: note.team === 'marketing' ? people.marketingId : people.salesId,
        createdAt: minutes(10 + index),
        updatedAt: minutes(10 + index),
      })
    }
    await touchBoard(workshopId)
  })
  await revealBoard({ workshopId, userId: people.facilitatorId, now: minutes(40) })
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
