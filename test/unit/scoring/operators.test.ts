import { describe, expect, it } from 'vitest'
import { OPERATORS, OPERATORS_TRUE_WHEN_ABSENT, type Condition, type FieldType } from '~/domain/scoring'
import { AS_OF_MS, DAY_MS, holds } from './build-config'

type Row = [description: string, type: FieldType, value: unknown, expected: boolean]

function table(op: string, ruleValue: unknown, rows: Row[]) {
  describe(`${op} ${JSON.stringify(ruleValue) ?? ''}`, () => {
    it.each(rows)('%s', (_description, type, value, expected) => {
      const when = (ruleValue === undefined ? { field: 'x', op } : { field: 'x', op, value: ruleValue }) as Condition
      expect(holds(when, value, type)).toBe(expected)
    })
  })
}

describe('on an absent value every operator is false except absent, neq, notIn, notContains, emailDomainNotIn', () => {
  // Written out here, not taken from the engine's module, so that a change there has to change this test too.
  const TRUE_WHEN_ABSENT: string[] = ['absent', 'neq', 'notIn', 'notContains', 'emailDomainNotIn']
  const ruleValues: Record<string, unknown> = {
    eq: 'a',
    neq: 'a',
    in: ['a'],
    notIn: ['a'],
    contains: 'a',
    notContains: 'a',
    startsWith: 'a',
    endsWith: 'a',
    gt: 0,
    gte: 0,
    lt: 100,
    lte: 100,
    between: [0, 100],
    present: undefined,
    absent: undefined,
    emailDomainIn: ['gmail.com'],
    emailDomainNotIn: ['gmail.com'],
    withinDays: 30,
    before: '2026-01-01',
    after: '2020-01-01',
    olderThanDays: 0,
  }
  const absentValues: [string, unknown, boolean][] = [
    ['missing', undefined, false],
    ['undefined', undefined, true],
    ['null', null, true],
    ['empty text', '', true],
    ['blank text', '  \t ', true],
  ]
  const cases = OPERATORS.flatMap((op) =>
    absentValues.map(([name, value, present]) => [op, name, value, present, TRUE_WHEN_ABSENT.includes(op)] as const),
  )
  it('covers all 21 operators', () => expect(Object.keys(ruleValues).sort()).toEqual([...OPERATORS].sort()))
  it('agrees with the exported OPERATORS_TRUE_WHEN_ABSENT', () => expect([...OPERATORS_TRUE_WHEN_ABSENT].sort()).toEqual([...TRUE_WHEN_ABSENT].sort()))
  it.each(cases)('%s on %s', (op, _name, value, present, expected) => {
    const when = (ruleValues[op] === undefined ? { field: 'x', op } : { field: 'x', op, value: ruleValues[op] }) as Condition
    for (const type of ['string', 'number', 'email', 'date', 'boolean'] as const) expect(holds(when, value, type, present)).toBe(expected)
  })
})

