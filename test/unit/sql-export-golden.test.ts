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
 */

const DIR = path.resolve('test/fixtures/sql-golden')

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex')
}

describe('the SQL of a format-1 config is byte-identical to the one before format 2', () => {
  const named = fs.readdirSync(DIR).filter((file) => file.endsWith('.config.json'))

  it('has the goldens it compares with', () => {
    expect(named.length).toBeGreaterThanOrEqual(6)
  })

  for (const file of named) {
    const name = file.replace(/\.config\.json$/, '')
    for (const dialect of SQL_DIALECTS) {
      it(`${name}, ${dialect}`, () => {
        const config = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as ScoringConfig
        expect(compileScoringSql(config, { dialect })).toBe(fs.readFileSync(path.join(DIR, `${name}.${dialect}.sql`), 'utf8'))
      })
    }
  }

  it('80 random format-1 configs, both dialects', () => {
    const random = JSON.parse(fs.readFileSync(path.join(DIR, 'random-v1.json'), 'utf8')) as { config: ScoringConfig; postgres: string; duckdb: string }[]
    expect(random).toHaveLength(80)
    const differing = random.flatMap((entry, i) =>
      SQL_DIALECTS.filter((dialect) => sha256(compileScoringSql(entry.config, { dialect })) !== entry[dialect]).map((dialect) => `#${i} ${dialect}`),
    )
    expect(differing).toEqual([])
  })
})
