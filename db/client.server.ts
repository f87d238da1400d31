import { AsyncLocalStorage } from 'node:async_hooks'
import fs from 'node:fs'
import path from 'node:path'
import { drizzle, type SqliteRemoteDatabase } from 'drizzle-orm/sqlite-proxy'
import { readMigrationFiles } from 'drizzle-orm/migrator'
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
 *   The context holds one object per transaction whose `open` flag goes false at
 *   COMMIT/ROLLBACK: a statement started from that context afterwards (a promise nobody
 *   awaited inside the transaction) would otherwise run on the writer without the lock,
 *   possibly inside the next holder's transaction and vanish with its rollback; it throws.
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
  step(pages: number, done: (error: Error | null, completed: boolean) => void): void
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

/** One write transaction, as seen by the statements of its async context. */
class TransactionScope {
  open = true
  private readonly running = new Set<Promise<unknown>>()

  run<T>(statement: () => Promise<T>, query: string): Promise<T> {
    if (!this.open) {
      throw new Error(
        `A statement ran after its transaction had ended (COMMIT or ROLLBACK): await every statement inside store.transaction(). Statement: ${query.slice(0, 120)}`,
      )
    }
    const running = statement()
    this.running.add(running)
    const forget = () => this.running.delete(running)
    running.then(forget, forget)
    return running
  }

  /** Refuses new statements, then waits for those already sent so none lands after COMMIT/ROLLBACK. */
  async close() {
    this.open = false
    await Promise.allSettled([...this.running])
  }
}

const READ_ONLY = /^\s*select\b/i
// Transactions are store.transaction's job: drizzle's db.transaction() would send BEGIN and COMMIT
// as separate statements, each taking and releasing the writer lock, so others would join it.
const TRANSACTION_CONTROL = /^\s*(begin|commit|end|rollback|savepoint|release)\b/i
const MIGRATIONS_TABLE = '__drizzle_migrations'

export interface Store {
  db: Database
  /** Runs `work` in one write transaction (BEGIN IMMEDIATE … COMMIT), rolled back completely on any error. */
  transaction<T>(work: () => Promise<T>): Promise<T>
  /** Writes a consistent copy of the live database with SQLite's online backup API; writes go on meanwhile. */
  backupTo(file: string): Promise<void>
  /** Applies the committed migrations that the database has not seen, in one IMMEDIATE transaction. */
  migrate(): Promise<void>
  /**
   * Changes whenever any connection (this process's writer, a script, another process) has
   * committed since the last call: SQLite's data_version read on the reader. Cheap to ask, so
   * derived views (a workshop's step states) can be cached until the data changes.
   */
  changeCounter(): Promise<number>
  /** How many statements this store has run: tests count a page view's queries with it. */
  readonly statementCount: number
  close(): Promise<void>
  file: string
}

const BUSY_TIMEOUT_MS = 5000

function isBusy(error: unknown) {
  return error instanceof Error && (error as Error & { code?: string }).code === 'SQLITE_BUSY'
}

/**
 * Switches the file to WAL (a no-op once it is). On a new file this takes an exclusive lock, and
 * two connections opening it at the same moment (two processes, or a store's writer and reader
 * beside another store's) can each hold the shared lock while wanting the exclusive one. SQLite
 * then answers SQLITE_BUSY to one of them at once: busy_timeout does not wait out a deadlock. The
 * refused statement has released its locks, so it is tried again until busy_timeout has passed.
 */
async function useWriteAheadLog(conn: sqlite3.Database) {
  const giveUpAt = Date.now() + BUSY_TIMEOUT_MS
  for (let attempt = 1; ; attempt++) {
    try {
      await exec(conn, 'PRAGMA journal_mode = WAL')
      return
    } catch (error) {
      if (!isBusy(error) || Date.now() >= giveUpAt) throw error
      await new Promise((resolve) => setTimeout(resolve, Math.min(2 * attempt, 50)))
    }
  }
}

async function openConnection(file: string) {
  const conn = await open(file)
  await exec(conn, `PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`)
  await useWriteAheadLog(conn)
  await exec(conn, 'PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;')
  return conn
}

