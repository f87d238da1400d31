import { acmeScoringConfig, type ScoringConfig } from '~/domain/scoring'

/*
 * Hand-written format-1 configs for the SQL export tests (test/integration/sql-export.test.ts and
 * the golden test): every operator, decay, a minimal one and hostile text.
 */
// ---------------------------------------------------------------- configs

export function config(parts: Partial<ScoringConfig> & Pick<ScoringConfig, 'fields'>): ScoringConfig {
  return {
    schemaVersion: 1,
    activities: [],
    fit: { max: 100, rules: [] },
    engagement: { max: 100, halfLifeDays: null, rules: [] },
    disqualifiers: [],
    required: [],
    fastTrack: [],
    mql: { minFit: 0, minEngagement: 0 },
    sql: { criteria: [], minMet: 0 },
    grades: [],
    ...parts,
  }
}

/** Every operator on every field type, number fields under text operators, no decay, caps and negative activity points. */
export const everyOperatorConfig = config({
  fields: [
    { key: 'name', label: 'Name', type: 'string' },
    { key: 'title', label: 'Title', type: 'string' },
    { key: 'employees', label: 'Employees', type: 'number' },
    { key: 'revenue', label: 'Revenue (millions)', type: 'number' },
    { key: 'score', label: 'Score', type: 'number' },
    { key: 'active', label: 'Active', type: 'boolean' },
    { key: 'signup', label: 'Signed up', type: 'date' },
    { key: 'lastSeen', label: 'Last seen', type: 'date' },
    { key: 'email', label: 'Email', type: 'email' },
    { key: 'website', label: 'Website', type: 'string' },
    { key: 'tags', label: 'Tags', type: 'string' },
    { key: 'zip', label: 'Postcode', type: 'string' },
  ],
  activities: [
    { key: 'visit', label: 'Visit' },
    { key: 'call', label: 'Call' },
    { key: 'unsubscribe', label: 'Unsubscribe' },
    { key: 'bounce', label: 'Bounce' },
  ],
  fit: {
    max: 60,
    rules: [
      { id: 'eq', label: 'CTO', points: 10, when: { field: 'title', op: 'eq', value: 'CTO' } },
      { id: 'neq', label: 'Not an intern', points: 3, when: { field: 'title', op: 'neq', value: ' Intern ' } },
      { id: 'in-numbers', label: 'Employees 50, 100 or abc', points: 4, when: { field: 'employees', op: 'in', value: [50, '100', 'abc', '1e21'] } },
      { id: 'not-in', label: 'Not these postcodes', points: 2, when: { field: 'zip', op: 'notIn', value: ['02134', '10001', 7] } },
      { id: 'contains-quote', label: "Name contains O'B", points: 2, when: { field: 'name', op: 'contains', value: "O'B" } },
      { id: 'not-contains-wildcard', label: 'Tags without %', points: 1, when: { field: 'tags', op: 'notContains', value: '%' } },
      { id: 'starts', label: 'Secure website', points: 2, when: { field: 'website', op: 'startsWith', value: 'HTTPS://' } },
      { id: 'ends-underscore', label: 'Website ends with _x', points: 2, when: { field: 'website', op: 'endsWith', value: '_x' } },
      { id: 'gt', label: 'Revenue above 1.5', points: 5, when: { field: 'revenue', op: 'gt', value: 1.5 } },
      { id: 'gte', label: 'Score at least -2.5', points: 1, when: { field: 'score', op: 'gte', value: -2.5 } },
      { id: 'lt', label: 'Score below 0.3', points: 2, when: { field: 'score', op: 'lt', value: 0.3 } },
      { id: 'lte', label: 'Ten employees or fewer', points: -4, when: { field: 'employees', op: 'lte', value: 10 } },
      { id: 'between', label: 'Revenue 0.1 to 0.1 + 0.2', points: 3, when: { field: 'revenue', op: 'between', value: [0.1, 0.30000000000000004] } },
      { id: 'present', label: 'Has an email', points: 1, when: { field: 'email', op: 'present' } },
      { id: 'absent', label: 'No website', points: -1, when: { field: 'website', op: 'absent' } },
      { id: 'domain-in', label: 'Company domain', points: 5, when: { field: 'email', op: 'emailDomainIn', value: ['@Acme.io ', 'example.com'] } },
      { id: 'domain-not-in', label: 'Not Gmail', points: 1, when: { field: 'email', op: 'emailDomainNotIn', value: ['gmail.com'] } },
      { id: 'within-30', label: 'Signed up in the last 30 days', points: 6, when: { field: 'signup', op: 'withinDays', value: 30 } },
      { id: 'within-half', label: 'Seen in the last 12 hours', points: 2, when: { field: 'lastSeen', op: 'withinDays', value: 0.5 } },
      { id: 'within-0', label: 'Signed up now or later', points: 1, when: { field: 'signup', op: 'withinDays', value: 0 } },
      { id: 'valid-date', label: 'Any valid signup date', points: 1, when: { field: 'signup', op: 'withinDays', value: 1e6 } },
      { id: 'number-eq-text', label: 'Employees "50.0"', points: 1, when: { field: 'employees', op: 'eq', value: '50.0' } },
      { id: 'number-contains', label: 'Employees written with a point', points: 1, when: { field: 'employees', op: 'contains', value: '.' } },
      { id: 'number-starts', label: 'Negative score', points: 1, when: { field: 'score', op: 'startsWith', value: '-' } },
      { id: 'number-ends', label: 'Revenue ends in 5', points: 1, when: { field: 'revenue', op: 'endsWith', value: '5' } },
      { id: 'number-contains-e', label: 'Score in exponent form', points: 1, when: { field: 'score', op: 'notContains', value: 'E' } },
      { id: 'number-eq-word', label: 'Employees "abc"', points: 1, when: { field: 'employees', op: 'eq', value: 'ABC' } },
      { id: 'bool-eq', label: 'Active', points: 2, when: { field: 'active', op: 'eq', value: true } },
      { id: 'bool-in', label: 'Active in words', points: 1, when: { field: 'active', op: 'in', value: ['yes', 'TRUE', 1] } },
      { id: 'date-as-number', label: 'Signup after the epoch', points: 1, when: { field: 'signup', op: 'gt', value: 0 } },
      { id: 'date-as-text', label: 'Signed up on 1 May', points: 1, when: { field: 'signup', op: 'startsWith', value: '2026-05-01' } },
      { id: 'text-as-number', label: 'Postcode above 5000', points: 1, when: { field: 'zip', op: 'gt', value: 5000 } },
      { id: 'text-as-date', label: 'Title is a recent date', points: 1, when: { field: 'title', op: 'withinDays', value: 10 } },
      {
        id: 'nested',
        label: 'Nested all / any / not',
        points: 7,
        when: {
          all: [
            { any: [{ field: 'title', op: 'contains', value: 'data' }, { field: 'employees', op: 'gte', value: 100 }] },
            { not: { field: 'email', op: 'emailDomainIn', value: ['gmail.com'] } },
            { not: { any: [] } },
          ],
        },
      },
      { id: 'empty-all', label: 'Always', points: 1, when: { all: [] } },
      { id: 'empty-any', label: 'Never', points: 100, when: { any: [] } },
    ],
  },
  engagement: {
    max: 25,
    halfLifeDays: null,
    rules: [
      { id: 'eng-active', label: 'Active account', points: 5, when: { field: 'active', op: 'eq', value: 'true' } },
      { id: 'eng-visit', label: 'Every visit', activity: 'visit', points: 3 },
      { id: 'eng-visit-week', label: 'Visits this week', activity: 'visit', points: 2, withinDays: 7, maxPoints: 5 },
      { id: 'eng-unsubscribe', label: 'Unsubscribed', activity: 'unsubscribe', points: -20, maxPoints: 15 },
      { id: 'eng-call-now', label: 'Call now or later', activity: 'call', points: 10, withinDays: 0 },
      { id: 'eng-bounce', label: 'Bounces (capped at zero)', activity: 'bounce', points: 4, maxPoints: 0 },
      { id: 'eng-fraction', label: 'Fractional points', activity: 'visit', points: 0.1, withinDays: 45.25 },
    ],
  },
  disqualifiers: [
    { id: 'dq-competitor', label: 'Competitor tag', when: { field: 'tags', op: 'contains', value: 'competitor' } },
    { id: 'dq-nobody', label: 'No name and no title', when: { all: [{ field: 'name', op: 'absent' }, { field: 'title', op: 'absent' }] } },
  ],
  required: ['email', 'name'],
  fastTrack: [
    { id: 'ft-call', label: 'Had a call', activity: 'call' },
    { id: 'ft-revenue', label: 'Revenue of 10 or more', when: { field: 'revenue', op: 'gte', value: 10 } },
  ],
  mql: { minFit: 10, minEngagement: 8 },
  sql: {
    criteria: [
      { id: 'sql-active', label: 'Active', when: { field: 'active', op: 'eq', value: true } },
      { id: 'sql-domain', label: 'Company domain', when: { field: 'email', op: 'emailDomainIn', value: ['acme.io'] } },
      { id: 'sql-recent', label: 'Recent signup', when: { field: 'signup', op: 'withinDays', value: 14 } },
    ],
    minMet: 1,
  },
  grades: [
    { grade: 'A', minFit: 30 },
    { grade: 'B', minFit: 15.5 },
    { grade: 'C', minFit: 0.1 },
  ],
})

