import type { Condition, ScoringConfig } from './config-schema'

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

  config.fields.forEach((field, i) => {
    if (field.values && field.type !== 'string') {
      problems.push({ path: ['fields', i, 'values'], message: `only text fields list allowed values ("${field.key}" is a ${field.type} field)` })
    }
    const seen = new Map<string, number>()
    field.values?.forEach((entry, j) => {
      const normalised = entry.value.trim().toLowerCase()
      const first = seen.get(normalised)
      if (first !== undefined) {
        problems.push({ path: ['fields', i, 'values', j, 'value'], message: `"${entry.value}" is listed twice (also fields[${i}].values[${first}]; values compare trimmed and lower-cased)` })
      } else seen.set(normalised, j)
    })
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
  function checkCondition(condition: Condition, path: Path) {
    if ('all' in condition) condition.all.forEach((inner, i) => checkCondition(inner, [...path, 'all', i]))
    else if ('any' in condition) condition.any.forEach((inner, i) => checkCondition(inner, [...path, 'any', i]))
    else if ('not' in condition) checkCondition(condition.not, [...path, 'not'])
    else {
      if (!fieldKeys.has(condition.field)) {
        problems.push({ path: [...path, 'field'], message: `unknown field "${condition.field}"${didYouMean(condition.field, fieldKeys)}` })
      }
      if (condition.op === 'between' && condition.value[0] > condition.value[1]) {
        const [low, high] = condition.value
        problems.push({ path: [...path, 'value'], message: `between needs low ≤ high, got [${low}, ${high}]` })
      }
    }
  }

  config.fit.rules.forEach((rule, i) => {
    checkId(rule.id, ['fit', 'rules', i])
    checkCondition(rule.when, ['fit', 'rules', i, 'when'])
  })
  config.engagement.rules.forEach((rule, i) => {
    checkId(rule.id, ['engagement', 'rules', i])
    if ('activity' in rule) checkActivity(rule.activity, ['engagement', 'rules', i, 'activity'])
    else checkCondition(rule.when, ['engagement', 'rules', i, 'when'])
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

  return problems
}

function uniqueKeys(items: { key: string }[], list: string, noun: string, problems: ConfigProblem[]): Set<string> {
  const seen = new Map<string, number>()
  items.forEach((item, i) => {
    const first = seen.get(item.key)
    if (first !== undefined) problems.push({ path: [list, i, 'key'], message: `duplicate ${noun} "${item.key}" (also ${list}[${first}].key)` })
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