export async function openStore(file: string): Promise<Store> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const writer = await openConnection(file)
  const reader = await openConnection(file)

  const lock = new WriterLock()
  const currentTransaction = new AsyncLocalStorage<TransactionScope>()

  let statementCount = 0

  async function callback(query: string, params: unknown[], method: Method) {
    statementCount++
    if (TRANSACTION_CONTROL.test(query)) throw new Error(`Use store.transaction() for transactions, not: ${query.slice(0, 60)}`)
    const scope = currentTransaction.getStore()
    if (scope) return scope.run(() => runOn(writer, query, params, method), query)
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
    const outer = currentTransaction.getStore()
    if (outer) {
      if (!outer.open) throw new Error('store.transaction() was called after its enclosing transaction had ended: await it inside that transaction.')
      // A nested call joins the outer transaction: it already owns the writer.
      return work()
    }
    const release = await lock.acquire()
    try {
      await exec(writer, 'BEGIN IMMEDIATE')
      const scope = new TransactionScope()
      try {
        // Awaited inside the context: drizzle's queries are lazy thenables, run when awaited.
        const result = await currentTransaction.run(scope, async () => await work())
        await scope.close()
        await exec(writer, 'COMMIT')
        return result
      } catch (error) {
        await scope.close()
        try {
          await exec(writer, 'ROLLBACK')
        } catch (rollbackError) {
          // Typically "no transaction is active": SQLite already rolled back on the original
          // error (a full disk, an OR ROLLBACK conflict). That error is the one to report.
          if (error instanceof Error) Object.assign(error, { rollbackError })
        }
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
    get statementCount() {
      return statementCount
    },
    changeCounter() {
      return new Promise<number>((resolve, reject) =>
        reader.get('PRAGMA data_version', (error, row: { data_version: number } | undefined) => (error ? reject(error) : resolve(Number(row?.data_version)))),
      )
    },
    async backupTo(target) {
      // From a connection of its own and in one step: the step reads one WAL snapshot, so the
      // copy is consistent while the writer goes on committing (readers never block it).
      const source = await open(file)
      try {
        await exec(source, `PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`)
        await new Promise<void>((resolve, reject) => {
          // node-sqlite3 ships Database#backup without type declarations.
          const connection = source as unknown as { backup(file: string, done: (error: Error | null) => void): SqliteBackup }
          const backup = connection.backup(target, (error) => {
            if (error) return reject(error)
            backup.step(-1, (stepError, completed) => {
              if (stepError || !completed) {
                backup.finish(() => reject(stepError ?? new Error(`The backup to ${target} stopped before it was complete`)))
                return
              }
              backup.finish((finishError) => (finishError ? reject(finishError) : resolve()))
            })
          })
        })
      } finally {
        await new Promise<void>((resolve) => source.close(() => resolve()))
      }
    },
    async migrate() {
      const migrations = readMigrationFiles({ migrationsFolder: migrationsFolder() })
      // Deciding what to run and running it share one IMMEDIATE transaction: a second process
      // starting on the same file waits for the first (busy_timeout) and then finds nothing to do.
      // The journal keeps drizzle's format (same table and columns, newest `created_at` wins), so
      // databases migrated by drizzle's own migrator carry on.
      await transaction(async () => {
        await runOn(writer, `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`, [], 'run')
        const { rows } = await runOn(writer, `SELECT created_at FROM "${MIGRATIONS_TABLE}" ORDER BY created_at DESC LIMIT 1`, [], 'all')
        const last = (rows as unknown[][])[0]
        const lastAppliedAt = last ? Number(last[0]) : -Infinity
        for (const migration of migrations) {
          if (migration.folderMillis <= lastAppliedAt) continue
          for (const statement of migration.sql) if (statement.trim()) await runOn(writer, statement, [], 'run')
          await runOn(writer, `INSERT INTO "${MIGRATIONS_TABLE}" ("hash", "created_at") VALUES (?, ?)`, [migration.hash, migration.folderMillis], 'run')
        }
      })
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
