import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { users } from '#db/schema'
import { seedDemo } from '~/demo/seed.server'
import { sessionCookieFor } from '~/http/session.server'
import { loader as overviewLoader } from '~/routes/workshops.$workshopId._index'
import { loader as layoutLoader } from '~/routes/workshops.$workshopId'
import { loader as dashboardLoader } from '~/routes/workshops._index'
import { getRequest, useTestDatabase } from '../setup/test-database'

/*
 * Issue 13, "less work per request": the statements one page view runs, counted through the
 * store. The step menu (layout) used to rebuild the draft snapshot on every view; it is now
 * measured once per change of the data.
 */
const store = useTestDatabase()

async function statementsFor(work: () => Promise<unknown>) {
  const before = store().statementCount
  await work()
  return store().statementCount - before
}

describe('statements per page view', () => {
  it('the workshop overview: the step menu is measured once per change, not once per view', async () => {
    const seeded = await seedDemo(store())
    const workshopId = seeded.workshopId!
    const [facilitator] = await store().db.select({ id: users.id }).from(users).where(eq(users.email, 'facilitator@demo.leadpact.test'))
    const cookie = (await sessionCookieFor(facilitator!.id)).split(';')[0]!
    const view = () =>
      Promise.all([
        layoutLoader({ request: getRequest(`/workshops/${workshopId}`, { cookie }), params: { workshopId }, context: {} }),
        overviewLoader({ request: getRequest(`/workshops/${workshopId}`, { cookie }), params: { workshopId }, context: {} }),
      ])

    const firstView = await statementsFor(view)
    const secondView = await statementsFor(view)
    console.info(`workshop overview: ${firstView} statements on the first view, ${secondView} on the next`)
    expect(secondView).toBeLessThan(firstView)

    // A change anywhere in the data measures the menu again, so it is never stale; the latest
    // version's summary is not read again (a published version never changes, ADR 013): one
    // statement fewer than the very first view.
    await store().transaction(async () => {
      await store().db.update(users).set({ name: 'Fran F.' }).where(eq(users.id, facilitator!.id))
    })
    expect(await statementsFor(view)).toBe(firstView - 1)
    expect(await statementsFor(view)).toBe(secondView)
  })

  it('the dashboard: one query for the workshops and their member counts', async () => {
    const [facilitator] = await store().db.select({ id: users.id }).from(users).where(eq(users.email, 'facilitator@demo.leadpact.test'))
    const cookie = (await sessionCookieFor(facilitator!.id)).split(';')[0]!
    const request = getRequest('/workshops', { cookie })
    const withSession = await statementsFor(() => dashboardLoader({ request, params: {}, context: {} }))
    const sessionOnly = await statementsFor(() => import('~/http/session.server').then(({ requireUser }) => requireUser(getRequest('/workshops', { cookie }))))
    expect(withSession - sessionOnly).toBe(1)
  })
})
