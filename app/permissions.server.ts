import type { Role } from '~/domain/workshops/roles'
import { getWorkshopForMember } from '~/models/workshop.server'
import { requireUser } from '~/session.server'

/**
 * The signed-in member of a workshop. A non-member gets a 404, not a 403: a workshop's
 * existence is nobody else's business. A member without one of `roles` gets a 403.
 */
export async function requireMember(request: Request, workshopId: string | undefined, roles?: readonly Role[]) {
  const user = await requireUser(request)
  const workshop = workshopId ? await getWorkshopForMember({ workshopId, userId: user.id }) : undefined
  if (!workshop) throw new Response('Workshop not found', { status: 404 })
  if (roles && !roles.includes(workshop.role)) {
    throw new Response(`Only ${roles.join(' or ')} members can do this.`, { status: 403 })
  }
  return { user, workshop, workshopId: workshop.id, role: workshop.role }
}

export type MemberContext = Awaited<ReturnType<typeof requireMember>>
