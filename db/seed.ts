import { and, eq } from 'drizzle-orm'
import { createUser } from '../app/models/user.server'
import { createWorkshop } from '../app/models/workshop.server'
import { replaceScoringModel } from '../app/models/scoring-model.server'
import { saveExampleLead } from '../app/models/example-lead.server'
import { seedLifecycleDemo } from '../app/models/lifecycle.server'
import { seedBoardDemo } from '../app/models/lead-board-demo.server'
import { draftCriterionFromAgreedTrait, draftDisqualifierFromNegativePersona } from '../app/models/draft-criterion.server'
import { agreedTraits, personas } from './schema'
import { getScoringModel, saveRule, saveSettings } from '../app/models/scoring-model.server'
import { publishVersion, signOffSection } from '../app/models/sign-off.server'
import { SIGN_OFF_SECTIONS } from '../app/domain/document/snapshot'
import { acmeScoringConfig } from '../app/domain/scoring'
import type { SimulatedLead } from '../app/domain/scoring-model/simulator-form'
import type { Role } from '../app/domain/workshops/roles'
import type { Store } from './client.server'
import { newId } from './ids'
import { memberships, users } from './schema'

export const DEMO_PASSWORD = 'leadpact-demo'

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'facilitator@demo.leadpact.test', name: 'Fran Facilitator', role: 'facilitator' },
  { email: 'marketing@demo.leadpact.test', name: 'Mia Marketing', role: 'marketing' },
  { email: 'sales@demo.leadpact.test', name: 'Sam Sales', role: 'sales' },
]

/** Seeds the demo workshop, only into a database that has no users yet. */
export async function seedDemo(store: Store): Promise<{ seeded: boolean; workshopId?: string }> {
  const existing = await store.db.select({ id: users.id }).from(users).limit(1)
  if (existing.length > 0) return { seeded: false }

  const created: { email: string; name: string; role: Role; id: string }[] = []
  for (const demoUser of DEMO_USERS) {
    const result = await createUser({ email: demoUser.email, name: demoUser.name, password: DEMO_PASSWORD })
    if (!result.ok) throw new Error(`Could not create demo user ${demoUser.email}`)
    created.push({ ...demoUser, id: result.value.id })
  }
  const facilitator = created.find((u) => u.role === 'facilitator')!
  const workshop = await createWorkshop({ name: 'Acme Analytics — MQL/SQL definition 2027', company: 'Acme Analytics', userId: facilitator.id })
  await store.transaction(async () => {
    for (const member of created) {
      if (member.id === facilitator.id) continue
      await store.db.insert(memberships).values({ id: newId(), workshopId: workshop.id, userId: member.id, role: member.role })
    }
  })
  await seedScoring(workshop.id, facilitator.id)
  await seedLifecycleDemo(workshop.id, facilitator.id)
  const marketing = created.find((u) => u.role === 'marketing')!
  const sales = created.find((u) => u.role === 'sales')!
  await seedBoardDemo(workshop.id, { facilitatorId: facilitator.id, marketingId: marketing.id, salesId: sales.id })
  await seedVersions(workshop.id, { facilitatorId: facilitator.id, marketingId: marketing.id, salesId: sales.id })
  await seedSuggestions(store, workshop.id)
  const [check] = await store.db.select({ id: memberships.id }).from(memberships).where(eq(memberships.workshopId, workshop.id))
  if (!check) throw new Error('Demo seed wrote no memberships')
  return { seeded: true, workshopId: workshop.id }
}

const DAY_MS = 24 * 60 * 60 * 1000

