import { escapeMarkdownInline, escapeMarkdownText } from '~/domain/document/markdown'
import { neutraliseCell } from '~/domain/exports/rules-csv'
import { formatChange, formatScore } from './format'
import { DONT_KNOW, type Answer, type QuestionSet } from './questions'
import type { RoundReport } from './report'
import { INDEX_FORMULA, TEAM_LABELS, TEAMS, type Team } from './scoring'

/*
 * The consultant's take-aways: the report as Markdown (every text a person typed is escaped, as
 * in the definition document's export) and the answers as CSV. Neither names a respondent: the
 * CSV numbers responses in an order unrelated to who answered when, and leaves out every team
 * below the anonymity threshold.
 */

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
const formatDate = (iso: string) => dateFormat.format(new Date(iso))


function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(escapeMarkdownInline).join(' | ')} |`
  return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n')
}

export function roundPeriod(round: RoundReport['round']): string {
  return round.closedAt ? `${formatDate(round.openedAt)} – ${formatDate(round.closedAt)}` : `open since ${formatDate(round.openedAt)}`
}

export function assessmentMarkdown(report: RoundReport, workshop: { name: string; company: string }): string {
  const { result } = report
  const parts: string[] = []
  parts.push(`# ${escapeMarkdownInline(`Marketing–sales alignment: ${report.round.name}`)}`)
  parts.push(escapeMarkdownText(`${workshop.company} · ${workshop.name} · ${roundPeriod(report.round)} · ${report.round.questionSet.title}`))
  const counts = TEAMS.map((team) => `${TEAM_LABELS[team].toLowerCase()} ${result.counts[team]}`).join(', ')
  parts.push(escapeMarkdownText(`Responses: ${counts}. A team’s results show from ${result.minResponses} responses, so that no answer can be traced to a person.`))

  parts.push('## Alignment index')
  if (result.index === null || result.band === null) {
    parts.push(escapeMarkdownText('Not enough responses yet: the index needs results from both marketing and sales.'))
  } else {
    parts.push(`**${result.index} — ${escapeMarkdownInline(result.band.label)}.** ${escapeMarkdownInline(result.band.description)}`)
  }
  parts.push(`_${escapeMarkdownInline(INDEX_FORMULA)}_`)

  parts.push('## Scores per dimension')
  const shownTeams = TEAMS.filter((team) => result.visible[team])
  parts.push(
    table(
      ['Dimension', ...shownTeams.map((team) => TEAM_LABELS[team]), 'Gap (marketing − sales)', 'Weight'],
      result.dimensions.map((d) => [d.title, ...shownTeams.map((team) => formatScore(d[team])), formatChange(d.gap), String(d.weight)]),
    ),
  )

  parts.push('## Recommendations')
  parts.push(
    report.recommendations.length
      ? report.recommendations.map((r, index) => `${index + 1}. ${escapeMarkdownInline(r.text)}`).join('\n')
      : escapeMarkdownText('Recommendations follow once both teams have enough responses.'),
  )

  parts.push('## What is an MQL? What is an SQL? In the teams’ own words')
  if (report.signed) {
    parts.push(escapeMarkdownText(`The signed definition (version ${report.signed.version}): ${report.signed.summary.mql} ${report.signed.summary.sql}`))
  }
  if (report.definitions.length === 0) parts.push(escapeMarkdownText('No team has enough responses to show its definitions.'))
  const termLabel = (which: 'mql' | 'sql', id: string) => report.signed?.terms[which].find((term) => term.id === id)?.label ?? id
  for (const which of ['mql', 'sql'] as const) {
    for (const team of report.definitions) {
      parts.push(`### ${escapeMarkdownInline(`${TEAM_LABELS[team.team]}: what is an ${which.toUpperCase()}?`)}`)
      parts.push(
        team[which].length
          ? team[which]
              .map((entry) => {
                const named = report.signed ? ` (names: ${entry.named.length ? entry.named.map((id) => termLabel(which, id)).join(', ') : 'none of the signed terms'})` : ''
                return `- ${escapeMarkdownInline(entry.text + named)}`
              })
              .join('\n')
          : escapeMarkdownText('No one wrote a definition.'),
      )
    }
  }

  if (report.comparison) {
    const { changes } = report.comparison
    parts.push(`## ${escapeMarkdownInline(`Change since “${report.comparison.round.name}”`)}`)
    parts.push(
      escapeMarkdownText(`Alignment index: ${formatScore(changes.indexBefore)} → ${formatScore(changes.indexAfter)} (${formatChange(changes.indexChange)}).`),
    )
    parts.push(
      table(
        ['Dimension', 'Before', 'After', 'Change', 'Gap before', 'Gap after'],
        changes.dimensions.map((d) => [d.title, formatScore(d.before.combined), formatScore(d.after.combined), formatChange(d.change), formatChange(d.before.gap), formatChange(d.after.gap)]),
      ),
    )
  }
  return `${parts.join('\n\n')}\n`
}

export type CsvResponse = { id: string; team: Team; answers: Readonly<Record<string, Answer>>; mqlDefinition: string; sqlDefinition: string }

/**
 * The anonymous answers, one response a row: raw answers (1–5, "dont_know"), the statement and
 * whether it is reverse-worded in the header. Teams below `minResponses` are left out; rows are
 * ordered by the responses' random ids, never by time. Every cell is safe for a spreadsheet.
 */
export function answersCsvRows(set: QuestionSet, roundName: string, responses: readonly CsvResponse[], minResponses: number): (string | number)[][] {
  const counts = new Map<Team, number>()
  for (const response of responses) counts.set(response.team, (counts.get(response.team) ?? 0) + 1)
  const shown = responses.filter((response) => (counts.get(response.team) ?? 0) >= minResponses).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const header = [
    'round',
    'response',
    'team',
    ...set.statements.map((statement) => `${statement.id}: ${statement.text}${statement.reverse ? ' (reverse-worded)' : ''}`),
    'mql_definition',
    'sql_definition',
  ]
  const rows = shown.map((response, index) => [
    roundName,
    `R${index + 1}`,
    response.team,
    ...set.statements.map((statement) => {
      const answer = Object.hasOwn(response.answers, statement.id) ? response.answers[statement.id] : undefined
      return answer === undefined ? '' : answer === DONT_KNOW ? 'dont_know' : answer
    }),
    response.mqlDefinition,
    response.sqlDefinition,
  ])
  return [header, ...rows].map((row) => row.map((cell) => neutraliseCell(cell)))
}
