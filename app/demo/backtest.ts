import type { BacktestMapping } from '~/domain/backtest/mapping'

/*
 * Demo content for step 9: a year of Acme Analytics' historical leads, generated (not the real
 * X Education file, which is for tests and trying), as the CSV export a CRM would give, with the
 * mapping that reads it. Deterministic: the same leads on every start.
 */

/** Marketing ran the back-test after v2 was published, on the leads created since December 2025. */
export const BACKTEST_RUN_AT = new Date('2026-11-12T09:15:00Z')
export const BACKTEST_FILE_NAME = 'acme-leads-dec-2025-to-oct-2026.csv'
const FIRST_MONTH = Date.UTC(2025, 11, 1)
const MONTHS = 11

export const BACKTEST_COLUMNS = [
  'Lead ID',
  'Created at',
  'Job title',
  'Seniority',
  'Industry',
  'Employees',
  'Country',
  'Email',
  'Company',
  'Budget',
  'Decision maker',
  'Need',
  'Timeline',
  'Pricing page views',
  'Demo requests',
  'Trials started',
  'Downloads',
  'Webinars',
  'Email clicks',
  'Form fills',
  'Closed won',
] as const

export const BACKTEST_MAPPING: BacktestMapping = {
  version: 1,
  emptyTokens: ['Select', 'N/A', '-'],
  trueValues: ['yes', 'true', '1'],
  falseValues: ['no', 'false', '0'],
  numberFormat: 'plain',
  dateFormat: 'iso',
  fields: [
    { field: 'jobTitle', column: 'Job title' },
    { field: 'seniority', column: 'Seniority' },
    { field: 'industry', column: 'Industry' },
    { field: 'employees', column: 'Employees' },
    { field: 'country', column: 'Country' },
    { field: 'email', column: 'Email' },
    { field: 'company', column: 'Company' },
    { field: 'budget', column: 'Budget' },
    { field: 'authority', column: 'Decision maker' },
    { field: 'need', column: 'Need' },
    { field: 'timeline', column: 'Timeline' },
  ],
  outcome: { column: 'Closed won', convertedValues: ['yes'] },
  createdAt: { column: 'Created at' },
  activities: [
    { kind: 'count', column: 'Pricing page views', activity: 'pricing_view' },
    { kind: 'count', column: 'Demo requests', activity: 'demo_request' },
    { kind: 'count', column: 'Trials started', activity: 'trial_start' },
    { kind: 'count', column: 'Downloads', activity: 'content_download' },
    { kind: 'count', column: 'Webinars', activity: 'webinar' },
    { kind: 'count', column: 'Email clicks', activity: 'email_click' },
    { kind: 'count', column: 'Form fills', activity: 'form_fill' },
  ],
}

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/**
 * The export's rows (cells as text, in BACKTEST_COLUMNS order), three of them broken the way
 * real exports are. Whether a lead was won follows what the lead is and did (senior data
 * people in target industries who asked for a demo win most), with noise, and with two habits
 * the model does not expect: webinar-only leads rarely buy, and the served regions convert no
 * better than the rest.
 */
