import { describe, expect, it } from 'vitest'
import {
  compareTraits,
  extractAttributes,
  groupTraits,
  LINKED_BY_FACILITATOR,
  normaliseTrait,
  stemWord,
  type AttributeFact,
  type TraitInput,
  type TraitRelation,
} from '~/domain/lead-board/matcher'
import { AgreedTraitSchema, LinkTraitsSchema, TraitSchema } from '~/domain/lead-board/schemas'
import { SYNONYMS } from '~/domain/lead-board/synonyms'

type Side = `${'m' | 's'}${'g' | 'b'}`
type Pair = [Side, string, Side, string, TraitRelation]

function trait(id: string, side: Side, text: string): TraitInput {
  return { id, team: side[0] === 'm' ? 'marketing' : 'sales', kind: side[1] === 'g' ? 'good' : 'bad', text }
}

/*
 * Pairs written like workshop sticky notes (m/s = marketing/sales, g/b = good/bad): 49 pairs,
 * 28 same, 11 contradictions, 10 unrelated. The matcher was built against this table and passes
 * it in full (precision 39/39 = 100 %, recall 39/39), which says little about unseen notes:
 * see the two blind rounds below for that.
 */
const PAIRS: Pair[] = [
  ['mg', 'VP or C-level in finance', 'sg', 'CFOs', 'same'],
  ['mg', 'Students', 'sb', 'Students / interns', 'contradiction'],
  ['mg', 'Companies with 50-500 employees', 'sg', 'mid-market, 100-300 staff', 'same'],
  ['mg', 'SMBs under 20 people', 'sg', 'Enterprise 5000+', 'contradiction'],
  ['mg', 'Requested a demo', 'sg', 'asked for a demo call', 'same'],
  ['mb', 'Gmail addresses', 'sb', 'free-mail addresses', 'same'],
  ['mg', 'Has budget this quarter', 'sg', 'Based in DACH', 'unrelated'],
  ['mg', 'Has budget', 'sb', 'No budget', 'same'],
  ['mg', 'Decision maker', 'sg', 'Economic buyer / budget holder', 'same'],
  ['mg', 'SaaS companies', 'sg', 'B2B software vendors', 'same'],
  ['mg', 'Healthcare', 'sg', 'Hospitals and clinics', 'same'],
  ['mg', 'Based in Germany, Austria or Switzerland', 'sg', 'DACH region', 'same'],
  ['mg', 'Companies in the US', 'sg', 'North America', 'same'],
  ['mg', 'Europe', 'sg', 'EMEA', 'same'],
  ['mg', 'Marketing managers', 'sg', 'C-level executives', 'contradiction'],
  ['mg', 'C-level', 'sg', 'Individual contributors', 'contradiction'],
  ['mg', 'Downloaded a whitepaper', 'sg', 'Visited the pricing page', 'unrelated'],
  ['mg', 'Visited pricing page twice', 'sg', 'Looked at pricing', 'same'],
  ['mg', 'Started a free trial', 'sg', 'Trial signups', 'same'],
  ['mb', 'Competitors', 'sb', 'Works at a competitor', 'same'],
  ['mb', 'Job seekers', 'sb', 'People looking for a job', 'same'],
  ['mg', 'Buying within 3 months', 'sb', 'No timeline', 'same'],
  ['mg', 'Timeline under 6 months', 'sg', 'Wants to buy in the next 12 months', 'same'],
  ['mg', 'Work email address', 'sb', 'Gmail / Hotmail', 'same'],
  ['mg', 'Gmail is fine, small firms use it', 'sg', 'Business email only', 'contradiction'],
  ['mg', 'Retail and e-commerce', 'sg', 'Online shops', 'same'],
  ['mg', 'Manufacturing companies in DACH', 'sg', 'Healthcare in DACH', 'unrelated'],
  ['mg', 'Universities', 'sb', 'Education sector', 'contradiction'],
  ['mb', 'Government / public sector', 'sb', 'Public administration', 'same'],
  ['mg', 'Non-profits', 'sb', 'NGOs and charities', 'contradiction'],
  ['mg', 'Not a student', 'sb', 'Students', 'same'],
  ['mg', 'Director or above', 'sg', 'VP of Sales', 'same'],
  ['mg', 'Attended a webinar', 'sg', 'Webinar attendees', 'same'],
  ['mg', 'Clicked on our newsletter', 'sg', 'Requested a demo', 'unrelated'],
  ['mb', 'Companies under 10 employees', 'sb', 'Micro businesses', 'same'],
  ['mg', 'Agencies', 'sb', 'Marketing agencies (they resell)', 'contradiction'],
  ['mg', 'Fast-growing startups', 'sg', 'Companies hiring sales reps', 'unrelated'],
  ['mg', 'Has budget', 'sg', 'Located in the UK', 'unrelated'],
  ['mg', 'Enterprise accounts', 'sg', 'Fortune 500', 'same'],
  ['mb', 'Students', 'sb', 'Interns', 'same'],
  ['mg', 'CMOs', 'sg', 'CFOs', 'unrelated'],
  ['mb', 'Consultants looking for ideas', 'sb', 'Consulting firms', 'same'],
  ['mg', 'Companies with 1000+ employees', 'sb', 'Large enterprises', 'contradiction'],
  ['mb', 'Outside Europe', 'sg', 'EMEA only', 'same'],
  ['mg', 'Sales cycle under 3 months', 'sg', 'Marketing qualified leads from webinars', 'unrelated'],
  ['mg', 'Heads of sales at SaaS companies', 'sb', 'Sales people at agencies', 'unrelated'],
  ['mb', 'Personal Gmail', 'sg', 'Private email is ok', 'contradiction'],
  ['mg', 'Uses Salesforce', 'sb', 'Uses Salesforce today', 'contradiction'],
  ['mg', 'Marketing managers', 'sg', 'Marketing directors', 'unrelated'],
]

