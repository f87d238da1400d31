import { EMAIL_DOMAIN_OPERATORS, LIST_OPERATORS, OPERATORS, PRESENCE_OPERATORS, type Operator } from '~/domain/scoring'

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
}

/** Operators whose value box takes a comma-separated list. */
export const LIST_VALUE_OPERATORS: readonly Operator[] = [...LIST_OPERATORS, ...EMAIL_DOMAIN_OPERATORS]
/** Operators that take no value (the value box is disabled). */
export const VALUELESS_OPERATORS: readonly Operator[] = PRESENCE_OPERATORS
