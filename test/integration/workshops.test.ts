import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { invites, memberships, scoringSettings, versions, workshops } from '#db/schema'
import { acceptInvite, createInvite, revokeInvite } from '~/models/invite.server'
import { createWorkshop, listMembers, listWorkshopsForUser } from '~/models/workshop.server'
import { action as contextAction } from '~/routes/workshops.$workshopId.context/route'
import { readFlash } from '~/http/flash.server'
import { action as inviteAction, loader as inviteLoader } from '~/routes/invites.$token'
import { action as loginAction } from '~/routes/login'
import { action as signupAction } from '~/routes/signup'
import { action as logoutAction } from '~/routes/logout'
import { action as membersAction, loader as membersLoader } from '~/routes/workshops.$workshopId.members/route'
import { loader as workshopLoader } from '~/routes/workshops.$workshopId'
import { loader as stepLoader } from '~/routes/workshops.$workshopId.$step'
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

/** Each cookie a response sets, by name: its value and its attributes as written. */
function cookiesSet(response: Response): Map<string, { value: string; header: string }> {
  return new Map(
    response.headers.getSetCookie().map((header) => {
      const [pair] = header.split(';')
      const name = pair!.slice(0, pair!.indexOf('='))
      return [name, { value: pair!.slice(name.length + 1), header }]
    }),
  )
}