table('eq', 'Acme', [
  ['same text', 'string', 'Acme', true],
  ['mixed case', 'string', 'aCME', true],
  ['untrimmed', 'string', '  acme\t', true],
  ['longer text', 'string', 'acme corp', false],
  ['an object has no text', 'string', { name: 'Acme' }, false],
])
table('eq', 50, [
  ['number', 'number', 50, true],
  ['50.0 is the number 50', 'number', 50.0, true],
  ['numeric text on a number field', 'number', '50', true],
  ['"50.0" on a number field is the number 50', 'number', '50.0', true],
  ['" 5e1 " on a number field', 'number', ' 5e1 ', true],
  ['"50" on a text field', 'string', '50', true],
  ['"50.0" on a text field stays text', 'string', '50.0', false],
  ['"050" on a text field stays text', 'string', '050', false],
  ['another number', 'number', 50.5, false],
])
table('eq', '50.0', [
  ['a rule value "50.0" on a number field is 50', 'number', 50, true],
  ['a rule value "50.0" on a text field is text', 'string', 50, false],
  ['and equals the same text', 'string', ' 50.0 ', true],
])
table('eq', true, [
  ['boolean true', 'boolean', true, true],
  ['text "TRUE"', 'boolean', 'TRUE', true],
  ['text " true "', 'string', ' true ', true],
  ['boolean false', 'boolean', false, false],
  ['text "yes" is not true', 'boolean', 'yes', false],
])
table('eq', 'false', [
  ['boolean false equals text "false"', 'boolean', false, true],
  ['the number 0 is not false', 'number', 0, false],
])
table('neq', 'Acme', [
  ['same text, other case', 'string', ' ACME ', false],
  ['other text', 'string', 'Beta', true],
  ['an object', 'string', [1], true],
])
table('in', ['Acme', 'Beta Corp', 60], [
  ['listed, mixed case and padded', 'string', '  beta corp ', true],
  ['listed number as text', 'string', '60', true],
  ['listed number', 'number', 60, true],
  ['numeric text on a number field', 'number', ' 60.0 ', true],
  ['not listed', 'string', 'Gamma', false],
  ['a prefix of a listed value', 'string', 'Bet', false],
])
table('notIn', ['Acme', 'Beta Corp'], [
  ['listed', 'string', 'ACME', false],
  ['not listed', 'string', 'Gamma', true],
  ['not listed number', 'number', 7, true],
])
table('contains', 'DATA', [
  ['inside, other case', 'string', 'Senior Data Analyst', true],
  ['at the start', 'string', 'database admin', true],
  ['missing', 'string', 'Marketing', false],
])
table('contains', 50, [
  ['number as text', 'number', 1500, true],
  ['numeric text on a number field is read as a number', 'number', '1500.00', true],
  ['not inside', 'number', 1405, false],
])
table('notContains', 'intern', [
  ['inside', 'string', 'Marketing INTERN', false],
  ['not inside', 'string', 'CFO', true],
])
table('startsWith', 'VP', [
  ['padded and lower case', 'string', '  vp of sales', true],
  ['not at the start', 'string', 'SVP', false],
])
table('endsWith', 'Data', [
  ['padded, other case', 'string', 'Head of DATA  ', true],
  ['not at the end', 'string', 'Data lead', false],
])
table('gt', 10, [
  ['larger number', 'number', 11, true],
  ['equal', 'number', 10, false],
  ['padded numeric text', 'string', ' 12 ', true],
  ['exponent text', 'string', '1e2', true],
  ['text with a unit', 'string', '12 people', false],
  ['hexadecimal text is not a number', 'string', '0x10', false],
  ['"Infinity" is not finite', 'string', 'Infinity', false],
  ['too large to be finite', 'string', '1e400', false],
  ['a boolean is not a number', 'boolean', true, false],
  ['an object', 'number', {}, false],
])
table('gte', 10, [
  ['equal', 'number', 10, true],
  ['equal as text', 'number', '10.0', true],
  ['smaller', 'number', 9.99, false],
])
table('lt', 10, [
  ['smaller', 'number', -3, true],
  ['equal', 'number', 10, false],
  ['negative text', 'string', '-0.5', true],
  ['not a number', 'string', 'ten', false],
])
table('lte', 10, [
  ['equal', 'number', 10, true],
  ['larger', 'number', 10.01, false],
])
table('between', [10, 20], [
  ['low end is inclusive', 'number', 10, true],
  ['high end is inclusive', 'number', 20, true],
  ['inside, as text', 'string', ' 15 ', true],
  ['just below', 'number', 9.999, false],
  ['just above', 'number', 20.001, false],
  ['not a number', 'string', 'fifteen', false],
])
table('between', [5, 5], [
  ['a one-point range', 'number', 5, true],
  ['outside it', 'number', 6, false],
])
table('present', undefined, [
  ['text', 'string', 'x', true],
  ['zero', 'number', 0, true],
  ['false', 'boolean', false, true],
  ['an object', 'string', {}, true],
])
table('absent', undefined, [
  ['text', 'string', ' x ', false],
  ['zero', 'number', 0, false],
])
table('emailDomainIn', ['gmail.com', '@Yahoo.com'], [
  ['listed domain, mixed case and padded', 'email', '  Ana@GMAIL.com ', true],
  ['a domain listed with a leading @', 'email', 'bo@yahoo.com', true],
  ['the part after the last @ counts', 'email', '"a@b"@gmail.com', true],
  ['a longer domain is another domain', 'email', 'ana@gmail.com.evil.io', false],
  ['a subdomain is another domain', 'email', 'ana@mail.gmail.com', false],
  ['no @ at all', 'email', 'gmail.com', false],
  ['nothing after the @', 'email', 'ana@', false],
  ['a number', 'email', 5, false],
])
table('emailDomainNotIn', ['gmail.com'], [
  ['listed', 'email', 'ana@Gmail.com', false],
  ['not listed', 'email', 'ana@acme.io', true],
  ['no @ at all', 'email', 'not an address', true],
])

describe('withinDays 7', () => {
  const at = (offsetMs: number) => new Date(AS_OF_MS + offsetMs).toISOString()
  table('withinDays', 7, [
    ['exactly 7 days before asOf', 'date', at(-7 * DAY_MS), true],
    ['7 days and 1 ms before asOf', 'date', at(-7 * DAY_MS - 1), false],
    ['7 days minus 1 ms before asOf', 'date', at(-7 * DAY_MS + 1), true],
    ['at asOf', 'date', at(0), true],
    ['a future date holds', 'date', at(3 * DAY_MS), true],
    ['epoch ms, exactly 7 days', 'date', AS_OF_MS - 7 * DAY_MS, true],
    ['epoch ms, 7 days and 1 ms', 'date', AS_OF_MS - 7 * DAY_MS - 1, false],
    ['epoch ms as text', 'date', String(AS_OF_MS - DAY_MS), true],
    ['no offset means UTC: exactly 7 days', 'date', '2026-05-25T12:00:00', true],
    ['no offset means UTC: 1 s more', 'date', '2026-05-25T11:59:59', false],
    ['an offset is applied: 14:00+02:00 is 12:00Z', 'date', '2026-05-25T14:00:00+02:00', true],
    ['an offset is applied: 13:59+02:00 is 11:59Z', 'date', '2026-05-25T13:59:00+02:00', false],
    ['date only is midnight UTC (6.5 days)', 'date', '2026-05-26', true],
    ['date only, 7.5 days', 'date', '2026-05-25', false],
    ['an impossible date', 'date', '2026-02-30', false],
    ['not a date', 'date', 'last week', false],
    ['a boolean', 'date', true, false],
  ])
  table('withinDays', 0, [
    ['zero days: asOf itself', 'date', at(0), true],
    ['zero days: 1 ms before', 'date', at(-1), false],
    ['zero days: the future', 'date', at(1), true],
  ])
})
