import { groupTraits, LINKED_BY_FACILITATOR, MIRRORED, type ManualLink, type TraitKind, type TraitTeam } from './matcher'

/*
 * What the good/bad lead board shows, from the notes a viewer may read (the model has already
 * left out what they may not). Notes get short labels the room can say out loud — M1, S3 —
 * and every cross-reference (same as, contradicts, merged from) uses them.
 */

/** `seq`: the note's number in its team's list, given once when it was written (0 only for notes of an older backup). */
export type ViewerNote = { id: string; team: TraitTeam; seq: number; kind: TraitKind; text: string; why: string; authorName: string | null; revision: number }
export type ViewerAgreed = {
  id: string
  kind: TraitKind
  text: string
  revision: number
  sourceTraitIds: string[]
  sourceTexts: { team: string; text: string }[]
  agreedByName: string | null
}

export type NoteView = ViewerNote & {
  label: string
  /** The G-label of its "same thing" group, when it shares one with other notes. */
  group: string | null
  contradicts: string[]
  merged: boolean
}

/** An agreed trait that took notes of a group: who agreed it, in which words, from which of the notes. */
export type MergedAs = { id: string; kind: TraitKind; text: string; revision: number; agreedByName: string | null; noteLabels: string[] }

export type GroupView = {
  id: string
  label: string
  kind: TraitKind | 'mixed'
  teams: TraitTeam[]
  /** Why the notes are grouped, one plain sentence per pair: "M1 and S1: “200–2,000 employees” and … are overlapping company sizes." */
  reasons: string[]
  /** The agreed traits its notes went into (empty until someone merges). */
  mergedAs: MergedAs[]
  notes: { id: string; label: string; team: TraitTeam; kind: TraitKind; text: string; merged: boolean }[]
  /** The wording and kind the merge form starts from. */
  proposal: { text: string; kind: TraitKind }
  merged: boolean
  linkedByHand: boolean
}

export type ContradictionView = {
  a: { id: string; label: string; team: TraitTeam; kind: TraitKind; text: string }
  b: { id: string; label: string; team: TraitTeam; kind: TraitKind; text: string }
  reasons: string[]
  /** The agreed trait the room settled it with, when both notes went into one; null while it is open. */
  settledBy: { text: string; kind: TraitKind; agreedByName: string | null } | null
}

export type AgreedView = {
  id: string
  kind: TraitKind
  text: string
  revision: number
  agreedByName: string | null
  sources: { label: string | null; team: string; text: string }[]
}

const TEAM_PREFIX: Record<TraitTeam, string> = { marketing: 'M', sales: 'S' }
export const TEAM_LABELS: Record<TraitTeam, string> = { marketing: 'Marketing', sales: 'Sales' }
export const KIND_LABELS: Record<TraitKind, string> = { good: 'Good lead', bad: 'Bad lead' }

/** The label of a note with a number: M3, S5. */
export function noteLabel(team: TraitTeam, seq: number): string {
  return `${TEAM_PREFIX[team]}${seq}`
}