/*
 * Written before the matcher existed, to measure it on notes it was not built from. First run:
 * 19 of 20 right; precision 16/17 = 94 % (of the pairs it flagged as same or contradiction),
 * recall 16/17 = 94 %. The miss ("Sales VPs" vs "Sales reps" read as same) was a stemming bug,
 * "VPs" not read as VP; since that fix the table passes in full, so it is no longer blind.
 */
const HELD_OUT: Pair[] = [
  ['sg', 'Head of Marketing', 'mg', 'Marketing director', 'same'],
  ['mg', 'Downloaded 2+ ebooks', 'sg', 'Content downloads', 'same'],
  ['sb', 'Tyre kickers with no project', 'mg', 'Active project in the next quarter', 'same'],
  ['mg', 'Swiss companies', 'sg', 'Switzerland', 'same'],
  ['sg', 'Companies with more than 200 staff', 'mg', '200-1000 employees', 'same'],
  ['mg', 'Startups with less than 50 people', 'sg', 'Large corporates', 'contradiction'],
  ['sb', 'Freelancers', 'mg', 'Solopreneurs', 'contradiction'],
  ['mg', 'Fintech', 'sg', 'Banks and insurers', 'same'],
  ['sg', 'Talks to the economic buyer', 'mg', 'Budget holder involved', 'same'],
  ['mg', 'Asked for pricing', 'sg', 'Visited pricing page', 'same'],
  ['sb', 'Gmail, Yahoo, GMX addresses', 'mb', 'Private email address', 'same'],
  ['mg', 'Webinar attendees', 'sg', 'Trial users', 'unrelated'],
  ['sg', 'Sales VPs', 'mg', 'Sales reps', 'contradiction'],
  ['mg', 'UK and Ireland', 'sg', 'Germany', 'unrelated'],
  ['sb', 'Existing customers', 'mb', 'Current clients', 'same'],
  ['mg', 'E-commerce brands', 'sg', 'Retailers', 'same'],
  ['sg', 'Manufacturing', 'mg', 'Industrial companies 500+ employees', 'same'],
  ['mg', 'No budget yet but strong interest', 'sg', 'Budget confirmed', 'contradiction'],
  ['sg', 'Purchase decision within 6 months', 'mg', 'Buying timeline > 12 months', 'contradiction'],
  ['mb', 'Hospitals', 'sb', 'Retail', 'unrelated'],
]

