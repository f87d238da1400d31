import { ARCHIVED_REFUSAL, can, canInWorkshop, capabilitiesOf, CAPABILITIES, type Capability } from '~/domain/workshops/capabilities'
import { getWorkshopForMember } from '~/models/workshop.server'
import { requireUser } from '~/http/session.server'
import { readOncePerRequest } from './request-memo.server'
import { invariantResponse } from './responses.server'

/**
 * The signed-in member of a workshop, allowed `capability` (default: reading it). A
 * non-member gets a 404, not a 403: a workshop's existence is nobody else's business.
 */
export async function requireMember(request: Request, workshopId: string | undefined, capability: Capability = 'read') {
  const user = await requireUser(request)
  const workshop = workshopId ? await readOncePerRequest(`member ${workshopId} ${user.id}`, () => getWorkshopForMember({ workshopId, userId: user.id })) : undefined
  invariantResponse(workshop, 'Workshop not found', { status: 404 })
  requireCapability(workshop.role, capability)
  const archived = { archived: workshop.archivedAt !== null }
  // An archived workshop is read-only: a post changes nothing unless it looks after the workshop (members, tokens, unarchiving).
  const writes = request.method !== 'GET' && request.method !== 'HEAD'
  invariantResponse(!archived.archived || !writes || (capability !== 'read' && canInWorkshop(workshop.role, capability, archived)), ARCHIVED_REFUSAL, {
    status: 403,
  })
  return {
    user,
    workshop,
    workshopId: workshop.id,
    role: workshop.role,
    archived: archived.archived,
    can: (other: Capability) => canInWorkshop(workshop.role, other, archived),
    /** What the page may offer this member: the view model's `permissions`. */
    permissions: capabilitiesOf(workshop.role, archived),
  }
}

/** For an action that learns the capability it needs only from the posted intent. */
export function requireCapability(role: Parameters<typeof can>[0], capability: Capability) {
  invariantResponse(can(role, capability), CAPABILITIES[capability].refusal, { status: 403 })
}

export type MemberContext = Awaited<ReturnType<typeof requireMember>>
