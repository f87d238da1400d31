import { createHash } from 'node:crypto'
import sqlite3 from 'sqlite3'

/*
 * A read-only view of a server's database from the test process: a fingerprint of every table,
 * to prove a refused request changed nothing. Sessions (their sliding expiry) and an API token's
 * last use are bookkeeping, not content, and are left out.
 */
const VOLATILE: Record<string, string[]> = { api_tokens: ['last_used_at'] }
const SKIPPED = new Set(['sessions', '__drizzle_migrations'])

export class DatabaseFingerprint {
  private constructor(private readonly conn: sqlite3.Database) {}

  static open(file: string): Promise<DatabaseFingerprint> {
    return new Promise((resolve, reject) => {
      const conn = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => (error ? reject(error) : resolve(new DatabaseFingerprint(conn))))
    })
  }

  all<T>(query: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => this.conn.all(query, params, (error, rows) => (error ? reject(error) : resolve(rows as T[]))))
  }

  /** Changes whenever another connection committed (PRAGMA data_version): a cheap "did anything happen". */
  async dataVersion(): Promise<number> {
    const [row] = await this.all<{ data_version: number }>('PRAGMA data_version')
    return row!.data_version
  }

  async fingerprint(): Promise<string> {
    const hash = createHash('sha256')
    const tables = await this.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    for (const { name } of tables) {
      if (SKIPPED.has(name)) continue
      const rows = await this.all<Record<string, unknown>>(`SELECT * FROM "${name}" ORDER BY rowid`)
      hash.update(name)
      for (const row of rows) {
        for (const column of VOLATILE[name] ?? []) delete row[column]
        hash.update(JSON.stringify(row))
      }
    }
    return hash.digest('hex')
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.conn.close(() => resolve()))
  }
}