/*
 * A second blind round, written after the first fixes. First run: 17 of 20 right, precision
 * 14/15 = 93 %, recall 14/17 = 82 %. Two general gaps were fixed ("longer than a year" was not
 * read as a comparison; "money" was not a budget word). Now 18 of 20, precision 15/15 = 100 %,
 * recall 15/17 = 88 %; the two misses are pinned in a test below so the numbers stay honest.
 */
const SECOND_ROUND: Pair[] = [
  ['mg', 'Owners of small agencies', 'sg', 'Agency founders', 'same'],
  ['mg', 'Head of Sales Ops', 'sg', 'RevOps leaders', 'same'],
  ['mg', 'Companies with 20–50 employees', 'sg', 'Companies with 500-2000 employees', 'contradiction'],
  ['mb', 'Under 5 employees', 'sg', 'Freelancers welcome', 'contradiction'],
  ['mg', 'Visited the pricing page 3 times', 'sb', 'Only looked at pricing once', 'contradiction'],
  ['mg', 'French companies', 'sg', 'France and Benelux', 'same'],
  ['mg', 'APAC', 'sg', 'Australia', 'same'],
  ['mg', 'LATAM', 'sg', 'North America', 'unrelated'],
  ['mb', 'Hotmail addresses', 'sb', 'Yahoo emails', 'same'],
  ['mg', 'Booked a demo', 'sg', 'Wants a product demo', 'same'],
  ['mg', 'Filled in the contact form', 'sg', 'Inbound contact request', 'same'],
  ['mg', 'CTOs at software companies', 'sg', 'CIOs', 'same'],
  ['mb', 'Interns doing research', 'sb', 'Students writing a thesis', 'same'],
  ['mg', 'Budget allocated for 2025', 'sb', 'No money', 'same'],
  ['mg', 'Signed up for the newsletter', 'sg', 'Attended a trade show', 'unrelated'],
  ['mg', 'Medical device makers', 'sg', 'Pharma companies', 'same'],
  ['mg', 'Insurance companies', 'sb', 'Banks', 'contradiction'],
  ['mg', 'Hiring SDRs', 'sg', 'Growing their sales team', 'unrelated'],
  ['mb', 'Competitors doing research', 'sb', 'Competitor employees', 'same'],
  ['mg', 'Decision within 3 months', 'sb', 'Buying cycle longer than a year', 'same'],
]

function relationOf([sideA, textA, sideB, textB]: Pair): TraitRelation {
  return compareTraits(trait('a', sideA, textA), trait('b', sideB, textB)).relation
}

function precisionAndRecall(pairs: Pair[]) {
  const predicted = pairs.map(relationOf)
  const flagged = pairs.filter((_, i) => predicted[i] !== 'unrelated')
  const flaggedRight = flagged.filter((pair) => relationOf(pair) === pair[4]).length
  const expectedLinks = pairs.filter((pair) => pair[4] !== 'unrelated').length
  const found = pairs.filter((pair, i) => pair[4] !== 'unrelated' && predicted[i] === pair[4]).length
  return { precision: flaggedRight / flagged.length, recall: found / expectedLinks, correct: pairs.filter((pair, i) => predicted[i] === pair[4]).length }
}

