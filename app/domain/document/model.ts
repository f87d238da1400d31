import type { ScoringConfig } from '~/domain/scoring'
import { fitMatrix } from '~/domain/scoring-model/matrix'
import { BUYING_ROLE_LABELS, CLOSED_WON_LABELS } from '~/domain/personas/schemas'
import { describeSlaDuration, ROUTING_LABELS, WEEKDAY_LABELS, WEEKDAYS, type Handoff } from '~/domain/sla/schema'
import { groupChanges, perPeriod, summariseChanges, type Change, type ChangeGroup } from '~/domain/diff/diff'
import { documentDate, documentDateTime, knownTimeZone } from './dates'
import { conditionInWords, formatNumber, joinWords, vocabularyOf, windowInWords } from './plain-words'
import { SECTION_TITLES, SIGN_OFF_SECTIONS, type Snapshot } from './snapshot'
import { definitionSummary } from './summary'

/*
 * The definition document as data: a cover, sections of blocks, a running footer. The HTML page
 * (and its print), the PDF and the Markdown export render this one model, so they never disagree.
 * Every text here is final wording: labels instead of keys, human dates in the workshop's time
 * zone, numbers with separators. Renderers only lay it out.
 */

export type Fact = { label: string; value: string }
export type Tone = 'brand' | 'marketing' | 'sales' | 'shared' | 'good' | 'bad' | 'neutral'
export type Card = { title: string; tag?: { text: string; tone: Tone }; lead?: string; facts: Fact[]; tone?: Tone }
export type MatrixCell = 'mql' | 'some' | 'none'

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  /** `widths` are fractions of the line (they add up to 1); `numeric` columns align right. */
  | { type: 'table'; caption?: string; headers: string[]; rows: string[][]; widths: number[]; numeric?: number[] }
  | { type: 'subheading'; text: string }
  | { type: 'empty'; text: string }
  | { type: 'definitions'; items: { term: string; name: string; text: string }[] }
  | { type: 'stats'; items: { value: string; label: string }[] }
  | { type: 'facts'; items: Fact[] }
  | { type: 'columns'; columns: { title: string; tone: Tone; items: string[]; empty: string }[] }
  | { type: 'cards'; cards: Card[] }
  | { type: 'matrix'; caption: string; bands: string[]; rows: { grade: string; range: string; cells: MatrixCell[] }[] }
  | { type: 'funnel'; caption: string; steps: { label: string; value: number; rateToNext: string | null }[] }
  | { type: 'note'; label: string; text: string }
  | { type: 'changes'; summary: string; groups: ChangeGroup[] }

/** `newPage`: the section starts a page in print and PDF (the long ones; short ones follow on). */
export type DocumentSection = { id: string; title: string; blocks: Block[]; newPage?: boolean }

export type DocumentLogo = { src: string; width: number; height: number }

export type DocumentStatus = { kind: 'draft' } | { kind: 'published'; version: number; publishedAt: string; publishedBy: string; note: string }

export type DocumentCover = {
  company: string
  workshop: string
  /** "Version 2" or "Draft". */
  version: string
  /** "9 Nov 2026" (published) or null (draft). */
  date: string | null
  facts: Fact[]
  signers: { team: string; names: string[] }[]
  note: string | null
  logo: DocumentLogo | null
}

export type DefinitionDocument = {
  title: string
  subtitle: string
  status: DocumentStatus
  /** The zone every time in the document is shown in. */
  timeZone: string
  cover: DocumentCover
  /** The running footer's text, before the page number: "Acme Analytics · MQL/SQL definition v2". */
  footer: string
  sections: DocumentSection[]
}

const percent = (fraction: number | null | undefined) => (fraction === null || fraction === undefined ? '—' : `${Math.round(fraction * 1000) / 10} %`)
const signed = (value: number) => (value > 0 ? `+${formatNumber(value)}` : formatNumber(value))
const money = (value: number, currency: string) => `${formatNumber(value)} ${currency}`
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