/** The one-time message a redirect carries, as the next page's root loader reads it. */
async function flashOf(response: Response) {
  const flash = cookiesSet(response).get('__flash')
  if (!flash) return null
  return (await readFlash(getRequest('/', { cookie: `__flash=${flash.value}` }))).flash
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
  it('lets only the facilitator invite; the new link shows once after the redirect, never in the URL; links honour single use, expiry and revocation', async () => {
    const fran = await person('fran@example.com')
    const workshop = await createWorkshop({ name: 'Invites', company: 'Acme', userId: fran.id })
    const params = { workshopId: workshop.id }
    const page = `/workshops/${workshop.id}/members`
    const load = (cookie: string) => membersLoader({ request: getRequest(page, { cookie }), params, context: {} }) as Promise<Response>

    const bad = (await membersAction({
      request: formRequest(page, { intent: 'create-invite', role: 'boss', expiresInDays: '7', uses: 'single' }, fran),
      params,
      context: {},
    })) as Response
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({
      form: 'create-invite',
      errors: { role: 'Pick a role.' },
      values: { intent: 'create-invite', role: 'boss', expiresInDays: '7', uses: 'single' },
    })
    expect((await store().db.select().from(invites)).length).toBe(0)

    // Post/Redirect/Get: a redirect with a flash, and the link in an encrypted, httpOnly cookie for this page only.
    const created = (await membersAction({
      request: formRequest(page, { intent: 'create-invite', role: 'sales', expiresInDays: '7', uses: 'single' }, fran),
      params,
      context: {},
    })) as Response
    expect(created.status).toBe(302)
    expect(created.headers.get('Location')).toBe(`${page}#invite-by-link`)
    expect(await flashOf(created)).toEqual({ tone: 'success', text: 'Invite link for Sales created.' })
    const once = cookiesSet(created).get('__once')!
    expect(once.header).toContain(`Path=${page}`)
    expect(once.header).toMatch(/; HttpOnly/)
    expect(once.header).toMatch(/; SameSite=Strict/)
    expect(once.header).toMatch(/; Max-Age=300/)

    const shown = await load(`${fran.cookie}; __once=${once.value}`)
    const { newInviteLink } = (await shown.json()) as { newInviteLink: { url: string; role: string } | null }
    expect(newInviteLink).toMatchObject({ role: 'sales', url: expect.stringMatching(/^http:\/\/localhost:\d+\/invites\/[\w-]+$/) })
    const token = newInviteLink!.url.split('/invites/')[1]!
    // The raw token is in no URL and in no cookie in the clear.
    expect(created.headers.get('Location')).not.toContain(token)
    expect(created.headers.getSetCookie().join('\n')).not.toContain(token)
    expect(Buffer.from(decodeURIComponent(once.value), 'base64').toString('utf8')).not.toContain(token)
    // Shown once: the page is not kept, and the cookie is cleared.
    expect(shown.headers.get('Cache-Control')).toBe('private, no-store')
    expect(cookiesSet(shown).get('__once')?.header).toMatch(/^__once=; Max-Age=0; Path=\/workshops\/[^;]+\/members; Expires=Thu, 01 Jan 1970/)
    expect(((await (await load(fran.cookie)).json()) as { newInviteLink: unknown }).newInviteLink).toBeNull()

    const sam = await person('sam@example.com')
    expect(await acceptInvite({ token, userId: sam.id })).toMatchObject({ ok: true, alreadyMember: false })
    expect(await acceptInvite({ token, userId: sam.id })).toMatchObject({ ok: true, alreadyMember: true })
    const late = await person('late@example.com')
    expect(await acceptInvite({ token, userId: late.id })).toEqual({ ok: false, reason: 'used-up' })

    // Nobody else sees the link, even with the cookie: not another facilitator, not a member, not a tampered copy.
    const fay = await person('fay@example.com')
    const coFacilitator = await createInvite({ workshopId: workshop.id, role: 'facilitator', expiresInDays: 1, singleUse: true, createdBy: fran.id })
    expect(await acceptInvite({ token: coFacilitator.token, userId: fay.id })).toMatchObject({ ok: true })
    expect(((await (await load(`${fay.cookie}; __once=${once.value}`)).json()) as { newInviteLink: unknown }).newInviteLink).toBeNull()
    expect(((await (await load(`${sam.cookie}; __once=${once.value}`)).json()) as { newInviteLink: unknown }).newInviteLink).toBeNull()
    const tampered = `${once.value.slice(0, -4)}${once.value.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`
    expect(((await (await load(`${fran.cookie}; __once=${tampered}`)).json()) as { newInviteLink: unknown }).newInviteLink).toBeNull()

    // Sam (sales) cannot manage members.
    const forbidden = await thrown(
      membersAction({
        request: formRequest(page, { intent: 'create-invite', role: 'sales', expiresInDays: '7', uses: 'multi' }, sam),
        params,
        context: {},
      }),
    )
    expect(forbidden.status).toBe(403)
    expect(await forbidden.text()).toBe('Only the facilitator manages members and invites.')
    // An intent the page does not have is a 400, whoever sends it.
    expect((await thrown(membersAction({ request: formRequest(page, { intent: 'toString' }, fran), params, context: {} }))).status).toBe(400)

    const expiring = await createInvite({ workshopId: workshop.id, role: 'viewer', expiresInDays: 1, singleUse: false, createdBy: fran.id, now: new Date('2020-01-01') })
    expect(await acceptInvite({ token: expiring.token, userId: late.id })).toEqual({ ok: false, reason: 'expired' })

    const multi = await createInvite({ workshopId: workshop.id, role: 'marketing', expiresInDays: 7, singleUse: false, createdBy: fran.id })
    const revoke = (await membersAction({ request: formRequest(page, { intent: 'revoke-invite', inviteId: multi.id }, fran), params, context: {} })) as Response
    expect(revoke.status).toBe(302)
    expect(revoke.headers.get('Location')).toBe(`${page}#invites-heading`)
    expect(await flashOf(revoke)).toEqual({ tone: 'success', text: 'Invite revoked: its link no longer lets anyone in.' })
    expect(await acceptInvite({ token: multi.token, userId: late.id })).toEqual({ ok: false, reason: 'revoked' })
    expect(await acceptInvite({ token: 'made-up-token', userId: late.id })).toEqual({ ok: false, reason: 'not-found' })

    const unknown = (await membersAction({ request: formRequest(page, { intent: 'revoke-invite', inviteId: 'nope' }, fran), params, context: {} })) as Response
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ form: 'revoke-invite', notice: { tone: 'error', text: 'That invite does not exist.' } })
    const blank = (await membersAction({ request: formRequest(page, { intent: 'revoke-invite' }, fran), params, context: {} })) as Response
    expect(blank.status).toBe(400)
    expect(((await blank.json()) as { form: string; errors: Record<string, string> }).form).toBe('revoke-invite')
  })

  it('changes and removes members at their revision, and keeps the last facilitator', async () => {
    const fran = await person('fran2@example.com')
    const mia = await person('mia@example.com')
    const workshop = await createWorkshop({ name: 'Roles', company: 'Acme', userId: fran.id })
    const invite = await createInvite({ workshopId: workshop.id, role: 'marketing', expiresInDays: 7, singleUse: true, createdBy: fran.id })
    await acceptInvite({ token: invite.token, userId: mia.id })
    const params = { workshopId: workshop.id }
    const page = `/workshops/${workshop.id}/members`
    const post = (fields: Record<string, string>) => membersAction({ request: formRequest(page, fields, fran), params, context: {} }) as Promise<Response>

    const members = await listMembers(workshop.id)
    const franRow = members.find((m) => m.email === 'fran2@example.com')!
    const miaRow = members.find((m) => m.email === 'mia@example.com')!

    const demote = await post({ intent: 'change-role', membershipId: franRow.membershipId, revision: String(franRow.revision), role: 'viewer' })
    expect(demote.status).toBe(400)
    expect(await demote.json()).toEqual({
      form: 'change-role',
      notice: { tone: 'error', text: 'A workshop needs at least one facilitator: make someone else facilitator first.' },
    })
    const noRole = await post({ intent: 'change-role', membershipId: miaRow.membershipId, revision: '1', role: 'boss' })
    expect(noRole.status).toBe(400)
    expect(await noRole.json()).toMatchObject({ form: 'change-role', errors: { role: 'Pick a role.' }, values: { membershipId: miaRow.membershipId, role: 'boss' } })

    const promoted = await post({ intent: 'change-role', membershipId: miaRow.membershipId, revision: '1', role: 'sales' })
    expect(promoted.status).toBe(302)
    expect(promoted.headers.get('Location')).toBe(page)
    expect(await flashOf(promoted)).toEqual({ tone: 'success', text: 'Role changed to Sales.' })
    const stale = await post({ intent: 'change-role', membershipId: miaRow.membershipId, revision: '1', role: 'viewer' })
    expect(stale.status).toBe(409)
    expect(await stale.json()).toEqual({
      form: 'change-role',
      conflict: { message: 'Someone changed this member while you were looking. The list now shows their change; try again if needed.' },
    })
    expect((await listMembers(workshop.id)).find((m) => m.email === 'mia@example.com')?.role).toBe('sales')

    const removed = await post({ intent: 'remove-member', membershipId: miaRow.membershipId, revision: '2' })
    expect(removed.status).toBe(302)
    expect(removed.headers.get('Location')).toBe(page)
    expect(await flashOf(removed)).toEqual({ tone: 'success', text: 'Member removed: old invite links no longer let them back in.' })
    const gone = await post({ intent: 'remove-member', membershipId: miaRow.membershipId, revision: '2' })
    expect(gone.status).toBe(404)
    expect(await gone.json()).toEqual({ form: 'remove-member', notice: { tone: 'error', text: 'That member has already left the workshop.' } })
    const loader = (await membersLoader({ request: getRequest(page, fran), params, context: {} })) as Response
    const data = (await loader.json()) as { members: { email: string }[]; newInviteLink: unknown; canManage: boolean }
    expect(data.members.map((m) => m.email)).toEqual(['fran2@example.com'])
    expect(data).toMatchObject({ canManage: true, newInviteLink: null })
    expect((await store().db.select().from(memberships)).some((m) => m.userId === mia.id && m.workshopId === workshop.id)).toBe(false)
  })
})

