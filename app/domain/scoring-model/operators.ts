/** The condition operators of DESIGN §5, with the words a marketer reads in the editor. */
export const OPERATORS = [
  'eq',
  'neq',
  'in',
  'notIn',
  'contains',
  'notContains',
  'startsWith',
  'endsWith',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'present',
  'absent',
  'emailDomainIn',
  'emailDomainNotIn',
  'withinDays',
] as const

export type Operator = (typeof OPERATORS)[number]

export const OPERATOR_LABELS: Record<Operator, string> = {
  eq: 'is',
  neq: 'is not',
  in: 'is one of',
  notIn: 'is none of',
  contains: 'contains',
  notContains: 'does not contain',
  startsWith: 'starts with',
  endsWith: 'ends with',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  between: 'is between',
  present: 'is known',
  absent: 'is unknown',
  emailDomainIn: 'has an email domain in',
  emailDomainNotIn: 'has no email domain in',
  withinDays: 'is within the last (days)',
}

export const LIST_OPERATORS: readonly Operator[] = ['in', 'notIn', 'emailDomainIn', 'emailDomainNotIn']
export const NUMERIC_OPERATORS: readonly Operator[] = ['gt', 'gte', 'lt', 'lte', 'between', 'withinDays']
export const VALUELESS_OPERATORS: readonly Operator[] = ['present', 'absent']
