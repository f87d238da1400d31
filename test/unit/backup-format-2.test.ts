import { describe, expect, it } from 'vitest'
import { checkVersionContent } from '~/domain/backup/versions'
import type { Snapshot } from '~/domain/document/snapshot'
import { defaultStages } from '~/domain/lifecycle/stages'
import { acmeScoringConfig, type ScoringConfig } from '~/domain/scoring'
import { defaultHandoff } from '~/domain/sla/schema'

/*
 * A backup's published versions are checked before import with the schema publishing uses
 * (issue #19): a format-2 config is accepted, a config that says 1 but uses format 2 is refused
 * with the path of the construct.
 */

function snapshotWith(change: (config: ScoringConfig) => void): string {
  const scoring = structuredClone(acmeScoringConfig) as ScoringConfig
  scoring.source = { workshopId: 'w1', workshopName: 'MQL 2027', version: 1, publishedAt: '2026-11-01T10:00:00.000Z' }
  change(scoring)
  const snapshot: Snapshot = {
    formatVersion: 1,
    workshop: { id: 'w1', name: 'MQL 2027', company: 'Acme Analytics' },
    context: null,
    agreedTraits: [],
    personas: [],
    scoring,
    stages: defaultStages,
    funnel: null,
    handoff: defaultHandoff,
    signOffs: [],
  }
  return JSON.stringify(snapshot)
}

const heldDemo = (config: ScoringConfig) => {
  config.activities = config.activities.map((activity) =>
    activity.key === 'demo_request' ? { ...activity, properties: [{ key: 'completed', label: 'Completed', type: 'boolean' as const }] } : activity,
  )
  config.sql.criteria.push({ id: 'sql-demo-held', label: 'A demo was held', when: { activity: 'demo_request', time: 'past', where: { field: 'completed', op: 'eq', value: true } }, required: true })
  config.engagement.bands = [
    { band: '1', minEngagement: 60 },
    { band: '2', minEngagement: 0 },
  ]
}

describe('importing a published version from a backup', () => {
  it('accepts a format-2 scoring config', () => {
    const problem = checkVersionContent({ number: 1, changelog: '[]', snapshot: snapshotWith((config) => {
      heldDemo(config)
      config.schemaVersion = 2
    }) })
    expect(problem).toBeUndefined()
  })

  it('refuses a config that says schemaVersion 1 but uses format 2, naming where', () => {
    const problem = checkVersionContent({ number: 1, changelog: '[]', snapshot: snapshotWith((config) => {
      heldDemo(config)
      config.schemaVersion = 1
    }) })
    expect(problem).toMatch(/^its scoring config is not valid: snapshot\.scoring\.activities\[\d+\]\.properties: properties declared on an activity type is scoring format 2: set schemaVersion to 2 \(and \d+ more\)$/)
  })
})
