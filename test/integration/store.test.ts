import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore, type Store } from '#db/client.server'

let dir: string
let store: Store

async function scalar(query: string): Promise<unknown> {
  const rows = (await store.db.all(query)) as unknown[][]
  return rows[0]?.[0]
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-store-'))
  store = await openStore(path.join(dir, 'store.db'))
  await store.migrate()
  await store.db.run('CREATE TABLE counters (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)')
  await store.db.run('CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL)')
  await store.db.run('INSERT INTO counters (id, value) VALUES (1, 0)')
})

afterAll(async () => {
  await store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 3))

describe('the transaction helper', () => {
  it('keeps 50 concurrent read-modify-write transactions from losing an update', async () => {
    await Promise.all(
      Array.from({ length: 50 }, () =>
        store.transaction(async () => {
          const value = Number(await scalar('SELECT value FROM counters WHERE id = 1'))
          // Yield between read and write: without isolation, other transactions would read the same value.
          await pause()
          await store.db.run(`UPDATE counters SET value = ${value + 1} WHERE id = 1`)
        }),
      ),
    )
    expect(await scalar('SELECT value FROM counters WHERE id = 1')).toBe(50)
  })

  it('rolls back every write of a transaction that throws, and keeps writes made meanwhile by others', async () => {
    const before = Number(await scalar('SELECT count(*) FROM notes'))
    let releaseFailing!: () => void
    const failingMayThrow = new Promise<void>((resolve) => (releaseFailing = resolve))
    const failing = store.transaction(async () => {
      await store.db.run("INSERT INTO notes (text) VALUES ('doomed 1')")
      await store.db.run("INSERT INTO notes (text) VALUES ('doomed 2')")
      await failingMayThrow
      throw new Error('boom midway')
    })
    // Another request writes while the failing transaction is open: it must wait, not join it.
    const other = store.db.run("INSERT INTO notes (text) VALUES ('kept')")
    const otherTx = store.transaction(async () => {
      await store.db.run("INSERT INTO notes (text) VALUES ('kept in tx')")
    })
    setTimeout(releaseFailing, 20)
    await expect(failing).rejects.toThrow('boom midway')
    await Promise.all([other, otherTx])
    const texts = ((await store.db.all('SELECT text FROM notes ORDER BY id')) as unknown[][]).map((row) => row[0])
    expect(texts).toContain('kept')
    expect(texts).toContain('kept in tx')
    expect(texts).not.toContain('doomed 1')
    expect(texts).not.toContain('doomed 2')
    expect(Number(await scalar('SELECT count(*) FROM notes'))).toBe(before + 2)
  })

  it('lets a nested transaction join the outer one, and rolls both back together', async () => {
    const before = Number(await scalar('SELECT count(*) FROM notes'))
    await expect(
      store.transaction(async () => {
        await store.db.run("INSERT INTO notes (text) VALUES ('outer')")
        await store.transaction(async () => {
          await store.db.run("INSERT INTO notes (text) VALUES ('inner')")
        })
        throw new Error('outer fails')
      }),
    ).rejects.toThrow('outer fails')
    expect(Number(await scalar('SELECT count(*) FROM notes'))).toBe(before)
  })

  it('runs with WAL, foreign keys, a busy timeout and full synchronous commits', async () => {
    expect(await scalar('PRAGMA journal_mode')).toBe('wal')
    expect(await scalar('PRAGMA foreign_keys')).toBe(1)
    expect(Number(await scalar('PRAGMA busy_timeout'))).toBeGreaterThan(0)
    expect(await scalar('PRAGMA synchronous')).toBe(2)
  })
})

describe('migrations', () => {
  it('create the schema on an empty file, and applying them twice is harmless', async () => {
    const file = path.join(dir, 'fresh.db')
    const fresh = await openStore(file)
    await fresh.migrate()
    const tables = ((await fresh.db.all("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) as unknown[][]).map((r) => r[0])
    expect(tables).toEqual(expect.arrayContaining(['users', 'sessions', 'workshops', 'memberships', 'invites']))
    await fresh.migrate()
    await fresh.close()
    const again = await openStore(file)
    await again.migrate()
    const applied = (await again.db.all('SELECT count(*) FROM __drizzle_migrations')) as unknown[][]
    expect(Number(applied[0]![0])).toBe(fs.readdirSync(path.resolve('db/migrations')).filter((f) => f.endsWith('.sql')).length)
    await again.close()
  })
})

describe('backup', () => {
  it('writes a consistent copy of the live database while writes go on', async () => {
    const target = path.join(dir, 'backup.db')
    const writes = Promise.all(Array.from({ length: 20 }, (_, i) => store.db.run(`INSERT INTO notes (text) VALUES ('during backup ${i}')`)))
    await store.backupTo(target)
    await writes
    const copy = await openStore(target)
    const counter = (await copy.db.all('SELECT value FROM counters WHERE id = 1')) as unknown[][]
    expect(counter[0]![0]).toBe(50)
    const check = (await copy.db.all('PRAGMA integrity_check')) as unknown[][]
    expect(check[0]![0]).toBe('ok')
    await copy.close()
  })
})