/** The Acme scoring model and a few named example leads for the simulator. */
async function seedScoring(workshopId: string, userId: string) {
  await replaceScoringModel(workshopId, acmeScoringConfig as never)
  const asOf = new Date('2026-11-20T12:00:00Z')
  const daysAgo = (days: number) => new Date(asOf.getTime() - days * DAY_MS).toISOString()
  const examples: { name: string; lead: SimulatedLead }[] = [
    {
      name: 'CFO at a 400-person SaaS, asked for a demo',
      lead: {
        attributes: { jobTitle: 'Chief Financial Officer', seniority: 'c_level', industry: 'Software', employees: 400, country: 'DE', email: 'c.weber@nordwind-saas.de', company: 'Nordwind SaaS', budget: 60000, authority: true, need: 'high', timeline: 'this_quarter' },
        activities: [
          { type: 'pricing_view', at: daysAgo(3) },
          { type: 'demo_request', at: daysAgo(1) },
        ],
      },
    },
    {
      name: 'Marketing manager, reads the blog',
      lead: {
        attributes: { jobTitle: 'Marketing Manager', seniority: 'manager', industry: 'Retail', employees: 120, country: 'GB', email: 'sam@shopfront.co.uk', company: 'Shopfront' },
        activities: [
          { type: 'content_download', at: daysAgo(40) },
          { type: 'email_click', at: daysAgo(10) },
        ],
      },
    },
    {
      name: 'Student with a Gmail address',
      lead: {
        attributes: { jobTitle: 'Student', seniority: 'student', email: 'jo.student@gmail.com', company: 'University' },
        activities: [{ type: 'webinar', at: daysAgo(5) }],
      },
    },
  ]
  for (const example of examples) await saveExampleLead({ workshopId, userId, name: example.name, lead: example.lead, asOf })
}

type DemoPeople = { facilitatorId: string; marketingId: string; salesId: string }

async function signEverything(workshopId: string, people: DemoPeople, at: Date) {
  for (const section of SIGN_OFF_SECTIONS) {
    await signOffSection({ workshopId, userId: people.marketingId, team: 'marketing', section, now: at })
    await signOffSection({ workshopId, userId: people.salesId, team: 'sales', section, now: new Date(at.getTime() + 60_000) })
  }
}

/** v1 as first agreed, then a review that re-points the demo request and adds a disqualifier: v2. */
async function seedVersions(workshopId: string, people: DemoPeople) {
  const v1At = new Date('2026-10-05T15:30:00Z')
  await signEverything(workshopId, people, new Date(v1At.getTime() - 3_600_000))
  const v1 = await publishVersion({ workshopId, userId: people.facilitatorId, now: v1At })
  if (!v1.ok) throw new Error(`Demo v1 not published: ${v1.missing.join(', ')}`)

  const model = await getScoringModel(workshopId)
  const demo = model.rules.find((rule) => rule.section === 'engagement' && rule.activity === 'demo_request')
  if (demo) {
    await saveRule({ workshopId, userId: people.salesId, ruleId: demo.id, revision: demo.revision, draft: { ...demo, points: (demo.points ?? 0) + 10, maxPoints: demo.maxPoints === null ? null : demo.maxPoints + 10 } })
  }
  await saveRule({
    workshopId,
    userId: people.salesId,
    draft: {
      section: 'disqualifier',
      label: 'Existing customer',
      points: null,
      condition: { field: 'company', op: 'in', value: ['Globex', 'Initech', 'Umbrella Analytics'] },
      activity: null,
      withinDays: null,
      maxPoints: null,
    },
  })
  const settings = (await getScoringModel(workshopId)).settings
  await saveSettings({ workshopId, userId: people.marketingId, revision: settings.revision, patch: { mqlMinEngagement: settings.mqlMinEngagement - 5 } })
  const v2At = new Date('2026-11-09T10:00:00Z')
  await signEverything(workshopId, people, new Date(v2At.getTime() - 3_600_000))
  const v2 = await publishVersion({ workshopId, userId: people.facilitatorId, now: v2At })
  if (!v2.ok) throw new Error(`Demo v2 not published: ${v2.missing.join(', ')}`)
}

/** Open suggestions for step 4, drafted from the agreed board and the negative persona. */
async function seedSuggestions(store: Store, workshopId: string) {
  const { db } = store
  const agreed = await db.select({ id: agreedTraits.id }).from(agreedTraits).where(eq(agreedTraits.workshopId, workshopId))
  for (const trait of agreed) await draftCriterionFromAgreedTrait({ workshopId, agreedId: trait.id })
  const negative = await db.select({ id: personas.id }).from(personas).where(and(eq(personas.workshopId, workshopId), eq(personas.negative, true)))
  for (const persona of negative) await draftDisqualifierFromNegativePersona({ workshopId, personaId: persona.id })
}