describe('the invite page', () => {
  it('joins with the one-button form: a redirect with a flash, a refusal in the FormAnswer shape, an unknown intent a 400', async () => {
    const fran = await person('fran3@example.com')
    const workshop = await createWorkshop({ name: 'Joining', company: 'Acme', userId: fran.id })
    const live = await createInvite({ workshopId: workshop.id, role: 'sales', expiresInDays: 7, singleUse: false, createdBy: fran.id })
    const revoked = await createInvite({ workshopId: workshop.id, role: 'sales', expiresInDays: 7, singleUse: false, createdBy: fran.id })
    await revokeInvite({ workshopId: workshop.id, inviteId: revoked.id })
    const accept = (token: string, who: { cookie: string }, fields: Record<string, string> = { intent: 'accept-invite' }) =>
      inviteAction({ request: formRequest(`/invites/${token}`, fields, who), params: { token }, context: {} }) as Promise<Response>

    const sam = await person('sam3@example.com')
    expect((await thrown(accept(live.token, sam, {}))).status).toBe(400)
    expect((await thrown(accept(live.token, sam, { intent: 'constructor' }))).status).toBe(400)

    const refused = await accept(revoked.token, sam)
    expect(refused.status).toBe(410)
    expect(await refused.json()).toEqual({ form: 'accept-invite', errors: { form: 'This invite link was revoked by the facilitator.' } })

    const joined = await accept(live.token, sam)
    expect(joined.status).toBe(302)
    expect(joined.headers.get('Location')).toBe(`/workshops/${workshop.id}`)
    expect(await flashOf(joined)).toEqual({ tone: 'success', text: 'You joined the workshop.' })
    expect((await listMembers(workshop.id)).find((m) => m.userId === sam.id)?.role).toBe('sales')

    // A member is already in, whatever the state of the link.
    const again = await accept(revoked.token, sam)
    expect(again.status).toBe(302)
    expect(again.headers.get('Location')).toBe(`/workshops/${workshop.id}`)
    expect(await flashOf(again)).toEqual({ tone: 'success', text: 'You are already a member of this workshop.' })
  })
})

