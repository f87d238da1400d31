import type { Role } from '~/domain/workshops/roles'

export const DEMO_PASSWORD = 'leadpact-demo'

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'facilitator@demo.leadpact.test', name: 'Fran Facilitator', role: 'facilitator' },
  { email: 'marketing@demo.leadpact.test', name: 'Mia Marketing', role: 'marketing' },
  { email: 'sales@demo.leadpact.test', name: 'Sam Sales', role: 'sales' },
]

/** The demo accounts' user ids, by the part each plays in the workshop. */
export type DemoPeople = { facilitatorId: string; marketingId: string; salesId: string }
