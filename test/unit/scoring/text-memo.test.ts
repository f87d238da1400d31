import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainMemo, TextMemo } from '~/domain/scoring/text-memo'
import { PROPERTY_RUNS } from '../../support/property-checks'

/*
 * TextMemo (the generated scorer's memory of attribute values) answers exactly as a Map would,
 * whatever the texts: many of one length (past what it keeps per length), long ones, empty ones,
 * repeats, and after clear.
 */

// Texts from a small alphabet and few lengths, so that equal lengths and repeats are common.
const textArb = fc.oneof(fc.string({ unit: fc.constantFrom('a', 'b', 'é'), maxLength: 4 }), fc.string({ minLength: 60, maxLength: 70, unit: fc.constantFrom('x', 'y') }))
const opArb = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), text: textArb, value: fc.integer() }),
  fc.record({ kind: fc.constant('get' as const), text: textArb }),
  fc.record({ kind: fc.constant('clear' as const) }),
)

describe('TextMemo', () => {
  it('answers get and size as a Map does', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 200 }), (ops) => {
        const memo = new TextMemo<number>()
        const model = new Map<string, number>()
        for (const op of ops) {
          if (op.kind === 'set') {
            memo.set(op.text, op.value)
            model.set(op.text, op.value)
          } else if (op.kind === 'get') expect(memo.get(op.text)).toBe(model.get(op.text))
          else {
            memo.clear()
            model.clear()
          }
          expect(memo.size).toBe(model.size)
        }
        for (const [text, value] of model) expect(memo.get(text)).toBe(value)
      }),
      { numRuns: PROPERTY_RUNS },
    )
  })

  it('finds a text equal to a remembered one but not the same string', () => {
    const memo = new TextMemo<number>()
    for (const [i, text] of ['Google', 'Direct', 'Olark ', 'Bing!!', 'Refer.', 'Other.'].entries()) memo.set(text, i)
    // Built at run time: equal content, another string object.
    expect(memo.get(['Go', 'ogle'].join(''))).toBe(0)
    expect(memo.get(['Other', '.'].join(''))).toBe(5)
    expect(memo.get('Googl')).toBeUndefined()
  })
})

/** The domain DomainMemo keys a text by: after its only "@", when that is printable ASCII without spaces; else none. */
function rememberedDomain(text: string): string | undefined {
  const at = text.indexOf('@')
  if (at < 0 || text.indexOf('@', at + 1) >= 0) return undefined
  const domain = text.slice(at + 1)
  return /^[\x21-\x7e]*$/.test(domain) ? domain : undefined
}

describe('DomainMemo', () => {
  // Few characters and short domains, so that equal domains and lengths (past what it keeps per length) are common.
  const domainArb = fc.oneof(fc.string({ unit: fc.constantFrom('a', 'b', 'A', '.', '@', ' ', 'é'), maxLength: 4 }), fc.string({ minLength: 62, maxLength: 70, unit: fc.constantFrom('x', 'y') }))
  const textArb = fc.oneof(fc.tuple(fc.constantFrom('', 'p', 'Q r', 'x@y'), domainArb).map(([local, domain]) => `${local}@${domain}`), domainArb)
  const opArb = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), text: textArb, value: fc.integer() }),
    fc.record({ kind: fc.constant('get' as const), text: textArb }),
    fc.record({ kind: fc.constant('clear' as const) }),
  )

  it('answers as a Map keyed by the domain after the only "@", for domains of printable ASCII without spaces, and nothing else', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 200 }), (ops) => {
        const memo = new DomainMemo<number>()
        const model = new Map<string, number>()
        for (const op of ops) {
          if (op.kind === 'set') {
            memo.set(op.text, op.value)
            const domain = rememberedDomain(op.text)
            if (domain !== undefined) model.set(domain, op.value)
          } else if (op.kind === 'get') {
            const domain = rememberedDomain(op.text)
            expect(memo.get(op.text)).toBe(domain === undefined ? undefined : model.get(domain))
          } else {
            memo.clear()
            model.clear()
          }
          expect(memo.size).toBe(model.size)
        }
      }),
      { numRuns: PROPERTY_RUNS },
    )
  })
})