describe('compareTraits on workshop notes', () => {
  it.each(PAIRS)('%s "%s" vs %s "%s" → %s', (sideA, textA, sideB, textB, expected) => {
    expect(compareTraits(trait('a', sideA, textA), trait('b', sideB, textB)).relation).toBe(expected)
    // The relation does not depend on which note is read first.
    expect(compareTraits(trait('b', sideB, textB), trait('a', sideA, textA)).relation).toBe(expected)
  })

  it('is exact on its own table: precision and recall 100 %', () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(30)
    expect(precisionAndRecall(PAIRS)).toEqual({ precision: 1, recall: 1, correct: PAIRS.length })
  })

  it.each([
    ['first held-out round', HELD_OUT],
    ['second blind round', SECOND_ROUND],
  ] as const)('keeps precision ≥ 90 %% and recall ≥ 85 %% on the %s', (_name, pairs) => {
    const { precision, recall } = precisionAndRecall([...pairs])
    expect(precision).toBeGreaterThanOrEqual(0.9)
    expect(recall).toBeGreaterThanOrEqual(0.85)
  })

  it('reports its measured numbers', () => {
    expect(precisionAndRecall([...HELD_OUT])).toEqual({ precision: 1, recall: 1, correct: 20 })
    expect(precisionAndRecall([...SECOND_ROUND])).toEqual({ precision: 1, recall: 15 / 17, correct: 18 })
  })

  it('still misses these two (update the numbers above when the matcher learns them)', () => {
    // Word overlap cannot see that these are the same note: 1 of 4 words shared.
    expect(relationOf(['mb', 'Competitors doing research', 'sb', 'Competitor employees', 'same'])).toBe('unrelated')
    // Short cycles good and long cycles bad agree in direction, but the matcher only groups overlapping values.
    expect(relationOf(['mg', 'Decision within 3 months', 'sb', 'Buying cycle longer than a year', 'same'])).toBe('unrelated')
  })

  it('explains its decisions in plain sentences that quote the notes, never a range nobody wrote', () => {
    expect(compareTraits(trait('a', 'mg', 'Students'), trait('b', 'sb', 'Students / interns')).reasons).toEqual(['“Students” is good for marketing but bad for sales'])
    expect(compareTraits(trait('a', 'mg', 'C-level'), trait('b', 'sg', 'Individual contributors')).reasons).toEqual([
      'one wants “C-level”, the other “Individual contributors”: opposite seniorities',
    ])
    expect(compareTraits(trait('a', 'mg', 'SMBs under 20 people'), trait('b', 'sg', 'Enterprise 5000+')).reasons).toEqual([
      'one wants “SMBs under 20 people”, the other “Enterprise 5000+”: opposite company sizes',
    ])
    expect(compareTraits(trait('a', 'mg', 'Companies with 50-500 employees'), trait('b', 'sg', '50 to 500 employees')).reasons).toEqual([
      '“50-500 employees” and “50 to 500 employees” are the same company size',
    ])
    expect(compareTraits(trait('a', 'mg', 'Companies with 200–2,000 employees'), trait('b', 'sg', 'Mid-market: 250–5,000 employees')).reasons).toEqual([
      '“200–2,000 employees” and “Mid-market: 250–5,000 employees” are overlapping company sizes',
    ])
    expect(compareTraits(trait('a', 'mg', 'Not a student'), trait('b', 'mb', 'Students')).reasons).toEqual([
      '“Not a student” and “Students” mean the same seniority',
      'one is a good-lead note and the other a bad-lead note: the same point from opposite sides',
    ])
    expect(compareTraits(trait('a', 'mb', 'Students and researchers'), trait('b', 'sb', 'Students')).reasons).toEqual(['both say “Students”'])
    expect(compareTraits(trait('a', 'mg', 'Based in Germany'), trait('b', 'sg', 'DACH')).reasons).toEqual(['“Germany” lies within “DACH”'])
    expect(compareTraits(trait('a', 'sg', 'Budget approved'), trait('b', 'sb', 'No budget')).reasons).toEqual([
      '“Budget approved” and “No budget” are both about budget',
      'one is a good-lead note and the other a bad-lead note: the same point from opposite sides',
    ])
    expect(compareTraits(trait('a', 'mb', 'Competitors'), trait('b', 'sb', 'Works at a competitor')).reasons).toEqual(['both say “competitors”'])
    // No reason reads like machine output: no "both mention <attribute> <value>", no percentages, no ranges the notes do not contain.
    for (const [a, b] of [
      ['Mid-market', 'Companies with 200–2,000 employees'],
      ['SMB', 'Enterprise'],
      ['CFO', 'VP finance'],
    ] as const) {
      for (const reason of compareTraits(trait('a', 'mg', a), trait('b', 'sg', b)).reasons) {
        expect(reason).not.toMatch(/both mention|%|100–999|1,000\+|under 100/)
      }
    }
  })

  it('says which team wants what, whichever note comes first', () => {
    expect(compareTraits(trait('a', 'mb', 'Personal Gmail'), trait('b', 'sg', 'Private email is ok')).reasons).toEqual(['“Gmail” is good for sales but bad for marketing'])
    expect(compareTraits(trait('a', 'mg', 'Business email only'), trait('b', 'sg', 'Gmail is fine')).reasons).toEqual(['“Gmail” is good for sales but bad for marketing'])
    expect(compareTraits(trait('a', 'mg', 'Uses Salesforce'), trait('b', 'sb', 'Uses Salesforce today')).reasons[0]).toBe('“uses salesforce” is good for marketing but bad for sales')
  })

  it('flags a contradiction inside one team as such', () => {
    const result = compareTraits(trait('a', 'mg', 'Gmail users'), trait('b', 'mb', 'Free mail'))
    expect(result.relation).toBe('contradiction')
    expect(result.reasons[0]).toBe('“Gmail” is listed as both good and bad by marketing')
  })

  it('falls back to word overlap, with negation flipping the note, when no attribute is shared', () => {
    expect(relationOf(['mg', 'Not a competitor', 'sb', 'Competitors', 'same'])).toBe('same')
    expect(relationOf(['mg', 'Competitors', 'sb', 'Competitors', 'contradiction'])).toBe('contradiction')
    expect(relationOf(['mg', 'Competitors', 'sb', 'Partners', 'unrelated'])).toBe('unrelated')
  })

  it('scores agreement between 0 and 1', () => {
    expect(compareTraits(trait('a', 'mg', 'VP or C-level in finance'), trait('b', 'sg', 'CFOs')).score).toBe(1)
    expect(compareTraits(trait('a', 'mg', 'SaaS'), trait('b', 'sg', 'SaaS with 50-500 employees')).score).toBe(0.5)
    expect(compareTraits(trait('a', 'mg', 'Has budget'), trait('b', 'sg', 'In DACH')).score).toBe(0)
  })
})

