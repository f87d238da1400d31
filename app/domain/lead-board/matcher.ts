import { SYNONYMS } from './synonyms'

/*
 * The good/bad-lead board puts both teams' sticky notes side by side, groups the notes that
 * say the same thing and flags contradictions. The matcher is deliberately simple, so the
 * facilitator can read every decision back to the room:
 *
 * 1. Normalise: fold case and accents, tokenise, stem (plural s, -ing, -ed), replace known
 *    phrases by a canonical word from synonyms.ts ("CFO", "VP finance" → finance-exec).
 * 2. Extract facts: attribute/value pairs such as company size 50–500 employees, seniority
 *    c-level, region DACH, with negation ("no budget", "not a student", "outside Europe").
 * 3. Compare the facts of two notes attribute by attribute; each fact has a polarity:
 *    +1 when the note wants it, −1 when it does not ("Students" on the bad list and
 *    "Not a student" on the good list both say −1 to students).
 *      - overlapping values, same polarity      → agree
 *      - overlapping values, opposite polarity  → contradiction (good for one, bad for the other)
 *      - disjoint values that are opposites, both wanted (SMB vs enterprise, C-level vs
 *        individual contributor, within 3 vs 12+ months) → contradiction
 *      - other disjoint values (CMO vs CFO, DACH vs UK) → differ
 *    A contradiction wins unless another shared attribute differs (then the notes describe
 *    two segments: "sales heads at SaaS" good, "sales people at agencies" bad). Otherwise the
 *    notes are the same when at least one attribute agrees, none differs and the agreeing
 *    attributes are at least half of all the attributes the two notes mention
 *    (SAME_ATTRIBUTE_SHARE).
 * 4. Notes that share no attribute fall back to word overlap: Jaccard similarity of their
 *    normalised words ≥ SAME_WORDS_THRESHOLD ("Competitors" vs "Works at a competitor").
 */

export type TraitTeam = 'marketing' | 'sales'
export type TraitKind = 'good' | 'bad'
export type TraitInput = { id: string; team: TraitTeam; kind: TraitKind; text: string }

export const ATTRIBUTES = [
  'employees',
  'seniority',
  'department',
  'industry',
  'region',
  'budget',
  'timeline',
  'engagement',
  'emailType',
  'buyingRole',
] as const
export type Attribute = (typeof ATTRIBUTES)[number]

/** Inclusive; `max: null` has no upper bound. Employees are counted in people, timelines in months. */
export type NumericRange = { min: number; max: number | null }

export type AttributeFact = {
  attribute: Attribute
  value: string
  range?: NumericRange
  negated: boolean
  /** Where the fact was read, as character offsets into the original text. */
  span: { start: number; end: number }
  /** The words to cite for it, when wider than `span`: with its negation ("No budget") or the size word a number defines ("Enterprise 1000+"). */
  quote?: { start: number; end: number }
}

export type TraitRelation = 'same' | 'contradiction' | 'unrelated'
export type TraitComparison = { relation: TraitRelation; reasons: string[]; score: number }

/** Word overlap (Jaccard) from which two notes without comparable facts say the same thing. */
export const SAME_WORDS_THRESHOLD = 0.5
/** Share of the mentioned attributes that must agree before two notes count as the same. */
export const SAME_ATTRIBUTE_SHARE = 0.5
/** Seniority levels this far apart, both wanted, are opposites (manager vs VP is; manager vs director is not). */
export const OPPOSITE_SENIORITY_DISTANCE = 2

export const ATTRIBUTE_LABELS: Record<Attribute, string> = {
  employees: 'company size',
  seniority: 'seniority',
  department: 'department',
  industry: 'industry',
  region: 'region',
  budget: 'budget',
  timeline: 'buying timeline',
  engagement: 'engagement',
  emailType: 'email address',
  buyingRole: 'buying role',
}

// ---------------------------------------------------------------------------------------------
// Normalisation

type Token = { text: string; start: number; end: number; breakBefore: boolean }
type Term = {
  /** A canonical word from synonyms.ts, or the stem of an ordinary word. */
  text: string
  canonical: boolean
  start: number
  end: number
  breakBefore: boolean
}

// Stemming these would make them collide with other words ("marketing" → "market").
const UNSTEMMED = new Set([
  'marketing', 'pricing', 'banking', 'consulting', 'manufacturing', 'publishing', 'shipping', 'accounting',
  'controlling', 'recruiting', 'engineering', 'funding', 'sales', 'news', 'series', 'business', 'analytics',
  'logistics', 'saas', 'ops', 'always', 'status',
])

// Articles and possessives are dropped before phrase matching, so "asked for a demo" and
// "asked for demo" read alike.
const FILLERS = new Set(['a', 'an', 'the', 'our', 'their', 'your', 'its', 'my', 'his', 'her', 'some'])

const STOP_WORDS = stemmedSet([
  'and', 'or', 'of', 'for', 'in', 'on', 'at', 'to', 'with', 'from', 'by', 'as', 'into', 'about', 'per', 'via',
  'who', 'whom', 'whose', 'that', 'which', 'what', 'when', 'where', 'why', 'how', 'than', 'then', 'so', 'if',
  'is', 'are', 'be', 'been', 'being', 'was', 'were', 'has', 'have', 'had', 'having', 'do', 'does', 'did',
  'will', 'would', 'can', 'could', 'should', 'may', 'might', 'must', 'get', 'got', 'gets',
  'i', 'we', 'you', 'he', 'she', 'they', 'it', 'us', 'them', 'this', 'these', 'those', 'there', 'here',
  'very', 'really', 'just', 'only', 'also', 'too', 'more', 'most', 'less', 'least', 'all', 'any', 'each',
  'every', 'other', 'such', 'over', 'under', 'above', 'below', 'up', 'down', 'out', 'already', 'still', 'yet',
  'eg', 'e', 'g', 'etc', 'ie', 'like', 'usually', 'often', 'always', 'typically', 'mostly', 'ideally',
  // Words every sticky note on this board shares, which would make unrelated notes look alike.
  'lead', 'prospect', 'contact', 'company', 'firm', 'organisation', 'organization', 'org', 'account',
  'people', 'person', 'someone', 'somebody', 'one', 'good', 'bad', 'great', 'ideal', 'typical', 'based',
  'located', 'work', 'working', 'want', 'wants', 'ok', 'okay', 'fine', 'address', 'brand', 'type', 'kind',
  'thing', 'stuff', 'level', 'role', 'title', 'region', 'sector', 'industry', 'segment', 'team', 'sometimes',
])