export function backtestRows(): string[][] {
  const random = prng(2026_11_12)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const count = (chance: number, max: number) => {
    let n = 0
    while (n < max && random() < chance) n++
    return n
  }
  const titles = ['VP Data', 'Head of Analytics', 'Data Analyst', 'BI Developer', 'CTO', 'Marketing Manager', 'Finance Director', 'Marketing Intern', 'Sales Assistant', 'Student', 'Engineer', 'Chief Data Officer']
  const seniorityOf: Record<string, string> = {
    'VP Data': 'vp',
    'Head of Analytics': 'head',
    'Data Analyst': 'individual',
    'BI Developer': 'individual',
    CTO: 'c_level',
    'Marketing Manager': 'manager',
    'Finance Director': 'director',
    'Marketing Intern': 'individual',
    'Sales Assistant': 'individual',
    Student: 'student',
    Engineer: 'individual',
    'Chief Data Officer': 'c_level',
  }
  const industries = ['SaaS', 'Software', 'Fintech', 'E-commerce', 'Financial services', 'Retail', 'Healthcare', 'Manufacturing', 'Education']
  const countries = ['US', 'US', 'GB', 'DE', 'FR', 'NL', 'CA', 'BR', 'IN', 'ES', 'IT', 'AU']
  const businessDomains = ['northwind.example', 'contoso.example', 'fabrikam.example', 'tailspin.example', 'wingtip.example', 'adatum.example', 'litware.example']
  const rows: string[][] = []
  let id = 41_000
  for (let month = 0; month < MONTHS; month++) {
    const leads = 380 + month * 22 + Math.floor(random() * 40)
    const start = new Date(FIRST_MONTH)
    start.setUTCMonth(start.getUTCMonth() + month)
    const days = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).getUTCDate()
    for (let i = 0; i < leads; i++) {
      id++
      const created = new Date(start.getTime() + Math.floor(random() * days * 86_400_000))
      const title = pick(titles)
      const seniority = seniorityOf[title]!
      const industry = pick(industries)
      const employees = Math.round(Math.exp(2 + random() * 8))
      const freeMail = random() < 0.12
      const competitor = !freeMail && random() < 0.01
      const email = `lead${id}@${freeMail ? pick(['gmail.com', 'yahoo.com', 'outlook.com']) : competitor ? 'datadash.com' : pick(businessDomains)}`
      // Existing customers (v2 knocks them out) write in too: their new leads are rarely new deals.
      const customer = random() < 0.04
      const company = competitor
        ? 'DataDash'
        : customer
          ? pick(['Globex', 'Initech', 'Umbrella Analytics'])
          : random() < 0.06
            ? ''
            : pick(['Northwind', 'Contoso', 'Fabrikam', 'Tailspin', 'Wingtip', 'Adatum', 'Litware', 'Proseware'])
      const country = random() < 0.05 ? '-' : pick(countries)
      const budget = random() < 0.55 ? '' : String(Math.round(random() * 8) * 5000)
      const authority = random() < 0.5 ? '' : random() < 0.4 ? 'yes' : 'no'
      const need = random() < 0.5 ? 'Select' : pick(['critical', 'high', 'medium', 'low'])
      const timeline = random() < 0.5 ? 'Select' : pick(['this_quarter', 'next_quarter', 'this_year', 'later'])
      const senior = ['c_level', 'vp', 'head', 'director'].includes(seniority)
      const dataRole = /data|analytics|bi /i.test(title)
      const target = ['SaaS', 'Software', 'Fintech', 'E-commerce', 'Financial services'].includes(industry)
      const engaged = (senior ? 0.25 : 0) + (dataRole ? 0.2 : 0) + random() * 0.5
      const demo = random() < engaged * 0.35 ? 1 : 0
      const trial = random() < engaged * 0.25 ? 1 : 0
      const pricing = count(engaged * 0.8, 5)
      const downloads = count(0.3, 4)
      const webinars = count(0.2, 3)
      const clicks = count(0.45, 8)
      const forms = count(0.25, 3)
      const midmarket = employees >= 200 && employees <= 5000
      const odds =
        -3.2 +
        (senior ? 1.1 : 0) +
        (dataRole ? 0.8 : 0) +
        (target ? 0.9 : 0) +
        (midmarket ? 0.9 : employees > 5000 ? 0.4 : 0) +
        demo * 1.6 +
        trial * 1.1 +
        pricing * 0.25 +
        (budget !== '' && Number(budget) >= 20_000 ? 0.6 : 0) +
        (authority === 'yes' ? 0.5 : 0) +
        (webinars > 0 && demo === 0 && pricing === 0 ? -1.2 : 0) +
        (seniority === 'student' ? -2.5 : 0) +
        (freeMail ? -1.5 : 0) +
        (customer ? -2 : 0) +
        (competitor ? -4 : 0)
      const won = random() < 1 / (1 + Math.exp(-odds))
      rows.push([
        String(id),
        created.toISOString().slice(0, 19).replace('T', ' '),
        title,
        seniority,
        industry,
        String(employees),
        country,
        email,
        company,
        budget,
        authority,
        need,
        timeline,
        String(pricing),
        String(demo),
        String(trial),
        String(downloads),
        String(webinars),
        String(clicks),
        String(forms),
        won ? 'yes' : 'no',
      ])
    }
  }
  // What real exports carry: an employee count typed by hand, an impossible date, a row without its outcome.
  rows[517]![5] = 'about 50'
  rows[2203]![1] = '2026-02-30 10:00:00'
  rows[4120]![20] = ''
  return rows
}

/** The rows as the CSV file they stand for (RFC 4180; no cell needs quoting). */
export function backtestCsv(rows: string[][]): string {
  return [BACKTEST_COLUMNS.join(','), ...rows.map((row) => row.join(','))].join('\r\n') + '\r\n'
}