const TEAM_LABELS: Record<string, string> = { marketing: 'Marketing', sales: 'Sales', facilitator: 'Facilitator', shared: 'Shared', other: 'Other' }
const teamLabel = (team: string) => (Object.hasOwn(TEAM_LABELS, team) ? TEAM_LABELS[team]! : team)
const teamTone = (team: string): Tone => (team === 'marketing' ? 'marketing' : team === 'sales' ? 'sales' : 'shared')
const CHANNEL_LABELS: Record<string, string> = { phone: 'phone', email: 'email', linkedin: 'LinkedIn', sms: 'SMS', video: 'video call' }
const CADENCE_LABELS: Record<string, string> = { weekly: 'every week', biweekly: 'every two weeks', monthly: 'every month', quarterly: 'every quarter' }

/** Holidays are calendar days, not moments: "2026: 1 Jan, 3 Apr, …; 2027: 1 Jan, …". */
function holidays(days: readonly string[]): string {
  const byYear = new Map<string, string[]>()
  for (const day of [...days].sort()) {
    const year = day.slice(0, 4)
    byYear.set(year, [...(byYear.get(year) ?? []), documentDate(`${day}T12:00:00Z`, 'UTC').replace(/ \d{4}$/, '')])
  }
  return [...byYear].map(([year, list]) => `${year}: ${list.join(', ')}`).join('; ')
}

