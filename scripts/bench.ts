/**
 * npm run bench: the compiled scoring engine against json-rules-engine on the same rules (the 25
 * rules of acmeScoringConfig plus its required fields), then the CLI end to end on a million
 * JSON Lines. Before anything is timed, both engines score every generated lead and must agree
 * on the stage (and fit, engagement, grade) of each; the bench fails loudly when they do not.
 *
 * Targets (reported, not asserted): engine ≥ 300,000 leads/s on one core and ≥ 100× json-rules-
 * engine; CLI ≥ 150,000 leads/s with a peak RSS under 200 MB.
 *
 * Then the production server under load (scripts/bench-load.ts, its targets there), the back-test
 * (scripts/bench-backtest.ts) and every scoring path (scripts/bench-scoring-paths.ts). BENCH_ONLY=engine,
 * load, backtest or paths runs one part; BENCH_LOAD_SECONDS shortens each load run (default 30).
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine'
import {
  acmeScoringConfig,
  compile,
  decideStage,
  DAY_MS,
  isAbsent,
  normaliseText,
  parseTimestamp,
  toFiniteNumber,
  type Condition,
  type FieldType,
  type Lead,
  type ScoringConfig,
  type Stage,
} from '../app/domain/scoring'
import { emailDomainOf, normaliseDomain } from '../app/domain/scoring/normalise'
import { runLoadBench } from './bench-load'

const AS_OF = '2026-06-01T12:00:00Z'
const AS_OF_MS = Date.parse(AS_OF)
const ENGINE_LEADS = 100_000
const CLI_LEADS = 1_000_000
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

// ── Generated leads ───────────────────────────────────────────────────────────────────────

/** mulberry32: a small deterministic PRNG, so every run scores the same leads. */
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

