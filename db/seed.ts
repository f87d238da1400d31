import { eq } from 'drizzle-orm'
import { createUser } from '../app/models/user.server'
import { createWorkshop } from '../app/models/workshop.server'
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
  const [check] = await store.db.select({ id: memberships.id }).from(memberships).where(eq(memberships.workshopId, workshop.id))
  if (!check) throw new Error('Demo seed wrote no memberships')
  return { seeded: true, workshopId: workshop.id }
}
