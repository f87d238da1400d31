import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compile, parseScoringConfig } from '~/domain/scoring'
import { AS_OF, configArb, leadArb } from '../../support/format-1-arbitraries'
import { naiveScoreV2 } from '../../support/naive-format-2'
import { expectAsNaive, PROPERTY_RUNS as RUNS } from '../../support/property-checks'

describe('the compiled engine agrees with a naive reading of DESIGN §5', () => {
  it(`on ${RUNS} random valid configs and leads (fit, engagement, grade, stage, every rule and list)`, () => {
    let leadsScored = 0
    fc.assert(
      fc.property(configArb, fc.array(leadArb, { minLength: 1, maxLength: 4 }), (config, leads) => {
        const parsed = parseScoringConfig(config)
        if (!parsed.ok) throw new Error(`the generator made an invalid config: ${parsed.errors.map((e) => e.message).join('; ')}`)
        const engine = compile(config)
        for (const lead of leads) {
          const actual = engine.score(lead, AS_OF)
          // Format 1 is a subset of format 2: the one naive reading serves both.
          const expected = naiveScoreV2(config, lead, AS_OF)
          leadsScored++
          expectAsNaive(actual, expected)
          // A format-1 config has no bands, so no band and no priority.
          expect([actual.band, actual.priority]).toEqual([null, null])
        }
      }),
      { numRuns: RUNS },
    )
    expect(leadsScored).toBeGreaterThanOrEqual(RUNS)
  }, Math.max(60_000, RUNS * 10))

  it('gives the same scores whatever explanation is asked: matched is the matched part of all, none has no contributions', () => {
    let matchedSome = 0
    fc.assert(
      fc.property(configArb, fc.array(leadArb, { minLength: 1, maxLength: 4 }), (config, leads) => {
        const engine = compile(config)
        for (const lead of leads) {
          const all = engine.score(lead, AS_OF)
          const matched = engine.score(lead, AS_OF, 'matched')
          const none = engine.score(lead, AS_OF, 'none')
          const { contributions, ...scores } = all
          expect({ ...matched, contributions: undefined }).toEqual({ ...scores, contributions: undefined })
          expect({ ...none, contributions: undefined }).toEqual({ ...scores, contributions: undefined })
          expect(matched.contributions).toEqual(contributions.filter((c) => c.matched))
          expect(none.contributions).toEqual([])
          if (matched.contributions.length > 0) matchedSome++
          // A full result is the caller's to keep: its lists are its own, even when empty.
          expect(Object.isFrozen(all.disqualifiedBy)).toBe(false)
        }
      }),
      { numRuns: 500 },
    )
    expect(matchedSome).toBeGreaterThan(50)
  })

  it('also with asOf given as ISO text without an offset (UTC) and as a Date', () => {
    fc.assert(
      fc.property(configArb, leadArb, (config, lead) => {
        const engine = compile(config)
        const byNumber = engine.score(lead, AS_OF)
        expect(engine.score(lead, '2026-06-01T12:00:00')).toEqual(byNumber)
        expect(engine.score(lead, new Date(AS_OF))).toEqual(byNumber)
      }),
      { numRuns: 300 },
    )
  })
})
