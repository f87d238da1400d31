import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { getStore } from '#db/client.server'
import { seedDemo } from '#db/seed'
import { users, workshops } from '#db/schema'
import { renderMarkdown } from '~/domain/document/markdown'
import { configJson } from '~/domain/exports/config-json'
import { exportWorkshop, importWorkshop } from '~/models/backup.server'
import { getVersionDocument } from '~/models/document.server'
import { getVersion, listVersions } from '~/models/sign-off.server'
import { createUser } from '~/models/user.server'
import { useTestDatabase } from '../setup/test-database'

const store = useTestDatabase()

/** Replaces every id (and the export time) with a placeholder and sorts rows, so two files compare by content. */
function normalise(text: string) {
  const file = JSON.parse(text)
  const ids = new Set<string>([file.workshop.id, ...file.people.map((p: { id: string }) => p.id)])
  for (const rows of Object.values(file.tables) as Record<string, unknown>[][]) for (const row of rows) ids.add(String(row.id))
  const strip = (value: unknown): unknown => {
    if (typeof value === 'string') return ids.has(value) ? '<id>' : value
    if (Array.isArray(value)) return value.map(strip)
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v)]))
    return value
  }
  const normalised = strip({ ...file, exportedAt: '<time>' }) as { tables: Record<string, unknown[]>; people: unknown[] }
  for (const [name, rows] of Object.entries(normalised.tables)) normalised.tables[name] = rows.map((r) => JSON.stringify(r)).sort()
  normalised.people = (normalised.people as { email: string }[]).sort((a, b) => a.email.localeCompare(b.email))
  return normalised
}

async function switchDatabase(file: string) {
  await store().close()
  process.env.DATABASE_PATH = file
  ;(globalThis as { __leadpactStore?: unknown }).__leadpactStore = undefined
  return getStore()
}

describe('workshop backup and restore', () => {
  it('round-trips the demo workshop into a fresh database with versions byte-identical', async () => {
    const seeded = await seedDemo(store())
    const original = await exportWorkshop(seeded.workshopId!)
    const originalFile = JSON.parse(original)
    expect(original).not.toMatch(/scrypt\$|passwordHash|tokenHash/)
    expect(originalFile.counts.versions).toBe(2)
    const originalDocs = await Promise.all([1, 2].map((number) => getVersionDocument({ workshopId: seeded.workshopId!, number }).then((d) => renderMarkdown(d!))))
    const originalConfigs = await Promise.all([1, 2].map((number) => getVersion({ workshopId: seeded.workshopId!, number }).then((v) => configJson(v!.snapshot.scoring))))

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-restore-'))
    const fresh = await switchDatabase(path.join(dir, 'fresh.db'))
    const importer = await createUser({ email: 'ida@other-instance.example', name: 'Ida Importer', password: 'a long enough password' })
    if (!importer.ok) throw new Error('no importer')
    const imported = await importWorkshop({ text: original, userId: importer.value.id })
    if (!imported.ok) throw new Error(imported.message)

    expect((await listVersions(imported.workshopId)).map((v) => v.number)).toEqual([2, 1])
    for (const number of [1, 2]) {
      expect(renderMarkdown((await getVersionDocument({ workshopId: imported.workshopId, number }))!)).toBe(originalDocs[number - 1])
      expect(configJson((await getVersion({ workshopId: imported.workshopId, number }))!.snapshot.scoring)).toBe(originalConfigs[number - 1])
    }
    // Still immutable after import.
    await expect(fresh.db.run(`UPDATE versions SET snapshot = '{}'`)).rejects.toBeDefined()

    const again = await exportWorkshop(imported.workshopId)
    expect(normalise(again)).toEqual(normalise(original))
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('refuses an invalid, newer or truncated file and imports nothing', async () => {
    const current = await getStore()
    const [someone] = await current.db.select({ id: users.id }).from(users).limit(1)
    const workshopCount = async () => (await current.db.select({ id: workshops.id }).from(workshops)).length
    const before = await workshopCount()
    const [first] = await current.db.select({ id: workshops.id }).from(workshops).limit(1)
    const good = await exportWorkshop(first!.id)

    const cases: [string, RegExp][] = [
      ['not json at all', /not valid JSON/],
      [good.slice(0, good.length / 2), /not valid JSON|truncated/],
      [JSON.stringify({ ...JSON.parse(good), formatVersion: 99 }), /format version 99.*reads up to version 1/],
      [JSON.stringify({ ...JSON.parse(good), format: 'something-else' }), /not a Leadpact workshop backup/],
      [JSON.stringify({ ...JSON.parse(good), counts: { ...JSON.parse(good).counts, versions: 5 } }), /incomplete: table versions/],
    ]
    for (const [text, message] of cases) {
      const result = await importWorkshop({ text, userId: someone!.id })
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.message).toMatch(message)
    }
    expect(await workshopCount()).toBe(before)
  })
})
