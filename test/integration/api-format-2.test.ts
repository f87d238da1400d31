import { describe, expect, it } from 'vitest'
import { versions } from '#db/schema'
import { newId } from '#db/ids'
import { BANDS_AS_OF, bandedConfig, bandedLeads } from '../fixtures/format-2-bands'
import { scoreOutput } from '~/domain/api/score-output'
import { acmeScoringConfig, compile, type ScoringConfig } from '~/domain/scoring'
import { createApiToken } from '~/models/api-token.server'
import { createWorkshop } from '~/models/workshop.server'
import { action as scoreAction } from '~/routes/api.v1.workshops.$workshopId.versions.$version.score'
import { person, useTestDatabase } from '../setup/test-database'

/*
 * The API's score response carries scoring format 2's band and priority right after the grade
 * (issue #19): hand-worked values for a version with engagement bands and a priority matrix, and
 * null for a format-1 version, in the same record the CLI writes.
 */

const store = useTestDatabase()

async function scoreOn(configs: ScoringConfig[], explain: 'all' | 'none') {
  const fran = await person(`fran-${explain}@api-format-2.example`)
  const workshop = await createWorkshop({ name: 'Bands and priorities', company: 'Acme', userId: fran.id })
  const { token } = await createApiToken({ workshopId: workshop.id, name: 'crm', scopes: ['score'], createdBy: fran.id })
  const bodies: { results: Record<string, unknown>[] }[] = []
  for (const [index, config] of configs.entries()) {
    const number = index + 1
    const scoring = { ...config, source: { workshopId: workshop.id, workshopName: 'Bands and priorities', version: number, publishedAt: '2026-11-01T10:00:00.000Z' } }
    const snapshot = { formatVersion: 1, workshop: { id: workshop.id, name: 'Bands and priorities', company: 'Acme' }, scoring }
    await store().db.insert(versions).values({ id: newId(), workshopId: workshop.id, number, publishedAt: new Date('2026-11-01T10:00:00Z'), publishedBy: fran.id, snapshot: JSON.stringify(snapshot), changelog: '[]', note: 'test' })
    const request = new Request(`http://localhost:3000/api/v1/workshops/${workshop.id}/versions/${number}/score`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ asOf: BANDS_AS_OF, explain, leads: bandedLeads.map(({ lead }) => lead) }),
    })
    const response = await scoreAction({ request, params: { workshopId: workshop.id, version: String(number) }, context: {} })
    expect(response.status).toBe(200)
    bodies.push((await response.json()) as { results: Record<string, unknown>[] })
  }
  return bodies
}

describe('the score API, scoring format 2', () => {
  it.each(['all', 'none'] as const)('answers each lead’s band and priority after its grade (explain %s), null for a format-1 version', async (explain) => {
    const [banded, plain] = await scoreOn([bandedConfig, acmeScoringConfig], explain)
    const results = banded!.results
    expect(results.map((result) => Object.keys(result).slice(3, 7))).toEqual(bandedLeads.map(() => ['grade', 'band', 'priority', 'stage']))
    expect(results.map(({ id, fit, engagement, grade, band, priority }) => ({ id, fit, engagement, grade, band, priority }))).toEqual(
      bandedLeads.map(({ lead, fit, engagement, grade, band, priority }) => ({ id: lead.id, fit, engagement, grade, band, priority })),
    )
    const engine = compile(bandedConfig)
    expect(results).toEqual(bandedLeads.map(({ lead }) => JSON.parse(JSON.stringify(scoreOutput(lead, engine.score(lead, BANDS_AS_OF, explain), explain)))))

    // A format-1 version: the keys are there, with nothing in them.
    expect(plain!.results.map(({ band, priority }) => [band, priority])).toEqual(bandedLeads.map(() => [null, null]))
    expect(plain!.results.map(({ grade }) => grade)).toEqual(bandedLeads.map(({ grade }) => grade))
  })
})