function leadGenerator(seed: number) {
  const random = prng(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
  // Weighted pools: most leads are business contacts; some are students, free-mail sign-ups or competitors.
  const titles = ['VP Data', 'Data Analyst', ' Head of Business Intelligence ', 'CTO', 'Chief Analytics Officer', 'Engineer', 'Marketing Manager', 'Director of Finance', 'Marketing Intern', 'Sales Assistant', 'student researcher', null, '']
  const seniorities = ['c_level', 'VP', 'vp', 'director', 'Head', 'manager', 'manager', 'individual', 'individual', 'student', null]
  const industries = ['SaaS', 'software', 'Fintech', 'E-commerce', 'financial services', 'retail', 'healthcare', 'manufacturing', null]
  const countries = ['US', 'us ', 'US', 'DE', 'GB', 'FR', 'NL', 'CA', 'BR', 'IN', 'JP', null, '']
  const domains = ['acme.io', 'northwind.example', 'contoso.example', 'initech.example', 'globex.example', 'umbrella.example', 'hooli.example', 'gmail.com', 'Yahoo.com', 'datadash.com']
  const businessDomains = domains.slice(0, 7)
  const companies = ['Northwind', 'Contoso', 'Initech', 'Globex', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'DataDash', null]
  const activityTypes = ['pricing_view', 'demo_request', 'trial_start', 'content_download', 'webinar', 'email_click', 'form_fill', 'page_view']
  const iso = (ms: number) => {
    const text = new Date(ms).toISOString()
    // ISO text in the forms exports carry: with Z, without an offset (UTC), and with an offset.
    const form = random()
    if (form < 0.6) return text
    if (form < 0.8) return text.slice(0, 19)
    return `${new Date(ms + 2 * 3_600_000).toISOString().slice(0, 19)}+02:00`
  }
  return (i: number): Lead => {
    const employees = random() < 0.1 ? null : Math.round(Math.exp(random() * Math.log(20_000)))
    const activities: Lead['activities'] = []
    const count = Math.floor(random() * random() * 9)
    for (let k = 0; k < count; k++) activities.push({ type: pick(activityTypes), at: iso(AS_OF_MS - (random() * 152 - 2) * DAY_MS) })
    return {
      id: `lead-${i}`,
      attributes: {
        jobTitle: pick(titles),
        seniority: pick(seniorities),
        industry: pick(industries),
        employees: employees !== null && random() < 0.2 ? String(employees) : employees,
        country: pick(countries),
        email: random() < 0.05 ? null : `p${i}@${random() < 0.6 ? pick(businessDomains) : pick(domains)}`,
        phone: random() < 0.5 ? '+1 555 0100' : null,
        company: pick(companies),
        budget: random() < 0.3 ? null : Math.round(random() * 60) * 1000,
        authority: pick([true, false, 'TRUE', 'false', null]),
        need: pick(['critical', 'High', 'medium', 'low', null]),
        timeline: pick(['this_quarter', 'next_quarter', 'this_year', 'later', null]),
      },
      activities,
    }
  }
}

// ── json-rules-engine, given the same semantics ─────────────────────────────────────────

interface TypedValue {
  type: FieldType
  value: unknown
}

/**
 * The same config as json-rules-engine rules. Its operators only see (fact value, rule value),
 * so DESIGN §5's semantics become custom operators: rule values are normalised once here (as a
 * careful integrator would), fact values on every evaluation. Activity rules are a computed fact
 * (decay and caps), fast-track activities a computed list of activity types.
 */
function jsonRulesEngineFor(config: ScoringConfig): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true })
  const types = new Map(config.fields.map((field) => [field.key, field.type]))
  const text = (value: unknown, type: FieldType) => normaliseText(value, type)

  const operators: Record<string, (fact: unknown, rule: TypedValue) => boolean> = {
    eq: (fact, rule) => text(fact, rule.type) === rule.value,
    neq: (fact, rule) => text(fact, rule.type) !== rule.value,
    in: (fact, rule) => (rule.value as string[]).includes(text(fact, rule.type)!),
    notIn: (fact, rule) => !(rule.value as string[]).includes(text(fact, rule.type)!),
    contains: (fact, rule) => text(fact, rule.type)?.includes(rule.value as string) === true,
    notContains: (fact, rule) => text(fact, rule.type)?.includes(rule.value as string) !== true,
    startsWith: (fact, rule) => text(fact, rule.type)?.startsWith(rule.value as string) === true,
    endsWith: (fact, rule) => text(fact, rule.type)?.endsWith(rule.value as string) === true,
    gt: (fact, rule) => toFiniteNumber(fact) > (rule.value as number),
    gte: (fact, rule) => toFiniteNumber(fact) >= (rule.value as number),
    lt: (fact, rule) => toFiniteNumber(fact) < (rule.value as number),
    lte: (fact, rule) => toFiniteNumber(fact) <= (rule.value as number),
    between: (fact, rule) => {
      const n = toFiniteNumber(fact)
      const [low, high] = rule.value as [number, number]
      return n >= low && n <= high
    },
    present: (fact) => !isAbsent(fact),
    absent: (fact) => isAbsent(fact),
    emailDomainIn: (fact, rule) => {
      const t = text(fact, rule.type)
      const domain = t === null ? null : emailDomainOf(t)
      return domain !== null && (rule.value as string[]).includes(domain)
    },
    emailDomainNotIn: (fact, rule) => {
      const t = text(fact, rule.type)
      const domain = t === null ? null : emailDomainOf(t)
      return !(domain !== null && (rule.value as string[]).includes(domain))
    },
  }
  for (const [name, evaluate] of Object.entries(operators)) {
    engine.addOperator(`lp:${name}`, (fact: unknown, rule: TypedValue) => {
      // DESIGN §5: on an absent value only absent, neq, notIn, notContains, emailDomainNotIn hold.
      if (isAbsent(fact)) return name === 'absent' || name === 'neq' || name === 'notIn' || name === 'notContains' || name === 'emailDomainNotIn'
      return evaluate(fact, rule)
    })
  }

  function condition(when: Condition): TopLevelCondition {
    if ('all' in when) return { all: when.all.map(condition) }
    if ('any' in when) return { any: when.any.map(condition) }
    if ('not' in when) return { not: condition(when.not) }
    if ('activity' in when) throw new Error('activity conditions (format 2) are not used by the benchmarked config')
    if (when.op === 'withinDays' || when.op === 'before' || when.op === 'after' || when.op === 'olderThanDays') throw new Error(`${when.op} is not used by the benchmarked config`)
    const type = types.get(when.field)!
    let value: unknown = null
    switch (when.op) {
      case 'eq':
      case 'neq':
      case 'contains':
      case 'notContains':
      case 'startsWith':
      case 'endsWith':
        value = text(when.value, type)
        break
      case 'in':
      case 'notIn':
        value = when.value.map((v) => text(v, type))
        break
      case 'emailDomainIn':
      case 'emailDomainNotIn':
        value = when.value.map(normaliseDomain)
        break
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
      case 'between':
        value = when.value
        break
    }
    // json-rules-engine's root must be a boolean condition.
    return { all: [{ fact: when.field, operator: `lp:${when.op}`, value: { type, value } }] }
  }

  const halfLifeDays = config.engagement.halfLifeDays
  engine.addFact('activityPoints', async (factParams: Record<string, unknown>, almanac) => {
    const params = factParams as { activity: string; points: number; withinDays?: number; maxPoints?: number }
    const activities = (await almanac.factValue<Lead['activities']>('activities')) ?? []
    const asOfMs = await almanac.factValue<number>('asOfMs')
    let total = 0
    let counted = false
    for (const activity of activities) {
      if (activity.type !== params.activity) continue
      let ageMs = asOfMs - parseTimestamp(activity.at)
      if (ageMs < 0) ageMs = 0
      if (!(ageMs <= (params.withinDays === undefined ? Infinity : params.withinDays * DAY_MS))) continue
      total += params.points * (halfLifeDays === null ? 1 : Math.pow(0.5, ageMs / DAY_MS / halfLifeDays))
      counted = true
    }
    if (!counted) return null
    const cap = params.maxPoints ?? Infinity
    return total > cap ? cap : total < -cap ? -cap : total
  })
  engine.addFact('activityTypes', async (_params, almanac) => ((await almanac.factValue<Lead['activities']>('activities')) ?? []).map((a) => a.type))

  const rules: RuleProperties[] = []
  for (const rule of config.fit.rules) rules.push({ name: rule.id, conditions: condition(rule.when), event: { type: 'fit', params: { id: rule.id } } })
  for (const rule of config.engagement.rules) {
    if ('when' in rule) rules.push({ name: rule.id, conditions: condition(rule.when), event: { type: 'engagement', params: { id: rule.id } } })
    else {
      const params = { activity: rule.activity, points: rule.points, withinDays: rule.withinDays, maxPoints: rule.maxPoints }
      rules.push({
        name: rule.id,
        conditions: { all: [{ fact: 'activityPoints', params, operator: 'notEqual', value: null }] },
        event: { type: 'activity', params: { id: rule.id, facts: params } },
      })
    }
  }
  for (const rule of config.disqualifiers) rules.push({ name: rule.id, conditions: condition(rule.when), event: { type: 'disqualifier', params: { id: rule.id } } })
  for (const rule of config.fastTrack) {
    const conditions: TopLevelCondition =
      'when' in rule ? condition(rule.when) : { all: [{ fact: 'activityTypes', operator: 'contains', value: rule.activity }] }
    rules.push({ name: rule.id, conditions, event: { type: 'fastTrack', params: { id: rule.id } } })
  }
  for (const rule of config.sql.criteria) rules.push({ name: rule.id, conditions: condition(rule.when), event: { type: 'sql', params: { id: rule.id } } })
  for (const key of config.required) {
    rules.push({ name: `required:${key}`, conditions: { all: [{ fact: key, operator: 'lp:absent', value: null }] }, event: { type: 'missing', params: { id: key } } })
  }
  for (const rule of rules) engine.addRule(rule)
  return engine
}

