import { readFunnelForm, RATE_FIELDS, rateFieldsFor, type FormIssue, type FunnelFormValues, type FunnelTargetValues } from './forms'
import { forwardFunnel, reverseFunnel, type ForwardFunnel, type FunnelResult, type ReverseFunnel } from './funnel'
import { percentText, readAmount } from './numbers'

/*
 * The reverse funnel calculator as the stages page shows it. Its figures follow whatever the form
 * holds: on every keystroke in the browser, and in the server's render of a calculation's address
 * (`?revenueTarget=…&rates.leadToMql=…#funnel`), which is where "Update figures" sends a browser
 * without JavaScript and what "Link to these figures" points at, so a calculation can be shared.
 */

export type FunnelFigures =
  | { ok: true; target: FunnelTargetValues; reverse: ReverseFunnel; forward: FunnelResult<ForwardFunnel> }
  | { ok: false; issues: FormIssue[] }

/** The calculator's figures for whatever the form holds right now (the same pure functions in the server's render and in the browser). */
export function funnelFigures(values: FunnelFormValues): FunnelFigures {
  const read = readFunnelForm(values)
  if (read.issues.length > 0) return { ok: false, issues: read.issues }
  const reverse = reverseFunnel({ ...read.target, rates: read.rates, salEnabled: read.salEnabled })
  if (!reverse.ok) {
    return { ok: false, issues: reverse.reason === 'out-of-range' ? [{ path: 'form', message: reverse.message }] : reverse.issues }
  }
  const mqls = readAmount(values.mqlsThisMonth)
  const forward: FunnelResult<ForwardFunnel> =
    mqls === null
      ? { ok: false, reason: 'invalid-input', issues: [{ path: 'mqlsThisMonth', message: 'Enter this month’s MQLs to see what they bring in.' }] }
      : forwardFunnel({ mqlsPerMonth: mqls, averageDealSize: read.target.averageDealSize, rates: read.rates, salEnabled: read.salEnabled })
  return { ok: true, target: read.target, reverse: reverse.value, forward }
}

export type NeededRow = { key: string; label: string; count: number; rateToNext: string | null }

/** "Needed every month", top of the funnel first, each with the rate that leads on from it. */
export function neededPerMonth(reverse: ReverseFunnel): NeededRow[] {
  const { perMonth } = reverse
  const rows = [
    { key: 'lead', label: 'Leads', count: perMonth.leads },
    { key: 'mql', label: 'MQLs', count: perMonth.mqls },
    ...(perMonth.sals === null ? [] : [{ key: 'sal', label: 'SALs', count: perMonth.sals }]),
    { key: 'sql', label: 'SQLs', count: perMonth.sqls },
    { key: 'opportunity', label: 'Opportunities', count: perMonth.opportunities },
    { key: 'customer', label: 'Customers', count: perMonth.customers },
  ]
  return rows.map((row) => {
    const used = reverse.ratesUsed.find((rate) => rate.from === row.key)
    return { ...row, rateToNext: used ? `${percentText(used.rate)} % → ${used.label.split(' → ')[1]}` : null }
  })
}

/** Why the forward figures are missing, in one sentence; null when they are there. */
export function forwardIssue(figures: FunnelFigures): string | null {
  if (!figures.ok || figures.forward.ok) return null
  return figures.forward.reason === 'invalid-input' ? (figures.forward.issues[0]?.message ?? null) : figures.forward.message
}

const ISSUE_LABELS: Record<string, string> = {
  revenueTarget: 'Revenue target',
  periodMonths: 'Period',
  averageDealSize: 'Average deal size',
  currency: 'Currency',
  form: 'Calculator',
  ...Object.fromEntries(RATE_FIELDS.map((field) => [`rates.${field.key}`, field.label])),
}

/** The field a problem with the figures is about, as the form labels it. */
export function issueLabel(path: string): string {
  return ISSUE_LABELS[path] ?? path
}

/** The calculator's inputs that make up a calculation's address (never the revisions a save needs). */
const QUERY_INPUTS = ['revenueTarget', 'periodMonths', 'averageDealSize', 'currency', 'mqlsThisMonth'] as const
/** Longer than any number or currency code anyone types. */
const MAX_QUERY_VALUE = 40

/** The query string of a calculation: the target, the rates the form shows and this month's MQLs. */
export function calculatorQuery(values: FunnelFormValues): string {
  const query = new URLSearchParams()
  for (const input of QUERY_INPUTS) {
    const value = values[input]
    if (typeof value === 'string') query.set(input, value)
  }
  for (const field of rateFieldsFor(values.salEnabled === 'true')) {
    const value = values.rates?.[field.key]
    if (typeof value === 'string') query.set(`rates.${field.key}`, value)
  }
  return query.toString()
}

/**
 * The calculation a page address asks for, laid over the stored form (`stored`: target, rates,
 * revisions); null when the address asks for none. Rates the address does not give keep their
 * stored value, so an address made before the SAL stage was switched still reads.
 */
export function calculationFromQuery(query: URLSearchParams, stored: FunnelFormValues): FunnelFormValues | null {
  const read = (name: string) => {
    const value = query.get(name)
    return value === null ? undefined : value.slice(0, MAX_QUERY_VALUE)
  }
  const inputs = Object.fromEntries(QUERY_INPUTS.flatMap((input) => (read(input) === undefined ? [] : [[input, read(input)]])))
  const rates = Object.fromEntries(RATE_FIELDS.flatMap((field) => (read(`rates.${field.key}`) === undefined ? [] : [[field.key, read(`rates.${field.key}`)]])))
  if (Object.keys(inputs).length === 0 && Object.keys(rates).length === 0) return null
  return { ...stored, ...inputs, rates: { ...stored.rates, ...rates } }
}
