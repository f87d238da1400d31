import type { Role } from './roles'

const EVERYONE = ['facilitator', 'marketing', 'sales', 'viewer'] as const satisfies readonly Role[]
const ROOM = ['facilitator', 'marketing', 'sales'] as const satisfies readonly Role[]
const TEAMS = ['marketing', 'sales'] as const satisfies readonly Role[]
const FACILITATOR = ['facilitator'] as const satisfies readonly Role[]

/**
 * Who may do what in a workshop: the one permission matrix. Loaders ask it what to show
 * (`can(role, …)`), actions what to allow (`requireMember(request, id, capability)`).
 * `refusal` is what a member without the capability is told.
 */
export const CAPABILITIES = {
  read: { roles: EVERYONE, refusal: 'Only members of this workshop can see it.' },
  comment: { roles: ROOM, refusal: 'Viewers read the discussion; team members and the facilitator write in it.' },
  'edit-context': { roles: FACILITATOR, refusal: 'Only the facilitator edits the context.' },
  'write-team-notes': { roles: TEAMS, refusal: 'Only marketing and sales members write notes on the board.' },
  'reveal-board': { roles: FACILITATOR, refusal: 'Only the facilitator reveals the lists.' },
  'link-notes': { roles: FACILITATOR, refusal: 'Only the facilitator links or separates notes.' },
  'shape-agreed-list': { roles: ROOM, refusal: 'Viewers read the agreed list; team members and the facilitator shape it.' },
  'edit-personas': { roles: ROOM, refusal: 'Viewers read the personas; team members and the facilitator edit them.' },
  'check-closed-won': { roles: ['sales'], refusal: 'Sales checks personas against the buyers it closed.' },
  'edit-criteria': { roles: ROOM, refusal: 'Viewers read the criteria; team members and the facilitator edit them.' },
  'edit-scoring': { roles: ROOM, refusal: 'Viewers read the scoring model; team members and the facilitator edit it.' },
  'save-example-leads': { roles: ROOM, refusal: 'Viewers try leads in the simulator but do not save them.' },
  'edit-lifecycle': { roles: ROOM, refusal: 'Viewers read the stages and the funnel; team members and the facilitator edit them.' },
  'edit-sla': { roles: ROOM, refusal: 'Viewers read the handoff SLA; team members and the facilitator edit it.' },
  'sign-off': { roles: TEAMS, refusal: 'Only marketing and sales members sign off.' },
  'run-backtest': { roles: ROOM, refusal: 'Viewers read back-test results; team members and the facilitator run back-tests.' },
  publish: { roles: FACILITATOR, refusal: 'Only the facilitator publishes.' },
  'manage-members': { roles: FACILITATOR, refusal: 'Only the facilitator manages members and invites.' },
  'manage-integrations': { roles: FACILITATOR, refusal: 'Only the facilitator manages API tokens.' },
  share: { roles: FACILITATOR, refusal: 'Only the facilitator creates and revokes share links.' },
  'brand-document': { roles: FACILITATOR, refusal: 'Only the facilitator changes the logo on the document’s cover.' },
  'download-backup': { roles: FACILITATOR, refusal: 'Only the facilitator downloads the workshop backup.' },
  'manage-workshop': { roles: FACILITATOR, refusal: 'Only the facilitator archives or deletes the workshop.' },
  'manage-assessment': { roles: FACILITATOR, refusal: 'Only the facilitator opens and closes assessment rounds and downloads the answers.' },
  'answer-assessment': { roles: ['marketing', 'sales', 'viewer'], refusal: 'The facilitator runs the assessment; the participants answer it.' },
} as const satisfies Record<string, { roles: readonly Role[]; refusal: string }>

export type Capability = keyof typeof CAPABILITIES

export function can(role: Role, capability: Capability): boolean {
  return (CAPABILITIES[capability].roles as readonly Role[]).includes(role)
}

/**
 * An archived workshop is read-only: what stays possible is reading it and looking after it
 * (the backup, members and invites, tokens and share links, unarchiving or deleting it).
 */
export const ARCHIVED_WORKSHOP_ALLOWS: readonly Capability[] = ['read', 'download-backup', 'manage-workshop', 'manage-members', 'manage-integrations', 'share']

export const ARCHIVED_REFUSAL = 'This workshop is archived, so it is read-only. A facilitator can unarchive it on the Members page.'

/** `can`, in a workshop that may be archived. */
export function canInWorkshop(role: Role, capability: Capability, workshop: { archived: boolean }): boolean {
  return can(role, capability) && (!workshop.archived || ARCHIVED_WORKSHOP_ALLOWS.includes(capability))
}

/** Every capability of a role, for a loader to hand its view. */
export function capabilitiesOf(role: Role, workshop: { archived: boolean } = { archived: false }): Record<Capability, boolean> {
  return Object.fromEntries((Object.keys(CAPABILITIES) as Capability[]).map((capability) => [capability, canInWorkshop(role, capability, workshop)])) as Record<
    Capability,
    boolean
  >
}
