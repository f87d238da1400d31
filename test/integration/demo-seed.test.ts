import { describe, expect, it } from 'vitest'
import { seedDemo } from '~/demo/seed.server'
import { prepareDatabase } from '~/http/startup.server'
import { useTestDatabase } from '../setup/test-database'

const store = useTestDatabase()

/** Rows per table (every table but the migration journal). */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = (await store().db.all(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name",
  )) as string[][]
  const counts: Record<string, number> = {}
  for (const [name] of tables) counts[name!] = Number(((await store().db.all(`SELECT count(*) FROM "${name}"`)) as unknown[][])[0]![0])
  return counts
}

// The Acme Analytics workshop as the e2e tests know it.
const SEEDED = {
  users: 3,
  workshops: 1,
  memberships: 3,
  workshop_contexts: 1,
  lead_boards: 1,
  lead_traits: 17,
  trait_links: 1,
  agreed_traits: 5,
  personas: 4,
  comments: 5,
  scoring_fields: 13,
  scoring_activities: 8,
  scoring_rules: 32,
  scoring_settings: 1,
  example_leads: 3,
  criterion_suggestions: 6,
  lifecycle_stages: 8,
  funnel_targets: 1,
  handoff_slas: 1,
  sign_offs: 10,
  versions: 2,
  workshop_logos: 1,
  backtest_runs: 1,
  backtest_mappings: 1,
  assessment_rounds: 2,
  assessment_responses: 20,
}

describe('the demo seed', () => {
  it('leaves no rows when it fails half-way, and a later start seeds the whole workshop', async () => {
    // Publishing v2 is among the seed's last writes: by then users, the workshop, every step and v1 are written.
    await store().db.run(
      "CREATE TRIGGER fail_demo_v2 BEFORE INSERT ON versions WHEN NEW.number = 2 BEGIN SELECT RAISE(ABORT, 'injected failure: the disk filled up'); END",
    )
    const failed = await prepareDatabase({ demo: true }).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(failed).toBeInstanceOf(Error)
    expect(String((failed as Error).cause ?? failed)).toContain('injected failure: the disk filled up')
    const afterFailure = await rowCounts()
    expect(Object.entries(afterFailure).filter(([, count]) => count > 0)).toEqual([])

    await store().db.run('DROP TRIGGER fail_demo_v2')
    const started = await prepareDatabase({ demo: true })
    expect(started.seeded).toBe(true)
    expect(started.demoLogins.map((login) => login.email)).toEqual(['facilitator@demo.leadpact.test', 'marketing@demo.leadpact.test', 'sales@demo.leadpact.test'])
    const seeded = await rowCounts()
    expect(seeded).toMatchObject(SEEDED)
    expect(Object.entries(seeded).filter(([name, count]) => count > 0 && !(name in SEEDED))).toEqual([])

    // Every later start finds the users and adds nothing, however many start at once.
    const again = await Promise.all([prepareDatabase({ demo: true }), seedDemo(store())])
    expect(again.map((result) => result.seeded)).toEqual([false, false])
    expect(await rowCounts()).toEqual(seeded)
  })
})