const NEGATORS = stemmedSet([
  'no', 'not', 'non', 'without', 'never', 'none', 'nor', 'outside', 'excluding', 'exclude', 'except',
  'isnt', 'arent', 'doesnt', 'dont', 'wont', 'cant', 'cannot', 'hasnt', 'havent', 'lack', 'lacks', 'lacking', 'missing',
])

// A negation reaches forward over a short list ("no students or interns") but not past these.
const SCOPE_ENDERS = stemmedSet(['but', 'however', 'although', 'though', 'while', 'and', 'with', 'who', 'that', 'which', 'yet'])

const ROLE_WORDS_AFTER_IT = new Set([
  'manager', 'managers', 'director', 'directors', 'department', 'dept', 'team', 'admin', 'admins', 'leader',
  'leaders', 'lead', 'leads', 'professional', 'professionals', 'staff', 'budget', 'security', 'ops', 'operations', 'head', 'heads',
])

// Terms hold stems, so word lists are checked in both forms ("outside" is read as "outsid").
function stemmedSet(words: readonly string[]): Set<string> {
  return new Set(words.flatMap((word) => [word, stemWord(word)]))
}

/** Plural s, -ing and -ed, plus a final e, so "engage", "engaged" and "engaging" share a stem. */
export function stemWord(word: string): string {
  // "VPs", "CMs": two consonants and an s is an abbreviation's plural, unlike "has" or "its".
  if (/^[b-df-hj-np-tv-z]{2}s$/.test(word)) return word.slice(0, -1)
  if (word.length <= 3 || /\d/.test(word) || UNSTEMMED.has(word)) return word
  let stem = word
  if (stem.endsWith('ies') && stem.length > 4) stem = `${stem.slice(0, -3)}y`
  else if (stem.endsWith('sses')) stem = stem.slice(0, -2)
  else if (stem.endsWith('s') && !/(ss|us|is|as)$/.test(stem)) stem = stem.slice(0, -1)

  if (stem.endsWith('ing') && stem.length >= 6) stem = undouble(stem.slice(0, -3))
  else if (stem.endsWith('ied') && stem.length >= 5) stem = `${stem.slice(0, -3)}y`
  else if (stem.endsWith('ed') && !stem.endsWith('eed') && stem.length >= 5) stem = undouble(stem.slice(0, -2))

  if (stem.endsWith('e') && stem.length >= 5) stem = stem.slice(0, -1)
  return stem
}

function undouble(stem: string): string {
  return /([b-df-hj-km-np-rtv-xz])\1$/.test(stem) && !/(ll|ss|zz)$/.test(stem) ? stem.slice(0, -1) : stem
}

/**
 * Case- and accent-folded copy of the text with exactly one character per UTF-16 unit of the
 * original, so every offset found in the copy is an offset into what the person typed.
 */
function fold(text: string): string {
  let folded = ''
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    const base = char === 'ß' ? 's' : char.normalize('NFD')[0]!.toLowerCase()
    folded += base.length === 1 ? base : char
  }
  return folded
}

