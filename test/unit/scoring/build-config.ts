import { compile, formatVersionOf, type Condition, type FieldType, type Lead, type ScoreResult, type ScoringConfig } from '~/domain/scoring'

/** Every scoring test scores as of this moment. */
export const AS_OF = '2026-06-01T12:00:00.000Z'
export const AS_OF_MS = Date.UTC(2026, 5, 1, 12)
export const DAY_MS = 86_400_000

/**
 * A small valid config; tests override the parts they are about. It says the version an export
 * would (formatVersionOf): 2 when an override uses a format-2 construct, unless the override names
 * schemaVersion itself.
 */
export function buildConfig(overrides: Partial<ScoringConfig> = {}): ScoringConfig {
  const config: ScoringConfig = {
    schemaVersion: 1,
    fields: [
      { key: 'title', label: 'Job title', type: 'string' },
      { key: 'employees', label: 'Employees', type: 'number' },
      { key: 'email', label: 'Email', type: 'email' },
      { key: 'lastSeen', label: 'Last seen', type: 'date' },
      { key: 'decisionMaker', label: 'Decision maker', type: 'boolean' },
    ],
    activities: [
      { key: 'demo_request', label: 'Demo request' },
      { key: 'pricing_view', label: 'Pricing view' },
    ],
    fit: { max: 100, rules: [] },
    engagement: { max: 100, halfLifeDays: null, rules: [] },
    disqualifiers: [],
    required: [],
    fastTrack: [],
    mql: { minFit: 0, minEngagement: 0 },
    sql: { criteria: [], minMet: 0 },
    grades: [],
    ...overrides,
  }
  if (overrides.schemaVersion === undefined) config.schemaVersion = formatVersionOf(config)
  return config
}

/** Whether a condition holds for one attribute value of a field of the given type. */
export function holds(when: Condition, value: unknown, type: FieldType = 'string', present = true): boolean {
  const config = buildConfig({
    fields: [{ key: 'x', label: 'X', type }],
    disqualifiers: [{ id: 'c', label: 'Condition', when }],
  })
  const lead: Lead = { attributes: present ? { x: value } : {} }
  return compile(config).score(lead, AS_OF).disqualifiedBy.includes('c')
}

export function score(config: ScoringConfig, lead: Partial<Lead>, asOf: string | number | Date = AS_OF): ScoreResult {
  return compile(config).score({ attributes: {}, ...lead }, asOf)
}

/** An ISO timestamp `days` days before AS_OF (negative: after), plus `ms` milliseconds later. */
export function daysAgo(days: number, ms = 0): string {
  return new Date(AS_OF_MS - days * DAY_MS + ms).toISOString()
}
