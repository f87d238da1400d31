import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ScoringConfig } from '~/domain/scoring'
import { compileScoringSql, SQL_DIALECTS } from '~/domain/sql-export/compile-sql'

/*
 * A format-1 config compiles to the same SQL, byte for byte, as before format 2 (issue #19): the
 * goldens in test/fixtures/sql-golden were written by the compiler of commit 67bd9d9, before any
 * format-2 work, for the hand-written test configs, the X Education config and 80 random format-1
 * configs (their text as a SHA-256). Never regenerate them to make this test pass: a difference
 * means every data team's pipeline sees a changed query.
 *
 * They were rewritten once, deliberately, for the export's speed (issue #18: DuckDB's steps without
 * OFFSET 0 fences, its trimming test in one regular expression, the email domain read with
 * split_part, a number's exponent found without lower()), after the differential tests (test/integration/scoring-paths*.test.ts, sql-export*)
 * held both dialects to the engine's results. UPDATE_SQL_GOLDENS=1 writes them.
 */

const DIR = path.resolve('test/fixtures/sql-golden')
/** The configs are the format-1 goldens' own (test/fixtures/format-1-golden); the demo's, Acme's, is held by its SQL there. */
const CONFIG_DIR = path.resolve('test/fixtures/format-1-golden')
const WRITE = process.env.UPDATE_SQL_GOLDENS === '1'

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex')
}

describe('the SQL of a format-1 config is byte-identical to the one before format 2', () => {
  const named = fs.readdirSync(DIR).filter((file) => file.endsWith('.postgres.sql'))

  it('has the goldens it compares with', () => {
    expect(named.length).toBeGreaterThanOrEqual(5)
  })

  for (const file of named) {
    const name = file.replace(/\.postgres\.sql$/, '')
    for (const dialect of SQL_DIALECTS) {
      it(`${name}, ${dialect}`, () => {
        const config = JSON.parse(fs.readFileSync(path.join(CONFIG_DIR, `${name}.config.json`), 'utf8')) as ScoringConfig
        const golden = path.join(DIR, `${name}.${dialect}.sql`)
        if (WRITE) fs.writeFileSync(golden, compileScoringSql(config, { dialect }))
        expect(compileScoringSql(config, { dialect })).toBe(fs.readFileSync(golden, 'utf8'))
      })
    }
  }

  it('80 random format-1 configs, both dialects', () => {
    const file = path.join(DIR, 'random-v1.json')
    const random = JSON.parse(fs.readFileSync(file, 'utf8')) as { config: ScoringConfig; postgres: string; duckdb: string }[]
    expect(random).toHaveLength(80)
    if (WRITE) {
      for (const entry of random) for (const dialect of SQL_DIALECTS) entry[dialect] = sha256(compileScoringSql(entry.config, { dialect }))
      fs.writeFileSync(file, `${JSON.stringify(random)}\n`)
    }
    const differing = random.flatMap((entry, i) =>
      SQL_DIALECTS.filter((dialect) => sha256(compileScoringSql(entry.config, { dialect })) !== entry[dialect]).map((dialect) => `#${i} ${dialect}`),
    )
    expect(differing).toEqual([])
  })
})