interface Outcome {
  fit: number
  engagement: number
  grade: string | null
  stage: Stage
}

/** Turns json-rules-engine's events into fit, engagement, grade and stage, in config order. */
async function scoreWithJsonRulesEngine(engine: Engine, config: ScoringConfig, gradesHighFirst: ScoringConfig['grades'], lead: Lead): Promise<Outcome> {
  const { events, almanac } = await engine.run({ ...lead.attributes, activities: lead.activities ?? [], asOfMs: AS_OF_MS })
  const fired = new Set<string>()
  let disqualified = false
  let missing = false
  let fastTracked = false
  let sqlMet = 0
  for (const event of events) {
    fired.add(event.params!.id as string)
    if (event.type === 'disqualifier') disqualified = true
    else if (event.type === 'missing') missing = true
    else if (event.type === 'fastTrack') fastTracked = true
    else if (event.type === 'sql') sqlMet++
  }
  let fitSum = 0
  for (const rule of config.fit.rules) if (fired.has(rule.id)) fitSum += rule.points
  let engagementSum = 0
  for (const rule of config.engagement.rules) {
    if (!fired.has(rule.id)) continue
    if ('when' in rule) engagementSum += rule.points
    else engagementSum += await almanac.factValue<number>('activityPoints', { activity: rule.activity, points: rule.points, withinDays: rule.withinDays, maxPoints: rule.maxPoints })
  }
  const fit = Math.min(Math.max(fitSum, 0), config.fit.max)
  const engagement = Math.min(Math.max(engagementSum, 0), config.engagement.max)
  const grade = gradesHighFirst.find((g) => g.minFit <= fit)?.grade ?? null
  const stage = decideStage(
    disqualified,
    missing,
    fit >= config.mql.minFit && (engagement >= config.mql.minEngagement || fastTracked),
    config.sql.criteria.length > 0 && sqlMet >= config.sql.minMet,
  )
  return { fit, engagement, grade, stage }
}