/** "M1", "M1 and S1", "M1, M2 and S1". */
export function listLabels(labels: readonly string[]): string {
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`
}

/**
 * Each note's label: its team's letter and the number it was given when written (M3, S5). A
 * deleted note's number is not given again, so labels never move and what the room said out
 * loud, or wrote in a comment, keeps pointing at the same note. Notes without a number (from a
 * backup written before numbers) follow the team's highest, in the order given.
 */
export function labelNotes<N extends { id: string; team: TraitTeam; seq: number }>(notes: readonly N[]): Map<string, string> {
  const next: Record<TraitTeam, number> = { marketing: 0, sales: 0 }
  for (const note of notes) next[note.team] = Math.max(next[note.team], note.seq)
  const labels = new Map<string, string>()
  for (const note of notes) labels.set(note.id, noteLabel(note.team, note.seq > 0 ? note.seq : ++next[note.team]))
  return labels
}

type Named = { label: string; kind: TraitKind }

/** "M1 and S1: …" or "M6 and S7 both say …": a join's reason with the two notes named by label. */
function joinSentence(a: Named, b: Named, reason: string): string {
  if (reason === LINKED_BY_FACILITATOR) return `${a.label} and ${b.label} were linked by the facilitator.`
  if (reason === MIRRORED) {
    const [good, bad] = a.kind === 'good' ? [a, b] : [b, a]
    return `${good.label} is a good-lead note and ${bad.label} a bad-lead note: the same point from opposite sides.`
  }
  return reason.startsWith('both ') ? `${a.label} and ${b.label} ${reason}.` : `${a.label} and ${b.label}: ${reason}.`
}

export function buildBoardView(input: { revealed: boolean; notes: readonly ViewerNote[]; links: readonly ManualLink[]; agreed: readonly ViewerAgreed[] }) {
  const labels = labelNotes(input.notes)
  const mergedIds = new Set(input.agreed.flatMap((agreed) => agreed.sourceTraitIds))
  const board = input.revealed ? groupTraits(input.notes, input.links) : { groups: [], contradictions: [] }
  const byId = new Map(input.notes.map((note) => [note.id, note]))

  const sharedGroups = board.groups.filter((group) => group.traitIds.length > 1)
  const groupLabel = new Map<string, string>()
  sharedGroups.forEach((group, index) => group.traitIds.forEach((id) => groupLabel.set(id, `G${index + 1}`)))
  /** A contradiction is settled when the room merged both notes into one agreed trait. */
  const settledBy = (aId: string, bId: string): ContradictionView['settledBy'] => {
    const row = input.agreed.find((candidate) => candidate.sourceTraitIds.includes(aId) && candidate.sourceTraitIds.includes(bId))
    return row ? { text: row.text, kind: row.kind, agreedByName: row.agreedByName } : null
  }

  // A note's warning names only the contradictions still open.
  const contradicts = new Map<string, string[]>()
  for (const pair of board.contradictions) {
    if (settledBy(pair.aId, pair.bId)) continue
    contradicts.set(pair.aId, [...(contradicts.get(pair.aId) ?? []), labels.get(pair.bId)!])
    contradicts.set(pair.bId, [...(contradicts.get(pair.bId) ?? []), labels.get(pair.aId)!])
  }

  const notes: NoteView[] = input.notes.map((note) => ({
    ...note,
    label: labels.get(note.id)!,
    group: groupLabel.get(note.id) ?? null,
    contradicts: contradicts.get(note.id) ?? [],
    merged: mergedIds.has(note.id),
  }))
  const named = (id: string): Named => ({ label: labels.get(id)!, kind: byId.get(id)!.kind })
  const column = (kind: TraitKind, team: TraitTeam) => notes.filter((note) => note.kind === kind && note.team === team)
  const ref = (id: string) => {
    const note = byId.get(id)!
    return { id, label: labels.get(id)!, team: note.team, kind: note.kind, text: note.text }
  }

  const agreedWith = (ids: readonly string[]): MergedAs[] =>
    input.agreed
      .filter((row) => row.sourceTraitIds.some((id) => ids.includes(id)))
      .map((row) => ({
        id: row.id,
        kind: row.kind,
        text: row.text,
        revision: row.revision,
        agreedByName: row.agreedByName,
        noteLabels: row.sourceTraitIds.flatMap((id) => labels.get(id) ?? []),
      }))

  const groups: GroupView[] = sharedGroups.map((group, index) => {
    const members = group.traitIds.map((id) => ({ ...ref(id), merged: mergedIds.has(id) }))
    const first = members[0]!
    const reasons = group.joins.flatMap((join) => join.reasons.map((reason) => joinSentence(named(join.aId), named(join.bId), reason)))
    return {
      id: group.id,
      label: `G${index + 1}`,
      kind: group.kind,
      teams: group.teams,
      reasons: [...new Set(reasons)],
      mergedAs: agreedWith(group.traitIds),
      notes: members,
      proposal: { text: first.text, kind: group.kind === 'mixed' ? first.kind : group.kind },
      merged: members.every((member) => member.merged),
      linkedByHand: group.reasons.includes(LINKED_BY_FACILITATOR),
    }
  })

  const agreed: AgreedView[] = input.agreed.map((row) => ({
    id: row.id,
    kind: row.kind,
    text: row.text,
    revision: row.revision,
    agreedByName: row.agreedByName,
    sources: row.sourceTexts.map((source, index) => ({ label: labels.get(row.sourceTraitIds[index] ?? '') ?? null, team: source.team, text: source.text })),
  }))

  return {
    columns: {
      good: { marketing: column('good', 'marketing'), sales: column('good', 'sales') },
      bad: { marketing: column('bad', 'marketing'), sales: column('bad', 'sales') },
    },
    groups,
    contradictions: board.contradictions.map(
      (pair): ContradictionView => ({
        a: ref(pair.aId),
        b: ref(pair.bId),
        reasons: pair.reasons.map((reason) => joinSentence(named(pair.aId), named(pair.bId), reason)),
        settledBy: settledBy(pair.aId, pair.bId),
      }),
    ),
    agreed: { good: agreed.filter((row) => row.kind === 'good'), bad: agreed.filter((row) => row.kind === 'bad') },
    /** Notes nobody has merged yet and that share no group: each can be agreed on its own. */
    unmergedSingles: notes.filter((note) => !note.group && !note.merged).map((note) => note.id),
  }
}

export type BoardView = ReturnType<typeof buildBoardView>

/**
 * The names of the board's forms: an action's answer (FormAnswer.form) names the one it is
 * about, and the page shows it there. A card's name is also its element id, so a redirect's
 * hash lands on it.
 */
export const BOARD_FORMS = {
  /** The page as a whole: an answer about a note or trait that is no longer there. */
  board: 'board',
  reveal: 'reveal',
  add: (kind: TraitKind) => `add-${kind}`,
  note: (traitId: string) => `note-${traitId}`,
  group: (groupId: string) => `group-${groupId}`,
  pair: (aId: string, bId: string) => `pair-${aId}-${bId}`,
  /** The form that settles a contradiction by agreeing one trait from both notes. */
  settle: (aId: string, bId: string) => `settle-${aId}-${bId}`,
  link: 'link',
  agreeNew: 'agree-new',
  agreed: (agreedId: string) => `agreed-${agreedId}`,
} as const
