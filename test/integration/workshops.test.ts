import { describe, expect, it } from 'vitest'
import { invites, memberships, workshops } from '#db/schema'
import { acceptInvite, createInvite } from '~/models/invite.server'
import { createWorkshop, listMembers } from '~/models/workshop.server'
import { action as membersAction, loader as membersLoader } from '~/routes/workshops.$workshopId.members'
import { loader as workshopLoader } from '~/routes/workshops.$workshopId'
import { action as newWorkshopAction } from '~/routes/workshops.new'
import { formRequest, getRequest, useTestDatabase, person } from '../setup/test-database'

const store = useTestDatabase()

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
  throw new Error('expected a thrown Response')
}

describe('creating a workshop', () => {
  it.each([
    [{ name: '', company: 'Acme' }, 'name', 'Name the workshop.'],
    [{ name: 'x'.repeat(121), company: 'Acme' }, 'name', 'A name has at most 120 characters.'],
    [{ name: 'Q1', company: '  ' }, 'company', 'Enter the company whose leads you are defining.'],
  ])('refuses %o with a message next to the field and writes nothing', async (fields, field, message) => {
    const dana = await person(`dana-${Math.random()}@example.com`)
    const before = (await store().db.select().from(workshops)).length
    const response = (await newWorkshopAction({ request: formRequest('/workshops/new', fields, dana), params: {}, context: {} })) as Response
    expect(response.status).toBe(400)
    expect(((await response.json()) as { errors: Record<string, string> }).errors[field]).toBe(message)
    expect((await store().db.select().from(workshops)).length).toBe(before)
  })

  it('makes the creator its facilitator', async () => {
    const dana = await person('creator@example.com')
    const response = (await newWorkshopAction({
      request: formRequest('/workshops/new', { name: 'MQL 2027', company: 'Acme' }, dana),
      params: {},
      context: {},
    })) as Response
    expect(response.status).toBe(302)
    const workshopId = response.headers.get('Location')!.split('/').pop()!
    expect(await listMembers(workshopId)).toMatchObject([{ email: 'creator@example.com', role: 'facilitator' }])
  })
})

describe('who sees a workshop', () => {
  it('redirects a logged-out visitor to log in, and gives a non-member a 404', async () => {
    const owner = await person('owner@example.com')
    const workshop = await createWorkshop({ name: 'Private', company: 'Acme', userId: owner.id })
    const loggedOut = await thrown(workshopLoader({ request: getRequest(`/workshops/${workshop.id}`), params: { workshopId: workshop.id }, context: {} }))
    expect(loggedOut.status).toBe(302)
    expect(loggedOut.headers.get('Location')).toBe(`/login?redirectTo=${encodeURIComponent(`/workshops/${workshop.id}`)}`)

    const stranger = await person('stranger@example.com')
    const notMember = await thrown(
      workshopLoader({ request: getRequest(`/workshops/${workshop.id}`, stranger), params: { workshopId: workshop.id }, context: {} }),
    )
    expect(notMember.status).toBe(404)
  })
})

