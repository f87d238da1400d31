import type { Condition, ScoringConfig } from '~/domain/scoring'
import { fitMatrix } from '~/domain/scoring-model/matrix'
import { describeSlaDuration, ROUTING_LABELS, WEEKDAY_LABELS, WEEKDAYS, type Handoff } from '~/domain/sla/schema'
import type { Change } from '~/domain/diff/diff'
import { SECTION_TITLES, type Snapshot } from './snapshot'
import { conditionText, definitionSummary } from './summary'

/*
 * The definition document as data: sections of headings, paragraphs, lists and tables. The
 * HTML page and the Markdown export render this one model, so they never disagree.
 */

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'table'; caption?: string; headers: string[]; rows: string[][] }
  | { type: 'subheading'; text: string }
  | { type: 'empty'; text: string }

export type DocumentSection = { id: string; title: string; blocks: Block[] }

export type DefinitionDocument = {
  title: string
  subtitle: string
  status: { kind: 'draft' } | { kind: 'published'; version: number; publishedAt: string; publishedBy: string }
  sections: DocumentSection[]
}

const percent = (fraction: number | null | undefined) => (fraction === null || fraction === undefined ? '—' : `${Math.round(fraction * 1000) / 10} %`)
const points = (value: number) => (value > 0 ? `+${value}` : String(value))
const money = (value: number, currency: string) => `${new Intl.NumberFormat('en-US').format(value)} ${currency}`

function scoringSections(config: ScoringConfig): DocumentSection[] {
  const activityLabel = (key: string) => config.activities.find((activity) => activity.key === key)?.label ?? key
  const fieldLabel = (key: string) => config.fields.find((field) => field.key === key)?.label ?? key
  const when = (condition: Condition) => conditionText(config, condition)
  const matrix = fitMatrix({
    fitMax: config.fit.max,
    engagementMax: config.engagement.max,
    mqlMinFit: config.mql.minFit,
    mqlMinEngagement: config.mql.minEngagement,
    grades: config.grades,
  })
  const mqlBlocks: Block[] = [
    { type: 'subheading', text: 'Required information before handoff' },
    config.required.length ? { type: 'list', items: config.required.map(fieldLabel) } : { type: 'empty', text: 'No required fields.' },
    { type: 'subheading', text: 'Thresholds' },
    {
      type: 'list',
      items: [
        `Fit at least ${config.mql.minFit} (of at most ${config.fit.max})`,
        `Engagement at least ${config.mql.minEngagement} (of at most ${config.engagement.max})`,
        config.engagement.halfLifeDays ? `Activity points halve every ${config.engagement.halfLifeDays} days` : 'Activity points do not decay',
        `Fit grades: ${[...config.grades].sort((a, b) => b.minFit - a.minFit).map((g) => `${g.grade} ≥ ${g.minFit}`).join(', ')}`,
      ],
    },
    { type: 'subheading', text: 'Fit rules (who they are)' },
    config.fit.rules.length
      ? { type: 'table', headers: ['Rule', 'When', 'Points'], rows: config.fit.rules.map((rule) => [rule.label, when(rule.when), points(rule.points)]) }
      : { type: 'empty', text: 'No fit rules.' },
    { type: 'subheading', text: 'Engagement rules (what they did)' },
    config.engagement.rules.length
      ? {
          type: 'table',
          headers: ['Rule', 'When', 'Points', 'Window', 'Cap'],
          rows: config.engagement.rules.map((rule) =>
            'activity' in rule
              ? [rule.label, `each “${activityLabel(rule.activity)}”`, points(rule.points), rule.withinDays ? `${rule.withinDays} days` : 'any age', rule.maxPoints ? `±${rule.maxPoints}` : '—']
              : [rule.label, when(rule.when), points(rule.points), '—', '—'],
          ),
        }
      : { type: 'empty', text: 'No engagement rules.' },
    { type: 'subheading', text: 'Disqualifiers (never an MQL)' },
    config.disqualifiers.length
      ? { type: 'table', headers: ['Disqualifier', 'When'], rows: config.disqualifiers.map((rule) => [rule.label, when(rule.when)]) }
      : { type: 'empty', text: 'No disqualifiers.' },
    { type: 'subheading', text: 'Fast-track (an MQL at once, given enough fit)' },
    config.fastTrack.length
      ? {
          type: 'table',
          headers: ['Fast-track', 'When'],
          rows: config.fastTrack.map((rule) => [rule.label, 'activity' in rule ? `did “${activityLabel(rule.activity)}” (any time)` : when(rule.when)]),
        }
      : { type: 'empty', text: 'No fast-track actions.' },
    { type: 'subheading', text: 'Fit × engagement matrix' },
    {
      type: 'table',
      caption: 'MQL = every lead in the cell is an MQL; partly = a threshold falls inside the cell.',
      headers: ['Grade (fit)', ...matrix.bands.map((band) => `Engagement ${band.label}`)],
      rows: matrix.rows.map((row) => [`${row.grade} (${row.fitRange})`, ...row.cells.map((cell) => (cell === 'mql' ? 'MQL' : cell === 'some' ? 'partly' : '—'))]),
    },
  ]
  const sqlBlocks: Block[] = config.sql.criteria.length
    ? [
        { type: 'paragraph', text: `At least ${config.sql.minMet} of these ${config.sql.criteria.length} must hold:` },
        { type: 'table', headers: ['Question', 'Holds when'], rows: config.sql.criteria.map((criterion) => [criterion.label, when(criterion.when)]) },
      ]
    : [{ type: 'empty', text: 'No SQL questions yet.' }]
  return [
    { id: 'mql', title: 'MQL criteria', blocks: mqlBlocks },
    { id: 'sql', title: 'SQL criteria', blocks: sqlBlocks },
  ]
}