function scoringSections(config: ScoringConfig): DocumentSection[] {
  const words = vocabularyOf(config)
  const activityLabel = (key: string) => config.activities.find((activity) => activity.key === key)?.label ?? key
  const grades = [...config.grades].sort((a, b) => b.minFit - a.minFit)
  const matrix = fitMatrix({
    fitMax: config.fit.max,
    engagementMax: config.engagement.max,
    mqlMinFit: config.mql.minFit,
    mqlMinEngagement: config.mql.minEngagement,
    grades: config.grades,
    bands: config.engagement.bands,
  })
  const engagementWhen = (rule: ScoringConfig['engagement']['rules'][number]) => {
    if (!('activity' in rule)) return capitalise(conditionInWords(rule.when, words))
    const cap = rule.maxPoints ? `; at most ${signed(rule.maxPoints)} in all` : ''
    const format2 = rule.where !== undefined || rule.time !== undefined || rule.halfLifeDays !== undefined || rule.since !== undefined || rule.until !== undefined
    if (!format2) {
      // Format 1, word for word as before format 2 existed (published versions read the same).
      const window = rule.withinDays ? ` in the last ${formatNumber(rule.withinDays)} days` : ''
      return `Each time: ${activityLabel(rule.activity).toLowerCase()}${window}${cap}`
    }
    const where = rule.where ? ` (${conditionInWords(rule.where, words.propertyWords?.([rule.activity]) ?? words)})` : ''
    const window = windowInWords({ time: rule.time, withinDays: rule.withinDays, since: rule.since, until: rule.until })
    const fades =
      rule.halfLifeDays === undefined ? '' : rule.halfLifeDays === null ? '; never fades' : `; fades with a ${formatNumber(rule.halfLifeDays)}-day half-life`
    return `Each time: ${activityLabel(rule.activity).toLowerCase()}${where}${window ? ` ${window}` : ''}${fades}${cap}`
  }
  const bands = config.engagement.bands ?? []
  const bandRange = (index: number) =>
    index === 0 ? `${formatNumber(bands[0]!.minEngagement)} or more` : `${formatNumber(bands[index]!.minEngagement)}–${formatNumber(bands[index - 1]!.minEngagement - 1)}`
  const slaLabel = (priority: string) => config.handoff?.responseTargets.find((target) => target.priority === priority)?.label ?? capitalise(priority)
  const priorityBlocks: Block[] = bands.length
    ? [
        { type: 'subheading', text: 'Engagement bands and priorities' },
        {
          type: 'paragraph',
          text: `A lead's band is the first its engagement reaches: ${bands.map((band, index) => `band ${band.band}, ${bandRange(index)}`).join('; ')}${
            bands[bands.length - 1]!.minEngagement > 0 ? `; below ${formatNumber(bands[bands.length - 1]!.minEngagement)}, no band` : ''
          }. Its priority is the cell of its grade and band:`,
        },
        {
          type: 'table',
          caption: 'Priority by fit grade (rows) and engagement band (columns); an empty cell has no priority.',
          headers: ['Grade', ...bands.map((band, index) => `Band ${band.band} (${bandRange(index)})`)],
          widths: [0.12, ...bands.map(() => 0.88 / bands.length)],
          rows: grades.map((grade) => [
            grade.grade,
            ...bands.map((band) => {
              const entry = config.priorities?.find((candidate) => candidate.grade === grade.grade && candidate.band === band.band)
              return entry ? `${entry.priority}: ${entry.label}${entry.slaPriority ? ` (SLA: ${slaLabel(entry.slaPriority)})` : ''}` : '—'
            }),
          ]),
        },
      ]
    : []
  const mqlBlocks: Block[] = [
    {
      type: 'facts',
      items: [
        { label: 'Fit', value: `at least ${formatNumber(config.mql.minFit)} of ${formatNumber(config.fit.max)} points` },
        { label: 'Engagement', value: `at least ${formatNumber(config.mql.minEngagement)} of ${formatNumber(config.engagement.max)} points` },
        {
          label: 'Older activity',
          value: config.engagement.halfLifeDays
            ? `counts half after ${formatNumber(config.engagement.halfLifeDays)} days, a quarter after ${formatNumber(config.engagement.halfLifeDays * 2)}`
            : 'counts in full, whatever its age',
        },
        { label: 'Fit grades', value: grades.map((g) => `${g.grade} from ${formatNumber(g.minFit)}`).join(' · ') },
      ],
    },
    {
      type: 'matrix',
      caption: `Green: every lead in the cell is an MQL. Light green: some are (a threshold falls inside the cell). A fast-track action makes an MQL of any lead with enough fit.`,
      bands: matrix.bands.map((band) => (band.name === undefined ? band.label : `band ${band.name} (${band.label})`)),
      rows: matrix.rows.map((row) => ({ grade: row.grade, range: row.fitRange, cells: row.cells })),
    },
    ...priorityBlocks,
    { type: 'subheading', text: 'Required before handoff' },
    config.required.length
      ? {
          type: 'paragraph',
          text: `Marketing hands over a lead only when its ${joinWords(config.required.map((key) => words.fieldLabel(key).toLowerCase()))} ${
            config.required.length === 1 ? 'is' : 'are'
          } known.`,
        }
      : { type: 'empty', text: 'No field is required before handoff.' },
    { type: 'subheading', text: 'Fit: who they are' },
    config.fit.rules.length
      ? {
          type: 'table',
          headers: ['Rule', 'When', 'Points'],
          widths: [0.3, 0.56, 0.14],
          numeric: [2],
          rows: config.fit.rules.map((rule) => [rule.label, capitalise(conditionInWords(rule.when, words)), signed(rule.points)]),
        }
      : { type: 'empty', text: 'No fit rules.' },
    { type: 'subheading', text: 'Engagement: what they did' },
    config.engagement.rules.length
      ? {
          type: 'table',
          headers: ['Rule', 'Counts', 'Points'],
          widths: [0.3, 0.56, 0.14],
          numeric: [2],
          rows: config.engagement.rules.map((rule) => [rule.label, engagementWhen(rule), signed(rule.points)]),
        }
      : { type: 'empty', text: 'No engagement rules.' },
    { type: 'subheading', text: 'Never an MQL' },
    config.disqualifiers.length
      ? {
          type: 'table',
          headers: ['Disqualifier', 'When'],
          widths: [0.3, 0.7],
          rows: config.disqualifiers.map((rule) => [rule.label, capitalise(conditionInWords(rule.when, words))]),
        }
      : { type: 'empty', text: 'No disqualifiers.' },
    { type: 'subheading', text: 'Fast-track: an MQL at once, given enough fit' },
    config.fastTrack.length
      ? {
          type: 'table',
          headers: ['Fast-track', 'When'],
          widths: [0.3, 0.7],
          rows: config.fastTrack.map((rule) => [
            rule.label,
            'activity' in rule
              ? `${capitalise(activityLabel(rule.activity).toLowerCase())}, ${rule.withinDays !== undefined ? `in the last ${formatNumber(rule.withinDays)} days (or scheduled)` : 'at any time'}`
              : capitalise(conditionInWords(rule.when, words)),
          ]),
        }
      : { type: 'empty', text: 'No fast-track actions.' },
  ]
  const requiredCount = config.sql.criteria.filter((criterion) => criterion.required).length
  const sqlBlocks: Block[] = config.sql.criteria.length
    ? [
        {
          type: 'paragraph',
          text: `Sales confirms at least ${config.sql.minMet} of these ${config.sql.criteria.length}${
            requiredCount ? `, ${requiredCount === 1 ? 'the required one always among them' : `the ${requiredCount} required ones always among them`},` : ''
          } before an MQL counts as an SQL:`,
        },
        {
          type: 'table',
          headers: ['Question', 'Holds when'],
          widths: [0.4, 0.6],
          rows: config.sql.criteria.map((criterion) => [
            criterion.label,
            `${criterion.required ? 'Required: ' : ''}${capitalise(conditionInWords(criterion.when, words))}`,
          ]),
        },
      ]
    : [{ type: 'empty', text: 'No SQL questions yet: an MQL becomes an SQL when sales accepts it.' }]
  return [
    { id: 'mql', title: 'MQL criteria', blocks: mqlBlocks },
    { id: 'sql', title: 'SQL criteria', blocks: sqlBlocks },
  ]
}