// ── The CLI, end to end ───────────────────────────────────────────────────────────────────

async function writeJsonLines(file: string, count: number) {
  const next = leadGenerator(20_260_601)
  const out = fs.createWriteStream(file)
  let chunk = ''
  for (let i = 0; i < count; i++) {
    chunk += `${JSON.stringify(next(i))}\n`
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
      chunk = ''
    }
  }
  out.end(chunk)
  await new Promise<void>((resolve, reject) => out.on('finish', () => resolve()).on('error', reject))
}

interface CliRun {
  seconds: number
  lines: number
  outputBytes: number
  peakRssMb: number
  exitCode: number | null
  stderr: string
}

/**
 * Runs the CLI as a child process and measures its peak RSS. Its output is read through a pipe,
 * as a pipeline would (and counted), or sent to /dev/null.
 */
async function runCli(configFile: string, inputFile: string, output: 'pipe' | 'devnull'): Promise<CliRun> {
  const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null
  const cli = ['build/bin/leadpact-score.mjs', '--config', configFile, '--input', inputFile, '--as-of', AS_OF]
  const devNull = output === 'devnull' ? fs.openSync('/dev/null', 'w') : undefined
  const stdio: ['ignore', 'pipe' | number, 'pipe'] = ['ignore', devNull ?? 'pipe', 'pipe']
  const started = process.hrtime.bigint()
  const child = timeBin ? spawn(timeBin, ['-v', process.execPath, ...cli], { cwd: root, stdio }) : spawn(process.execPath, cli, { cwd: root, stdio })
  let lines = 0
  let outputBytes = 0
  child.stdout?.on('data', (chunk: Buffer) => {
    outputBytes += chunk.length
    let at = -1
    while ((at = chunk.indexOf(10, at + 1)) !== -1) lines++
  })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  // Without GNU time, sample the high-water mark the kernel keeps for the process.
  let polledKb = 0
  const poll = timeBin
    ? undefined
    : setInterval(() => {
        try {
          const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))
          if (match) polledKb = Math.max(polledKb, Number(match[1]))
        } catch {
          // the process has just exited
        }
      }, 50)
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve))
  if (poll) clearInterval(poll)
  if (devNull !== undefined) fs.closeSync(devNull)
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const timedKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0)
  return { seconds, lines: output === 'pipe' ? lines : CLI_LEADS, outputBytes, peakRssMb: (timeBin ? timedKb : polledKb) / 1024, exitCode, stderr }
}

