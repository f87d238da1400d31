import { EMAIL_DOMAIN_OPERATORS, LIST_OPERATORS, OPERATORS, PRESENCE_OPERATORS, type FieldType, type Operator } from '~/domain/scoring'

/** The condition operators of DESIGN §5 (defined by the engine), in the words a marketer reads in the editor. */
export { OPERATORS, type Operator }

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
  before: 'is before (date)',
  after: 'is after (date)',
  olderThanDays: 'is older than (days)',
}

/** Operators whose value is a date (the value box becomes a date input). */
export const DATE_VALUE_OPERATORS: readonly Operator[] = ['before', 'after']

/** Operators whose value box takes a comma-separated list. */
export const LIST_VALUE_OPERATORS: readonly Operator[] = [...LIST_OPERATORS, ...EMAIL_DOMAIN_OPERATORS]
/** Operators that take no value (the value box is disabled). */
export const VALUELESS_OPERATORS: readonly Operator[] = PRESENCE_OPERATORS

/**
 * The operators the editor offers for a field of each type: "contains" on a number or "is within
 * the last (days)" on a job title would be accepted but never mean what the room wants. Without
 * a field (a blank row), all of them. The rule's own operator is always kept, so an older rule
 * still shows what it says.
 */
const OPERATORS_BY_TYPE: Record<FieldType, readonly Operator[]> = {
  string: ['eq', 'neq', 'in', 'notIn', 'contains', 'notContains', 'startsWith', 'endsWith', 'present', 'absent'],
  email: ['eq', 'neq', 'in', 'notIn', 'contains', 'notContains', 'startsWith', 'endsWith', 'emailDomainIn', 'emailDomainNotIn', 'present', 'absent'],
  number: ['eq', 'neq', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'between', 'present', 'absent'],
  boolean: ['eq', 'neq', 'present', 'absent'],
  date: ['before', 'after', 'withinDays', 'olderThanDays', 'present', 'absent'],
}

export function operatorsFor(type: FieldType | undefined, current?: Operator | ''): readonly Operator[] {
  if (!type) return OPERATORS
  const offered = OPERATORS_BY_TYPE[type]
  return current && !offered.includes(current) ? OPERATORS.filter((op) => op === current || offered.includes(op)) : offered
}
