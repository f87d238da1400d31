import { describe, expect, it } from 'vitest'
import { ContextSchema, formatParticipants, parseParticipants } from '~/domain/context/schemas'
import { draftCriterionFromTrait, draftDisqualifierFromPersona, pruneCondition } from '~/domain/lead-board/draft-criterion'
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

const note = (id: string, team: 'marketing' | 'sales', kind: 'good' | 'bad', text: string): ViewerNote => ({ id, team, kind, text, why: '', authorName: null, revision: 1 })

const DEFAULT_KEYS = {
  fields: ['jobTitle', 'seniority', 'industry', 'employees', 'country', 'email', 'phone', 'company', 'budget', 'authority', 'need', 'timelineMonths'],
  activities: ['pricing_view', 'demo_request', 'trial_start', 'content_download', 'webinar', 'email_click', 'form_fill'],
}

describe('the board view', () => {
  it('labels notes per team in order, M1… and S1…', () => {
    const labels = labelNotes([note('a', 'sales', 'good', 'x'), note('b', 'marketing', 'bad', 'y'), note('c', 'sales', 'bad', 'z')])
    expect([...labels.values()]).toEqual(['S1', 'M1', 'S2'])
  })

  it('shows no groups or contradictions before the reveal, even for a team’s own notes', () => {
    const view = buildBoardView({ revealed: false, notes: [note('a', 'marketing', 'good', 'Students'), note('b', 'marketing', 'bad', 'Students')], links: [], agreed: [] })
    expect(view.groups).toEqual([])
    expect(view.contradictions).toEqual([])
    expect(view.columns.good.marketing.map((n) => n.label)).toEqual(['M1'])
    expect(view.columns.bad.marketing.map((n) => n.label)).toEqual(['M2'])
  })

  it('after the reveal, cross-references groups, contradictions and merged notes by label', () => {
    const notes = [
      note('m1', 'marketing', 'good', 'Companies with 200–2,000 employees'),
      note('m2', 'marketing', 'good', 'Agencies'),
      note('s1', 'sales', 'good', 'Mid-market: 250–5,000 employees'),
      note('s2', 'sales', 'bad', 'Marketing agencies'),
      note('s3', 'sales', 'bad', 'Students'),
    ]
    const agreed = [{ id: 'x', kind: 'good' as const, text: 'Companies with 200–5,000 employees', revision: 1, sourceTraitIds: ['m1', 's1'], sourceTexts: [{ team: 'marketing', text: 'old words' }, { team: 'sales', text: 'Mid-market: 250–5,000 employees' }], agreedByName: 'Sam' }]
    const view = buildBoardView({ revealed: true, notes, links: [], agreed })
    expect(view.groups).toHaveLength(1)
    expect(view.groups[0]).toMatchObject({ label: 'G1', kind: 'good', teams: ['marketing', 'sales'], merged: true, linkedByHand: false, proposal: { text: 'Companies with 200–2,000 employees', kind: 'good' } })
    expect(view.columns.good.marketing[0]).toMatchObject({ label: 'M1', group: 'G1', merged: true, contradicts: [] })
    expect(view.columns.good.marketing[1]).toMatchObject({ label: 'M2', group: null, contradicts: ['S2'] })
    expect(view.contradictions).toEqual([expect.objectContaining({ a: expect.objectContaining({ label: 'M2' }), b: expect.objectContaining({ label: 'S2' }) })])
    expect(view.agreed.good[0]!.sources).toEqual([
      { label: 'M1', team: 'marketing', text: 'old words' },
      { label: 'S1', team: 'sales', text: 'Mid-market: 250–5,000 employees' },
    ])
    expect(view.unmergedSingles).toEqual(['m2', 's2', 's3'])
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

describe('draft criteria for step 4', () => {
  it.each([
    ['Companies with 50–500 employees', 'good', { section: 'fit', condition: { field: 'employees', op: 'between', value: [50, 500] }, activity: null }],
    ['Uses a Gmail address', 'bad', { section: 'disqualifier', condition: { field: 'email', op: 'emailDomainIn', value: ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com'] } }],
    ['Requested a demo', 'good', { section: 'fastTrack', condition: null, activity: 'demo_request' }],
  ] as const)('turns “%s” (%s) into a draft', (text, kind, expected) => {
    const result = draftCriterionFromTrait(text, kind, DEFAULT_KEYS)
    expect(result).toMatchObject({ ok: true, draft: { label: text, skippedFields: [], ...expected } })
  })

  it('refuses wording without a usable fact', () => {
    expect(draftCriterionFromTrait('Competitors', 'bad', DEFAULT_KEYS)).toEqual({ ok: false, reason: 'no-fact' })
  })

  it('leaves out clauses on fields the workshop does not have, and says which', () => {
    const known = { ...DEFAULT_KEYS, fields: DEFAULT_KEYS.fields.filter((key) => key !== 'industry') }
    expect(draftCriterionFromTrait('Head of Marketing at a SaaS company', 'good', known)).toMatchObject({
      ok: true,
      draft: { skippedFields: ['industry'], condition: { all: [{ field: 'seniority', op: 'in' }, { field: 'jobTitle', op: 'contains', value: 'marketing' }] } },
    })
    expect(draftCriterionFromTrait('SaaS companies', 'good', known)).toEqual({ ok: false, reason: 'unknown-fields', fields: ['industry'] })
    expect(draftCriterionFromTrait('Requested a demo', 'good', { ...DEFAULT_KEYS, activities: [] })).toEqual({ ok: false, reason: 'unknown-fields', fields: ['demo_request'] })
  })

  it('prunes nested conditions and collapses single survivors', () => {
    const skipped = new Set<string>()
    const pruned = pruneCondition(
      { all: [{ field: 'a', op: 'present' }, { any: [{ field: 'x', op: 'present' }, { field: 'b', op: 'absent' }] }, { not: { field: 'y', op: 'present' } }] },
      new Set(['a', 'b']),
      skipped,
    )
    expect(pruned).toEqual({ all: [{ field: 'a', op: 'present' }, { field: 'b', op: 'absent' }] })
    expect([...skipped]).toEqual(['x', 'y'])
  })

  it('turns a negative persona into a disqualifier on what describes it, or on its title alone', () => {
    const students = { name: 'Students and researchers', title: 'Student', seniority: 'Student or intern', department: '', industry: 'Education', companySize: '', region: '' }
    const drafted = draftDisqualifierFromPersona(students, DEFAULT_KEYS)
    expect(drafted).toMatchObject({ ok: true, draft: { section: 'disqualifier', label: 'Students and researchers' } })
    expect(JSON.stringify(drafted)).toContain('student')
    const vague = { name: 'Tyre kickers', title: 'Procurement officer', seniority: '', department: '', industry: '', companySize: '', region: '' }
    expect(draftDisqualifierFromPersona(vague, DEFAULT_KEYS)).toMatchObject({ ok: true, draft: { condition: { field: 'jobTitle', op: 'contains', value: 'procurement officer' } } })
    expect(draftDisqualifierFromPersona({ ...vague, title: '' }, DEFAULT_KEYS)).toEqual({ ok: false, reason: 'no-fact' })
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