/** Decay with a fractional half-life, fractional windows, negative points, and SQL for every MQL (minMet 0). */
export const decayConfig = config({
  fields: [
    { key: 'role', label: 'Role', type: 'string' },
    { key: 'seats', label: 'Seats', type: 'number' },
    { key: 'work_email', label: 'Work email', type: 'email' },
    { key: 'trial_ends', label: 'Trial ends', type: 'date' },
  ],
  activities: [
    { key: 'login', label: 'Logged in' },
    { key: 'invite', label: 'Invited a colleague' },
    { key: 'complaint', label: 'Complained' },
    { key: 'demo', label: 'Demo' },
  ],
  fit: {
    max: 50,
    rules: [
      { id: 'admin', label: 'Admin', points: 20, when: { field: 'role', op: 'in', value: ['admin', 'owner'] } },
      { id: 'seats', label: 'Ten seats or more', points: 15.25, when: { field: 'seats', op: 'gte', value: 10 } },
      { id: 'free-mail', label: 'Free mail', points: -30, when: { field: 'work_email', op: 'emailDomainIn', value: ['gmail.com', 'yahoo.com'] } },
      { id: 'trial', label: 'Trial ends within a week (or later)', points: 10, when: { field: 'trial_ends', op: 'withinDays', value: 7 } },
      { id: 'trial-ever', label: 'Any valid trial date (a window beyond any double)', points: 1, when: { field: 'trial_ends', op: 'withinDays', value: 1e305 } },
    ],
  },
  engagement: {
    max: 40,
    halfLifeDays: 7.5,
    rules: [
      { id: 'login', label: 'Logins', activity: 'login', points: 4, withinDays: 30, maxPoints: 18 },
      { id: 'invite', label: 'Invites', activity: 'invite', points: 12.5, withinDays: 2.5 },
      { id: 'login-ever', label: 'Logins, any age', activity: 'login', points: 0.5, withinDays: 1e305 },
      { id: 'complaint', label: 'Complaints', activity: 'complaint', points: -9, maxPoints: 12 },
      { id: 'seats-eng', label: 'Many seats', points: 3, when: { field: 'seats', op: 'between', value: [25, 1000] } },
      { id: 'no-role', label: 'No role', points: -2, when: { field: 'role', op: 'absent' } },
    ],
  },
  disqualifiers: [{ id: 'dq-test', label: 'Test account', when: { field: 'work_email', op: 'endsWith', value: '.test' } }],
  required: ['work_email'],
  fastTrack: [
    { id: 'ft-demo', label: 'Demo, any date', activity: 'demo' },
    { id: 'ft-owner', label: 'Owner with seats', when: { all: [{ field: 'role', op: 'eq', value: 'owner' }, { field: 'seats', op: 'gt', value: 0 }] } },
  ],
  mql: { minFit: 20, minEngagement: 12.5 },
  sql: { criteria: [{ id: 'sql-seats', label: 'Seats', when: { field: 'seats', op: 'gte', value: 50 } }], minMet: 0 },
  grades: [
    { grade: 'gold', minFit: 35 },
    { grade: 'silver', minFit: 15 },
    { grade: 'bronze', minFit: -5 },
  ],
})

