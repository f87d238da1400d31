import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainMemo, TextMemo } from '~/domain/scoring/text-memo'
import { PROPERTY_RUNS } from '../../support/property-checks'

/*
 * TextMemo (the generated scorer's memory of attribute values) answers exactly as a Map would,
 * whatever the texts: many of one length (past what it keeps per length), long ones, empty ones,
 * repeats, and after clear.
 */

/**
 * Random set, get and clear on a memo and on a Map keyed by keyOf(text) (undefined: the memo keeps
 * nothing for that text): every get and size must agree; atEnd checks what is left after the last step.
 */
function checkAgainstMap<Memo extends TextMemo<number> | DomainMemo<number>>(
  makeMemo: () => Memo,
  textArb: fc.Arbitrary<string>,
  keyOf: (text: string) => string | undefined,
  atEnd: (memo: Memo, model: Map<string, number>) => void = () => {},
) {
  // Clear seldom, so that a place fills past what it keeps and the rest goes to the Map.
  const opArb = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('set' as const), text: textArb, value: fc.integer() }), weight: 10 },
    { arbitrary: fc.record({ kind: fc.constant('get' as const), text: textArb }), weight: 10 },
    { arbitrary: fc.record({ kind: fc.constant('clear' as const) }), weight: 1 },
  )
  fc.assert(
    fc.property(fc.array(opArb, { maxLength: 200, size: 'max' }), (ops) => {
      const memo = makeMemo()
      const model = new Map<string, number>()
      for (const op of ops) {
        if (op.kind === 'set') {
          memo.set(op.text, op.value)
          const key = keyOf(op.text)
          if (key !== undefined) model.set(key, op.value)
        } else if (op.kind === 'get') {
          const key = keyOf(op.text)
          expect(memo.get(op.text)).toBe(key === undefined ? undefined : model.get(key))
        } else {
          memo.clear()
          model.clear()
        }
        expect(memo.size).toBe(model.size)
      }
      atEnd(memo, model)
    }),
    { numRuns: PROPERTY_RUNS },
  )
}

describe('TextMemo', () => {
  it('answers get and size as a Map does', () => {
    // Texts from a small alphabet and few lengths, so that repeats are common and places fill up
    // ('a' and 'q' share a place: a place is the length and the first character's last four bits).
    const textArb = fc.oneof(fc.string({ unit: fc.constantFrom('a', 'q', 'b', 'é'), maxLength: 4 }), fc.string({ minLength: 60, maxLength: 70, unit: fc.constantFrom('x', 'y') }))
    checkAgainstMap(
      () => new TextMemo<number>(),
      textArb,
      (text) => text,
      (memo, model) => {
        for (const [text, value] of model) expect(memo.get(text)).toBe(value)
      },
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
  it('answers as a Map keyed by the domain after the only "@", for domains of printable ASCII without spaces, and nothing else', () => {
    // Few characters and short domains, so that equal domains and lengths (past what it keeps per length) are common;
    // mostly domains it remembers, some it must not (an "@", a space, a non-ASCII letter), some too long for a place.
    const domainArb = fc.oneof(
      { arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', 'A', '.'), maxLength: 3 }), weight: 3 },
      { arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', 'A', '.', '@', ' ', 'é'), maxLength: 4 }), weight: 1 },
      { arbitrary: fc.string({ minLength: 62, maxLength: 70, unit: fc.constantFrom('x', 'y') }), weight: 1 },
    )
    const textArb = fc.oneof(fc.tuple(fc.constantFrom('', 'p', 'Q r', 'x@y'), domainArb).map(([local, domain]) => `${local}@${domain}`), domainArb)
    checkAgainstMap(() => new DomainMemo<number>(), textArb, rememberedDomain)
  })
})