describe('normaliseTrait', () => {
  it.each([
    ['Requested a demo!', ['demo-request']],
    ['CFO / VP Finance / Finance Director', ['finance-exec', 'finance-exec', 'finance-exec']],
    ['SMBs and small businesses', ['smb', 'smb']],
    ['Enterprise (large companies)', ['enterprise', 'enterprise']],
    ['Students & interns', ['student', 'intern']],
    ['EU, Europe or EMEA', ['emea', 'emea', 'emea']],
    ['US and North America', ['usa', 'north-america']],
    ['Gmail or Hotmail addresses', ['free-email', 'free-email']],
    ['Decision makers, budget holders', ['decision-maker', 'decision-maker']],
    ['Engaged, engaging, engages', ['interest', 'interest', 'interest']],
    ['Not a non-profit', ['not', 'nonprofit']],
    ['Über-großes Unternehmen', ['uber', 'gros', 'unternehmen']],
  ])('%s → %j', (text, expected) => {
    expect(normaliseTrait(text)).toEqual(expected)
  })

  it('reads lower-case "it" and "us" as pronouns and capitals as a department and a country', () => {
    expect(normaliseTrait('they use it with us')).toEqual(['use'])
    expect(normaliseTrait('IT people in the US')).toEqual(['it', 'usa'])
    expect(normaliseTrait('it managers')).toEqual(['it', 'manager'])
  })

  it('stems plural s, -ing and -ed alike', () => {
    expect(['request', 'requests', 'requested', 'requesting'].map(stemWord)).toEqual(['request', 'request', 'request', 'request'])
    expect(['company', 'companies'].map(stemWord)).toEqual(['company', 'company'])
    expect(['saas', 'business', 'status', 'marketing'].map(stemWord)).toEqual(['saas', 'business', 'status', 'marketing'])
  })
})

describe('the synonyms list', () => {
  it('never maps one phrase to two canonical words', () => {
    const seen = new Map<string, string>()
    const clashes: string[] = []
    for (const { canonical, phrases } of SYNONYMS) {
      for (const phrase of phrases) {
        const previous = seen.get(phrase)
        if (previous && previous !== canonical) clashes.push(`${phrase}: ${previous} / ${canonical}`)
        seen.set(phrase, canonical)
      }
    }
    expect(clashes).toEqual([])
  })

  it('reads every phrase back as its own canonical word', () => {
    const misread = SYNONYMS.flatMap(({ canonical, phrases }) => phrases.filter((phrase) => normaliseTrait(phrase).join(' ') !== canonical).map((phrase) => `${phrase} → ${normaliseTrait(phrase).join(' ')} (want ${canonical})`))
    expect(misread).toEqual([])
  })
})