const TOKEN_PATTERN = /\d{1,3}(?:[,.]\d{3})+(?!\d)|\d+(?:\.\d+)?|[a-z][a-z0-9]*(?:['’][a-z]+)?/g
const BREAK_PATTERN = /[,;:.!?()[\]\n|]/

function tokenise(text: string): Token[] {
  const folded = fold(text)
  const tokens: Token[] = []
  let previousEnd = 0
  for (const match of folded.matchAll(TOKEN_PATTERN)) {
    const start = match.index
    const end = start + match[0].length
    const gap = folded.slice(previousEnd, start)
    const previous = tokens[tokens.length - 1]
    // "U.S." and "e.g." are abbreviations, not the end of a clause.
    const abbreviation = gap === '.' && previous !== undefined && previous.text.length === 1
    let word = match[0].replace(/['’]s$/, '').replace(/['’]/g, '')
    if (/^\d/.test(word)) word = word.replace(/[,.](?=\d{3}(?!\d))/g, '')
    tokens.push({ text: word, start, end, breakBefore: tokens.length > 0 && BREAK_PATTERN.test(gap) && !abbreviation })
    previousEnd = end
  }
  // "IT" and "US" in capitals are a department and a country; in lower case they are pronouns.
  tokens.forEach((token, index) => {
    const raw = text.slice(token.start, token.end)
    const next = tokens[index + 1]?.text
    const before = tokens.slice(Math.max(0, index - 2), index).map((t) => t.text)
    if (token.text === 'it' && (raw === 'IT' || (next !== undefined && ROLE_WORDS_AFTER_IT.has(next)) || before.at(-1) === 'vp' || (before[1] === 'of' && ['head', 'director', 'vp'].includes(before[0] ?? '')))) {
      token.text = 'infotech'
    }
    if (token.text === 'us' && raw === 'US') token.text = 'usa'
  })
  return tokens
}

type Phrase = { stems: string[]; canonical: string }

// Built once: phrases by their first stem, longest first, so matching is a dictionary lookup.
const PHRASES_BY_FIRST_STEM: Map<string, Phrase[]> = (() => {
  const index = new Map<string, Phrase[]>()
  for (const { canonical, phrases } of SYNONYMS) {
    for (const phrase of phrases) {
      const stems = tokenise(phrase)
        .filter((token) => !FILLERS.has(token.text))
        .map((token) => stemWord(token.text))
      if (stems.length === 0) continue
      const list = index.get(stems[0]!) ?? []
      list.push({ stems, canonical })
      index.set(stems[0]!, list)
    }
  }
  for (const list of index.values()) list.sort((a, b) => b.stems.length - a.stems.length)
  return index
})()

/** The text as canonical words and stems, stop words included (negation needs them). */
function readTerms(text: string): Term[] {
  const tokens: Token[] = []
  let pendingBreak = false
  for (const token of tokenise(text)) {
    // A dropped "the" after a comma still leaves the comma's clause break on the next word.
    if (FILLERS.has(token.text)) pendingBreak ||= token.breakBefore
    else {
      tokens.push({ ...token, breakBefore: token.breakBefore || pendingBreak })
      pendingBreak = false
    }
  }
  const stems = tokens.map((token) => stemWord(token.text))
  const terms: Term[] = []
  let i = 0
  while (i < tokens.length) {
    const candidates = PHRASES_BY_FIRST_STEM.get(stems[i]!) ?? []
    const phrase = candidates.find((p) => p.stems.every((stem, k) => stems[i + k] === stem))
    if (phrase) {
      const last = tokens[i + phrase.stems.length - 1]!
      terms.push({ text: phrase.canonical, canonical: true, start: tokens[i]!.start, end: last.end, breakBefore: tokens[i]!.breakBefore })
      i += phrase.stems.length
    } else {
      const token = tokens[i]!
      terms.push({ text: stems[i]!, canonical: false, start: token.start, end: token.end, breakBefore: token.breakBefore })
      i += 1
    }
  }
  return terms
}

/**
 * The words of a text that say something (no stop words or articles), with where each stands in
 * the text: what a draft criterion has to account for, word by word.
 */
export function contentWords(text: string): { text: string; canonical: boolean; start: number; end: number }[] {
  return readTerms(text)
    .filter((term) => !isStopWord(term))
    .map(({ text: word, canonical, start, end }) => ({ text: word, canonical, start, end }))
}

function isStopWord(term: Term): boolean {
  return !term.canonical && STOP_WORDS.has(term.text)
}

/**
 * The words of a trait as the matcher compares them: lower case, no punctuation or stop
 * words, stemmed, and known phrases replaced by their canonical word ("Requested a demo!" →
 * ["demo-request"]). Negations ("no", "not", "non") are kept because they change the meaning.
 */
export function normaliseTrait(text: string): string[] {
  return readTerms(text)
    .filter((term) => !isStopWord(term))
    .map((term) => term.text)
}

// ---------------------------------------------------------------------------------------------
// Attribute facts

export const SENIORITY_LEVELS: Record<string, number> = {
  student: 0,
  intern: 0,
  'individual-contributor': 1,
  manager: 2,
  director: 3,
  vp: 4,
  'c-level': 5,
}
const SENIORITY_BY_LEVEL = ['individual-contributor', 'manager', 'director', 'vp', 'c-level']

// Company-size words as head counts; "SMB" < 100, mid-market 100–999 and enterprise 1,000+ is the
// usual B2B software split, and one place to change it if a workshop defines it otherwise.
const SIZE_WORDS: Record<string, NumericRange> = {
  freelancer: { min: 1, max: 1 },
  'micro-business': { min: 1, max: 9 },
  smb: { min: 1, max: 99 },
  'mid-market': { min: 100, max: 999 },
  enterprise: { min: 1000, max: null },
}

const ENGAGEMENT_ACTIVITIES: Record<string, string> = {
  'demo-request': 'demo_request',
  'pricing-view': 'pricing_view',
  'trial-start': 'trial_start',
  'content-download': 'content_download',
  webinar: 'webinar',
  event: 'event',
  'email-click': 'email_click',
  'form-fill': 'form_fill',
  'web-visit': 'web_visit',
}

export const EXEC_DEPARTMENTS: Record<string, string> = {
  'finance-exec': 'finance',
  'marketing-exec': 'marketing',
  'sales-exec': 'sales',
  'it-exec': 'it',
  'hr-exec': 'hr',
  'ops-exec': 'ops',
}

const DEPARTMENTS = new Set(['marketing', 'sales', 'finance', 'it', 'hr', 'ops'])
const INDUSTRIES = new Set([
  'software', 'healthcare', 'financial-services', 'retail', 'manufacturing', 'education', 'government',
  'agency', 'consulting', 'nonprofit', 'logistics', 'telecom', 'media', 'real-estate',
])

/** Each region's parent, so "Germany" falls inside "DACH" and "DACH" inside "Europe". */
export const REGION_PARENT: Record<string, string> = {
  germany: 'dach',
  austria: 'dach',
  switzerland: 'dach',
  dach: 'emea',
  uk: 'emea',
  ireland: 'emea',
  france: 'emea',
  netherlands: 'benelux',
  belgium: 'benelux',
  luxembourg: 'benelux',
  benelux: 'emea',
  sweden: 'nordics',
  norway: 'nordics',
  denmark: 'nordics',
  finland: 'nordics',
  iceland: 'nordics',
  nordics: 'emea',
  spain: 'southern-europe',
  italy: 'southern-europe',
  portugal: 'southern-europe',
  'southern-europe': 'emea',
  poland: 'emea',
  uae: 'middle-east-africa',
  'saudi-arabia': 'middle-east-africa',
  israel: 'middle-east-africa',
  'south-africa': 'middle-east-africa',
  'middle-east-africa': 'emea',
  usa: 'north-america',
  canada: 'north-america',
  brazil: 'latam',
  mexico: 'latam',
  argentina: 'latam',
  chile: 'latam',
  colombia: 'latam',
  australia: 'anz',
  'new-zealand': 'anz',
  anz: 'apac',
  japan: 'apac',
  india: 'apac',
  singapore: 'apac',
  china: 'apac',
  'south-korea': 'apac',
}
const REGIONS = new Set(['emea', 'north-america', 'latam', 'apac', ...Object.keys(REGION_PARENT), ...Object.values(REGION_PARENT)])

// "sales cycle" or "marketing emails" name a process or a channel, not the lead's department.
const NOT_A_DEPARTMENT_AFTER = new Set(
  ['email', 'mail', 'newsletter', 'campaign', 'content', 'material', 'qualified', 'accepted', 'call', 'cycle', 'process',
    'automation', 'tool', 'software', 'platform', 'stack', 'budget', 'spend', 'funnel', 'pipeline', 'lead', 'message',
    'activity', 'event', 'email-click', 'software', 'content-download'].map((w) => (w.includes('-') ? w : stemWord(w))),
)

type FactTemplate = { attribute: Attribute; value: string; range?: NumericRange; negated?: boolean }

function factsOfCanonical(canonical: string): FactTemplate[] {
  if (canonical === 'sales-rep') {
    return [
      { attribute: 'seniority', value: 'individual-contributor' },
      { attribute: 'department', value: 'sales' },
    ]
  }
  const exec = EXEC_DEPARTMENTS[canonical]
  if (exec) {
    return [
      ...['director', 'vp', 'c-level'].map((value) => ({ attribute: 'seniority' as const, value })),
      { attribute: 'department', value: exec },
    ]
  }
  if (canonical in SENIORITY_LEVELS) return [{ attribute: 'seniority', value: canonical }]
  if (DEPARTMENTS.has(canonical)) return [{ attribute: 'department', value: canonical }]
  if (INDUSTRIES.has(canonical)) return [{ attribute: 'industry', value: canonical }]
  if (REGIONS.has(canonical)) return [{ attribute: 'region', value: canonical }]
  const size = SIZE_WORDS[canonical]
  if (size) return [{ attribute: 'employees', value: formatEmployees(size), range: size }]
  const activity = ENGAGEMENT_ACTIVITIES[canonical]
  if (activity) return [{ attribute: 'engagement', value: activity }]
  switch (canonical) {
    case 'decision-maker':
    case 'influencer':
    case 'champion':
    case 'end-user':
      return [{ attribute: 'buyingRole', value: canonical }]
    case 'budget':
      return [{ attribute: 'budget', value: 'budget' }]
    case 'no-budget':
      return [{ attribute: 'budget', value: 'budget', negated: true }]
    case 'timeline':
      return [{ attribute: 'timeline', value: 'timeline' }]
    case 'no-timeline':
      return [{ attribute: 'timeline', value: 'timeline', negated: true }]
    case 'free-email':
      return [{ attribute: 'emailType', value: 'free' }]
    case 'business-email':
      return [{ attribute: 'emailType', value: 'business' }]
    default:
      return []
  }
}

const NUMBER = String.raw`(\d{1,3}(?:[,.]\d{3})+(?!\d)|\d+(?:\.\d+)?)(?:\s*(k)\b)?`
const QUANTITY_PATTERN = new RegExp(
  [
    String.raw`\b(?:between|from)\s+${NUMBER}\s*(?:and|to|-|–|—)\s*${NUMBER}`,
    String.raw`${NUMBER}\s*(?:-|–|—|to)\s*${NUMBER}(?:\s*\+)?`,
    String.raw`(more than|over|above|greater than|bigger than|larger than|longer than|at least|minimum of|minimum|min\.?|>=|≥|>)\s*${NUMBER}(?:\s*\+)?`,
    String.raw`(less than|fewer than|under|below|smaller than|shorter than|up to|at most|no more than|maximum of|maximum|max\.?|<=|≤|<)\s*${NUMBER}`,
    String.raw`${NUMBER}\s*\+`,
    NUMBER,
  ].join('|'),
  'g',
)
const STRICT_OPERATORS = new Set(['more than', 'over', 'above', 'greater than', 'bigger than', 'larger than', 'longer than', '>', 'less than', 'fewer than', 'under', 'below', 'smaller than', 'shorter than', '<'])

const EMPLOYEE_NOUN = /^[\s-]*(?:employees?|staff(?:ers)?|people|persons?|ftes?|headcount|heads|workers|emps|mitarbeiter(?:innen)?)\b/
const OPEN_ENDED_AFTER = /^\s*(?:\+|or more\b|and more\b|and above\b|or above\b|and up\b|plus\b)/
const TIME_UNIT = /^[\s-]*(days?|weeks?|wks?|months?|mos?|quarters?|years?|yrs?)\b/
const BUYING_CONTEXT = /\b(?:buy|purchas|decision|decid|implement|go live|go-live|start|timeline|timeframe|time frame|project|sign|clos|roll ?out|evaluat|switch|migrat|deploy|onboard|cycle)/
const SIZE_CONTEXT_BEFORE = /(?:company size|team size|headcount|employees|staff|size|smbs?|smes?|enterprises?|mid[\s-]?market|companies|company|firms?|businesses|organi[sz]ations?|corporates?|startups?)\s*(?:with|of|having|between|is|=|:|,)?\s*$/
const EXACT_SIZE_CONTEXT_BEFORE = /(?:company size|team size|headcount|employees|staff)\s*(?:of|is|=|:)?\s*$/
const AFTER_BARE_SIZE = /^\s*(?:$|[,;.)/]|and\b|or\b|in\b|based\b|that\b|who\b|where\b|with\b|across\b|only\b)/
const NUMBER_WORDS: Record<string, string> = { a: '1', an: '1', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', nine: '9', twelve: '12', eighteen: '18' }

/** `strict` marks "more than"/"under": a head count moves by one person, a timeline does not. */
type Quantity = { start: number; end: number; range: NumericRange; exact: boolean; strict: boolean }

function parseNumber(digits: string | undefined, thousands: string | undefined): number {
  const value = Number((digits ?? '').replace(/[,.](?=\d{3}(?!\d))/g, ''))
  return thousands ? value * 1000 : value
}

/** Numbers, ranges and comparisons ("50-500", "1000+", "< 10", "between 5 and 50"), unit not yet known. */
function readQuantities(folded: string): Quantity[] {
  const quantities: Quantity[] = []
  for (const m of folded.matchAll(QUANTITY_PATTERN)) {
    const g = m.slice(1)
    const start = m.index
    const end = start + m[0].length
    const base = { start, end, exact: false, strict: false }
    if (g[0] !== undefined) quantities.push({ ...base, range: { min: parseNumber(g[0], g[1]), max: parseNumber(g[2], g[3]) } })
    else if (g[4] !== undefined) quantities.push({ ...base, range: { min: parseNumber(g[4], g[5]), max: parseNumber(g[6], g[7]) } })
    else if (g[8] !== undefined) quantities.push({ ...base, range: { min: parseNumber(g[9], g[10]), max: null }, strict: STRICT_OPERATORS.has(g[8]) })
    else if (g[11] !== undefined) quantities.push({ ...base, range: { min: 0, max: parseNumber(g[12], g[13]) }, strict: STRICT_OPERATORS.has(g[11]) })
    else if (g[14] !== undefined) quantities.push({ ...base, range: { min: parseNumber(g[14], g[15]), max: null } })
    else {
      const value = parseNumber(g[16], g[17])
      quantities.push({ ...base, range: { min: value, max: value }, exact: true })
    }
  }
  return quantities
}

type RawFact = FactTemplate & { start: number; end: number }

function readNumericFacts(text: string): RawFact[] {
  // Word numbers before a time unit ("within six months") become digits of the same length.
  const folded = fold(text).replace(/\b(an?|one|two|three|four|five|six|nine|twelve|eighteen)\b(?=\s+(?:days?|weeks?|months?|quarters?|years?)\b)/g, (word) =>
    (NUMBER_WORDS[word] ?? word).padEnd(word.length, ' '),
  )
  const buying = BUYING_CONTEXT.test(folded)
  const facts: RawFact[] = []
  for (const quantity of readQuantities(folded)) {
    const after = folded.slice(quantity.end)
    const before = folded.slice(Math.max(0, quantity.start - 40), quantity.start)
    const noun = EMPLOYEE_NOUN.exec(after)
    const unit = TIME_UNIT.exec(after)
    if (noun) {
      const tail = after.slice(noun[0].length)
      const open = OPEN_ENDED_AFTER.exec(tail)
      const range = headCount(open && quantity.exact ? { ...quantity, range: { min: quantity.range.min, max: null } } : quantity)
      const end = quantity.end + noun[0].length + (open ? open[0].length : 0)
      facts.push({ attribute: 'employees', value: formatEmployees(range), range, start: quantity.start, end })
    } else if (unit && buying) {
      const months = monthsPer(unit[1]!)
      const { min, max } = quantity.range
      // A deadline ("in 6 months", "under 6 months") means from now until then.
      const range = quantity.exact || min === 0 ? { min: 0, max: (max ?? min) * months } : { min: min * months, max: max === null ? null : max * months }
      facts.push({ attribute: 'timeline', value: formatTimeline(range), range, start: quantity.start, end: quantity.end + unit[0].length })
    } else if ((quantity.exact ? EXACT_SIZE_CONTEXT_BEFORE : SIZE_CONTEXT_BEFORE).test(before) && AFTER_BARE_SIZE.test(after)) {
      const range = headCount(quantity)
      facts.push({ attribute: 'employees', value: formatEmployees(range), range, start: quantity.start, end: quantity.end })
    }
  }
  if (buying) {
    for (const m of folded.matchAll(/\b(this|next|within the next|within a|in the next)\s+(quarter|year)\b/g)) {
      const months = (m[2] === 'quarter' ? 3 : 12) * (m[1] === 'next' ? 2 : 1)
      const range = { min: 0, max: months }
      facts.push({ attribute: 'timeline', value: formatTimeline(range), range, start: m.index, end: m.index + m[0].length })
    }
  }
  return facts
}

/** People are counted whole: "more than 1000" starts at 1,001, "under 20" ends at 19, and a company has at least one. */
function headCount({ range, strict }: Quantity): NumericRange {
  const min = strict && range.max === null ? range.min + 1 : range.min
  const max = range.max === null ? null : strict ? range.max - 1 : range.max
  return { min: Math.max(1, min), max: max === null ? null : Math.max(1, max) }
}

function monthsPer(unit: string): number {
  if (unit.startsWith('d')) return 1 / 30
  if (unit.startsWith('w')) return 1 / 4
  if (unit.startsWith('q')) return 3
  if (unit.startsWith('y')) return 12
  return 1
}

function formatCount(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : String(Math.round(value * 10) / 10)
}

function formatEmployees(range: NumericRange): string {
  if (range.max === null) return `${formatCount(range.min)}+`
  if (range.min === range.max) return formatCount(range.min)
  if (range.min <= 1) return `under ${formatCount(range.max + 1)}`
  return `${formatCount(range.min)}–${formatCount(range.max)}`
}

function formatTimeline(range: NumericRange): string {
  if (range.max === null) return `${formatCount(range.min)}+ months`
  if (range.min === 0) return `within ${formatCount(range.max)} months`
  return `${formatCount(range.min)}–${formatCount(range.max)} months`
}

const SENIORITY_OR_ABOVE_AFTER = /^\s*(?:\+|(?:level\s+)?(?:and|or)\s+(?:above|higher|up|more senior)\b|plus\b)/
const SENIORITY_OR_ABOVE_BEFORE = /(?:at least|min(?:imum)?\.?)\s*$/

/**
 * Attribute/value facts of a trait: company size, seniority, department, industry, region,
 * budget, buying timeline, engagement, email type and buying role, each with its negation and
 * the span of text it was read from.
 */
export function extractAttributes(text: string): AttributeFact[] {
  const folded = fold(text)
  const terms = readTerms(text)
  const raw: (RawFact & { termIndex: number; numeric: boolean })[] = []

  terms.forEach((term, index) => {
    if (!term.canonical) return
    let templates = factsOfCanonical(term.text)
    if (templates.some((t) => t.attribute === 'department') && !EXEC_DEPARTMENTS[term.text] && term.text !== 'sales-rep') {
      const next = terms[index + 1]
      if (next && !next.breakBefore && NOT_A_DEPARTMENT_AFTER.has(next.text)) templates = []
    }
    const level = SENIORITY_LEVELS[term.text]
    if (level !== undefined && level >= 1 && (SENIORITY_OR_ABOVE_AFTER.test(folded.slice(term.end)) || SENIORITY_OR_ABOVE_BEFORE.test(folded.slice(0, term.start)))) {
      templates = SENIORITY_BY_LEVEL.slice(level - 1).map((value) => ({ attribute: 'seniority' as const, value }))
    }
    for (const template of templates) raw.push({ ...template, start: term.start, end: term.end, termIndex: index, numeric: false })
  })

  for (const fact of readNumericFacts(text)) {
    const termIndex = terms.findIndex((term) => term.end > fact.start)
    raw.push({ ...fact, termIndex: termIndex === -1 ? terms.length : termIndex, numeric: true })
  }

  const facts = raw.map((fact) => {
    const negation = negationOf(terms, fact.termIndex, fact.attribute)
    return {
      attribute: fact.attribute,
      value: fact.value,
      ...(fact.range ? { range: fact.range } : {}),
      negated: (fact.negated ?? false) !== (negation !== null),
      span: { start: fact.start, end: fact.end },
      ...(negation ? { quote: { start: Math.min(negation.start, fact.start), end: Math.max(negation.end, fact.end) } } : {}),
      numeric: fact.numeric,
    }
  })
  return dedupe(refine(facts))
    .map(({ numeric: _numeric, ...fact }): AttributeFact => fact)
    .sort((a, b) => a.span.start - b.span.start || ATTRIBUTES.indexOf(a.attribute) - ATTRIBUTES.indexOf(b.attribute))
}

/** A negator shortly before the fact in the same clause, or right after it for "budget not approved": where it is, or null. */
function negationOf(terms: Term[], index: number, attribute: Attribute): { start: number; end: number } | null {
  for (let i = index; i >= 0 && i >= index - 4; i--) {
    const term = terms[i]!
    if (i < index) {
      if (!term.canonical && NEGATORS.has(term.text)) return { start: term.start, end: term.end }
      if (!term.canonical && SCOPE_ENDERS.has(term.text)) return null
    }
    if (term.breakBefore) return null
  }
  if (attribute === 'budget' || attribute === 'timeline' || attribute === 'buyingRole') {
    for (const term of terms.slice(index + 1, index + 3)) {
      if (!term.canonical && ['not', 'none', 'missing', 'lacking', 'isnt', 'unknown', 'unclear'].includes(term.text)) return { start: term.start, end: term.end }
    }
  }
  return null
}

/**
 * A number is more precise than a word: "SMBs under 20 people" is under 20, not under 100, and in
 * "Mid-market: 250–5,000 employees" the number says what the note means by mid-market (the word
 * then only widens the quote, so reasons cite "Mid-market: 250–5,000 employees", not 100–999).
 */
function refine<F extends AttributeFact & { numeric: boolean }>(facts: F[]): F[] {
  const fromNumber = (fact: F) => fact.numeric
  const widened = new Map<F, number>()
  const kept = facts.filter((fact) => {
    if (fact.attribute === 'employees' && !fromNumber(fact)) {
      const defined = facts.find(
        (other) => other.attribute === 'employees' && fromNumber(other) && (contains(fact.range!, other.range!) || (other.span.start >= fact.span.end && other.span.start - fact.span.end <= SIZE_WORD_REACH)),
      )
      if (defined && defined.span.start > fact.span.start) widened.set(defined, Math.min(widened.get(defined) ?? Infinity, fact.span.start))
      return !defined
    }
    if (fact.attribute === 'timeline' && !fact.range && !fact.negated) {
      return !facts.some((other) => other.attribute === 'timeline' && other.range)
    }
    return true
  })
  return kept.map((fact) => {
    const start = widened.get(fact)
    if (start === undefined) return fact
    return { ...fact, quote: { start: Math.min(start, fact.quote?.start ?? start), end: Math.max(fact.span.end, fact.quote?.end ?? 0) } }
  })
}

/** How far (in characters) a number after a size word still defines it ("Enterprise 1000+", "Mid-market: 250–5,000"). */
const SIZE_WORD_REACH = 12

function dedupe<F extends AttributeFact>(facts: F[]): F[] {
  const seen = new Set<string>()
  return facts.filter((fact) => {
    const key = `${fact.attribute}|${fact.value}|${fact.negated}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function contains(outer: NumericRange, inner: NumericRange): boolean {
  const outerMax = outer.max ?? Infinity
  const innerMax = inner.max ?? Infinity
  return outer.min <= inner.min && innerMax <= outerMax
}

function rangesOverlap(a: NumericRange, b: NumericRange): boolean {
  return a.min <= (b.max ?? Infinity) && b.min <= (a.max ?? Infinity)
}

/** A region and every region that holds it: germany → dach → emea. */
export function regionAncestors(region: string): string[] {
  const chain = [region]
  let current = REGION_PARENT[region]
  while (current) {
    chain.push(current)
    current = REGION_PARENT[current]
  }
  return chain
}

// ---------------------------------------------------------------------------------------------
// Comparison

type Analysis = {
  trait: TraitInput
  facts: AttributeFact[]
  words: string[]
  /** How each normalised word was written, to quote the person rather than a stem. */
  surfaces: Map<string, string>
  negations: number
}
type Claim = { attribute: Attribute; polarity: 1 | -1; facts: AttributeFact[] }

function analyse(trait: TraitInput): Analysis {
  const terms = readTerms(trait.text).filter((term) => !isStopWord(term))
  const surfaces = new Map<string, string>()
  for (const term of terms) if (!surfaces.has(term.text)) surfaces.set(term.text, trait.text.slice(term.start, term.end).toLowerCase())
  const negator = (term: Term) => !term.canonical && NEGATORS.has(term.text)
  return {
    trait,
    facts: extractAttributes(trait.text),
    words: terms.filter((term) => !negator(term)).map((term) => term.text),
    surfaces,
    negations: terms.filter(negator).length,
  }
}

/**
 * Which way a fact points: +1 when the note wants it. A business email is the absence of a
 * free one, so both read as one question ("free email?") and "Work email" (good) agrees with
 * "Gmail" (bad).
 */
function claimsOf(analysis: Analysis): Claim[] {
  const claims: Claim[] = []
  for (const fact of analysis.facts) {
    const polarity = ((analysis.trait.kind === 'bad' ? -1 : 1) * (isFlipped(fact) ? -1 : 1)) as 1 | -1
    const existing = claims.find((claim) => claim.attribute === fact.attribute && claim.polarity === polarity)
    if (existing) existing.facts.push(fact)
    else claims.push({ attribute: fact.attribute, polarity, facts: [fact] })
  }
  return claims
}

function factsOverlap(a: AttributeFact, b: AttributeFact): boolean {
  switch (a.attribute) {
    case 'employees':
    case 'timeline':
      return rangesOverlap(a.range ?? { min: 0, max: null }, b.range ?? { min: 0, max: null })
    case 'seniority':
      return SENIORITY_LEVELS[a.value] === SENIORITY_LEVELS[b.value]
    case 'region':
      return regionAncestors(a.value).includes(b.value) || regionAncestors(b.value).includes(a.value)
    case 'emailType':
    case 'budget':
      return true
    default:
      return a.value === b.value
  }
}

/** A fact that points against its own words: "not a student", "business email" (= no free email). */
function isFlipped(fact: AttributeFact): boolean {
  return fact.negated !== (fact.attribute === 'emailType' && fact.value === 'business')
}

/** Both wanted, but they cannot both describe the lead the team is after. */
function areOpposites(a: Claim, b: Claim): boolean {
  if (a.polarity !== 1 || b.polarity !== 1) return false
  if (a.attribute === 'employees') return true
  if (a.attribute === 'timeline') return a.facts.every((f) => f.range) && b.facts.every((f) => f.range)
  if (a.attribute === 'seniority') {
    const distance = Math.min(...a.facts.flatMap((fa) => b.facts.map((fb) => Math.abs(SENIORITY_LEVELS[fa.value]! - SENIORITY_LEVELS[fb.value]!))))
    return distance >= OPPOSITE_SENIORITY_DISTANCE
  }
  return false
}

type Outcome = { kind: 'agree' | 'conflict' | 'differ'; reason: string }

/** Said of a good-lead note and a bad-lead note that make one point ("Has budget" / "No budget"). */
export const MIRRORED = 'one is a good-lead note and the other a bad-lead note: the same point from opposite sides'

/** What an attribute is called in a sentence about two notes ("the same department"). */
const ATTRIBUTE_NOUNS: Record<Attribute, { one: string; many: string }> = {
  employees: { one: 'company size', many: 'company sizes' },
  seniority: { one: 'seniority', many: 'seniorities' },
  department: { one: 'department', many: 'departments' },
  industry: { one: 'industry', many: 'industries' },
  region: { one: 'region', many: 'regions' },
  budget: { one: 'budget', many: 'budgets' },
  timeline: { one: 'buying timeline', many: 'buying timelines' },
  engagement: { one: 'action', many: 'actions' },
  emailType: { one: 'kind of email address', many: 'kinds of email address' },
  buyingRole: { one: 'buying role', many: 'buying roles' },
}

/** The note's own words for some of its facts: "VP or C-level", never a value the matcher made up. */
function quoteFacts(analysis: Analysis, facts: readonly AttributeFact[]): string {
  const text = analysis.trait.text
  const spans = [...new Map(facts.map((fact) => fact.quote ?? fact.span).map((span) => [`${span.start}:${span.end}`, span])).values()].sort((x, y) => x.start - y.start)
  const start = spans[0]!.start
  const end = Math.max(...spans.map((span) => span.end))
  const whole = text.slice(start, end).replace(/\s+/g, ' ').trim()
  if (whole.length <= 40) return whole
  return spans.map((span) => text.slice(span.start, span.end).trim()).join(', ')
}

/** The same words, give or take case, a plural or an article ("Students" and "a student"). */
const sameWords = (a: string, b: string) => {
  const plain = (text: string) => fold(text).replace(/\b(?:a|an|the)\s+/g, '').replace(/s\b/g, '').trim()
  return plain(a) === plain(b)
}

function compareClaims(a: Claim, b: Claim, left: Analysis, right: Analysis): Outcome {
  const pairs = a.facts.flatMap((fa) => b.facts.filter((fb) => factsOverlap(fa, fb)).map((fb) => [fa, fb] as const))
  const noun = ATTRIBUTE_NOUNS[a.attribute]
  if (pairs.length > 0) {
    if (a.polarity === b.polarity) return { kind: 'agree', reason: agreementReason(a.attribute, pairs, left, right) }
    const [wanted, unwanted] = a.polarity === 1 ? [left, right] : [right, left]
    const [fa, fb] = pairs[0]!
    // Quote the note that names the thing plainly ("Students" rather than "Not a student").
    const [fact, source] = !isFlipped(fa) || isFlipped(fb) ? [fa, left] : [fb, right]
    const quoted = `“${quoteFacts(source, [fact])}”`
    const [goodFor, badFor] = isFlipped(fact) ? [unwanted, wanted] : [wanted, unwanted]
    if (goodFor.trait.team === badFor.trait.team) {
      return { kind: 'conflict', reason: `${quoted} is listed as both good and bad by ${goodFor.trait.team}` }
    }
    return { kind: 'conflict', reason: `${quoted} is good for ${goodFor.trait.team} but bad for ${badFor.trait.team}` }
  }
  const quoteA = quoteFacts(left, a.facts)
  const quoteB = quoteFacts(right, b.facts)
  if (areOpposites(a, b)) return { kind: 'conflict', reason: `one wants “${quoteA}”, the other “${quoteB}”: opposite ${noun.many}` }
  return { kind: 'differ', reason: `“${quoteA}” and “${quoteB}” are different ${noun.many}` }
}

/**
 * Why two facts say the same thing, in a plain sentence that quotes both notes' words and names
 * what they share: "“200–2,000 employees” and “250–5,000 employees” are overlapping company sizes".
 */
function agreementReason(attribute: Attribute, pairs: readonly (readonly [AttributeFact, AttributeFact])[], left: Analysis, right: Analysis): string {
  const [fa, fb] = pairs[0]!
  const quoteA = quoteFacts(left, [fa])
  const quoteB = quoteFacts(right, [fb])
  const noun = ATTRIBUTE_NOUNS[attribute]
  if (sameWords(quoteA, quoteB)) return `both say “${quoteA}”`
  switch (attribute) {
    case 'employees':
    case 'timeline': {
      const [x, y] = [fa.range ?? { min: 0, max: null }, fb.range ?? { min: 0, max: null }]
      if (!fa.range || !fb.range) return `“${quoteA}” and “${quoteB}” are both about the ${noun.one}`
      return x.min === y.min && x.max === y.max ? `“${quoteA}” and “${quoteB}” are the same ${noun.one}` : `“${quoteA}” and “${quoteB}” are overlapping ${noun.many}`
    }
    case 'region': {
      if (fa.value === fb.value) return `“${quoteA}” and “${quoteB}” are the same region`
      const [inner, outer] = regionAncestors(fa.value).includes(fb.value) ? [quoteA, quoteB] : [quoteB, quoteA]
      return `“${inner}” lies within “${outer}”`
    }
    case 'budget':
      return `“${quoteA}” and “${quoteB}” are both about budget`
    case 'emailType':
      return `“${quoteA}” and “${quoteB}” are both about free email addresses`
    default:
      return `“${quoteA}” and “${quoteB}” mean the same ${noun.one}`
  }
}

function jaccard(a: readonly string[], b: readonly string[]): { score: number; shared: string[] } {
  const left = new Set(a)
  const right = new Set(b)
  const shared = [...left].filter((word) => right.has(word))
  const union = new Set([...left, ...right]).size
  return { score: union === 0 ? 0 : shared.length / union, shared }
}

function compareAnalysed(left: Analysis, right: Analysis): TraitComparison {
  const a = left.trait
  const b = right.trait
  const claimsA = claimsOf(left)
  const claimsB = claimsOf(right)
  const attributesA = new Set(claimsA.map((c) => c.attribute))
  const attributesB = new Set(claimsB.map((c) => c.attribute))
  const shared = [...attributesA].filter((attribute) => attributesB.has(attribute))
  const mentioned = new Set([...attributesA, ...attributesB]).size
  const mirrored = a.kind !== b.kind ? [MIRRORED] : []

  if (shared.length > 0) {
    const conflicts: string[] = []
    const agreements: string[] = []
    const differences: string[] = []
    for (const attribute of shared) {
      const outcomes = claimsA
        .filter((c) => c.attribute === attribute)
        .flatMap((ca) => claimsB.filter((c) => c.attribute === attribute).map((cb) => compareClaims(ca, cb, left, right)))
      const conflict = outcomes.find((o) => o.kind === 'conflict')
      const agreement = outcomes.find((o) => o.kind === 'agree')
      if (conflict) conflicts.push(conflict.reason)
      else if (agreement) agreements.push(agreement.reason)
      else differences.push(outcomes[0]!.reason)
    }
    const score = round((conflicts.length + agreements.length) / mentioned)
    // A difference elsewhere means two segments ("sales heads at SaaS" vs "sales people at
    // agencies"), so a disagreement on one attribute is no contradiction between the notes.
    if (conflicts.length > 0 && differences.length === 0) return { relation: 'contradiction', reasons: [...conflicts, ...agreements], score }
    if (agreements.length > 0 && differences.length === 0 && agreements.length / mentioned >= SAME_ATTRIBUTE_SHARE) {
      return { relation: 'same', reasons: [...agreements, ...mirrored], score }
    }
    return { relation: 'unrelated', reasons: [...differences, ...conflicts, ...agreements], score }
  }

  const { score, shared: sharedWords } = jaccard(left.words, right.words)
  if (score < SAME_WORDS_THRESHOLD) return { relation: 'unrelated', reasons: [], score: round(score) }
  const quoted = sharedWords.map((word) => left.surfaces.get(word) ?? word)
  const wording = quoted.length === 1 ? `both say “${quoted[0]}”` : `both use the words ${quoted.map((word) => `“${word}”`).join(', ')}`
  // An odd number of "no"/"not" flips what a note asks for ("Not a competitor" on the good list = "Competitors" on the bad list).
  const polarityA = (a.kind === 'good' ? 1 : -1) * (left.negations % 2 === 1 ? -1 : 1)
  const polarityB = (b.kind === 'good' ? 1 : -1) * (right.negations % 2 === 1 ? -1 : 1)
  if (polarityA === polarityB) return { relation: 'same', reasons: [wording, ...mirrored], score: round(score) }
  const [goodTrait, badTrait] = polarityA === 1 ? [a, b] : [b, a]
  const reason =
    goodTrait.team === badTrait.team
      ? `“${quoted.join(' ')}” is listed as both good and bad by ${goodTrait.team}`
      : `“${quoted.join(' ')}” is good for ${goodTrait.team} but bad for ${badTrait.team}`
  return { relation: 'contradiction', reasons: [reason], score: round(score) }
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

/** Whether two notes say the same thing, contradict each other, or neither, with the reasons in words. */
export function compareTraits(a: TraitInput, b: TraitInput): TraitComparison {
  return compareAnalysed(analyse(a), analyse(b))
}

// ---------------------------------------------------------------------------------------------
// Grouping

export type ManualLink = { aId: string; bId: string; linked: boolean }
export type TraitGroup = {
  /** The id of the group's first trait, so a group keeps its id while notes join it. */
  id: string
  traitIds: string[]
  /** 'mixed' when a bad note and its good mirror ("No budget" / "Has budget") say the same thing. */
  kind: TraitKind | 'mixed'
  teams: TraitTeam[]
  reasons: string[]
  /** Which two notes joined the group and why, so the board can name them ("M1 and S1: …"). */
  joins: { aId: string; bId: string; reasons: string[] }[]
}
export type TraitContradiction = { aId: string; bId: string; reasons: string[] }
export type TraitBoard = { groups: TraitGroup[]; contradictions: TraitContradiction[] }

export const LINKED_BY_FACILITATOR = 'linked by the facilitator'

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`
}

/**
 * Groups the notes that say the same thing and lists the contradictions between them.
 *
 * The facilitator's links override the matcher: `linked: true` puts two notes in one group
 * even when the matcher disagrees; `linked: false` separates them and also drops the
 * matcher's contradiction between the two (it is the matcher that was wrong). A later link on
 * the same pair replaces an earlier one. Every note is in exactly one group; groups and their
 * notes keep the order of `traits`, so the same board always renders the same way.
 */
export function groupTraits(traits: readonly TraitInput[], manualLinks: readonly ManualLink[] = []): TraitBoard {
  const indexById = new Map<string, number>()
  traits.forEach((trait, index) => {
    if (indexById.has(trait.id)) throw new Error(`groupTraits: trait ${trait.id} appears twice`)
    indexById.set(trait.id, index)
  })
  const manual = new Map<string, boolean>()
  for (const link of manualLinks) {
    if (link.aId !== link.bId && indexById.has(link.aId) && indexById.has(link.bId)) manual.set(pairKey(link.aId, link.bId), link.linked)
  }

  const analyses = traits.map(analyse)
  const parent = traits.map((_, index) => index)
  const find = (index: number): number => {
    while (parent[index] !== index) {
      parent[index] = parent[parent[index]!]!
      index = parent[index]!
    }
    return index
  }
  const union = (a: number, b: number) => {
    const rootA = find(a)
    const rootB = find(b)
    // The earlier note stays the root, which keeps group ids and order stable.
    if (rootA !== rootB) parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB)
  }

  const joinReasons: { index: number; other: number; reasons: string[] }[] = []
  const contradictions: TraitContradiction[] = []
  for (let i = 0; i < traits.length; i++) {
    for (let j = i + 1; j < traits.length; j++) {
      const link = manual.get(pairKey(traits[i]!.id, traits[j]!.id))
      if (link === false) continue
      const comparison = compareAnalysed(analyses[i]!, analyses[j]!)
      if (link === true) {
        union(i, j)
        joinReasons.push({ index: i, other: j, reasons: [LINKED_BY_FACILITATOR] })
      } else if (comparison.relation === 'same') {
        union(i, j)
        joinReasons.push({ index: i, other: j, reasons: comparison.reasons })
      }
      if (comparison.relation === 'contradiction') contradictions.push({ aId: traits[i]!.id, bId: traits[j]!.id, reasons: comparison.reasons })
    }
  }

  const members = new Map<number, number[]>()
  traits.forEach((_, index) => {
    const root = find(index)
    members.set(root, [...(members.get(root) ?? []), index])
  })
  const groups = [...members.entries()]
    .sort(([a], [b]) => a - b)
    .map(([root, indexes]) => {
      const groupTraitsOf = indexes.map((index) => traits[index]!)
      const kinds = new Set(groupTraitsOf.map((trait) => trait.kind))
      const joins = joinReasons.filter((join) => find(join.index) === root)
      return {
        id: traits[root]!.id,
        traitIds: groupTraitsOf.map((trait) => trait.id),
        kind: kinds.size === 1 ? groupTraitsOf[0]!.kind : ('mixed' as const),
        teams: (['marketing', 'sales'] as const).filter((team) => groupTraitsOf.some((trait) => trait.team === team)),
        reasons: [...new Set(joins.flatMap((join) => join.reasons))],
        joins: joins.map((join) => ({ aId: traits[join.index]!.id, bId: traits[join.other]!.id, reasons: join.reasons })),
      }
    })
  return { groups, contradictions }
}
