import { describe, expect, it } from 'vitest'
import { ContextSchema, formatParticipants, parseParticipants } from '~/domain/context/schemas'
import {
  AddTraitSchema,
  DeleteTraitSchema,
  FormNameSchema,
  LinkNotesSchema,
  MergeTraitsSchema,
  SaveAgreedSchema,
  SaveTraitSchema,
} from '~/domain/lead-board/schemas'
import { BOARD_FORMS, buildBoardView, labelNotes, type ViewerNote } from '~/domain/lead-board/view'
import { PersonaSchema } from '~/domain/personas/schemas'

/** A note as the model hands it over, with the number it was given when written. */
const note = (id: string, team: 'marketing' | 'sales', kind: 'good' | 'bad', text: string, seq: number): ViewerNote => ({ id, team, seq, kind, text, why: '', authorName: null, revision: 1 })
const agreedRow = (id: string, kind: 'good' | 'bad', text: string, sourceTraitIds: string[], agreedByName: string | null = 'Sam Sales') => ({
  id,
  kind,
  text,
  revision: 1,
  sourceTraitIds,
  sourceTexts: sourceTraitIds.map(() => ({ team: 'sales', text })),
  agreedByName,
})

describe('the board view', () => {
  it('labels each note with the number it was given, so a deleted note leaves a gap and nothing moves', () => {
    const labels = labelNotes([note('a', 'sales', 'good', 'x', 1), note('b', 'marketing', 'bad', 'y', 1), note('c', 'sales', 'bad', 'z', 2)])
    expect([...labels.values()]).toEqual(['S1', 'M1', 'S2'])
    // M2 and S1 were deleted: M3 stays M3, S2 stays S2 (a renumbering would make them M2 and S1).
    const afterDeletes = labelNotes([note('m1', 'marketing', 'good', 'x', 1), note('m3', 'marketing', 'good', 'y', 3), note('s2', 'sales', 'bad', 'z', 2)])
    expect(Object.fromEntries(afterDeletes)).toEqual({ m1: 'M1', m3: 'M3', s2: 'S2' })
  })

  it('numbers notes from an older backup (no number yet) after the team’s highest, in order', () => {
    const labels = labelNotes([note('old1', 'marketing', 'good', 'x', 0), note('m4', 'marketing', 'good', 'y', 4), note('old2', 'marketing', 'bad', 'z', 0)])
    expect(Object.fromEntries(labels)).toEqual({ old1: 'M5', m4: 'M4', old2: 'M6' })
  })

  it('shows no groups or contradictions before the reveal, even for a team’s own notes', () => {
    const view = buildBoardView({ revealed: false, notes: [note('a', 'marketing', 'good', 'Students', 1), note('b', 'marketing', 'bad', 'Students', 2)], links: [], agreed: [] })
    expect(view.groups).toEqual([])
    expect(view.contradictions).toEqual([])
    expect(view.columns.good.marketing.map((n) => n.label)).toEqual(['M1'])
    expect(view.columns.bad.marketing.map((n) => n.label)).toEqual(['M2'])
  })

  const notes = [
    note('m1', 'marketing', 'good', 'Companies with 200–2,000 employees', 1),
    note('m2', 'marketing', 'good', 'Agencies', 2),
    note('s1', 'sales', 'good', 'Mid-market: 250–5,000 employees', 1),
    note('s2', 'sales', 'bad', 'Marketing agencies', 2),
    note('s3', 'sales', 'bad', 'Students', 3),
  ]

  it('after the reveal, cross-references groups, contradictions and merged notes by label', () => {
    const agreed = [{ ...agreedRow('x', 'good', 'Companies with 200–5,000 employees', ['m1', 's1']), sourceTexts: [{ team: 'marketing', text: 'old words' }, { team: 'sales', text: 'Mid-market: 250–5,000 employees' }] }]
    const view = buildBoardView({ revealed: true, notes, links: [], agreed })
    expect(view.groups).toHaveLength(1)
    expect(view.groups[0]).toMatchObject({ label: 'G1', kind: 'good', teams: ['marketing', 'sales'], merged: true, linkedByHand: false, proposal: { text: 'Companies with 200–2,000 employees', kind: 'good' } })
    expect(view.columns.good.marketing[0]).toMatchObject({ label: 'M1', group: 'G1', merged: true, contradicts: [] })
    expect(view.columns.good.marketing[1]).toMatchObject({ label: 'M2', group: null, contradicts: ['S2'] })
    expect(view.contradictions).toEqual([expect.objectContaining({ a: expect.objectContaining({ label: 'M2' }), b: expect.objectContaining({ label: 'S2' }), settledBy: null })])
    expect(view.agreed.good[0]!.sources).toEqual([
      { label: 'M1', team: 'marketing', text: 'old words' },
      { label: 'S1', team: 'sales', text: 'Mid-market: 250–5,000 employees' },
    ])
    expect(view.unmergedSingles).toEqual(['m2', 's2', 's3'])
  })

  it('says why notes are grouped in a plain sentence that names both notes and quotes their words', () => {
    const view = buildBoardView({ revealed: true, notes, links: [], agreed: [] })
    expect(view.groups[0]!.reasons).toEqual(['M1 and S1: “200–2,000 employees” and “Mid-market: 250–5,000 employees” are overlapping company sizes.'])
    expect(view.contradictions[0]!.reasons).toEqual(['M2 and S2: “Agencies” is good for marketing but bad for sales.'])
    const students = buildBoardView({ revealed: true, notes: [note('m6', 'marketing', 'bad', 'Students and researchers', 6), note('s7', 'sales', 'bad', 'Students', 7)], links: [], agreed: [] })
    expect(students.groups[0]!.reasons).toEqual(['M6 and S7 both say “Students”.'])
    const budget = buildBoardView({ revealed: true, notes: [note('s3', 'sales', 'good', 'Budget approved for this year', 3), note('s9', 'sales', 'bad', 'No budget before next year', 9)], links: [], agreed: [] })
    expect(budget.groups[0]!.reasons).toEqual([
      'S3 and S9: “Budget approved” and “No budget” are both about budget.',
      'S3 is a good-lead note and S9 a bad-lead note: the same point from opposite sides.',
    ])
    const linked = buildBoardView({ revealed: true, notes: [note('a', 'marketing', 'good', 'Data team', 1), note('b', 'sales', 'good', 'Has analysts', 1)], links: [{ aId: 'a', bId: 'b', linked: true }], agreed: [] })
    expect(linked.groups[0]).toMatchObject({ linkedByHand: true, reasons: ['M1 and S1 were linked by the facilitator.'] })
  })

  it('says who merged a group, in which words and from which notes', () => {
    const view = buildBoardView({ revealed: true, notes, links: [], agreed: [agreedRow('x', 'good', 'Companies with 200–5,000 employees', ['m1', 's1'])] })
    expect(view.groups[0]!.mergedAs).toEqual([{ id: 'x', kind: 'good', text: 'Companies with 200–5,000 employees', revision: 1, agreedByName: 'Sam Sales', noteLabels: ['M1', 'S1'] }])
    // Only part of the group merged: the group is not merged, and says which part went where.
    const partly = buildBoardView({ revealed: true, notes, links: [], agreed: [agreedRow('y', 'good', 'Big companies', ['m1'])] })
    expect(partly.groups[0]).toMatchObject({ merged: false, mergedAs: [expect.objectContaining({ text: 'Big companies', noteLabels: ['M1'] })] })
  })

  it('counts a contradiction as settled once both notes went into one agreed trait, and stops warning on the notes', () => {
    const view = buildBoardView({ revealed: true, notes, links: [], agreed: [agreedRow('z', 'bad', 'Agencies that resell to their clients', ['m2', 's2'])] })
    expect(view.contradictions[0]!.settledBy).toEqual({ text: 'Agencies that resell to their clients', kind: 'bad', agreedByName: 'Sam Sales' })
    expect(view.columns.good.marketing[1]).toMatchObject({ label: 'M2', contradicts: [] })
    // Agreed apart, each on its own, the two sides still contradict each other.
    const apart = buildBoardView({ revealed: true, notes, links: [], agreed: [agreedRow('p', 'good', 'Agencies', ['m2']), agreedRow('q', 'bad', 'Marketing agencies', ['s2'])] })
    expect(apart.contradictions[0]!.settledBy).toBeNull()
    expect(apart.columns.good.marketing[1]).toMatchObject({ contradicts: ['S2'] })
  })

  it('keeps an agreed trait’s provenance when its notes are gone', () => {
    const agreed = [{ id: 'x', kind: 'bad' as const, text: 'Students', revision: 1, sourceTraitIds: ['gone'], sourceTexts: [{ team: 'sales', text: 'Students' }], agreedByName: null }]
    expect(buildBoardView({ revealed: true, notes: [], links: [], agreed }).agreed.bad[0]!.sources).toEqual([{ label: null, team: 'sales', text: 'Students' }])
  })
})