function facts(text: string): Omit<AttributeFact, 'span'>[] {
  return extractAttributes(text).map(({ span: _span, ...fact }) => fact)
}

describe('extractAttributes', () => {
  it.each([
    ['50–500 employees', { min: 50, max: 500 }],
    ['Between 20 and 200 staff', { min: 20, max: 200 }],
    ['more than 1000 staff', { min: 1001, max: null }],
    ['at least 1,000 employees', { min: 1000, max: null }],
    ['< 10 people', { min: 1, max: 9 }],
    ['up to 50 FTEs', { min: 1, max: 50 }],
    ['10k+ employees', { min: 10000, max: null }],
    ['250 employees or more', { min: 250, max: null }],
    ['1.000 Mitarbeiter', { min: 1000, max: 1000 }],
    ['headcount > 500', { min: 501, max: null }],
    ['Enterprise 5000+', { min: 5000, max: null }],
    ['SMB', { min: 1, max: 99 }],
    ['mid-market', { min: 100, max: 999 }],
    ['enterprise', { min: 1000, max: null }],
    ['SMBs under 20 people', { min: 1, max: 19 }],
  ])('company size of "%s" is %j', (text, range) => {
    expect(facts(text).filter((f) => f.attribute === 'employees').map((f) => f.range)).toEqual([range])
  })

  it.each(['Downloaded 2+ ebooks', 'Companies with 10+ sales reps', '$10M ARR', 'Top 3 priority', 'Fortune 500 companies', 'Replied within 2 days'])(
    'reads no number in "%s" as a head count',
    (text) => {
      const counted = extractAttributes(text).filter((f) => f.attribute === 'employees' && /^\d/.test(text.slice(f.span.start, f.span.end)))
      expect(counted).toEqual([])
    },
  )

  it('reads seniority, "or above" and department', () => {
    expect(facts('VP or C-level in finance')).toEqual([
      { attribute: 'seniority', value: 'vp', negated: false },
      { attribute: 'seniority', value: 'c-level', negated: false },
      { attribute: 'department', value: 'finance', negated: false },
    ])
    expect(facts('Director+').map((f) => f.value)).toEqual(['director', 'vp', 'c-level'])
    expect(facts('manager or above').map((f) => f.value)).toEqual(['manager', 'director', 'vp', 'c-level'])
    expect(facts('Working students').map((f) => f.value)).toEqual(['intern'])
    expect(facts('Sales cycle is long')).toEqual([])
    expect(facts('Marketing emails opened').map((f) => f.attribute)).toEqual(['engagement'])
  })

  it('reads industry, region, email type, buying role and engagement', () => {
    expect(facts('SaaS or fintech in DACH, requested a demo from a work email, decision maker')).toEqual([
      { attribute: 'industry', value: 'software', negated: false },
      { attribute: 'industry', value: 'financial-services', negated: false },
      { attribute: 'region', value: 'dach', negated: false },
      { attribute: 'engagement', value: 'demo_request', negated: false },
      { attribute: 'emailType', value: 'business', negated: false },
      { attribute: 'buyingRole', value: 'decision-maker', negated: false },
    ])
  })

  it('reads budget and timelines only in a buying context', () => {
    expect(facts('Has budget this quarter')).toEqual([{ attribute: 'budget', value: 'budget', negated: false }])
    expect(facts('Buying within six months')).toEqual([{ attribute: 'timeline', value: 'within 6 months', range: { min: 0, max: 6 }, negated: false }])
    expect(facts('Project starts this quarter')).toEqual([{ attribute: 'timeline', value: 'within 3 months', range: { min: 0, max: 3 }, negated: false }])
    expect(facts('Sales cycle > 12 months')).toEqual([{ attribute: 'timeline', value: '12+ months', range: { min: 12, max: null }, negated: false }])
    expect(facts('Replied within 2 days').filter((f) => f.attribute === 'timeline')).toEqual([])
  })

  it.each([
    ['No budget', 'budget', true],
    ['Budget not approved', 'budget', true],
    ["Can't afford us", 'budget', true],
    ['not a student', 'seniority', true],
    ['no students or interns', 'seniority', true],
    ['Outside Europe', 'region', true],
    ['Non-EU', 'region', true],
    ['Non-profit', 'industry', false],
    ['Not-for-profit organisations', 'industry', false],
    ['Just browsing', 'timeline', true],
    ['no timeline', 'timeline', true],
    ['Not just browsing', 'timeline', false],
    ['No budget, but C-level', 'budget', true],
  ] as const)('"%s": %s negated = %s', (text, attribute, negated) => {
    expect(facts(text).filter((f) => f.attribute === attribute).map((f) => f.negated)).toSatisfy(
      (values: boolean[]) => values.length > 0 && values.every((value) => value === negated),
    )
  })

  it('keeps the negation to its clause', () => {
    expect(facts('No budget, but C-level').find((f) => f.attribute === 'seniority')?.negated).toBe(false)
    expect(facts('No budget; the students are fine').find((f) => f.attribute === 'seniority')?.negated).toBe(false)
    expect(facts('Not a student but an intern').map((f) => [f.value, f.negated])).toEqual([
      ['student', true],
      ['intern', false],
    ])
  })

  it('gives spans into the original text, accents included', () => {
    const text = 'Größere Firmen in Österreich, 50–500 Mitarbeiter'
    expect(extractAttributes(text).map((f) => text.slice(f.span.start, f.span.end))).toEqual(['Österreich', '50–500 Mitarbeiter'])
  })
})

