import { describe, expect, it } from 'vitest'
import { operatorsFor } from '~/domain/scoring-model/operators'
import { OPERATORS } from '~/domain/scoring'

describe('the operators the rule editor offers per field type', () => {
  it.each([
    ['number', 'contains', false],
    ['number', 'between', true],
    ['number', 'gte', true],
    ['string', 'gt', false],
    ['string', 'contains', true],
    ['string', 'emailDomainIn', false],
    ['email', 'emailDomainIn', true],
    ['boolean', 'contains', false],
    ['boolean', 'eq', true],
    ['date', 'withinDays', true],
    ['date', 'contains', false],
  ] as const)('a %s field offers %s: %s', (type, op, offered) => {
    expect(operatorsFor(type).includes(op)).toBe(offered)
  })

  it('offers every operator before a field is chosen, and keeps an older rule’s own operator', () => {
    expect(operatorsFor(undefined)).toEqual(OPERATORS)
    expect(operatorsFor('number', 'contains')).toContain('contains')
    expect(operatorsFor('number', 'contains')).not.toContain('startsWith')
    // Presence works on every type.
    for (const type of ['string', 'email', 'number', 'boolean', 'date'] as const) expect(operatorsFor(type)).toEqual(expect.arrayContaining(['present', 'absent']))
  })
})
