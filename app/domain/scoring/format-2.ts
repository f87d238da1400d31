import { formatPath } from './config-checks'
import { DATE_OPERATORS } from './config-schema'

/*
 * Which constructs of scoring format 2 (docs/scoring-format-2.md) a config uses. It decides the
 * version an export says (1 when none, byte for byte as before format 2 existed), refuses a config
 * that says `schemaVersion: 1` and uses one, and words the refusal of a reader that knows format 1
 * only. It reads untrusted JSON as well as a valid config, so it never assumes a shape.
 */

type Path = (string | number)[]

export interface Version2Feature {
  path: Path
  /** In plain words, e.g. "a condition on activity properties". */
  feature: string
}

/** Every format-2 construct the config (or JSON meant as one) uses, in config order, with its path. */
export function findVersion2Features(config: unknown): Version2Feature[] {
  const found: Version2Feature[] = []
  if (!isRecord(config)) return found
  const add = (path: Path, feature: string) => found.push({ path, feature })

  each(config.activities, ['activities'], (activity, path) => {
    if (isRecord(activity) && activity.properties !== undefined) add([...path, 'properties'], 'properties declared on an activity type')
  })
  const fit = isRecord(config.fit) ? config.fit : {}
  each(fit.rules, ['fit', 'rules'], (rule, path) => isRecord(rule) && conditionFeatures(rule.when, [...path, 'when'], add))
  const engagement = isRecord(config.engagement) ? config.engagement : {}
  each(engagement.rules, ['engagement', 'rules'], (rule, path) => {
    if (!isRecord(rule)) return
    if ('when' in rule) conditionFeatures(rule.when, [...path, 'when'], add)
    if (rule.where !== undefined) {
      add([...path, 'where'], 'a condition on activity properties')
      conditionFeatures(rule.where, [...path, 'where'], add)
    }
    if (rule.time !== undefined) add([...path, 'time'], 'a time direction (past, future or any)')
    if (rule.halfLifeDays !== undefined) add([...path, 'halfLifeDays'], 'a half-life of its own on an activity rule')
    if (rule.since !== undefined) add([...path, 'since'], 'a date bound (since)')
    if (rule.until !== undefined) add([...path, 'until'], 'a date bound (until)')
  })
  if (engagement.bands !== undefined) add(['engagement', 'bands'], 'engagement bands')
  each(config.disqualifiers, ['disqualifiers'], (rule, path) => isRecord(rule) && conditionFeatures(rule.when, [...path, 'when'], add))
  each(config.fastTrack, ['fastTrack'], (rule, path) => {
    if (!isRecord(rule)) return
    if ('when' in rule) conditionFeatures(rule.when, [...path, 'when'], add)
    if (rule.withinDays !== undefined) add([...path, 'withinDays'], 'a date window on an activity fast track')
  })
  const sql = isRecord(config.sql) ? config.sql : {}
  each(sql.criteria, ['sql', 'criteria'], (rule, path) => {
    if (!isRecord(rule)) return
    conditionFeatures(rule.when, [...path, 'when'], add)
    if (rule.required !== undefined) add([...path, 'required'], 'a required SQL criterion')
  })
  if (config.priorities !== undefined) add(['priorities'], 'priorities (the grade × engagement band matrix)')
  return found
}

/**
 * The format-2 constructs a config uses, in plain words with a path, e.g.
 * `engagement.rules[2].where (a condition on activity properties)`. Empty for a format-1 config.
 */
export function featuresOfVersion2(config: unknown): string[] {
  return findVersion2Features(config).map(({ path, feature }) => `${formatPath(path)} (${feature})`)
}

/** The version an export of this config says: 2 when it uses any format-2 construct, else 1. */
export function formatVersionOf(config: unknown): 1 | 2 {
  return findVersion2Features(config).length > 0 ? 2 : 1
}

/** What a reader that knows format 1 only says about a format-2 config. */
export function version1ReaderMessage(config: unknown): string | undefined {
  const [first] = findVersion2Features(config)
  if (first) return `This config uses scoring format 2 (${formatPath(first.path)}: ${first.feature}); this reader knows format 1 only.`
  if (isRecord(config) && config.schemaVersion === 2) return 'This config says schemaVersion 2; this reader knows format 1 only.'
  return undefined
}

function conditionFeatures(condition: unknown, path: Path, add: (path: Path, feature: string) => void, depth = 0) {
  if (!isRecord(condition) || depth > 64) return
  if (Array.isArray(condition.all)) condition.all.forEach((inner, i) => conditionFeatures(inner, [...path, 'all', i], add, depth + 1))
  else if (Array.isArray(condition.any)) condition.any.forEach((inner, i) => conditionFeatures(inner, [...path, 'any', i], add, depth + 1))
  else if ('not' in condition) conditionFeatures(condition.not, [...path, 'not'], add, depth + 1)
  else if ('activity' in condition) {
    add(path, 'an activity condition')
    if (condition.where !== undefined) conditionFeatures(condition.where, [...path, 'where'], add, depth + 1)
  } else if ((DATE_OPERATORS as readonly unknown[]).includes(condition.op)) add([...path, 'op'], `the "${String(condition.op)}" operator`)
}

function each(list: unknown, path: Path, visit: (item: unknown, path: Path) => unknown) {
  if (Array.isArray(list)) list.forEach((item, i) => visit(item, [...path, i]))
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