/** Nothing but a required field: no rules, no activities, no SQL criteria, zero maxima. */
export const minimalConfig = config({
  fields: [
    { key: 'company', label: 'Company', type: 'string' },
    { key: 'unused', label: 'Unused', type: 'number' },
  ],
  fit: { max: 0, rules: [] },
  engagement: { max: 0, halfLifeDays: 30, rules: [] },
  required: ['company'],
  grades: [{ grade: 'only', minFit: 0 }],
})

/** Keys, ids, labels and values that would break or inject into naively built SQL. */
export const hostileConfig = config({
  fields: [
    { key: 'a";drop_table_leads;--', label: 'Quote "injection"\nDROP TABLE leads; --', type: 'string' },
    { key: "O'Brien", label: "O'Brien's field */ --", type: 'string' },
    { key: 'back\\slash', label: 'Back\\slash', type: 'number' },
    { key: '$as_of', label: 'Dollar as_of', type: 'date' },
    { key: ':as_of', label: 'Colon as_of', type: 'string' },
    { key: 'Ünïcødé', label: 'Ünïcødé ✓', type: 'email' },
  ],
  activities: [
    { key: "o'clock", label: "O'clock" },
    { key: 'x";--', label: 'Quote' },
  ],
  fit: {
    max: 100,
    rules: [
      { id: `id'with"quotes`, label: "Label '; DROP TABLE leads; --", points: 10, when: { field: 'a";drop_table_leads;--', op: 'eq', value: "'; DROP TABLE leads; --" } },
      { id: 'obrien', label: 'Line one\r\nSELECT 1; --\u2028more', points: 20, when: { field: "O'Brien", op: 'in', value: ["O'Brien", "d'Arcy"] } },
      { id: 'backslash', label: 'Backslash', points: 5, when: { field: ':as_of', op: 'contains', value: 'C:\\path\\' } },
      { id: 'wildcards', label: 'LIKE wildcards', points: 5, when: { field: ':as_of', op: 'startsWith', value: '%_!' } },
      { id: 'placeholders', label: 'Placeholders in values', points: 5, when: { field: ':as_of', op: 'in', value: [':as_of', '$as_of', '$1', '?'] } },
      { id: 'number-key', label: 'Number under a backslash key', points: 5, when: { field: 'back\\slash', op: 'gte', value: 1 } },
      { id: 'date-key', label: 'Date under a $ key', points: 5, when: { field: '$as_of', op: 'withinDays', value: 30 } },
      { id: 'unicode', label: 'Unicode domain', points: 5, when: { field: 'Ünïcødé', op: 'emailDomainIn', value: ["o'reilly.com"] } },
    ],
  },
  engagement: {
    max: 100,
    halfLifeDays: 10,
    rules: [
      { id: "eng'quote", label: 'Quoted activity', activity: "o'clock", points: 7, withinDays: 60 },
      { id: 'eng"double', label: 'Double-quoted activity', activity: 'x";--', points: 11 },
    ],
  },
  disqualifiers: [{ id: "dq'", label: "Robert'); DROP TABLE leads;--", when: { field: "O'Brien", op: 'eq', value: "Robert'); DROP TABLE leads;--" } }],
  required: ["O'Brien"],
  fastTrack: [{ id: "ft'", label: 'Quote fast track', activity: "o'clock" }],
  mql: { minFit: 10, minEngagement: 5 },
  sql: { criteria: [{ id: "sql'", label: 'Quote criterion', when: { field: 'a";drop_table_leads;--', op: 'present' } }], minMet: 1 },
  grades: [
    { grade: "A'", minFit: 20 },
    { grade: 'B"', minFit: 0 },
  ],
})

export const CONFIGS: [string, ScoringConfig][] = [
  ['acme', acmeScoringConfig],
  ['every operator', everyOperatorConfig],
  ['decay', decayConfig],
  ['minimal', minimalConfig],
  ['hostile', hostileConfig],
]
