import { describe, expect, it } from 'vitest'
import { AddPersonaSchema, ClosedWonSchema, DeletePersonaSchema, DraftDisqualifierSchema, PersonaEditorSchema, SavePersonaSchema } from '~/domain/personas/schemas'
import { newPersonaValues, PERSONA_FORMS, personaEditorValues, personaFacts, personaSummary, type PersonaView } from '~/domain/personas/view'

const dana: PersonaView = {
  id: 'p1',
  revision: 3,
  negative: false,
  name: 'Data-driven Dana',
  title: 'Head of Data',
  seniority: '',
  department: 'Data',
  industry: 'SaaS',
  companySize: '',
  region: 'DACH',
  pains: 'Five dashboards',
  goals: '',
  buyingRole: 'decision-maker',
  closedWonMatch: null,
  closedWonNote: '',
  updatedByName: 'Mia',
}

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]))

describe('the personas page’s view of a persona', () => {
  it('sums a persona up in one line and lists its facts in order, leaving out what is empty', () => {
    expect(personaSummary(dana)).toBe('Data-driven Dana · Head of Data · SaaS · DACH')
    expect(personaFacts(dana)).toEqual([
      ['Industry', 'SaaS'],
      ['Region', 'DACH'],
      ['Department', 'Data'],
    ])
    expect(personaFacts({ industry: '', companySize: '', region: '', department: '' })).toEqual([])
  })

  it('fills the editor with a stored persona at its revision, and a new one with blanks', () => {
    expect(personaEditorValues(dana)).toMatchObject({ intent: 'save-persona', personaId: 'p1', negative: 'false', name: 'Data-driven Dana', buyingRole: 'decision-maker', revision: '3' })
    expect(personaEditorValues({ ...dana, negative: true, buyingRole: null })).toMatchObject({ negative: 'true', buyingRole: '' })
    expect(newPersonaValues(true)).toMatchObject({ intent: 'add-persona', negative: 'true', name: '', revision: '' })
    expect(newPersonaValues(true)).not.toHaveProperty('personaId')
  })

  it('names each form where an answer shows', () => {
    expect([PERSONA_FORMS.add(false), PERSONA_FORMS.add(true), PERSONA_FORMS.card('p1'), PERSONA_FORMS.closedWon('p1')]).toEqual(['add-buyer', 'add-negative', 'persona-p1', 'closed-won-p1'])
  })
})

describe('the personas page’s form schemas', () => {
  it('reads what the editor posts, adding or saving, and what it fills itself with', () => {
    expect(AddPersonaSchema.parse({ ...newPersonaValues(false), name: 'Olivia' })).toMatchObject({ intent: 'add-persona', negative: false, name: 'Olivia', buyingRole: undefined, revision: undefined })
    expect(issuesOf(AddPersonaSchema.safeParse(newPersonaValues(false)))).toEqual({ name: 'Name the persona, e.g. “Operations Olivia”.' })
    expect(SavePersonaSchema.parse(personaEditorValues(dana))).toMatchObject({ intent: 'save-persona', personaId: 'p1', revision: 3, buyingRole: 'decision-maker' })
    // The browser checks with the union of both, so an edit form cannot leave out its persona.
    expect(PersonaEditorSchema.safeParse(personaEditorValues(dana)).success).toBe(true)
    expect(issuesOf(PersonaEditorSchema.safeParse({ ...personaEditorValues(dana), personaId: '', revision: '' }))).toEqual({
      personaId: 'This form is out of date. Reload the page.',
      revision: 'This form is out of date. Reload the page.',
    })
    expect(issuesOf(PersonaEditorSchema.safeParse({ ...newPersonaValues(false), intent: 'rename-persona' }))).toHaveProperty('intent')
  })

  it('needs sales’ answer, the persona and its revision for a closed-won check', () => {
    const check = { intent: 'mark-closed-won', personaId: 'p1', revision: '3', closedWonMatch: 'partly', closedWonNote: ' 5 of 12 ' }
    expect(ClosedWonSchema.parse(check)).toEqual({ intent: 'mark-closed-won', personaId: 'p1', revision: 3, closedWonMatch: 'partly', closedWonNote: '5 of 12' })
    expect(issuesOf(ClosedWonSchema.safeParse({ ...check, closedWonMatch: undefined, revision: '0', closedWonNote: 'x'.repeat(501) }))).toEqual({
      closedWonMatch: 'Pick yes, partly or no.',
      revision: 'This form is out of date. Reload the page.',
      closedWonNote: 'The note has at most 500 characters.',
    })
  })

  it('checks the one-button forms: delete at a revision, draft a disqualifier from a persona', () => {
    expect(DeletePersonaSchema.parse({ intent: 'delete-persona', personaId: 'p1', revision: '2' })).toEqual({ intent: 'delete-persona', personaId: 'p1', revision: 2 })
    expect(issuesOf(DeletePersonaSchema.safeParse({ intent: 'delete-persona', personaId: 'p1', revision: '1.5' }))).toEqual({ revision: 'This form is out of date. Reload the page.' })
    expect(issuesOf(DraftDisqualifierSchema.safeParse({ intent: 'draft-disqualifier' }))).toEqual({ personaId: 'This form is out of date. Reload the page.' })
  })
})
