import { describe, expect, it } from 'vitest'
import { withPositionalAliases } from '#db/column-aliases'

describe('withPositionalAliases', () => {
  it.each([
    [
      'select "workshops"."id", "memberships"."id" from "workshops" inner join "memberships" on 1',
      'select "workshops"."id" AS "_0", "memberships"."id" AS "_1" from "workshops" inner join "memberships" on 1',
    ],
    ['SELECT value FROM counters WHERE id = 1', 'SELECT value AS "_0" FROM counters WHERE id = 1'],
    ['select count(*) from "users"', 'select count(*) AS "_0" from "users"'],
    ["select 'a, from b', (select max(x) from t) as m from t2", `select 'a, from b' AS "_0", (select max(x) from t) AS "_1" from t2`],
    ['select distinct "a"."fromage" from "a"', 'select distinct "a"."fromage" AS "_0" from "a"'],
    ['select 1', 'select 1 AS "_0" '],
  ])('aliases %s', (input, expected) => {
    expect(withPositionalAliases(input)).toBe(expected)
  })

  it.each(['select * from users', 'select u.* from users u', 'insert into t values (1)', 'PRAGMA journal_mode', 'with x as (select 1) select * from x'])(
    'leaves %s alone',
    (input) => {
      expect(withPositionalAliases(input)).toBe(input)
    },
  )
})
