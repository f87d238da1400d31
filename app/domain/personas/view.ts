import type { BuyingRole, ClosedWonMatch } from './schemas'

/** A persona as the personas page shows it (what a stored row holds, without its bookkeeping). */
export type PersonaView = {
  id: string
  revision: number
  negative: boolean
  name: string
  title: string
  seniority: string
  department: string
  industry: string
  companySize: string
  region: string
  pains: string
  goals: string
  buyingRole: BuyingRole | null
  closedWonMatch: ClosedWonMatch | null
  closedWonNote: string
  updatedByName: string | null
}

/** The persona in one line, to show what someone else saved when a change was refused. */
export function personaSummary(persona: Pick<PersonaView, 'name' | 'title' | 'seniority' | 'industry' | 'companySize' | 'region'>): string {
  return [persona.name, persona.title, persona.seniority, persona.industry, persona.companySize, persona.region].filter(Boolean).join(' · ')
}

/** The facts a persona card lists, in the order it lists them; empty ones are left out. */
export function personaFacts(persona: Pick<PersonaView, 'industry' | 'companySize' | 'region' | 'department'>): [label: string, value: string][] {
  const facts: [string, string][] = [
    ['Industry', persona.industry],
    ['Company size', persona.companySize],
    ['Region', persona.region],
    ['Department', persona.department],
  ]
  return facts.filter(([, value]) => value)
}

/** What the persona editor posts, as text: a new persona's blanks or a stored one's values at its revision. */
export type PersonaEditorValues = {
  intent: 'add-persona' | 'save-persona'
  personaId?: string
  negative: 'true' | 'false'
  name: string
  title: string
  seniority: string
  department: string
  industry: string
  companySize: string
  region: string
  pains: string
  goals: string
  buyingRole: BuyingRole | ''
  revision: string
}

export function newPersonaValues(negative: boolean): PersonaEditorValues {
  return {
    intent: 'add-persona',
    negative: negative ? 'true' : 'false',
    name: '',
    title: '',
    seniority: '',
    department: '',
    industry: '',
    companySize: '',
    region: '',
    pains: '',
    goals: '',
    buyingRole: '',
    revision: '',
  }
}

export function personaEditorValues(persona: PersonaView): PersonaEditorValues {
  return {
    intent: 'save-persona',
    personaId: persona.id,
    negative: persona.negative ? 'true' : 'false',
    name: persona.name,
    title: persona.title,
    seniority: persona.seniority,
    department: persona.department,
    industry: persona.industry,
    companySize: persona.companySize,
    region: persona.region,
    pains: persona.pains,
    goals: persona.goals,
    buyingRole: persona.buyingRole ?? '',
    revision: String(persona.revision),
  }
}

/**
 * The names of the page's forms, which say where an action's answer shows: the editor that adds
 * a buyer or a negative persona, a persona's card (its editor, delete and draft buttons) and
 * sales' closed-won check on it.
 */
export const PERSONA_FORMS = {
  add: (negative: boolean) => (negative ? 'add-negative' : 'add-buyer'),
  card: (personaId: string) => `persona-${personaId}`,
  closedWon: (personaId: string) => `closed-won-${personaId}`,
} as const
