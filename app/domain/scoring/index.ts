// domain/scoring: the scoring config contract (format v1, Condition, Lead, validation) and the engine that scores with it. No workshops, no forms.
export {
  ActivityRuleSchema,
  ActivitySchema,
  ConditionRuleSchema,
  ConditionSchema,
  EMAIL_DOMAIN_OPERATORS,
  EngagementRuleSchema,
  FastTrackSchema,
  FIELD_TYPES,
  FieldConditionSchema,
  HandoffSchema,
  isLead,
  LeadSchema,
  LIST_OPERATORS,
  NUMERIC_OPERATORS,
  OPERATORS,
  OPERATORS_TRUE_WHEN_ABSENT,
  PRESENCE_OPERATORS,
  TEXT_OPERATORS,
} from './config-schema'
export type {
  ActivityRule,
  Check,
  Condition,
  ConditionRule,
  Contribution,
  EngagementRule,
  FastTrack,
  FieldCondition,
  FieldType,
  Lead,
  LeadActivity,
  Operator,
  ScoreResult,
  ScoringConfig,
  ScoringConfigField,
  Stage,
} from './config-schema'
export { parseScoringConfig, ScoringConfigSchema, type ConfigError, type ScoringConfigParseResult } from './validate'
export { formatPath } from './config-checks'
export { scoringConfigJsonSchema, SCORING_CONFIG_SCHEMA_ID } from './json-schema'
export { compile, decideStage, EXPLAIN_MODES, ScoringConfigError, type AsOf, type CompiledScoring, type Explain } from './engine'
export { parseTimestamp, DAY_MS } from './timestamps'
export { isAbsent, normaliseText, toFiniteNumber } from './normalise'
export { acmeScoringConfig } from './examples'
