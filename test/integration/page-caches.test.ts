import { and, desc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { users, versions } from '#db/schema'
import { newId } from '#db/ids'
import { seedDemo } from '~/demo/seed.server'
import { sessionCookieFor } from '~/http/session.server'
import { getKeptScoringModel } from '~/models/scoring-model-kept.server'
import { saveSettings } from '~/models/scoring-model.server'
import { loader as overviewLoader } from '~/routes/workshops.$workshopId._index'
import { loader as scoringLoader } from '~/routes/workshops.$workshopId.scoring/route'
import { loader as draftConfigLoader } from '~/routes/workshops.$workshopId.scoring.config[.]json'
import { loader as thresholdsLoader } from '~/routes/workshops.$workshopId.scoring_.thresholds/route'
import { getRequest, useTestDatabase } from '../setup/test-database'

/*
 * ADR 013: what the overview and the scoring page keep between views. A published version's
 * summary is kept by version id (versions never change); the draft scoring model is kept until
 * anything is written. Never stale: each test changes the data and reads the page again.
 */
const store = useTestDatabase()

async function statementsFor(work: () => Promise<unknown>) {
  const before = store().statementCount
  await work()
  return store().statementCount - before
}

let seeded: Promise<{ workshopId: string; facilitatorId: string; cookie: string }> | undefined
/** The demo workshop, seeded once for the file. */
function demo() {
  seeded ??= (async () => {
    const { workshopId } = await seedDemo(store())
    const [facilitator] = await store().db.select({ id: users.id }).from(users).where(eq(users.email, 'facilitator@demo.leadpact.test'))
    const cookie = (await sessionCookieFor(facilitator!.id)).split(';')[0]!
    return { workshopId: workshopId!, facilitatorId: facilitator!.id, cookie }
  })()
  return seeded
}

type Overview = { latest: { number: number; publishedBy: string; summary: { mql: string; sql: string } } | null }
type ScoringPage = { settings: { fitMax: number }; rules: { fit: { label: string }[] } }
type ThresholdsPage = { settings: { mqlMinFit: number; revision: number } }

describe('the workshop overview keeps a published version’s summary', () => {
  it('reads a version’s snapshot once, shows a newly published version at once, and the publisher’s current name', async () => {
    const { workshopId, facilitatorId, cookie } = await demo()
    const overview = async () => (await (await overviewLoader({ request: getRequest(`/workshops/${workshopId}`, { cookie }), params: { workshopId }, context: {} })).json()) as Overview

    const first = await statementsFor(overview)
    const again = await statementsFor(overview)
    // The snapshot (20 KB of JSON, parsed and summarised) is read on the first view only.
    expect(again).toBe(first - 1)
    const before = await overview()
    expect(before.latest?.number).toBe(2)
    expect(before.latest?.summary.mql).toMatch(/^An MQL is a lead with fit ≥ \d+/)

    // Published versions cannot change: the cache relies on it.
    await expect(store().transaction(() => store().db.update(versions).set({ note: 'rewritten' }).where(eq(versions.workshopId, workshopId)))).rejects.toThrow()

    // A new version (its row as publishing writes it, with a different threshold) is the front page at once.
    const [latest] = await store().db.select().from(versions).where(eq(versions.workshopId, workshopId)).orderBy(desc(versions.number)).limit(1)
    const snapshot = JSON.parse(latest!.snapshot) as { scoring: { mql: { minFit: number } } }
    snapshot.scoring.mql.minFit += 7
    await store().transaction(() =>
      store()
        .db.insert(versions)
        .values({ ...latest!, id: newId(), number: 3, snapshot: JSON.stringify(snapshot), note: 'Fit threshold up', publishedAt: new Date() }),
    )
    const after = await overview()
    expect(after.latest?.number).toBe(3)
    expect(after.latest?.summary.mql).toContain(`fit ≥ ${snapshot.scoring.mql.minFit}`)
    expect(after.latest?.summary.mql).not.toBe(before.latest?.summary.mql)

    // The publisher's name is read on every view, not kept with the summary.
    await store().transaction(() => store().db.update(users).set({ name: 'Fran Renamed' }).where(eq(users.id, facilitatorId)))
    const [publisher] = await store()
      .db.select({ name: users.name })
      .from(versions)
      .innerJoin(users, eq(users.id, versions.publishedBy))
      .where(and(eq(versions.workshopId, workshopId), eq(versions.number, 3)))
    expect((await overview()).latest?.publishedBy).toBe(publisher!.name)
  })
})

describe('the scoring page keeps the draft model until the data changes', () => {
  it('reads the model once while nothing is written, and again after a change', async () => {
    const { workshopId, facilitatorId, cookie } = await demo()
    const page = async () => (await (await scoringLoader({ request: getRequest(`/workshops/${workshopId}/scoring`, { cookie }), params: { workshopId }, context: {} })).json()) as ScoringPage

    const first = await statementsFor(page)
    const again = await statementsFor(page)
    expect(again).toBeLessThan(first)
    const before = await page()
    const thresholds = async () =>
      (await (await thresholdsLoader({ request: getRequest(`/workshops/${workshopId}/scoring/thresholds`, { cookie }), params: { workshopId }, context: {} })).json()) as ThresholdsPage
    const beforeThresholds = await thresholds()

    // The draft changes through the model, as the thresholds form saves it: the next view shows it.
    const saved = await saveSettings({ workshopId, userId: facilitatorId, revision: beforeThresholds.settings.revision, patch: { mqlMinFit: beforeThresholds.settings.mqlMinFit + 1 } })
    expect(saved.ok).toBe(true)
    const after = await page()
    const afterThresholds = await thresholds()
    expect(afterThresholds.settings.mqlMinFit).toBe(beforeThresholds.settings.mqlMinFit + 1)
    const draftConfig = await draftConfigLoader({ request: getRequest(`/workshops/${workshopId}/scoring/config.json`, { cookie }), params: { workshopId }, context: {} })
    expect(((await draftConfig.json()) as { mql: { minFit: number } }).mql.minFit).toBe(beforeThresholds.settings.mqlMinFit + 1)
    expect(afterThresholds.settings.revision).toBe(beforeThresholds.settings.revision + 1)
    expect(after.rules.fit.map((rule) => rule.label)).toEqual(before.rules.fit.map((rule) => rule.label))
  })

  it('shares one reading of the model between the views that arrive together after a write', async () => {
    const { workshopId, facilitatorId } = await demo()
    const engagement = async (change: number) => {
      const current = await getKeptScoringModel(workshopId)
      const saved = await saveSettings({ workshopId, userId: facilitatorId, revision: current.settings.revision, patch: { mqlMinEngagement: current.settings.mqlMinEngagement + change } })
      expect(saved.ok).toBe(true)
    }
    await engagement(1)
    // After a write, one view reads the model (asking SQLite's data_version is not counted: it is a pragma on the reader).
    const alone = await statementsFor(() => getKeptScoringModel(workshopId))
    expect(alone).toBeGreaterThan(0)
    await engagement(-1)
    // Ten views together: the model's reads once for all of them.
    let models: Awaited<ReturnType<typeof getKeptScoringModel>>[] = []
    const together = await statementsFor(async () => {
      models = await Promise.all(Array.from({ length: 10 }, () => getKeptScoringModel(workshopId)))
    })
    expect(together).toBe(alone)
    expect(new Set(models).size).toBe(1)
  })

  it('hands out a model no page can change (frozen outside production)', async () => {
    const { workshopId } = await demo()
    const model = await getKeptScoringModel(workshopId)
    expect(() => {
      ;(model.settings as { mqlMinFit: number }).mqlMinFit = 0
    }).toThrow(TypeError)
    expect(() => (model.rules as unknown[]).push({})).toThrow(TypeError)
  })
})