function handoffBlocks(handoff: Handoff | null): Block[] {
  if (!handoff) return [{ type: 'empty', text: 'The handoff SLA has not been defined yet.' }]
  const open = WEEKDAYS.filter((day) => handoff.businessHours[day])
  const hours = open.map((day) => `${WEEKDAY_LABELS[day].slice(0, 3)} ${handoff.businessHours[day]!.open}–${handoff.businessHours[day]!.close}`)
  return [
    {
      type: 'table',
      headers: ['Priority', 'Who', 'First contact within'],
      widths: [0.16, 0.56, 0.28],
      rows: handoff.responseTargets.map((target) => [target.label, target.description, describeSlaDuration(target.within)]),
    },
    {
      type: 'facts',
      items: [
        { label: 'Routing', value: ROUTING_LABELS[handoff.routing] },
        { label: 'Business hours', value: `${hours.join(', ') || 'none'} (${handoff.timeZone})` },
        { label: 'Holidays', value: handoff.holidays.length ? holidays(handoff.holidays) : 'none' },
        { label: 'Accept or reject', value: `within ${describeSlaDuration(handoff.acceptanceWindow)}` },
        {
          label: 'Follow-up',
          value: `${handoff.followUp.attempts} attempts over ${handoff.followUp.overDays} days by ${joinWords(
            handoff.followUp.channels.map((channel) => CHANNEL_LABELS[channel] ?? channel),
            'and'
          )}`,
        },
        { label: 'Rejection reasons', value: `${handoff.rejectionReasons.join('; ')} (one is required)` },
        {
          label: 'Back to nurture',
          value:
            handoff.recycleRules
              .map((rule) => (rule.after === 'failed-attempts' ? `after ${rule.attempts} attempts without reply` : `when rejected for “${rule.reason}”`))
              .join('; ') || 'never',
        },
        {
          label: 'Commitments',
          value: `Marketing delivers ${formatNumber(handoff.commitments.mqlsPerMonth)} MQLs a month; sales contacts ${
            handoff.commitments.followUpWithinSlaPercent
          } % of them within target`,
        },
        { label: 'Review', value: `together, ${CADENCE_LABELS[handoff.reviewCadence] ?? handoff.reviewCadence}` },
      ],
    },
  ]
}

