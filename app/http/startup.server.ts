import { getStore } from '#db/client.server'
import { seedDemo, DEMO_PASSWORD, DEMO_USERS } from '~/demo/seed.server'
import { getEnv } from './env.server'

/**
 * Called by the server before it listens: checks the environment, applies migrations and,
 * when asked for, seeds the demo workshop into a new database.
 */
export async function prepareDatabase(options: { demo: boolean }) {
  getEnv()
  const store = await getStore()
  const seeded = options.demo ? await seedDemo(store) : { seeded: false as const }
  return {
    seeded: seeded.seeded,
    demoLogins: options.demo ? DEMO_USERS.map((user) => ({ email: user.email, password: DEMO_PASSWORD, role: user.role })) : [],
  }
}