describe('groupTraits', () => {
  const board: TraitInput[] = [
    trait('m1', 'mg', 'Companies with 50-500 employees'),
    trait('m2', 'mg', 'Students'),
    trait('m3', 'mb', 'Gmail addresses'),
    trait('m4', 'mg', 'Requested a demo'),
    trait('s1', 'sg', 'mid-market, 100-300 staff'),
    trait('s2', 'sb', 'Students / interns'),
    trait('s3', 'sb', 'free-mail addresses'),
    trait('s4', 'sg', 'asked for a demo call'),
    trait('s5', 'sg', 'Has budget this quarter'),
    trait('s6', 'sg', 'Based in DACH'),
  ]

  it('groups what says the same, flags contradictions and keeps input order', () => {
    const result = groupTraits(board, [])
    expect(result.groups.map((g) => g.traitIds)).toEqual([['m1', 's1'], ['m2'], ['m3', 's3'], ['m4', 's4'], ['s2'], ['s5'], ['s6']])
    expect(result.groups[0]).toEqual({
      id: 'm1',
      traitIds: ['m1', 's1'],
      kind: 'good',
      teams: ['marketing', 'sales'],
      reasons: ['“50-500 employees” and “mid-market, 100-300 staff” are overlapping company sizes'],
      joins: [{ aId: 'm1', bId: 's1', reasons: ['“50-500 employees” and “mid-market, 100-300 staff” are overlapping company sizes'] }],
    })
    expect(result.contradictions).toEqual([{ aId: 'm2', bId: 's2', reasons: ['“Students” is good for marketing but bad for sales'] }])
  })

  it('is deterministic', () => {
    expect(groupTraits(board, [])).toEqual(groupTraits(board, []))
  })

  it('lets the facilitator link traits the matcher missed and unlink what it paired wrongly', () => {
    const result = groupTraits(board, [
      { aId: 's6', bId: 's5', linked: true },
      { aId: 'm3', bId: 's3', linked: false },
      { aId: 'm2', bId: 's2', linked: false },
    ])
    expect(result.groups.map((g) => g.traitIds)).toEqual([['m1', 's1'], ['m2'], ['m3'], ['m4', 's4'], ['s2'], ['s3'], ['s5', 's6']])
    expect(result.groups.find((g) => g.id === 's5')?.reasons).toEqual([LINKED_BY_FACILITATOR])
    expect(result.contradictions).toEqual([])
  })

  it('lets the latest link on a pair win and ignores links to unknown traits', () => {
    const result = groupTraits(board, [
      { aId: 'm3', bId: 's3', linked: false },
      { aId: 's3', bId: 'm3', linked: true },
      { aId: 'm1', bId: 'gone', linked: true },
    ])
    expect(result.groups.find((g) => g.id === 'm3')?.traitIds).toEqual(['m3', 's3'])
    expect(result.groups.find((g) => g.id === 'm3')?.reasons).toEqual([LINKED_BY_FACILITATOR])
  })

  it('chains links transitively and marks a group holding a note and its mirror as mixed', () => {
    const result = groupTraits(
      [trait('a', 'mg', 'Has budget'), trait('b', 'sb', 'No budget'), trait('c', 'sg', 'Budget approved'), trait('d', 'sg', 'Decision maker')],
      [{ aId: 'c', bId: 'd', linked: true }],
    )
    expect(result.groups).toEqual([
      expect.objectContaining({ id: 'a', traitIds: ['a', 'b', 'c', 'd'], kind: 'mixed', teams: ['marketing', 'sales'] }),
    ])
  })

  it('keeps a contradiction the facilitator linked, since the notes still disagree', () => {
    const result = groupTraits([trait('a', 'mg', 'Students'), trait('b', 'sb', 'Students')], [{ aId: 'a', bId: 'b', linked: true }])
    expect(result.groups.map((g) => g.traitIds)).toEqual([['a', 'b']])
    expect(result.contradictions.map((c) => [c.aId, c.bId])).toEqual([['a', 'b']])
  })

  it('refuses a board with the same trait twice', () => {
    expect(() => groupTraits([trait('a', 'mg', 'x'), trait('a', 'sg', 'y')])).toThrow(/appears twice/)
  })
})

