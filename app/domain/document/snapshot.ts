import type { ScoringConfig } from '~/domain/scoring'
import type { Handoff } from '~/domain/sla/schema'
import type { LifecycleStage } from '~/domain/lifecycle/stages'

/*
 * The content of a version: everything the definition document shows, frozen at publish.
 * Sections whose step has no content yet are null or empty, never invented.
 */

export type SnapshotPersona = {
  name: string
  negative: boolean
  title: string
  seniority: string
  department: string
  industry: string
  companySize: string
  region: string
  pains: string
  goals: string
  buyingRole: string | null
  closedWonMatch: string | null
  closedWonNote: string
}

export type SnapshotContext = {
  company: string
  product: string
  dealSize: number | null
  currency: string
  salesCycleDays: number | null
  inboundPercent: number | null
  goals: string
  participants: { name: string; team: string; title?: string }[]
}

export type SnapshotFunnel = {
  revenueTarget: number
  periodMonths: number
  averageDealSize: number
  currency: string
  perMonth: { leads: number; mqls: number; sals: number | null; sqls: number; opportunities: number; customers: number } | null
}

export type SnapshotSignOff = { section: SignOffSection; team: 'marketing' | 'sales'; name: string; signedAt: string }

export const SIGN_OFF_SECTIONS = ['context-leads', 'personas', 'criteria-scoring', 'stages-funnel', 'handoff-sla'] as const
export type SignOffSection = (typeof SIGN_OFF_SECTIONS)[number]

export const SECTION_TITLES: Record<SignOffSection, string> = {
  'context-leads': 'Context and good/bad leads',
  personas: 'Personas',
  'criteria-scoring': 'Criteria and scoring',
  'stages-funnel': 'Lifecycle stages and funnel',
  'handoff-sla': 'Handoff SLA',
}

export type Snapshot = {
  formatVersion: 1
  workshop: { id: string; name: string; company: string }
  context: SnapshotContext | null
  agreedTraits: { kind: 'good' | 'bad'; text: string; sources: { team: string; text: string }[] }[]
  personas: SnapshotPersona[]
  scoring: ScoringConfig
  stages: LifecycleStage[]
  funnel: SnapshotFunnel | null
  handoff: Handoff | null
  signOffs: SnapshotSignOff[]
}

/** The part of a snapshot each sign-off covers: a change to it voids that section's sign-offs. */
export function sectionContent(snapshot: Omit<Snapshot, 'signOffs'>, section: SignOffSection): unknown {
  switch (section) {
    case 'context-leads':
      return { context: snapshot.context, agreedTraits: snapshot.agreedTraits }
    case 'personas':
      return snapshot.personas
    case 'criteria-scoring': {
      const { source: _source, handoff: _handoff, ...config } = snapshot.scoring as ScoringConfig & { source?: unknown; handoff?: unknown }
      return config
    }
    case 'stages-funnel':
      return { stages: snapshot.stages, funnel: snapshot.funnel && { ...snapshot.funnel, perMonth: undefined } }
    case 'handoff-sla':
      return snapshot.handoff
  }
}

/** JSON with sorted keys, so equal content always gives the same text (and fingerprint). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, node: unknown) => {
    if (node && typeof node === 'object' && !Array.isArray(node)) {
      return Object.fromEntries(Object.entries(node as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    }
    return node
  })
}

/**
 * Whether two versions say the same thing: the workshop's name and company and every signed
 * section's content. Who signed and the config's `source` (version number, date) do not count,
 * so a publish with nothing changed can be recognised and refused.
 */
export function sameContent(a: Omit<Snapshot, 'signOffs'>, b: Omit<Snapshot, 'signOffs'>): boolean {
  if (a.workshop.name !== b.workshop.name || a.workshop.company !== b.workshop.company) return false
  return SIGN_OFF_SECTIONS.every((section) => canonicalJson(sectionContent(a, section)) === canonicalJson(sectionContent(b, section)))
}