function handoffBlocks(handoff: Handoff | null): Block[] {
  if (!handoff) return [{ type: 'empty', text: 'The handoff SLA has not been defined yet.' }]
  const hours = WEEKDAYS.map((day) => {
    const open = handoff.businessHours[day]
    return `${WEEKDAY_LABELS[day]}: ${open ? `${open.open}–${open.close}` : 'closed'}`
  })
  return [
    {
      type: 'table',
      headers: ['Priority', 'First contact within'],
      rows: handoff.responseTargets.map((target) => [`${target.label} — ${target.description}`, describeSlaDuration(target.within)]),
    },
    {
      type: 'list',
      items: [
        `Routing: ${ROUTING_LABELS[handoff.routing]}`,
        `Business hours (${handoff.timeZone}): ${hours.join('; ')}`,
        `Holidays: ${handoff.holidays.length ? handoff.holidays.join(', ') : 'none'}`,
        `Sales accepts or rejects within ${describeSlaDuration(handoff.acceptanceWindow)}`,
        `Follow-up: ${handoff.followUp.attempts} attempts over ${handoff.followUp.overDays} days by ${handoff.followUp.channels.join(', ')}`,
        `Rejection reasons (one is required): ${handoff.rejectionReasons.join('; ')}`,
        `Recycled to nurture: ${handoff.recycleRules.map((rule) => (rule.after === 'failed-attempts' ? `after ${rule.attempts} failed attempts` : `after rejection for “${rule.reason}”`)).join('; ') || 'never'}`,
        `Marketing commits to ${handoff.commitments.mqlsPerMonth} MQLs a month; sales commits to contacting ${handoff.commitments.followUpWithinSlaPercent} % within target`,
        `Reviewed ${handoff.reviewCadence}`,
      ],
    },
  ]
}

