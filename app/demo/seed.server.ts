import { eq } from 'drizzle-orm'
import { getStore, type Store } from '#db/client.server'
import { memberships, users } from '#db/schema'
import { newId } from '#db/ids'
import { cleanLogo } from '~/domain/document/logo'
import { saveLogo } from '~/models/document-logo.server'
import { createUser } from '~/models/user.server'
import { createWorkshop } from '~/models/workshop.server'
import { seedAssessmentDemo } from './assessment.server'
import { seedBacktestDemo } from './backtest.server'
import { nextMillisecond } from './creation-order'
import { seedFormat2Draft } from './format-2.server'
import { seedBoardDemo } from './lead-board.server'
import { seedLifecycleDemo } from './lifecycle.server'
import { ACME_LOGO_PNG_BASE64 } from './logo'
import { DEMO_PASSWORD, DEMO_USERS, type DemoPeople } from './people'
import { seedScoring, seedSuggestions, seedVersions } from './scoring.server'

/*
 * The demo workshop "Acme Analytics": every step filled in as its people would have, two
 * published versions, open suggestions, and a draft that uses scoring format 2 (format-2.ts). Only start-up (app/startup.server.ts) and tests import
 * this folder, so demo content never leaks into the app's code paths.
 *
 * One transaction: a seed that fails half-way leaves nothing behind (no users without a
 * workshop, which would also stop every later start from seeding again), and two processes
 * starting on one new file cannot both seed. The model functions it calls join the transaction.
 */

export { DEMO_PASSWORD, DEMO_USERS }

/** Seeds the demo workshop, only into a database that has no users yet. `store` is the app's store (getStore()). */
export async function seedDemo(store: Store): Promise<{ seeded: boolean; workshopId?: string }> {
  // The models write through the process-wide store; a different one would fall outside this transaction.
  if (store !== (await getStore())) throw new Error('seedDemo needs the app store (getStore()): the models write through it.')
  return store.transaction(async () => {
    const existing = await store.db.select({ id: users.id }).from(users).limit(1)
    if (existing.length > 0) return { seeded: false }

    const ids = new Map<string, string>()
    for (const demoUser of DEMO_USERS) {
      await nextMillisecond()
      const result = await createUser({ email: demoUser.email, name: demoUser.name, password: DEMO_PASSWORD })
      if (!result.ok) throw new Error(`Could not create demo user ${demoUser.email}`)
      ids.set(demoUser.role, result.value.id)
    }
    const people: DemoPeople = { facilitatorId: ids.get('facilitator')!, marketingId: ids.get('marketing')!, salesId: ids.get('sales')! }
    const workshop = await createWorkshop({ name: 'Acme Analytics — MQL/SQL definition 2027', company: 'Acme Analytics', userId: people.facilitatorId })
    for (const demoUser of DEMO_USERS) {
      if (demoUser.role === 'facilitator') continue
      await nextMillisecond()
      await store.db.insert(memberships).values({ id: newId(), workshopId: workshop.id, userId: ids.get(demoUser.role)!, role: demoUser.role })
    }
    const logo = cleanLogo(new Uint8Array(Buffer.from(ACME_LOGO_PNG_BASE64, 'base64')))
    if (!logo.ok) throw new Error(`Demo logo refused: ${logo.message}`)
    const savedLogo = await saveLogo({ workshopId: workshop.id, userId: people.facilitatorId, logo: logo.value, revision: null })
    if (!savedLogo.ok) throw new Error(`Demo logo not saved (${savedLogo.reason})`)
    await seedScoring(workshop.id, people.facilitatorId)
    await seedLifecycleDemo(workshop.id, people.facilitatorId)
    await seedBoardDemo(workshop.id, people)
    await seedVersions(workshop.id, people)
    await seedBacktestDemo(workshop.id, people)
    await seedSuggestions(workshop.id)
    await seedAssessmentDemo(workshop.id, people)
    await seedFormat2Draft(workshop.id, people)
    const [check] = await store.db.select({ id: memberships.id }).from(memberships).where(eq(memberships.workshopId, workshop.id))
    if (!check) throw new Error('Demo seed wrote no memberships')
    return { seeded: true, workshopId: workshop.id }
  })
}