function funnelBlocks(snapshot: Snapshot): Block[] {
  const funnel = snapshot.funnel
  if (!funnel) return [{ type: 'empty', text: 'No funnel targets yet.' }]
  const intro: Block = {
    type: 'paragraph',
    text: `Revenue target ${money(funnel.revenueTarget, funnel.currency)} ${perPeriod(funnel.periodMonths)}, with an average deal of ${money(
      funnel.averageDealSize,
      funnel.currency
    )}. What that takes each month:`,
  }
  if (!funnel.perMonth) return [intro, { type: 'empty', text: 'The stages’ conversion rates are incomplete, so the monthly figures cannot be worked out.' }]
  const rate = (key: string) => snapshot.stages.find((stage) => stage.key === key && stage.enabled)?.conversionRateToNext ?? null
  const perMonth = funnel.perMonth
  const steps = [
    { label: 'Leads', value: perMonth.leads, key: 'lead' },
    { label: 'MQLs', value: perMonth.mqls, key: 'mql' },
    ...(perMonth.sals !== null ? [{ label: 'SALs', value: perMonth.sals, key: 'sal' }] : []),
    { label: 'SQLs', value: perMonth.sqls, key: 'sql' },
    { label: 'Opportunities', value: perMonth.opportunities, key: 'opportunity' },
    { label: 'Customers', value: perMonth.customers, key: 'customer' },
  ]
  return [
    intro,
    {
      type: 'funnel',
      caption: 'Needed per month, worked back from the revenue target with the stages’ target conversion rates.',
      steps: steps.map((step, index) => ({
        label: step.label,
        value: step.value,
        rateToNext: index < steps.length - 1 && rate(step.key) !== null ? percent(rate(step.key)) : null,
      })),
    },
  ]
}

function signOffRows(snapshot: Snapshot, zone: string): string[][] {
  return SIGN_OFF_SECTIONS.map((section) => {
    const of = (team: 'marketing' | 'sales') =>
      snapshot.signOffs
        .filter((s) => s.section === section && s.team === team)
        .map((s) => `${s.name}, ${documentDateTime(s.signedAt, zone)}`)
        .join('; ') || '—'
    return [SECTION_TITLES[section], of('marketing'), of('sales')]
  })
}

function cover(snapshot: Snapshot, status: DocumentStatus, zone: string, logo: DocumentLogo | null): DocumentCover {
  const names = (team: 'marketing' | 'sales') => [...new Set(snapshot.signOffs.filter((s) => s.team === team).map((s) => s.name))]
  const published = status.kind === 'published'
  return {
    company: snapshot.workshop.company,
    workshop: snapshot.workshop.name,
    version: published ? `Version ${status.version}` : 'Draft',
    date: published ? documentDate(status.publishedAt, zone) : null,
    facts: published
      ? [
          { label: 'Version', value: String(status.version) },
          { label: 'Published', value: documentDateTime(status.publishedAt, zone) },
          { label: 'Published by', value: status.publishedBy },
        ]
      : [{ label: 'Status', value: 'Draft: not published, it changes as the workshop goes on' }],
    signers: published
      ? [
          { team: 'Marketing', names: names('marketing') },
          { team: 'Sales', names: names('sales') },
        ]
      : [],
    note: published && status.note.trim() ? status.note.trim() : null,
    logo,
  }
}

export type DocumentInput = {
  snapshot: Snapshot
  status: DocumentStatus
  /** The changes against the previous version (stored with the version). */
  changelog: readonly Change[]
  logo?: DocumentLogo | null
}

