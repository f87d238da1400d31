import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import { migrate as drizzleMigrate } from 'drizzle-orm/sqlite-proxy/migrator'
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
  await store.db.run('CREATE TABLE uniques (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE)')
})

afterAll(async () => {
  await store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 3))

async function noteTexts(on: Store = store): Promise<unknown[]> {
  return ((await on.db.all('SELECT text FROM notes ORDER BY id')) as unknown[][]).map((row) => row[0])
}

/** The error a store statement failed with (drizzle wraps it in "Failed query: …" with the cause). */
function causeOf(error: unknown): Error {
  const cause = (error as { cause?: unknown }).cause
  return (cause instanceof Error ? cause : error) as Error
}

/** A promise and the function that resolves it: lets a test decide exactly when work goes on. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { open, opened }
}

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

  it('refuses a statement that was left running after its transaction committed, even while another transaction holds the writer', async () => {
    const stray = gate()
    let leftover!: Promise<unknown>
    let leftoverTransaction!: Promise<unknown>
    await store.transaction(async () => {
      await store.db.run("INSERT INTO notes (text) VALUES ('committed with its transaction')")
      // Not awaited: this goes on in the transaction's async context after COMMIT.
      leftover = stray.opened.then(() => store.db.run("INSERT INTO notes (text) VALUES ('stray')"))
      leftoverTransaction = stray.opened.then(() => store.transaction(() => store.db.run("INSERT INTO notes (text) VALUES ('stray tx')")))
    })
    const otherHolds = gate()
    const otherStarted = gate()
    const other = store.transaction(async () => {
      await store.db.run("INSERT INTO notes (text) VALUES ('other request')")
      otherStarted.open()
      await otherHolds.opened
      throw new Error('the other request fails and rolls back')
    })
    await otherStarted.opened
    stray.open()
    const strayError = causeOf(await leftover.then(() => undefined, (error: unknown) => error))
    expect(strayError).toBeInstanceOf(Error)
    expect(strayError.message).toBe(
      "A statement ran after its transaction had ended (COMMIT or ROLLBACK): await every statement inside store.transaction(). Statement: INSERT INTO notes (text) VALUES ('stray')",
    )
    await expect(leftoverTransaction).rejects.toThrow('store.transaction() was called after its enclosing transaction had ended')
    otherHolds.open()
    await expect(other).rejects.toThrow('the other request fails and rolls back')
    const texts = await noteTexts()
    expect(texts).toContain('committed with its transaction')
    expect(texts).not.toContain('stray')
    expect(texts).not.toContain('stray tx')
    expect(texts).not.toContain('other request')
    // The store is still usable afterwards.
    await store.transaction(() => store.db.run("INSERT INTO notes (text) VALUES ('after the stray')"))
    expect(await noteTexts()).toContain('after the stray')
  })

  it('keeps the original error when ROLLBACK itself fails, with the rollback failure attached', async () => {
    await store.db.run("INSERT INTO uniques (key) VALUES ('taken')")
    const error = await store
      .transaction(async () => {
        await store.db.run("INSERT INTO notes (text) VALUES ('undone by sqlite')")
        // OR ROLLBACK: SQLite ends the whole transaction itself, so the helper's ROLLBACK finds none.
        await store.db.run("INSERT OR ROLLBACK INTO uniques (key) VALUES ('taken')")
      })
      .then(() => undefined, (caught: unknown) => caught)
    expect(error).toBeInstanceOf(Error)
    expect(causeOf(error).message).toBe('SQLITE_CONSTRAINT: UNIQUE constraint failed: uniques.key')
    const rollbackError = (error as { rollbackError?: unknown }).rollbackError
    expect(rollbackError).toBeInstanceOf(Error)
    expect((rollbackError as Error).message).toBe('SQLITE_ERROR: cannot rollback - no transaction is active')
    expect(await noteTexts()).not.toContain('undone by sqlite')
    // The lock was released and the writer is out of any transaction: the next one commits.
    await store.transaction(() => store.db.run("INSERT INTO notes (text) VALUES ('after the failed rollback')"))
    expect(await noteTexts()).toContain('after the failed rollback')
  })

  it('refuses transaction statements sent around the helper (drizzle db.transaction would share the writer)', async () => {
    const error = await store.db.run(sql.raw('BEGIN')).then(() => undefined, (caught: unknown) => caught)
    expect(causeOf(error).message).toBe('Use store.transaction() for transactions, not: BEGIN')
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

  it('open one new file from several stores at once without a refusal (the switch to WAL is retried)', async () => {
    // Each store opens two connections; all of them want the exclusive lock that turns the new file
    // to WAL. SQLite refuses one of two deadlocked connections at once, without waiting.
    for (let round = 0; round < 40; round++) {
      const file = path.join(dir, `crowd-${round}.db`)
      const stores = await Promise.all(Array.from({ length: 6 }, () => openStore(file)))
      const modes = await Promise.all(stores.map((opened) => opened.db.all('PRAGMA journal_mode')))
      expect(modes).toEqual(stores.map(() => [['wal']]))
      await Promise.all(stores.map((opened) => opened.close()))
    }
  })

  it('are applied once when two stores open one new file and migrate at the same time', async () => {
    const expected = readMigrationFiles({ migrationsFolder: path.resolve('db/migrations') })
    for (const round of [1, 2, 3]) {
      const file = path.join(dir, `race-${round}.db`)
      const [first, second] = await Promise.all([openStore(file), openStore(file)])
      // Both decide what to run; without the lock both would find nothing applied and run it all.
      await Promise.all([first.migrate(), second.migrate()])
      const journal = (await first.db.all('SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at')) as unknown[][]
      expect(journal).toEqual(expected.map((migration) => [migration.hash, migration.folderMillis]))
      const users = (await second.db.all("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'users'")) as unknown[][]
      expect(users[0]![0]).toBe(1)
      await Promise.all([first.close(), second.close()])
    }
  })

  it('carry on a database that drizzle\'s own migrator started, applying only what it had not', async () => {
    const all = readMigrationFiles({ migrationsFolder: path.resolve('db/migrations') })
    // A copy of the migrations folder that ends after the third migration: what an older release shipped.
    const older = path.join(dir, 'older-migrations')
    fs.cpSync(path.resolve('db/migrations'), older, { recursive: true })
    const journalFile = path.join(older, 'meta/_journal.json')
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: unknown[] }
    fs.writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, 3) }))

    const file = path.join(dir, 'drizzle-started.db')
    const started = await openStore(file)
    await drizzleMigrate(
      started.db,
      (queries) => started.transaction(async () => {
        for (const query of queries) await started.db.run(sql.raw(query))
      }),
      { migrationsFolder: older },
    )
    expect(((await started.db.all('SELECT count(*) FROM __drizzle_migrations')) as unknown[][])[0]![0]).toBe(3)
    await started.migrate()
    const applied = (await started.db.all('SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at')) as unknown[][]
    expect(applied).toEqual(all.map((migration) => [migration.hash, migration.folderMillis]))
    await started.close()
  })
})

describe('backup', () => {
  it('copies a consistent snapshot while a write transaction is open and other writes are queued behind it', async () => {
    await store.db.run('CREATE TABLE sequence (n INTEGER PRIMARY KEY, payload TEXT NOT NULL)')
    // Enough pages that the copy is not a trivial one.
    await store.transaction(async () => {
      for (let n = 0; n < 2_000; n++) await store.db.run(`INSERT INTO sequence (n, payload) VALUES (${n}, '${'x'.repeat(200)}')`)
    })
    let acknowledged = 2_000
    let stop = false
    const writer = (async () => {
      // One write after another, each acknowledged before the next: the app's requests.
      while (!stop) {
        await store.db.run(`INSERT INTO sequence (n, payload) VALUES (${acknowledged}, 'during')`)
        acknowledged += 1
      }
    })()
    const waitFor = async (count: number) => {
      while (acknowledged < count) await new Promise((resolve) => setImmediate(resolve))
    }
    await waitFor(2_020)

    // A request's transaction is open (and holds the writer) for the whole backup; the continuous
    // writer's next statement waits behind it. A backup that needed the writer would never finish.
    const backupDone = gate()
    const inTransaction = gate()
    const open = store.transaction(async () => {
      await store.db.run("INSERT INTO notes (text) VALUES ('open during the backup')")
      inTransaction.open()
      await backupDone.opened
    })
    await inTransaction.opened
    const acknowledgedBeforeBackup = acknowledged
    const target = path.join(dir, 'backup.db')
    await store.backupTo(target)
    backupDone.open()
    await open
    await waitFor(acknowledgedBeforeBackup + 20)
    stop = true
    await writer

    const copy = await openStore(target)
    expect(((await copy.db.all('PRAGMA integrity_check')) as unknown[][])[0]![0]).toBe('ok')
    const [count, highest] = ((await copy.db.all('SELECT count(*), max(n) FROM sequence')) as unknown[][])[0]!
    // Every write acknowledged before the backup started is in the copy, and nothing else: no
    // half of the open transaction, none of the writes that went on after it.
    expect(count).toBe(acknowledgedBeforeBackup)
    expect(highest).toBe(acknowledgedBeforeBackup - 1)
    expect(await noteTexts(copy)).not.toContain('open during the backup')
    expect(((await copy.db.all('SELECT value FROM counters WHERE id = 1')) as unknown[][])[0]![0]).toBe(50)
    await copy.close()
    // The live database has both sides: the transaction that was open and every later write, once each.
    expect(await noteTexts()).toContain('open during the backup')
    const [liveCount, liveDistinct] = ((await store.db.all('SELECT count(*), count(DISTINCT n) FROM sequence')) as unknown[][])[0]!
    expect(liveCount).toBe(acknowledged)
    expect(liveDistinct).toBe(acknowledged)
    expect(acknowledged).toBeGreaterThanOrEqual(acknowledgedBeforeBackup + 20)
  })
})