describe('trait form schemas', () => {
  it('trims and accepts a new trait, with an empty why left out', () => {
    expect(TraitSchema.parse({ kind: 'good', text: '  CFOs  ', why: ' ', revision: '' })).toEqual({ kind: 'good', text: 'CFOs', why: undefined, revision: undefined })
    expect(TraitSchema.parse({ kind: 'bad', text: 'Students', why: 'never buy', revision: '3' })).toEqual({ kind: 'bad', text: 'Students', why: 'never buy', revision: 3 })
  })

  it.each([
    [{ kind: 'good', text: '   ' }, 'text', 'Describe the trait in a few words.'],
    [{ kind: 'good', text: 'x'.repeat(281) }, 'text', 'Keep a trait to 280 characters, like a sticky note; put the detail in "why".'],
    [{ kind: 'meh', text: 'CFOs' }, 'kind', 'Pick whether this describes a good or a bad lead.'],
    [{ kind: 'good', text: 'CFOs', why: 'y'.repeat(501) }, 'why', 'Keep the reason to 500 characters.'],
    [{ kind: 'good', text: 'CFOs', revision: 'abc' }, 'revision', 'This form is out of date. Reload the page and try again.'],
  ])('refuses %j with a message on %s', (input, path, message) => {
    const result = TraitSchema.safeParse(input)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toContainEqual([path, message])
  })

  it('reads the merged notes of an agreed trait from indexed or comma-separated fields', () => {
    expect(AgreedTraitSchema.parse({ kind: 'good', text: 'Finance leaders', sourceTraitIds: ['m1', 's1', 'm1'] }).sourceTraitIds).toEqual(['m1', 's1'])
    expect(AgreedTraitSchema.parse({ kind: 'good', text: 'Finance leaders', sourceTraitIds: 'm1, s1' }).sourceTraitIds).toEqual(['m1', 's1'])
    expect(AgreedTraitSchema.parse({ kind: 'bad', text: 'Students' }).sourceTraitIds).toEqual([])
  })

  it('links two different traits and reads the posted flag as a boolean', () => {
    expect(LinkTraitsSchema.parse({ aId: 'm1', bId: 's1', linked: 'false' })).toEqual({ aId: 'm1', bId: 's1', linked: false })
    const same = LinkTraitsSchema.safeParse({ aId: 'm1', bId: 'm1', linked: 'true' })
    expect(same.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['bId', 'Pick two different traits to link.']])
  })
})