export function buildDocument({ snapshot, status, changelog, logo = null }: DocumentInput): DefinitionDocument {
  const zone = knownTimeZone(snapshot.handoff?.timeZone)
  const config = snapshot.scoring
  const summary = definitionSummary(config)
  const good = snapshot.agreedTraits.filter((trait) => trait.kind === 'good').map((trait) => trait.text)
  const bad = snapshot.agreedTraits.filter((trait) => trait.kind === 'bad').map((trait) => trait.text)
  const personaCards = (negative: boolean): Card[] =>
    snapshot.personas
      .filter((persona) => persona.negative === negative)
      .map((p) => ({
        title: p.name,
        tone: negative ? 'bad' : 'brand',
        tag: negative
          ? { text: 'Never sell to', tone: 'bad' }
          : p.buyingRole
          ? { text: BUYING_ROLE_LABELS[p.buyingRole as keyof typeof BUYING_ROLE_LABELS] ?? p.buyingRole, tone: 'brand' }
          : undefined,
        lead: [p.title, p.seniority, p.department].filter(Boolean).join(' · ') || undefined,
        facts: [
          { label: 'Company', value: [p.industry, p.companySize ? `${p.companySize} employees` : '', p.region].filter(Boolean).join(' · ') },
          { label: 'Pains', value: p.pains },
          { label: 'Goals', value: p.goals },
          {
            label: 'Like our closed-won buyers',
            value: p.closedWonMatch
              ? `${CLOSED_WON_LABELS[p.closedWonMatch as keyof typeof CLOSED_WON_LABELS] ?? p.closedWonMatch}${p.closedWonNote ? `: ${p.closedWonNote}` : ''}`
              : '',
          },
        ].filter((fact) => fact.value),
      }))
  const stageCards: Card[] = snapshot.stages
    .filter((stage) => stage.enabled)
    .map((stage) => ({
      title: stage.label,
      tone: teamTone(stage.owner),
      tag: { text: `Owner: ${teamLabel(stage.owner)}`, tone: teamTone(stage.owner) },
      lead: stage.definition,
      facts: [
        { label: 'Enters when', value: stage.entryCriteria },
        { label: 'Leaves when', value: stage.exitCriteria },
        {
          label: stage.key === 'recycled' ? 'Comes back' : 'Moves on',
          value:
            stage.conversionRateToNext === null
              ? ''
              : stage.key === 'recycled'
              ? `${percent(stage.conversionRateToNext)} return as MQLs`
              : `${percent(stage.conversionRateToNext)} to the next stage`,
        },
        { label: 'Typical time here', value: stage.typicalDays === null ? '' : `${formatNumber(stage.typicalDays)} days` },
      ].filter((fact) => fact.value),
    }))
  const ctx = snapshot.context
  const published = status.kind === 'published'
  const changes = groupChanges(changelog)
  const sections: DocumentSection[] = [
    {
      id: 'summary',
      title: 'The definition',
      newPage: true,
      blocks: [
        {
          type: 'definitions',
          items: [
            { term: 'MQL', name: 'Marketing-qualified lead', text: summary.mql },
            { term: 'SQL', name: 'Sales-qualified lead', text: summary.sql },
          ],
        },
        {
          type: 'stats',
          items: [
            { value: formatNumber(config.mql.minFit), label: `fit needed (of ${formatNumber(config.fit.max)})` },
            { value: formatNumber(config.mql.minEngagement), label: `engagement needed (of ${formatNumber(config.engagement.max)})` },
            {
              value: String(config.fit.rules.length + config.engagement.rules.length),
              label: config.fit.rules.length + config.engagement.rules.length === 1 ? 'scoring rule' : 'scoring rules',
            },
            { value: config.sql.criteria.length ? `${config.sql.minMet} of ${config.sql.criteria.length}` : '—', label: 'SQL questions to confirm' },
          ],
        },
      ],
    },
    ...scoringSections(config),
    {
      id: 'leads',
      title: 'Good lead, bad lead',
      blocks: snapshot.agreedTraits.length
        ? [
            { type: 'paragraph', text: 'What both teams agreed on, in their own words, before any rule was written.' },
            {
              type: 'columns',
              columns: [
                { title: 'A good lead', tone: 'good', items: good, empty: 'None agreed.' },
                { title: 'A bad lead', tone: 'bad', items: bad, empty: 'None agreed.' },
              ],
            },
          ]
        : [{ type: 'empty', text: 'No agreed traits yet.' }],
    },
    {
      id: 'personas',
      title: 'Personas',
      newPage: true,
      blocks: [
        { type: 'subheading', text: 'Who we sell to' },
        personaCards(false).length ? { type: 'cards', cards: personaCards(false) } : { type: 'empty', text: 'No buyer personas.' },
        { type: 'subheading', text: 'Who we never sell to' },
        personaCards(true).length ? { type: 'cards', cards: personaCards(true) } : { type: 'empty', text: 'No negative personas.' },
      ],
    },
    {
      id: 'stages',
      title: 'Lifecycle stages',
      newPage: true,
      blocks: stageCards.length ? [{ type: 'cards', cards: stageCards }] : [{ type: 'empty', text: 'No lifecycle stages defined yet.' }],
    },
    { id: 'funnel', title: 'Funnel targets', blocks: funnelBlocks(snapshot) },
    { id: 'sla', title: 'Handoff SLA', blocks: handoffBlocks(snapshot.handoff), newPage: true },
    {
      id: 'context',
      title: 'About this workshop',
      blocks: ctx
        ? [
            {
              type: 'facts',
              items: [
                { label: 'Company', value: ctx.company },
                { label: 'Offer', value: ctx.product },
                { label: 'Typical deal', value: ctx.dealSize !== null ? money(ctx.dealSize, ctx.currency) : '' },
                { label: 'Sales cycle', value: ctx.salesCycleDays !== null ? `${formatNumber(ctx.salesCycleDays)} days` : '' },
                { label: 'Inbound share', value: ctx.inboundPercent !== null ? `${ctx.inboundPercent} %` : '' },
                { label: 'Goals', value: ctx.goals },
              ].filter((fact) => fact.value),
            },
            ...(ctx.participants.length
              ? [
                  {
                    type: 'table' as const,
                    headers: ['Participant', 'Team', 'Title'],
                    widths: [0.35, 0.2, 0.45],
                    rows: ctx.participants.map((p) => [p.name, teamLabel(p.team), p.title ?? '']),
                  },
                ]
              : []),
          ]
        : [{ type: 'empty', text: 'No context recorded.' }],
    },
    {
      id: 'sign-offs',
      title: 'Sign-offs',
      newPage: true,
      blocks:
        published && snapshot.signOffs.length
          ? [
              { type: 'paragraph', text: `Each section was signed by marketing and by sales before publishing. Times in ${zone}.` },
              { type: 'table', headers: ['Section', 'Marketing', 'Sales'], widths: [0.3, 0.35, 0.35], rows: signOffRows(snapshot, zone) },
            ]
          : [{ type: 'empty', text: published ? 'No sign-offs recorded.' : 'Not signed yet (draft).' }],
    },
    {
      id: 'changelog',
      title: 'Changelog',
      blocks: [
        ...(published && status.note.trim() ? [{ type: 'note' as const, label: `Note on version ${status.version}, by ${status.publishedBy}`, text: status.note.trim() }] : []),
        ...(published && status.version === 1
          ? [{ type: 'empty' as const, text: 'The first version: nothing to compare with.' }]
          : changes.length
          ? [{ type: 'changes' as const, summary: summariseChanges(changelog), groups: changes }]
          : [{ type: 'empty' as const, text: published ? 'No changes to the content.' : 'Changes are listed when a version is published.' }]),
      ],
    },
  ]
  const version = published ? ` v${status.version}` : ' (draft)'
  return {
    title: `${snapshot.workshop.company}: what an MQL and an SQL are`,
    subtitle: snapshot.workshop.name,
    status,
    timeZone: zone,
    cover: cover(snapshot, status, zone, logo),
    footer: `${snapshot.workshop.company} · MQL/SQL definition${version}`,
    sections,
  }
}
