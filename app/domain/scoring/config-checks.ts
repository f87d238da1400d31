import type { ActivityCondition, Condition, FieldType, ScoringConfig } from './config-schema'
import { parseConfigDate } from './timestamps'

type Path = (string | number)[]

export interface ConfigProblem {
  path: Path
  message: string
}

/**
 * What a well-shaped config can still get wrong: references to fields, activities and rules
 * that do not exist or exist twice, and ranges that can never hold. Each would otherwise score
 * silently wrong (a typo in a field key simply never matches), so the config is refused.
 */
export function findConfigProblems(config: ScoringConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const fieldKeys = uniqueKeys(config.fields, 'fields', 'field key', problems)
  const activityKeys = uniqueKeys(config.activities, 'activities', 'activity key', problems)

  function checkValues(field: ScoringConfig['fields'][number], path: Path) {
    if (field.values && field.type !== 'string') {
      problems.push({ path: [...path, 'values'], message: `only text fields list allowed values ("${field.key}" is a ${field.type} field)` })
    }
    const seen = new Map<string, number>()
    field.values?.forEach((entry, j) => {
      const normalised = entry.value.trim().toLowerCase()
      const first = seen.get(normalised)
      if (first !== undefined) {
        problems.push({ path: [...path, 'values', j, 'value'], message: `"${entry.value}" is listed twice (also ${formatPath([...path, 'values', first])}; values compare trimmed and lower-cased)` })
      } else seen.set(normalised, j)
    })
  }
  config.fields.forEach((field, i) => checkValues(field, ['fields', i]))

  // Format 2: the properties each activity type declares, which a `where` may read.
  const propertyTypes = new Map<string, Map<string, FieldType>>()
  config.activities.forEach((activity, i) => {
    if (!activity.properties) return
    const keys = uniqueKeys(activity.properties, `activities[${i}].properties`, 'property key', problems, ['activities', i, 'properties'])
    const types = new Map<string, FieldType>()
    activity.properties.forEach((property, j) => {
      if (keys.has(property.key) && !types.has(property.key)) types.set(property.key, property.type)
      checkValues(property, ['activities', i, 'properties', j])
    })
    if (!propertyTypes.has(activity.key)) propertyTypes.set(activity.key, types)
  })

  const ruleIds = new Map<string, Path>()
  function checkId(id: string, path: Path) {
    const first = ruleIds.get(id)
    if (first) problems.push({ path: [...path, 'id'], message: `duplicate rule id "${id}" (also ${formatPath([...first, 'id'])})` })
    else ruleIds.set(id, path)
  }
  function checkActivity(key: string, path: Path) {
    if (!activityKeys.has(key)) problems.push({ path, message: `unknown activity "${key}"${didYouMean(key, activityKeys)}` })
  }
  function checkBounds(window: { since?: string; until?: string }, path: Path) {
    if (window.since !== undefined && window.until !== undefined && parseConfigDate(window.since) > parseConfigDate(window.until)) {
      problems.push({ path: [...path, 'until'], message: `until (${window.until}) is before since (${window.since}): no date is inside` })
    }
  }
  /**
   * A condition on attributes (`where` undefined) or, inside a `where`, on the properties of the
   * activity types `where` names: each field must be declared by one of them, with one type.
   */
  function checkCondition(condition: Condition, path: Path, where?: { activities: string[] }) {
    if ('all' in condition) condition.all.forEach((inner, i) => checkCondition(inner, [...path, 'all', i], where))
    else if ('any' in condition) condition.any.forEach((inner, i) => checkCondition(inner, [...path, 'any', i], where))
    else if ('not' in condition) checkCondition(condition.not, [...path, 'not'], where)
    else if ('activity' in condition) {
      if (where) {
        problems.push({ path, message: 'an activity condition cannot be used inside where (where reads the properties of one activity)' })
        return
      }
      checkActivityCondition(condition, path)
    } else {
      if (where) checkProperty(condition.field, where.activities, [...path, 'field'])
      else if (!fieldKeys.has(condition.field)) {
        problems.push({ path: [...path, 'field'], message: `unknown field "${condition.field}"${didYouMean(condition.field, fieldKeys)}` })
      }
      if (condition.op === 'between' && condition.value[0] > condition.value[1]) {
        const [low, high] = condition.value
        problems.push({ path: [...path, 'value'], message: `between needs low ≤ high, got [${low}, ${high}]` })
      }
    }
  }
  function checkProperty(key: string, activities: string[], path: Path) {
    const types = new Set<FieldType>()
    const declared = new Set<string>()
    for (const activity of activities) {
      const properties = propertyTypes.get(activity)
      if (!properties) continue
      for (const name of properties.keys()) declared.add(name)
      const type = properties.get(key)
      if (type) types.add(type)
    }
    const named = activities.map((a) => `"${a}"`).join(', ')
    if (types.size === 0) {
      problems.push({
        path,
        message: `unknown property "${key}": no property of that key is declared on activity ${named} (activities[].properties)${didYouMean(key, declared)}`,
      })
    } else if (types.size > 1) {
      problems.push({ path, message: `property "${key}" has different types on activities ${named} (${[...types].join(', ')}); give it one type` })
    }
  }
  function checkActivityCondition(condition: ActivityCondition, path: Path) {
    if (Array.isArray(condition.activity)) {
      const seen = new Set<string>()
      condition.activity.forEach((key, i) => {
        checkActivity(key, [...path, 'activity', i])
        if (seen.has(key)) problems.push({ path: [...path, 'activity', i], message: `"${key}" is listed twice` })
        seen.add(key)
      })
    } else checkActivity(condition.activity, [...path, 'activity'])
    checkBounds(condition, path)
    if (condition.where) {
      const activities = (Array.isArray(condition.activity) ? condition.activity : [condition.activity]).filter((key) => activityKeys.has(key))
      checkCondition(condition.where, [...path, 'where'], { activities })
    }
  }

  config.fit.rules.forEach((rule, i) => {
    checkId(rule.id, ['fit', 'rules', i])
    checkCondition(rule.when, ['fit', 'rules', i, 'when'])
  })
  config.engagement.rules.forEach((rule, i) => {
    checkId(rule.id, ['engagement', 'rules', i])
    if ('activity' in rule) {
      checkActivity(rule.activity, ['engagement', 'rules', i, 'activity'])
      checkBounds(rule, ['engagement', 'rules', i])
      if (rule.where && activityKeys.has(rule.activity)) checkCondition(rule.where, ['engagement', 'rules', i, 'where'], { activities: [rule.activity] })
    } else checkCondition(rule.when, ['engagement', 'rules', i, 'when'])
  })
  config.disqualifiers.forEach((rule, i) => {
    checkId(rule.id, ['disqualifiers', i])
    checkCondition(rule.when, ['disqualifiers', i, 'when'])
  })
  config.fastTrack.forEach((rule, i) => {
    checkId(rule.id, ['fastTrack', i])
    if ('activity' in rule) checkActivity(rule.activity, ['fastTrack', i, 'activity'])
    else checkCondition(rule.when, ['fastTrack', i, 'when'])
  })
  config.sql.criteria.forEach((rule, i) => {
    checkId(rule.id, ['sql', 'criteria', i])
    checkCondition(rule.when, ['sql', 'criteria', i, 'when'])
  })

  const required = new Map<string, number>()
  config.required.forEach((key, i) => {
    if (!fieldKeys.has(key)) problems.push({ path: ['required', i], message: `unknown field "${key}"${didYouMean(key, fieldKeys)}` })
    const first = required.get(key)
    if (first !== undefined) problems.push({ path: ['required', i], message: `"${key}" is already required (required[${first}])` })
    else required.set(key, i)
  })

  const criteria = config.sql.criteria.length
  if (config.sql.minMet > criteria) {
    problems.push({
      path: ['sql', 'minMet'],
      message: `${config.sql.minMet} is more than the ${criteria} SQL ${criteria === 1 ? 'criterion' : 'criteria'}`,
    })
  }

  // "The highest grade whose minFit ≤ fit" is only well defined when thresholds differ.
  const grades = new Map<string, number>()
  const thresholds = new Map<number, number>()
  config.grades.forEach((grade, i) => {
    const sameName = grades.get(grade.grade)
    if (sameName !== undefined) problems.push({ path: ['grades', i, 'grade'], message: `duplicate grade "${grade.grade}" (also grades[${sameName}])` })
    else grades.set(grade.grade, i)
    const sameMin = thresholds.get(grade.minFit)
    if (sameMin !== undefined) {
      problems.push({ path: ['grades', i, 'minFit'], message: `grades[${sameMin}] already starts at ${grade.minFit}; give each grade its own minFit` })
    } else thresholds.set(grade.minFit, i)
  })

  // Format 2: engagement bands, strictly descending, so "the first band reached" is the highest.
  const bands = new Map<string, number>()
  config.engagement.bands?.forEach((band, i) => {
    const sameName = bands.get(band.band)
    if (sameName !== undefined) problems.push({ path: ['engagement', 'bands', i, 'band'], message: `duplicate band "${band.band}" (also engagement.bands[${sameName}])` })
    else bands.set(band.band, i)
    const previous = config.engagement.bands![i - 1]
    if (previous && !(band.minEngagement < previous.minEngagement)) {
      problems.push({
        path: ['engagement', 'bands', i, 'minEngagement'],
        message: `bands go from the highest minEngagement down: ${band.minEngagement} must be below engagement.bands[${i - 1}].minEngagement (${previous.minEngagement})`,
      })
    }
  })

  // Format 2: the priority matrix names grades and bands that exist, each cell once.
  const slaPriorities = config.handoff ? new Set(config.handoff.responseTargets.map((target) => target.priority)) : undefined
  const cells = new Map<string, number>()
  config.priorities?.forEach((entry, i) => {
    if (!grades.has(entry.grade)) {
      const known = [...grades.keys()].map((g) => `"${g}"`).join(', ')
      problems.push({ path: ['priorities', i, 'grade'], message: `unknown grade "${entry.grade}" (grades are ${known || 'not defined'})` })
    }
    if (!bands.has(entry.band)) {
      const known = [...bands.keys()].map((b) => `"${b}"`).join(', ')
      problems.push({
        path: ['priorities', i, 'band'],
        message: known ? `unknown band "${entry.band}" (engagement.bands are ${known})` : `unknown band "${entry.band}" (engagement.bands defines none)`,
      })
    }
    const cell = JSON.stringify([entry.grade, entry.band])
    const first = cells.get(cell)
    if (first !== undefined) {
      problems.push({ path: ['priorities', i], message: `grade "${entry.grade}" and band "${entry.band}" already have a priority (priorities[${first}])` })
    } else cells.set(cell, i)
    if (entry.slaPriority !== undefined && slaPriorities && !slaPriorities.has(entry.slaPriority)) {
      problems.push({ path: ['priorities', i, 'slaPriority'], message: `the handoff SLA has no response target for "${entry.slaPriority}"` })
    }
  })

  return problems
}

function uniqueKeys(items: { key: string }[], list: string, noun: string, problems: ConfigProblem[], listPath: Path = [list]): Set<string> {
  const seen = new Map<string, number>()
  items.forEach((item, i) => {
    const first = seen.get(item.key)
    if (first !== undefined) problems.push({ path: [...listPath, i, 'key'], message: `duplicate ${noun} "${item.key}" (also ${list}[${first}].key)` })
    else seen.set(item.key, i)
  })
  return new Set(seen.keys())
}

/** `fit.rules[3].when.op`: the path notation of every validation message. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = ''
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`
    else text += text === '' ? String(segment) : `.${String(segment)}`
  }
  return text
}

function didYouMean(key: string, known: Set<string>): string {
  let best: string | undefined
  let bestDistance = 3
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best === undefined ? '' : ` (did you mean "${best}"?)`
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]
}
