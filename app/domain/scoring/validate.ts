import type { z } from 'zod'
import { findConfigProblems, formatPath } from './config-checks'
import { describeValue } from './config-messages'
import { PRESENCE_OPERATORS, ScoringConfigShapeSchema, type SchemaVersion, type ScoringConfig } from './config-schema'
import { findVersion2Features, version1ReaderMessage } from './format-2'

/**
 * A valid config: the shape (config-schema.ts), then its cross-references (config-checks.ts).
 * A config that says `schemaVersion: 1` uses no format-2 construct (format-2.ts).
 */
export const ScoringConfigSchema = ScoringConfigShapeSchema.superRefine((config, ctx) => {
  for (const problem of findConfigProblems(config)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message })
  if (config.schemaVersion === 1) {
    for (const { path, feature } of findVersion2Features(config)) {
      ctx.addIssue({ code: 'custom', path, message: `${feature} is scoring format 2: set schemaVersion to 2` })
    }
  }
})

export interface ParseScoringConfigOptions {
  /**
   * The formats the reader knows (default: every one, [1, 2]). A reader that knows format 1 only
   * (`{ formats: [1] }`) refuses a format-2 config with one message that names the first format-2
   * construct and its path.
   */
  formats?: readonly SchemaVersion[]
}

export interface ConfigError {
  /** Where, e.g. `fit.rules[3].when.op` (empty for the config as a whole). */
  path: string
  /** A sentence that starts with the path, e.g. `fit.rules[3].when.op: unknown operator "equals"`. */
  message: string
}

export type ScoringConfigParseResult = { ok: true; config: ScoringConfig } | { ok: false; errors: ConfigError[] }

/** Deeper JSON is refused before zod walks it: recursion that deep would overflow the stack. */
const MAX_DEPTH = 64

/**
 * Reads a scoring config (DESIGN §5, format 1 or 2) from untrusted JSON: its shape, then its cross-references
 * (unknown fields and activities, duplicate keys and rule ids, between low > high, sql.minMet
 * above the number of criteria, required naming unknown fields).
 */
export function parseScoringConfig(input: unknown, options: ParseScoringConfigOptions = {}): ScoringConfigParseResult {
  const tooDeep = findTooDeep(input)
  if (tooDeep) return { ok: false, errors: [error(tooDeep, `nests more than ${MAX_DEPTH} levels deep`)] }
  if (options.formats && !options.formats.includes(2)) {
    const refusal = version1ReaderMessage(input)
    if (refusal) {
      const [first] = findVersion2Features(input)
      return { ok: false, errors: [{ path: first ? formatPath(first.path) : 'schemaVersion', message: refusal }] }
    }
  }
  const parsed = ScoringConfigSchema.safeParse(input, { error: messageFor })
  if (parsed.success) return { ok: true, config: parsed.data }
  const errors: ConfigError[] = []
  for (const issue of parsed.error.issues) collect(issue, [], input, errors)
  const seen = new Set<string>()
  return { ok: false, errors: errors.filter((e) => !seen.has(e.message) && seen.add(e.message)) }
}

type Path = PropertyKey[]
type Issue = z.core.$ZodIssue

function error(path: Path, message: string): ConfigError {
  const where = formatPath(path)
  return { path: where, message: where === '' ? message : `${where}: ${message}` }
}

/**
 * Union failures come back with every branch's issues. Report only the branch the author meant
 * (the one whose keys the input has), so `{ field, op: "equals" }` gives one clear message about
 * the operator instead of "expected all / any / not" noise.
 */
function collect(issue: Issue, base: Path, root: unknown, out: ConfigError[]) {
  const path = [...base, ...issue.path]
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branch = pickBranch(issue.errors, valueAt(root, path))
    if (branch) {
      for (const inner of branch) collect(inner, path, root, out)
      return
    }
  }
  if (issue.code === 'unrecognized_keys') {
    const parent = valueAt(root, path)
    const op = isRecord(parent) ? parent.op : undefined
    for (const key of issue.keys) {
      const takesNoValue = key === 'value' && (PRESENCE_OPERATORS as readonly unknown[]).includes(op)
      out.push(error([...path, key], takesNoValue ? `operator "${String(op)}" takes no value` : `unknown key "${key}"`))
    }
    return
  }
  out.push(error(path, issue.message))
}

function pickBranch(branches: Issue[][], value: unknown): Issue[] | undefined {
  if (!isRecord(value)) return undefined
  let best: Issue[] | undefined
  let bestMisfit = Infinity
  for (const branch of branches) {
    let misfit = 0
    for (const issue of branch) {
      if (issue.path.length === 0 && issue.code === 'invalid_type') misfit += 100
      else if (issue.path.length === 0 && issue.code === 'unrecognized_keys') misfit += issue.keys.length
      else if (issue.path.length === 1 && value[issue.path[0] as string] === undefined) misfit += 1
    }
    if (misfit < bestMisfit) {
      best = branch
      bestMisfit = misfit
    }
  }
  return bestMisfit >= 100 ? undefined : best
}

const messageFor: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `expected ${expectedName(issue.expected)}, got ${describeValue(issue.input)}`
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}, got ${describeValue(issue.input)}`
        : `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(issue.input)}`
    case 'invalid_union': {
      if (issue.note === 'No matching discriminator' && isRecord(issue.input)) {
        const op = issue.input[issue.discriminator ?? 'op']
        return op === undefined ? 'is required' : `unknown operator ${describeValue(op)}`
      }
      return undefined
    }
    case 'too_small':
      if (issue.origin === 'array') return `list at least ${issue.minimum}`
      if (issue.origin === 'string') return 'must not be empty'
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`
    case 'too_big':
      if (issue.origin === 'array') return `list at most ${issue.maximum}`
      if (issue.origin === 'string') return `has at most ${issue.maximum} characters`
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`
    default:
      return undefined
  }
}

function expectedName(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text'
    case 'number':
      return 'a number'
    case 'boolean':
      return 'true or false'
    case 'object':
    case 'record':
      return 'an object'
    case 'array':
    case 'tuple':
      return 'a list'
    case 'int':
      return 'a whole number'
    default:
      return expected
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function valueAt(root: unknown, path: Path): unknown {
  let value = root
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

/** The path of the first value nested deeper than MAX_DEPTH, without recursion. */
function findTooDeep(input: unknown): Path | undefined {
  const stack: { value: unknown; path: Path }[] = [{ value: input, path: [] }]
  while (stack.length > 0) {
    const { value, path } = stack.pop()!
    if (typeof value !== 'object' || value === null) continue
    if (path.length > MAX_DEPTH) return path
    if (Array.isArray(value)) value.forEach((item, i) => stack.push({ value: item, path: [...path, i] }))
    else for (const [key, item] of Object.entries(value)) stack.push({ value: item, path: [...path, key] })
  }
  return undefined
}