describe('joining from an invite without a second click', () => {
  const args = (request: Request, token?: string) => ({ request, params: token ? { token } : {}, context: {} })

  it('signs up from the invite page straight into the workshop, with the flash and the session', async () => {
    const fran = await person('fran-join@example.com')
    const workshop = await createWorkshop({ name: 'Join at once', company: 'Acme', userId: fran.id })
    const invite = await createInvite({ workshopId: workshop.id, role: 'marketing', expiresInDays: 7, singleUse: true, createdBy: fran.id })
    const response = (await signupAction(
      args(formRequest('/signup', { name: 'Mia', email: 'mia-join@example.com', password: 'a long enough password', redirectTo: `/invites/${invite.token}` })),
    )) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/workshops/${workshop.id}`)
    expect(cookiesSet(response).has('__session')).toBe(true)
    expect(await flashOf(response)).toEqual({ tone: 'success', text: 'You joined the workshop.' })
    expect((await listMembers(workshop.id)).map((m) => [m.email, m.role])).toContainEqual(['mia-join@example.com', 'marketing'])
    // The single-use link is now used: the next person who signs up from it lands on its page, which says why.
    const late = (await signupAction(
      args(formRequest('/signup', { name: 'Max', email: 'max-join@example.com', password: 'a long enough password', redirectTo: `/invites/${invite.token}` })),
    )) as Response
    expect(late.headers.get('Location')).toBe(`/invites/${invite.token}`)
    expect(await flashOf(late)).toBeNull()
    expect((await listMembers(workshop.id)).some((m) => m.email === 'max-join@example.com')).toBe(false)
  })

  it('logs in from the invite page straight into the workshop; other destinations are untouched', async () => {
    const fran = await person('fran-join2@example.com')
    const workshop = await createWorkshop({ name: 'Join at log-in', company: 'Acme', userId: fran.id })
    const invite = await createInvite({ workshopId: workshop.id, role: 'sales', expiresInDays: 7, singleUse: false, createdBy: fran.id })
    await person('sam-join@example.com')
    const logIn = (redirectTo: string) =>
      loginAction(args(formRequest('/login', { email: 'sam-join@example.com', password: 'a long enough password', redirectTo }))) as Promise<Response>
    const joined = await logIn(`/invites/${invite.token}`)
    expect(joined.headers.get('Location')).toBe(`/workshops/${workshop.id}`)
    expect(await flashOf(joined)).toEqual({ tone: 'success', text: 'You joined the workshop.' })
    expect((await listMembers(workshop.id)).find((m) => m.email === 'sam-join@example.com')?.role).toBe('sales')
    const elsewhere = await logIn('/account')
    expect(elsewhere.headers.get('Location')).toBe('/account')
    expect(await flashOf(elsewhere)).toBeNull()
  })

  it('tells someone who opens a link they already used that they are a member, not that the link is used up', async () => {
    const fran = await person('fran-join3@example.com')
    const workshop = await createWorkshop({ name: 'Reopened', company: 'Acme', userId: fran.id })
    const invite = await createInvite({ workshopId: workshop.id, role: 'viewer', expiresInDays: 7, singleUse: true, createdBy: fran.id })
    const vic = await person('vic-join@example.com')
    expect(await acceptInvite({ token: invite.token, userId: vic.id })).toMatchObject({ ok: true })
    const page = (await inviteLoader(args(getRequest(`/invites/${invite.token}`, vic), invite.token))) as Response
    expect(await page.json()).toMatchObject({ problem: null, member: { workshopId: workshop.id, role: 'viewer' } })
    // Someone else still hears that it was used.
    const other = await person('ola-join@example.com')
    const theirs = (await inviteLoader(args(getRequest(`/invites/${invite.token}`, other), invite.token))) as Response
    expect(await theirs.json()).toMatchObject({ problem: 'This invite link has already been used. Ask the facilitator for a new one.', member: null })
  })
})

describe('archiving and deleting a workshop', () => {
  async function setUp(tag: string) {
    const fran = await person(`fran-${tag}@example.com`)
    const mia = await person(`mia-${tag}@example.com`)
    const workshop = await createWorkshop({ name: `Workshop ${tag}`, company: 'Acme', userId: fran.id })
    const invite = await createInvite({ workshopId: workshop.id, role: 'marketing', expiresInDays: 7, singleUse: true, createdBy: fran.id })
    await acceptInvite({ token: invite.token, userId: mia.id })
    const post = (who: { cookie: string }, fields: Record<string, string>) =>
      membersAction({ request: formRequest(`/workshops/${workshop.id}/members`, fields, who), params: { workshopId: workshop.id }, context: {} }) as Promise<Response>
    const comment = (who: { cookie: string }) =>
      contextAction({
        request: formRequest(`/workshops/${workshop.id}/context`, { intent: 'add-comment', body: 'Still working on it' }, who),
        params: { workshopId: workshop.id },
        context: {},
      }) as Promise<Response>
    return { fran, mia, workshop, post, comment }
  }

  it('archives: read-only for everyone, listed as archived; only the facilitator archives, and unarchiving opens it again', async () => {
    const { fran, mia, workshop, post, comment } = await setUp('archive')
    expect((await thrown(post(mia, { intent: 'archive-workshop' }))).status).toBe(403)
    const archived = await post(fran, { intent: 'archive-workshop' })
    expect(archived.status).toBe(302)
    expect(await flashOf(archived)).toEqual({ tone: 'success', text: 'Workshop archived: it is read-only now and listed under “Archived”.' })
    expect((await listWorkshopsForUser(mia.id)).find((w) => w.id === workshop.id)?.archivedAt).toBeInstanceOf(Date)
    // Reading works; writing is refused with the reason, and the page offers no editing.
    const refused = await thrown(comment(mia))
    expect(refused.status).toBe(403)
    expect(await refused.text()).toBe('This workshop is archived, so it is read-only. A facilitator can unarchive it on the Members page.')
    const page = (await workshopLoader({ request: getRequest(`/workshops/${workshop.id}`, mia), params: { workshopId: workshop.id }, context: {} })) as Response
    expect(await page.json()).toMatchObject({ workshop: { id: workshop.id }, canUnarchive: false })
    const unarchived = await post(fran, { intent: 'unarchive-workshop' })
    expect(unarchived.headers.get('Location')).toBe(`/workshops/${workshop.id}`)
    expect((await comment(mia)).status).toBe(302)
  })

  it('deletes for everyone once the name is typed; a workshop that never published leaves nothing behind', async () => {
    const { fran, mia, workshop, post } = await setUp('delete')
    const wrong = await post(fran, { intent: 'delete-workshop', confirmName: 'Workshop' })
    expect(wrong.status).toBe(400)
    expect(await wrong.json()).toMatchObject({ form: 'delete-workshop', errors: { confirmName: 'That is not the workshop’s name: type “Workshop delete” exactly.' } })
    expect((await thrown(post(mia, { intent: 'delete-workshop', confirmName: 'Workshop delete' }))).status).toBe(403)
    expect((await listWorkshopsForUser(fran.id)).some((w) => w.id === workshop.id)).toBe(true)

    const deleted = await post(fran, { intent: 'delete-workshop', confirmName: ' Workshop delete ' })
    expect(deleted.headers.get('Location')).toBe('/workshops')
    expect(await flashOf(deleted)).toEqual({ tone: 'success', text: 'Deleted “Workshop delete” for everyone.' })
    expect(await store().db.select().from(workshops).where(eq(workshops.id, workshop.id))).toEqual([])
    expect(await store().db.select().from(memberships).where(eq(memberships.workshopId, workshop.id))).toEqual([])
    expect(await store().db.select().from(invites).where(eq(invites.workshopId, workshop.id))).toEqual([])
    const gone = await thrown(workshopLoader({ request: getRequest(`/workshops/${workshop.id}`, mia), params: { workshopId: workshop.id }, context: {} }))
    expect(gone.status).toBe(404)
  })

  it('keeps the published versions of a deleted workshop (immutable), and nothing else of it', async () => {
    const { fran, workshop, post } = await setUp('delete-versions')
    await store().db.insert(versions).values({ id: `v-${workshop.id}`, workshopId: workshop.id, number: 1, publishedAt: new Date(), publishedBy: fran.id, snapshot: '{}', changelog: '[]' })
    const deleted = await post(fran, { intent: 'delete-workshop', confirmName: 'Workshop delete-versions' })
    expect(await flashOf(deleted)).toEqual({
      tone: 'success',
      text: 'Deleted “Workshop delete-versions” for everyone. Its published version is kept in the record, and in the backup.',
    })
    expect((await store().db.select().from(versions).where(eq(versions.workshopId, workshop.id))).length).toBe(1)
    const [row] = await store().db.select().from(workshops).where(eq(workshops.id, workshop.id))
    expect(row?.deletedAt).toBeInstanceOf(Date)
    expect(await store().db.select().from(memberships).where(eq(memberships.workshopId, workshop.id))).toEqual([])
    expect(await store().db.select().from(scoringSettings).where(eq(scoringSettings.workshopId, workshop.id))).toEqual([])
    expect((await listWorkshopsForUser(fran.id)).some((w) => w.id === workshop.id)).toBe(false)
  })
})

describe('small pages', () => {
  it('answers a step that does not exist with 404, and logs out with a redirect and a flash', async () => {
    const dana = await person('dana-small@example.com')
    const workshop = await createWorkshop({ name: 'Small', company: 'Acme', userId: dana.id })
    const missing = await thrown(stepLoader({ request: getRequest(`/workshops/${workshop.id}/nope`, dana), params: { workshopId: workshop.id, step: 'nope' }, context: {} }))
    expect(missing.status).toBe(404)
    expect(await missing.text()).toBe('Step not found')

    const out = (await logoutAction({ request: formRequest('/logout', {}, dana), params: {}, context: {} })) as Response
    expect(out.status).toBe(302)
    expect(out.headers.get('Location')).toBe('/login')
    expect(await flashOf(out)).toEqual({ tone: 'success', text: 'You are logged out.' })
  })
})
