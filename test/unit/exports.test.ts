import { parse } from 'csv-parse/sync'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { configJson } from '~/domain/exports/config-json'
import { neutraliseCell } from '~/domain/exports/rules-csv'
import { rulesCsv } from '~/models/version-export.server'
import { acmeScoringConfig, scoringConfigJsonSchema, type ScoringConfig } from '~/domain/scoring'

describe('rules CSV', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1', "'+1"],
    ['-cmd', "'-cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['Demo request', 'Demo request'],
  ])('neutralises %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected)
  })

  it('keeps negative points numeric, starts with a BOM and parses back as RFC 4180', () => {
    const config = structuredClone(acmeScoringConfig) as ScoringConfig
    config.fit.rules[0]!.label = '=HYPERLINK("http://x","y")'
    const csv = rulesCsv(config)
    expect(csv.startsWith('\uFEFF')).toBe(true)
    const rows = parse(csv.slice(1), { columns: true }) as Record<string, string>[]
    expect(rows[0]).toMatchObject({ section: 'fit', label: `'=HYPERLINK("http://x","y")` })
    expect(rows).toHaveLength(config.fit.rules.length + config.engagement.rules.length + config.disqualifiers.length + config.fastTrack.length + config.sql.criteria.length)
    const negative = config.fit.rules.find((rule) => rule.points < 0)!
    expect(rows.find((row) => row.id === negative.id)!.points).toBe(String(negative.points))
  })
})

describe('config JSON', () => {
  it('is valid against the served JSON Schema (ajv, draft 2020-12) and has a stable key order', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    addFormats.default(ajv)
    const validate = ajv.compile(scoringConfigJsonSchema())
    const exported = JSON.parse(configJson(acmeScoringConfig as ScoringConfig))
    expect(validate(exported), JSON.stringify(validate.errors)).toBe(true)
    const shuffled = Object.fromEntries(Object.entries(acmeScoringConfig).reverse()) as ScoringConfig
    expect(configJson(shuffled)).toBe(configJson(acmeScoringConfig as ScoringConfig))
    expect(Object.keys(exported).filter((key) => key !== 'source').slice(0, 3)).toEqual(['schemaVersion', 'fields', 'activities'])
  })
})
