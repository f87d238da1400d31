import type { TraitTeam } from '~/domain/lead-board/matcher'
import type { Capability } from '~/domain/workshops/capabilities'

/** Who is looking at the board, as the page's components need it: their team and what they may do. */
export type BoardAccess = {
  /** The member's team (their notes are the ones they edit), or null for the facilitator and viewers. */
  team: TraitTeam | null
  permissions: Record<Capability, boolean>
  revealed: boolean
  /** The note or agreed trait whose editor is open (`?edit=` / `?agreed=`). */
  editNoteId: string | null
  editAgreedId: string | null
}