describe('the board’s form schemas', () => {
  const OUT_OF_DATE = 'This form is out of date. Reload the page and try again.'
  const errorsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]))

  it('names every form in a way the form-name check accepts, with ids as the database makes them', () => {
    const id = 'xNAFStXP_gtNH5CDzpu8aQ'
    const names = [BOARD_FORMS.add('good'), BOARD_FORMS.note(id), BOARD_FORMS.group(id), BOARD_FORMS.pair(id, id), BOARD_FORMS.agreed(id), BOARD_FORMS.link, BOARD_FORMS.agreeNew]
    for (const name of names) expect(FormNameSchema.safeParse(name)).toEqual({ success: true, data: name })
    expect(FormNameSchema.safeParse('note-1"><script>').success).toBe(false)
  })

  it('takes a new note for a known team only, and needs the revision and note to save or delete one', () => {
    expect(AddTraitSchema.parse({ intent: 'add-trait', form: 'add-good', team: 'sales', kind: 'good', text: ' Mid-market ', why: '' })).toEqual({
      intent: 'add-trait',
      form: 'add-good',
      team: 'sales',
      kind: 'good',
      text: 'Mid-market',
    })
    expect(errorsOf(AddTraitSchema.safeParse({ intent: 'add-trait', team: 'partners', kind: 'good', text: 'x' }))).toEqual({ team: 'Unknown team: notes belong to marketing or sales.' })
    expect(errorsOf(SaveTraitSchema.safeParse({ intent: 'save-trait', traitId: '', kind: 'good', text: 'x', revision: '' }))).toEqual({ traitId: OUT_OF_DATE, revision: OUT_OF_DATE })
    expect(errorsOf(DeleteTraitSchema.safeParse({ intent: 'delete-trait', traitId: 'n1', revision: '0' }))).toEqual({ revision: OUT_OF_DATE })
    expect(errorsOf(DeleteTraitSchema.safeParse({ intent: 'save-trait', traitId: 'n1', revision: '2' }))).toHaveProperty('intent')
    expect(SaveAgreedSchema.parse({ intent: 'save-agreed', agreedId: 'a1', kind: 'bad', text: 'Students', revision: '3' })).toEqual({ intent: 'save-agreed', agreedId: 'a1', kind: 'bad', text: 'Students', revision: 3 })
  })

  it('merges the ticked notes in order, once each, whether unticked boxes read as false (script) or are left out (no script)', () => {
    const merge = { intent: 'merge', form: 'group-g1', kind: 'good', text: 'Mid-market' }
    expect(MergeTraitsSchema.parse({ ...merge, sourceTraitIds: ['n2', false, 'n1', 'n2'] }).sourceTraitIds).toEqual(['n2', 'n1'])
    expect(MergeTraitsSchema.parse({ ...merge, sourceTraitIds: ['n3'] }).sourceTraitIds).toEqual(['n3'])
    expect(MergeTraitsSchema.parse(merge).sourceTraitIds).toEqual([])
    expect(errorsOf(MergeTraitsSchema.safeParse({ ...merge, sourceTraitIds: 'n1' }))).toEqual({ sourceTraitIds: 'Pick the notes to merge.' })
    expect(errorsOf(MergeTraitsSchema.safeParse({ ...merge, sourceTraitIds: Array.from({ length: 51 }, (_, i) => `n${i}`) }))).toEqual({
      sourceTraitIds: 'An agreed trait can merge at most 50 notes.',
    })
  })

  it('links two different notes, or unlinks them', () => {
    expect(LinkNotesSchema.parse({ intent: 'link', form: 'link', aId: 'n1', bId: 'n2', linked: 'false' })).toEqual({ intent: 'link', form: 'link', aId: 'n1', bId: 'n2', linked: false })
    expect(errorsOf(LinkNotesSchema.safeParse({ intent: 'link', aId: 'n1', bId: 'n1', linked: 'true' }))).toEqual({ bId: 'Pick two different traits to link.' })
  })
})