describe('invites and members', () => {
  it('lets only the facilitator invite; invite links honour single use, expiry and revocation', async () => {
    const fran = await person('fran@example.com')
    const workshop = await createWorkshop({ name: 'Invites', company: 'Acme', userId: fran.id })
    const params = { workshopId: workshop.id }

    const bad = (await membersAction({
      request: formRequest(`/workshops/${workshop.id}/members`, { intent: 'create-invite', role: 'boss', expiresInDays: '7', uses: 'single' }, fran),
      params,
      context: {},
    })) as Response
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { errors: Record<string, string> }).errors.role).toBe('Pick a role.')
    expect((await store().db.select().from(invites)).length).toBe(0)

    const created = (await membersAction({
      request: formRequest(`/workshops/${workshop.id}/members`, { intent: 'create-invite', role: 'sales', expiresInDays: '7', uses: 'single' }, fran),
      params,
      context: {},
    })) as Response
    const { inviteLink } = (await created.json()) as { inviteLink: { url: string } }
    const token = inviteLink.url.split('/invites/')[1]!

    const sam = await person('sam@example.com')
    expect(await acceptInvite({ token, userId: sam.id })).toMatchObject({ ok: true, alreadyMember: false })
    expect(await acceptInvite({ token, userId: sam.id })).toMatchObject({ ok: true, alreadyMember: true })
    const late = await person('late@example.com')
    expect(await acceptInvite({ token, userId: late.id })).toEqual({ ok: false, reason: 'used-up' })

    // Sam (sales) cannot manage members.
    const forbidden = await thrown(
      membersAction({
        request: formRequest(`/workshops/${workshop.id}/members`, { intent: 'create-invite', role: 'sales', expiresInDays: '7', uses: 'multi' }, sam),
        params,
        context: {},
      }),
    )
    expect(forbidden.status).toBe(403)

    const expiring = await createInvite({ workshopId: workshop.id, role: 'viewer', expiresInDays: 1, singleUse: false, createdBy: fran.id, now: new Date('2020-01-01') })
    expect(await acceptInvite({ token: expiring.token, userId: late.id })).toEqual({ ok: false, reason: 'expired' })

    const multi = await createInvite({ workshopId: workshop.id, role: 'marketing', expiresInDays: 7, singleUse: false, createdBy: fran.id })
    const revoke = (await membersAction({
      request: formRequest(`/workshops/${workshop.id}/members`, { intent: 'revoke-invite', inviteId: multi.id }, fran),
      params,
      context: {},
    })) as Response
    expect(revoke.status).toBe(200)
    expect(await acceptInvite({ token: multi.token, userId: late.id })).toEqual({ ok: false, reason: 'revoked' })
    expect(await acceptInvite({ token: 'made-up-token', userId: late.id })).toEqual({ ok: false, reason: 'not-found' })
  })

  it('changes and removes members at their revision, and keeps the last facilitator', async () => {
    const fran = await person('fran2@example.com')
    const mia = await person('mia@example.com')
    const workshop = await createWorkshop({ name: 'Roles', company: 'Acme', userId: fran.id })
    const invite = await createInvite({ workshopId: workshop.id, role: 'marketing', expiresInDays: 7, singleUse: true, createdBy: fran.id })
    await acceptInvite({ token: invite.token, userId: mia.id })
    const params = { workshopId: workshop.id }
    const post = (fields: Record<string, string>) =>
      membersAction({ request: formRequest(`/workshops/${workshop.id}/members`, fields, fran), params, context: {} }) as Promise<Response>

    const members = await listMembers(workshop.id)
    const franRow = members.find((m) => m.email === 'fran2@example.com')!
    const miaRow = members.find((m) => m.email === 'mia@example.com')!

    const demote = await post({ intent: 'change-role', membershipId: franRow.membershipId, revision: String(franRow.revision), role: 'viewer' })
    expect(demote.status).toBe(400)

    expect((await post({ intent: 'change-role', membershipId: miaRow.membershipId, revision: '1', role: 'sales' })).status).toBe(200)
    const stale = await post({ intent: 'change-role', membershipId: miaRow.membershipId, revision: '1', role: 'viewer' })
    expect(stale.status).toBe(409)
    expect((await listMembers(workshop.id)).find((m) => m.email === 'mia@example.com')?.role).toBe('sales')

    expect((await post({ intent: 'remove-member', membershipId: miaRow.membershipId, revision: '2' })).status).toBe(200)
    const loader = (await membersLoader({ request: getRequest(`/workshops/${workshop.id}/members`, fran), params, context: {} })) as Response
    const data = (await loader.json()) as { members: { email: string }[] }
    expect(data.members.map((m) => m.email)).toEqual(['fran2@example.com'])
    expect((await store().db.select().from(memberships)).some((m) => m.userId === mia.id && m.workshopId === workshop.id)).toBe(false)
  })
})