export function buildDocument(
  snapshot: Snapshot,
  status: DefinitionDocument['status'],
  changelog: Change[],
): DefinitionDocument {
  const summary = definitionSummary(snapshot.scoring)
  const good = snapshot.agreedTraits.filter((trait) => trait.kind === 'good')
  const bad = snapshot.agreedTraits.filter((trait) => trait.kind === 'bad')
  const personaRows = (negative: boolean) =>
    snapshot.personas
      .filter((persona) => persona.negative === negative)
      .map((p) => [p.name, [p.title, p.seniority, p.department].filter(Boolean).join(', '), [p.industry, p.companySize, p.region].filter(Boolean).join(', '), p.pains, p.goals, p.buyingRole ?? '—', p.closedWonMatch ? `${p.closedWonMatch}${p.closedWonNote ? ` — ${p.closedWonNote}` : ''}` : '—'])
  const ctx = snapshot.context
  const sections: DocumentSection[] = [
    { id: 'summary', title: 'In one paragraph', blocks: [{ type: 'paragraph', text: summary.mql }, { type: 'paragraph', text: summary.sql }] },
    {
      id: 'context',
      title: 'Context',
      blocks: ctx
        ? [
            {
              type: 'list',
              items: [
                `Company: ${ctx.company}`,
                ctx.product ? `Offer: ${ctx.product}` : '',
                ctx.dealSize !== null ? `Typical deal: ${money(ctx.dealSize, ctx.currency)}` : '',
                ctx.salesCycleDays !== null ? `Sales cycle: ${ctx.salesCycleDays} days` : '',
                ctx.inboundPercent !== null ? `Inbound share: ${ctx.inboundPercent} %` : '',
                ctx.goals ? `Goals: ${ctx.goals}` : '',
              ].filter(Boolean),
            },
            ...(ctx.participants.length
              ? [{ type: 'table' as const, headers: ['Participant', 'Team', 'Title'], rows: ctx.participants.map((p) => [p.name, p.team, p.title ?? '']) }]
              : []),
          ]
        : [{ type: 'empty', text: 'No context recorded.' }],
    },
    {
      id: 'leads',
      title: 'Good lead, bad lead',
      blocks: snapshot.agreedTraits.length
        ? [
            { type: 'subheading', text: 'A good lead' },
            good.length ? { type: 'list', items: good.map((trait) => trait.text) } : { type: 'empty', text: 'None agreed.' },
            { type: 'subheading', text: 'A bad lead' },
            bad.length ? { type: 'list', items: bad.map((trait) => trait.text) } : { type: 'empty', text: 'None agreed.' },
          ]
        : [{ type: 'empty', text: 'No agreed traits yet.' }],
    },
    {
      id: 'personas',
      title: 'Personas',
      blocks: [
        { type: 'subheading', text: 'Who we sell to' },
        personaRows(false).length
          ? { type: 'table', headers: ['Persona', 'Role', 'Company', 'Pains', 'Goals', 'Buying role', 'Matches closed-won'], rows: personaRows(false) }
          : { type: 'empty', text: 'No buyer personas.' },
        { type: 'subheading', text: 'Who we never sell to (negative personas)' },
        personaRows(true).length
          ? { type: 'table', headers: ['Persona', 'Role', 'Company', 'Pains', 'Goals', 'Buying role', 'Matches closed-won'], rows: personaRows(true) }
          : { type: 'empty', text: 'No negative personas.' },
      ],
    },
    ...scoringSections(snapshot.scoring),
    {
      id: 'stages',
      title: 'Lifecycle stages',
      blocks: snapshot.stages.length
        ? [
            {
              type: 'table',
              headers: ['Stage', 'Definition', 'Entry', 'Exit', 'Owner', 'To next', 'Typical days'],
              rows: snapshot.stages
                .filter((stage) => stage.enabled)
                .map((stage) => [stage.label, stage.definition, stage.entryCriteria, stage.exitCriteria, stage.owner, percent(stage.conversionRateToNext), stage.typicalDays === null ? '—' : String(stage.typicalDays)]),
            },
          ]
        : [{ type: 'empty', text: 'No lifecycle stages defined yet.' }],
    },
    { id: 'sla', title: 'Handoff SLA', blocks: handoffBlocks(snapshot.handoff) },
    {
      id: 'funnel',
      title: 'Funnel targets',
      blocks: snapshot.funnel
        ? [
            { type: 'paragraph', text: `Revenue target ${money(snapshot.funnel.revenueTarget, snapshot.funnel.currency)} per ${snapshot.funnel.periodMonths} month(s), average deal ${money(snapshot.funnel.averageDealSize, snapshot.funnel.currency)}.` },
            snapshot.funnel.perMonth
              ? {
                  type: 'table',
                  headers: ['Per month', 'Leads', 'MQLs', 'SALs', 'SQLs', 'Opportunities', 'Customers'],
                  rows: [['Needed', ...[snapshot.funnel.perMonth.leads, snapshot.funnel.perMonth.mqls, snapshot.funnel.perMonth.sals, snapshot.funnel.perMonth.sqls, snapshot.funnel.perMonth.opportunities, snapshot.funnel.perMonth.customers].map((n) => (n === null ? '—' : String(n)))]],
                }
              : { type: 'empty', text: 'The funnel rates are incomplete.' },
          ]
        : [{ type: 'empty', text: 'No funnel targets yet.' }],
    },
    {
      id: 'sign-offs',
      title: 'Sign-offs',
      blocks: snapshot.signOffs.length
        ? [{ type: 'table', headers: ['Section', 'Team', 'Signed by', 'When (UTC)'], rows: snapshot.signOffs.map((s) => [SECTION_TITLES[s.section], s.team, s.name, s.signedAt.slice(0, 16).replace('T', ' ')]) }]
        : [{ type: 'empty', text: status.kind === 'draft' ? 'Not signed yet (draft).' : 'No sign-offs recorded.' }],
    },
    {
      id: 'changelog',
      title: 'Changelog',
      blocks: changelog.length ? [{ type: 'list', items: changelog.map((change) => `${change.section}: ${change.text}`) }] : [{ type: 'empty', text: status.kind === 'published' && status.version === 1 ? 'First version.' : 'No changes.' }],
    },
  ]
  return {
    title: `${snapshot.workshop.company}: what an MQL and an SQL are`,
    subtitle: snapshot.workshop.name,
    status,
    sections,
  }
}