describe('context and persona forms', () => {
  it.each([
    ['Dana Fox — sales — Head of Sales', [{ name: 'Dana Fox', team: 'sales', title: 'Head of Sales' }]],
    ['Jean-Luc Picard - Marketing - CMO', [{ name: 'Jean-Luc Picard', team: 'marketing', title: 'CMO' }]],
    ['Priya | RevOps', [{ name: 'Priya', team: 'RevOps' }]],
    ['Ana\tmkt\tVP Growth — EMEA', [{ name: 'Ana', team: 'marketing', title: 'VP Growth — EMEA' }]],
    ['\n  \nLi — sales\n', [{ name: 'Li', team: 'sales' }]],
  ])('reads the participant line %j', (text, participants) => {
    expect(parseParticipants(text)).toEqual({ ok: true, participants })
  })

  it('says which participant line is wrong, and round-trips the list', () => {
    expect(parseParticipants('Dana — sales\nJust a name')).toEqual({ ok: false, message: 'Line 2: write “Name — team — title”, e.g. “Dana Fox — sales — Head of Sales”.' })
    const list = [{ name: 'Dana Fox', team: 'sales', title: 'Head of Sales' }, { name: 'Priya', team: 'facilitator' }]
    expect(parseParticipants(formatParticipants(list))).toEqual({ ok: true, participants: list })
  })

  it('reads the sales motion as whole numbers and refuses nonsense', () => {
    const base = { company: 'Acme', product: 'Analytics', currency: 'EUR', goals: '', participants: '', revision: '', workshopRevision: '1' }
    expect(ContextSchema.parse({ ...base, dealSize: '24,000', salesCycleDays: ' 75 ', inboundPercent: '' })).toMatchObject({ dealSize: 24000, salesCycleDays: 75, inboundPercent: undefined, revision: undefined })
    const refused = ContextSchema.safeParse({ ...base, dealSize: '-5', salesCycleDays: '2.5', currency: 'XXX' })
    expect(refused.success).toBe(false)
    expect(refused.error!.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['currency', 'dealSize', 'salesCycleDays'])
  })

  it('needs a persona’s name and keeps its buying role to the four roles', () => {
    const persona = { negative: 'false', name: 'Dana', buyingRole: 'influencer' }
    expect(PersonaSchema.parse(persona)).toMatchObject({ negative: false, name: 'Dana', buyingRole: 'influencer', pains: '' })
    expect(PersonaSchema.parse({ ...persona, buyingRole: '' }).buyingRole).toBeUndefined()
    expect(PersonaSchema.safeParse({ ...persona, buyingRole: 'champion' }).success).toBe(false)
    expect(PersonaSchema.safeParse({ ...persona, name: ' ' }).success).toBe(false)
  })
})
