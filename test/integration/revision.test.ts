import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { workshops } from '#db/schema'
import { updateAtRevision } from '~/models/revision.server'
import { createUser } from '~/models/user.server'
import { createWorkshop } from '~/models/workshop.server'
import { useTestDatabase } from '../setup/test-database'

const store = useTestDatabase()

describe('updateAtRevision', () => {
  it('applies an update at the current revision, and refuses a stale one without changing anything', async () => {
    const user = await createUser({ email: 'dana@example.com', name: 'Dana', password: 'a long password' })
    if (!user.ok) throw new Error('user not created')
    const workshop = await createWorkshop({ name: 'Q1 alignment', company: 'Acme', userId: user.value.id })
    expect(workshop.revision).toBe(1)

    const first = await updateAtRevision(workshops, { id: workshop.id, revision: 1 }, { name: 'Renamed by Dana' })
    expect(first).toMatchObject({ ok: true, value: { name: 'Renamed by Dana', revision: 2 } })

    // Sam read revision 1 too, and saves after Dana.
    const stale = await updateAtRevision(workshops, { id: workshop.id, revision: 1 }, { name: 'Renamed by Sam' })
    expect(stale).toMatchObject({ ok: false, reason: 'conflict', current: { name: 'Renamed by Dana', revision: 2 } })

    const [row] = await store().db.select().from(workshops).where(eq(workshops.id, workshop.id))
    expect(row).toMatchObject({ name: 'Renamed by Dana', revision: 2 })
  })

  it('reports a missing row as not found rather than as a conflict', async () => {
    const result = await updateAtRevision(workshops, { id: 'no-such-id', revision: 1 }, { name: 'x' })
    expect(result).toEqual({ ok: false, reason: 'not-found' })
  })

  it('lets exactly one of two concurrent saves at the same revision win', async () => {
    const user = await createUser({ email: 'sam@example.com', name: 'Sam', password: 'a long password' })
    if (!user.ok) throw new Error('user not created')
    const workshop = await createWorkshop({ name: 'Race', company: 'Acme', userId: user.value.id })
    const results = await Promise.all([
      updateAtRevision(workshops, { id: workshop.id, revision: 1 }, { name: 'A' }),
      updateAtRevision(workshops, { id: workshop.id, revision: 1 }, { name: 'B' }),
    ])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok && r.reason === 'conflict')).toHaveLength(1)
  })
})
