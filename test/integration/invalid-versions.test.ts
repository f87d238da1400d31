import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { versions } from '#db/schema'
import { newId } from '#db/ids'
import { SIGN_OFF_SECTIONS } from '~/domain/document/snapshot'
import { acmeScoringConfig } from '~/domain/scoring'
import { createApiToken } from '~/models/api-token.server'
import { exportWorkshop, importWorkshop } from '~/models/backup.server'
import { acceptInvite, createInvite } from '~/models/invite.server'
import { replaceScoringModel } from '~/models/scoring-model.server'
import { signOffSection } from '~/models/sign-off.server'
import { publishVersion } from '~/models/version.server'
import { createWorkshop } from '~/models/workshop.server'
import { loader as configLoader } from '~/routes/api.v1.workshops.$workshopId.versions.$version.config'
import { action as scoreAction } from '~/routes/api.v1.workshops.$workshopId.versions.$version.score'
import { DatabaseFingerprint } from '../setup/database-fingerprint'
import { person, useTestDatabase } from '../setup/test-database'

/*
 * Nothing invalid becomes permanent (issue #18): a backup whose published version carries a config
 * that publishing would refuse is refused whole, with nothing written; and a stored version that no
 * longer passes validation answers the API with a JSON 422, never a 500 or a config the CLI refuses.
 */

const store = useTestDatabase()
let workshopId = ''
let backup = ''
let facilitatorId = ''

/** A workshop with the Acme scoring model published twice (v2 raises the MQL engagement bar). */
beforeAll(async () => {
  const fran = await person('fran@example.com')
  const mia = await person('mia@example.com')
  const sam = await person('sam@example.com')
  facilitatorId = fran.id
  const workshop = await createWorkshop({ name: 'Invalid versions', company: 'Acme', userId: fran.id })
  workshopId = workshop.id
  for (const [who, role] of [
    [mia, 'marketing'],
    [sam, 'sales'],
  ] as const) {
    const invite = await createInvite({ workshopId, role, expiresInDays: 7, singleUse: true, createdBy: fran.id })
    await acceptInvite({ token: invite.token, userId: who.id })
  }
  for (const minEngagement of [40, 45]) {
    await replaceScoringModel(workshopId, { ...acmeScoringConfig, mql: { ...acmeScoringConfig.mql, minEngagement } } as never)
    for (const section of SIGN_OFF_SECTIONS) {
      await signOffSection({ workshopId, userId: mia.id, team: 'marketing', section })
      await signOffSection({ workshopId, userId: sam.id, team: 'sales', section })
    }
    const published = await publishVersion({ workshopId, userId: fran.id, note: `Engagement bar ${minEngagement}.` })
    if (!published.ok) throw new Error(`not published: ${JSON.stringify(published)}`)
  }
  backup = await exportWorkshop(workshopId)
})

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

/** The backup with version `number`'s snapshot changed by `change` (made once the backup exists). */
const withSnapshot = (number: number, change: (snapshot: Json) => void) => (): string => {
  const file = JSON.parse(backup)
  const row = file.tables.versions.find((version: { number: number }) => version.number === number)
  const snapshot = JSON.parse(row.snapshot)
  change(snapshot)
  row.snapshot = JSON.stringify(snapshot)
  return JSON.stringify(file)
}

describe('importing a backup with an invalid published config', () => {
  it.each<[string, () => string, RegExp]>([
    [
      'an unknown operator',
      withSnapshot(2, (s) => (s.scoring.fit.rules[0].when = { field: 'seniority', op: 'equals', value: 'vp' })),
      /\(version 2\): its scoring config is not valid: snapshot\.scoring\.fit\.rules\[0\]\.when\.op: unknown operator "equals"/,
    ],
    [
      'a rule naming a field the config lacks',
      withSnapshot(1, (s) => (s.scoring.required = [...s.scoring.required, 'phoneNumber'])),
      /\(version 1\): its scoring config is not valid: snapshot\.scoring\.required\[\d+\]: unknown field "phoneNumber"/,
    ],
    [
      'a config without its source',
      withSnapshot(2, (s) => delete s.scoring.source),
      /\(version 2\): its scoring config is not valid: snapshot\.scoring\.source: a published version names its source/,
    ],
    [
      'a config claiming another version',
      withSnapshot(2, (s) => (s.scoring.source.version = 7)),
      /\(version 2\): .*snapshot\.scoring\.source\.version: says version 7, the row is version 2/,
    ],
  ])('refuses %s, naming the version and the path, with every table unchanged', async (_name, edited, message) => {
    const text = edited()
    const importer = await person(`ida-${Math.random().toString(36).slice(2)}@importer.example`)
    const fingerprint = await DatabaseFingerprint.open(process.env.DATABASE_PATH!)
    try {
      const before = await fingerprint.fingerprint()
      const result = await importWorkshop({ text, userId: importer.id })
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.reason).toBe('invalid')
        expect(result.message).toMatch(message)
        expect(result.message).toMatch(/Nothing was imported\.$/)
      }
      expect(await fingerprint.fingerprint()).toBe(before)
    } finally {
      await fingerprint.close()
    }
  })

  it('still imports the same backup untouched (the checks refuse only what is wrong)', async () => {
    const importer = await person('ida-valid@importer.example')
    const result = await importWorkshop({ text: backup, userId: importer.id })
    expect(result.ok).toBe(true)
  })
})

describe('a stored version whose config no longer passes validation', () => {
  it('answers the API with a JSON 422 naming the version and the problem, for the config and for scoring', async () => {
    const [latest] = await store().db.select({ snapshot: versions.snapshot, number: versions.number }).from(versions).where(eq(versions.workshopId, workshopId)).orderBy(versions.number)
    const snapshot = JSON.parse(latest!.snapshot)
    // As a version stored before the schema refused control characters would hold it.
    snapshot.scoring.fit.rules[0].label = 'C-level\u0000or VP'
    snapshot.scoring.source.version = 9
    await store().db.insert(versions).values({ id: newId(), workshopId, number: 9, publishedAt: new Date('2026-11-01T10:00:00Z'), publishedBy: facilitatorId, snapshot: JSON.stringify(snapshot), changelog: '[]', note: 'stored long ago' })
    const { token } = await createApiToken({ workshopId, name: 'pipeline', scopes: ['read', 'score'], createdBy: facilitatorId })
    const request = (path: string, init: RequestInit = {}) =>
      new Request(`http://localhost:3000/api/v1/workshops/${workshopId}/versions/9/${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } })
    const params = { workshopId, version: '9' }

    const config = await configLoader({ request: request('config'), params, context: {} })
    expect(config.status).toBe(422)
    const configError = await config.json()
    expect(configError.error.code).toBe('invalid_version')
    expect(configError.error.message).toMatch(/^Version 9's scoring config does not pass validation \(fit\.rules\[0\]\.label: must not contain control characters/)
    expect(configError.error.details.issues[0].path).toBe('fit.rules[0].label')

    const scored = await scoreAction({ request: request('score', { method: 'POST', body: JSON.stringify({ leads: [{ attributes: {} }] }) }), params, context: {} })
    expect(scored.status).toBe(422)
    expect(scored.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect((await scored.json()).error.code).toBe('invalid_version')
  })
})