// ── Main ────────────────────────────────────────────────────────────────────────────────

function rate(count: number, seconds: number) {
  return Math.round(count / seconds)
}

function format(n: number) {
  return n.toLocaleString('en-US')
}

/** How fast the bundled bin answers --help (issue 13: no TypeScript compiler at start), beside a bare `node -e ''`. */
function binStartup() {
  const median = (args: string[]) => {
    const times: number[] = []
    for (let i = 0; i < 10; i++) {
      const started = process.hrtime.bigint()
      const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] })
      if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stderr}`)
      times.push(Number(process.hrtime.bigint() - started) / 1e6)
    }
    return times.sort((a, b) => a - b)[5]!
  }
  return { medianMs: median(['build/bin/leadpact-score.mjs', '--help']), nodeMs: median(['-e', '']) }
}

async function main() {
  const config = acmeScoringConfig
  const ruleCount = config.fit.rules.length + config.engagement.rules.length + config.disqualifiers.length + config.fastTrack.length + config.sql.criteria.length
  console.log(`Leadpact scoring bench: ${ruleCount} rules of acmeScoringConfig, asOf ${AS_OF}, node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}\n`)

  const next = leadGenerator(42)
  const leads = Array.from({ length: ENGINE_LEADS }, (_, i) => next(i))
  const scorer = compile(config)
  const jre = jsonRulesEngineFor(config)
  const gradesHighFirst = [...config.grades].sort((a, b) => b.minFit - a.minFit)

  // 1. Both engines must agree on every lead before either is timed.
  process.stdout.write(`Checking that both engines agree on all ${format(ENGINE_LEADS)} leads… `)
  const stages: Record<string, number> = {}
  const checkStarted = performance.now()
  for (const lead of leads) {
    const ours = scorer.score(lead, AS_OF_MS)
    const theirs = await scoreWithJsonRulesEngine(jre, config, gradesHighFirst, lead)
    if (ours.stage !== theirs.stage || ours.fit !== theirs.fit || Math.abs(ours.engagement - theirs.engagement) > 1e-9 || ours.grade !== theirs.grade) {
      console.error(`\nMISMATCH on ${lead.id}:\n  lead   ${JSON.stringify(lead)}\n  engine ${JSON.stringify(ours)}\n  json-rules-engine ${JSON.stringify(theirs)}`)
      process.exit(1)
    }
    stages[ours.stage] = (stages[ours.stage] ?? 0) + 1
  }
  const jreFullSeconds = (performance.now() - checkStarted) / 1000
  console.log(`identical (${Object.entries(stages).map(([stage, n]) => `${stage} ${format(n)}`).join(', ')})\n`)

  // 2. The engine: best of five passes after a warm-up pass.
  let sink = 0
  for (const lead of leads) sink += scorer.score(lead, AS_OF_MS).fit
  let engineSeconds = Infinity
  for (let pass = 0; pass < 5; pass++) {
    const started = performance.now()
    for (const lead of leads) sink += scorer.score(lead, AS_OF_MS).fit
    engineSeconds = Math.min(engineSeconds, (performance.now() - started) / 1000)
  }

  // json-rules-engine: a timed pass over a subset (it is warm from the check above).
  const jreLeads = Math.min(ENGINE_LEADS, Math.max(10_000, Math.round((5 * ENGINE_LEADS) / jreFullSeconds)))
  const jreStarted = performance.now()
  for (let i = 0; i < jreLeads; i++) sink += (await scoreWithJsonRulesEngine(jre, config, gradesHighFirst, leads[i])).fit
  const jreSeconds = (performance.now() - jreStarted) / 1000
  if (sink === -1) console.log(sink) // keeps the loops from being optimised away

  const engineRate = rate(ENGINE_LEADS, engineSeconds)
  const jreRate = rate(jreLeads, jreSeconds)

  // 3. The CLI on a million JSON Lines.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadpact-bench-'))
  try {
    const configFile = path.join(dir, 'config.json')
    const inputFile = path.join(dir, 'leads.jsonl')
    fs.writeFileSync(configFile, JSON.stringify(config))
    process.stdout.write(`Writing ${format(CLI_LEADS)} JSON Lines… `)
    await writeJsonLines(inputFile, CLI_LEADS)
    console.log(`${(fs.statSync(inputFile).size / 1e6).toFixed(0)} MB. Running the CLI…\n`)
    const piped = await runCli(configFile, inputFile, 'pipe')
    const discarded = await runCli(configFile, inputFile, 'devnull')
    for (const run of [piped, discarded]) {
      if (run.exitCode !== 0 || run.lines !== CLI_LEADS) {
        console.error(`The CLI failed: exit ${run.exitCode}, ${run.lines} lines out\n${run.stderr}`)
        process.exit(1)
      }
    }

    const startup = binStartup()
    const rows: [string, string, string, string, string][] = [
      ['leadpact-score --help, median start of 10 (bundled bin)', '', (startup.medianMs / 1000).toFixed(3), `${startup.medianMs.toFixed(0)} ms (node alone ${startup.nodeMs.toFixed(0)} ms)`, '< 300 ms'],
      ['compiled engine (one core)', format(ENGINE_LEADS), engineSeconds.toFixed(3), format(engineRate), '≥ 300,000 leads/s'],
      [`json-rules-engine${jreLeads < ENGINE_LEADS ? ` (first ${format(jreLeads)} leads)` : ''}`, format(jreLeads), jreSeconds.toFixed(3), format(jreRate), ''],
      ['speed-up, per lead', '', '', `${(engineRate / jreRate).toFixed(0)}×`, '≥ 100×'],
      ['CLI, JSON Lines in, read through a pipe', format(CLI_LEADS), piped.seconds.toFixed(2), format(rate(CLI_LEADS, piped.seconds)), '≥ 150,000 leads/s'],
      ['CLI peak RSS (through a pipe)', '', '', `${piped.peakRssMb.toFixed(0)} MB`, '< 200 MB'],
      ['CLI, JSON Lines in, output to /dev/null', format(CLI_LEADS), discarded.seconds.toFixed(2), format(rate(CLI_LEADS, discarded.seconds)), '≥ 150,000 leads/s'],
      ['CLI peak RSS (to /dev/null)', '', '', `${discarded.peakRssMb.toFixed(0)} MB`, '< 200 MB'],
    ]
    const header: [string, string, string, string, string] = ['measurement', 'leads', 'seconds', 'result', 'target']
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)))
    const line = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`
    console.log(line(header))
    console.log(`|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`)
    for (const row of rows) console.log(line(row))
    console.log(
      `\njson-rules-engine ran on ${format(jreLeads)} of the ${format(ENGINE_LEADS)} leads (the agreement check above ran all of them, in ${jreFullSeconds.toFixed(1)} s); the speed-up compares leads per second.`,
    )
    console.log(
      `The CLI figures include starting node and compiling TypeScript (tsx); through the pipe the bench counted ${format(piped.lines)} result lines (${(piped.outputBytes / 1e9).toFixed(2)} GB).`,
    )
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const PARTS = ['engine', 'load', 'backtest', 'paths'] as const
const only = process.env.BENCH_ONLY
if (only !== undefined && !(PARTS as readonly string[]).includes(only)) throw new Error(`BENCH_ONLY is one of ${PARTS.join(', ')}, not "${only}"`)
const runs = (part: (typeof PARTS)[number]) => only === undefined || only === part
if (runs('engine')) await main()
if (runs('load')) await runLoadBench({ root, lead: leadGenerator(20_261_129) })
if (runs('backtest')) await (await import('./bench-backtest')).runBacktestBench({ root })
if (runs('paths')) await (await import('./bench-scoring-paths')).runScoringPathsBench({ root, lead: leadGenerator(42), jsonRulesEngine: (config) => { const engine = jsonRulesEngineFor(config); const grades = [...config.grades].sort((x, y) => y.minFit - x.minFit); return (lead) => scoreWithJsonRulesEngine(engine, config, grades, lead) } })
