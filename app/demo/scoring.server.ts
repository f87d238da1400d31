import { and, asc, eq } from 'drizzle-orm'
import { agreedTraits, personas } from '#db/schema'
import { database } from '~/models/db.server'
import { SIGN_OFF_SECTIONS } from '~/domain/document/snapshot'
import { acmeScoringConfig } from '~/domain/scoring'
import { draftCriterionFromAgreedTrait, draftDisqualifierFromNegativePersona } from '~/models/draft-criterion.server'
import { saveExampleLead } from '~/models/example-lead.server'
import { getScoringModel, replaceScoringModel, saveRule, saveSettings } from '~/models/scoring-model.server'
import { signOffSection } from '~/models/sign-off.server'
import { publishVersion } from '~/models/version.server'
import { nextMillisecond } from './creation-order'
import type { DemoPeople } from './people'
import { EXAMPLE_LEADS, EXAMPLES_AS_OF, REVIEW, V1_PUBLISHED_AT, V2_PUBLISHED_AT, VERSION_NOTES } from './scoring'

/** The Acme scoring model and a few named example leads for the simulator. */
export async function seedScoring(workshopId: string, userId: string) {
  await replaceScoringModel(workshopId, acmeScoringConfig as never)
  for (const example of EXAMPLE_LEADS) {
    await nextMillisecond()
    await saveExampleLead({ workshopId, userId, name: example.name, lead: example.lead, asOf: EXAMPLES_AS_OF })
  }
}

async function signEverything(workshopId: string, people: DemoPeople, at: Date) {
  for (const section of SIGN_OFF_SECTIONS) {
    await signOffSection({ workshopId, userId: people.marketingId, team: 'marketing', section, now: at })
    await signOffSection({ workshopId, userId: people.salesId, team: 'sales', section, now: new Date(at.getTime() + 60_000) })
  }
}

/** v1 as first agreed, then a review that re-points the demo request and adds a disqualifier: v2. */
export async function seedVersions(workshopId: string, people: DemoPeople) {
  const hourBefore = (at: Date) => new Date(at.getTime() - 3_600_000)
  await signEverything(workshopId, people, hourBefore(V1_PUBLISHED_AT))
  const v1 = await publishVersion({ workshopId, userId: people.facilitatorId, note: VERSION_NOTES.v1, now: V1_PUBLISHED_AT })
  if (!v1.ok) throw new Error(`Demo v1 not published: ${v1.reason === 'not-ready' ? v1.missing.join(', ') : v1.reason}`)

  const model = await getScoringModel(workshopId)
  const demo = model.rules.find((rule) => rule.section === 'engagement' && rule.activity === 'demo_request')
  if (demo) {
    const extra = REVIEW.demoRequestExtraPoints
    const repointed = await saveRule({
      workshopId,
      userId: people.salesId,
      ruleId: demo.id,
      revision: demo.revision,
      draft: { ...demo, points: (demo.points ?? 0) + extra, maxPoints: demo.maxPoints === null ? null : demo.maxPoints + extra },
    })
    if (!repointed.ok) throw new Error(`Demo review: the demo request rule not saved (${repointed.reason})`)
  }
  const disqualifier = await saveRule({ workshopId, userId: people.salesId, draft: REVIEW.disqualifier })
  if (!disqualifier.ok) throw new Error(`Demo review: the disqualifier not saved (${disqualifier.reason})`)
  const settings = (await getScoringModel(workshopId)).settings
  const lowered = await saveSettings({
    workshopId,
    userId: people.marketingId,
    revision: settings.revision,
    patch: { mqlMinEngagement: settings.mqlMinEngagement + REVIEW.mqlMinEngagementChange },
  })
  if (!lowered.ok) throw new Error(`Demo review: the MQL engagement threshold not saved (${lowered.reason})`)
  await signEverything(workshopId, people, hourBefore(V2_PUBLISHED_AT))
  const v2 = await publishVersion({ workshopId, userId: people.facilitatorId, note: VERSION_NOTES.v2, now: V2_PUBLISHED_AT })
  if (!v2.ok) throw new Error(`Demo v2 not published: ${v2.reason === 'not-ready' ? v2.missing.join(', ') : v2.reason}`)
}

/** Open suggestions for step 4, drafted from the agreed board and the negative persona. */
export async function seedSuggestions(workshopId: string) {
  const { db } = await database()
  const agreed = await db.select({ id: agreedTraits.id }).from(agreedTraits).where(eq(agreedTraits.workshopId, workshopId)).orderBy(asc(agreedTraits.createdAt))
  for (const trait of agreed) {
    await nextMillisecond()
    await draftCriterionFromAgreedTrait({ workshopId, agreedId: trait.id })
  }
  const negative = await db.select({ id: personas.id }).from(personas).where(and(eq(personas.workshopId, workshopId), eq(personas.negative, true)))
  for (const persona of negative) {
    await nextMillisecond()
    await draftDisqualifierFromNegativePersona({ workshopId, personaId: persona.id })
  }
}
