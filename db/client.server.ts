import { AsyncLocalStorage } from 'node:async_hooks'
import fs from 'node:fs'
import path from 'node:path'
import { drizzle, type SqliteRemoteDatabase } from 'drizzle-orm/sqlite-proxy'
import { migrate } from 'drizzle-orm/sqlite-proxy/migrator'
import sqlite3 from 'sqlite3'
import { withPositionalAliases } from './column-aliases'
import * as schema from './schema'

/*
 * Storage: one SQLite file, two connections.
 *
 * - The *writer* connection runs every statement that may write, one request at a time,
 *   behind an async lock. drizzle's sqlite-proxy sends BEGIN/COMMIT through the same
 *   callback as every other statement, so on a shared connection a second request's
 *   statements would land inside the first request's transaction (and be rolled back
 *   with it). The lock makes a transaction own the writer from BEGIN IMMEDIATE to
 *   COMMIT/ROLLBACK; statements of the same async context (AsyncLocalStorage) reuse it.
 * - The *reader* connection serves plain SELECTs outside transactions; WAL lets it read
 *   the last committed state while a write is in progress.
 */

type Method = 'run' | 'all' | 'values' | 'get'
type Row = Record<string, unknown>

export type Database = SqliteRemoteDatabase<typeof schema>

function open(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const conn = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(conn)))
  })
}

function exec(conn: sqlite3.Database, statement: string): Promise<void> {
  return new Promise((resolve, reject) => conn.exec(statement, (error) => (error ? reject(error) : resolve())))
}

function runOn(conn: sqlite3.Database, rawQuery: string, params: unknown[], method: Method): Promise<{ rows: unknown[] }> {
  // Rows arrive as objects (node-sqlite3 has no raw mode): see column-aliases.ts for why
  // every result column gets a positional alias.
  const query = method === 'run' ? rawQuery : withPositionalAliases(rawQuery)
  return new Promise((resolve, reject) => {
    if (method === 'run') {
      conn.run(query, params, (error) => (error ? reject(error) : resolve({ rows: [] })))
    } else if (method === 'get') {
      // sqlite-proxy contract: `get` returns one row as an array of column values.
      conn.get(query, params, (error, row: Row | undefined) =>
        error ? reject(error) : resolve({ rows: row ? Object.values(row) : (undefined as unknown as unknown[]) }),
      )
    } else {
      conn.all(query, params, (error, rows: Row[]) => (error ? reject(error) : resolve({ rows: rows.map((row) => Object.values(row)) })))
    }
  })
}

interface SqliteBackup {
  step(pages: number, done: (error: Error | null) => void): void
  finish(done: (error: Error | null) => void): void
}

/** A FIFO async mutex: the writer connection belongs to one holder at a time. */
class WriterLock {
  private tail: Promise<void> = Promise.resolve()
  async acquire(): Promise<() => void> {
    let release!: () => void
    const next = new Promise<void>((resolve) => (release = resolve))
    const previous = this.tail
    this.tail = previous.then(() => next)
    await previous
    return release
  }
}

const READ_ONLY = /^\s*select\b/i

export interface Store {
  db: Database
  /** Runs `work` in one write transaction (BEGIN IMMEDIATE … COMMIT), rolled back completely on any error. */
  transaction<T>(work: () => Promise<T>): Promise<T>
  /** Writes a consistent copy of the live database with SQLite's online backup API. */
  backupTo(file: string): Promise<void>
  migrate(): Promise<void>
  close(): Promise<void>
  file: string
}

export async function openStore(file: string): Promise<Store> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const writer = await open(file)
  const pragmas = `
    PRAGMA journal_mode = WAL;
    PRAGMA foreign_keys = ON;
    PRAGMA busy_timeout = 5000;
    PRAGMA synchronous = FULL;`
  await exec(writer, pragmas)
  const reader = await open(file)
  await exec(reader, pragmas)

  const lock = new WriterLock()
  const inTransaction = new AsyncLocalStorage<true>()

  async function callback(query: string, params: unknown[], method: Method) {
    if (inTransaction.getStore()) return runOn(writer, query, params, method)
    if (READ_ONLY.test(query)) return runOn(reader, query, params, method)
    const release = await lock.acquire()
    try {
      return await runOn(writer, query, params, method)
    } finally {
      release()
    }
  }

  const db = drizzle(callback, { schema })

  async function transaction<T>(work: () => Promise<T>): Promise<T> {
    // A nested call joins the outer transaction: it already owns the writer.
    if (inTransaction.getStore()) return work()
    const release = await lock.acquire()
    try {
      await exec(writer, 'BEGIN IMMEDIATE')
      try {
        const result = await inTransaction.run(true, work)
        await exec(writer, 'COMMIT')
        return result
      } catch (error) {
        await exec(writer, 'ROLLBACK')
        throw error
      }
    } finally {
      release()
    }
  }

  return {
    db,
    file,
    transaction,
    async backupTo(target) {
      const release = await lock.acquire()
      try {
        await new Promise<void>((resolve, reject) => {
          // node-sqlite3 ships Database#backup without type declarations.
          const source = writer as unknown as { backup(file: string, done: (error: Error | null) => void): SqliteBackup }
          const backup = source.backup(target, (error) => {
            if (error) return reject(error)
            backup.step(-1, (stepError) => {
              if (stepError) return reject(stepError)
              backup.finish((finishError) => (finishError ? reject(finishError) : resolve()))
            })
          })
        })
      } finally {
        release()
      }
    },
    async migrate() {
      await migrate(
        db,
        async (queries) => {
          await transaction(async () => {
            for (const query of queries) await runOn(writer, query, [], 'run')
          })
        },
        { migrationsFolder: migrationsFolder() },
      )
    },
    async close() {
      await Promise.all([writer, reader].map((conn) => new Promise<void>((resolve) => conn.close(() => resolve()))))
    },
  }
}

function migrationsFolder() {
  return process.env.MIGRATIONS_PATH ?? path.resolve(process.cwd(), 'db/migrations')
}

/*
 * One store per process. In development the server build is re-imported on every change,
 * so the store lives on globalThis to avoid opening a new connection pair each time.
 */
const globalStore = globalThis as unknown as { __leadpactStore?: Promise<Store> }

export function getStore(): Promise<Store> {
  globalStore.__leadpactStore ??= (async () => {
    const store = await openStore(process.env.DATABASE_PATH ?? 'data/leadpact.db')
    await store.migrate()
    return store
  })()
  return globalStore.__leadpactStore
}
