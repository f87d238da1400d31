// domain/scoring: the scoring config contract (formats 1 and 2, Condition, Lead, validation) and the engine that scores with it. No workshops, no forms.
export {
  ActivityConditionSchema,
  ActivityRuleSchema,
  ActivitySchema,
  CONFIG_DATE_PATTERN,
  DATE_OPERATORS,
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
  SCHEMA_VERSIONS,
  TEXT_OPERATORS,
  TIME_DIRECTIONS,
  ruleConditions,
  VERSION_1_OPERATORS,
} from './config-schema'
export type {
  ActivityCondition,
  ActivityProperty,
  ActivityPropertyValue,
  ActivityType,
  EngagementBand,
  PriorityEntry,
  SchemaVersion,
  SqlCriterion,
  TimeDirection,
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
export { parseScoringConfig, ScoringConfigSchema, type ConfigError, type ParseScoringConfigOptions, type ScoringConfigParseResult } from './validate'
export { featuresOfVersion2, findVersion2Features, formatVersionOf, version1ReaderMessage, type Version2Feature } from './format-2'
export { formatPath } from './config-checks'
export { scoringConfigJsonSchema, SCORING_CONFIG_SCHEMA_ID, SCORING_CONFIG_SCHEMA_IDS } from './json-schema'
export { compile, decideStage, EXPLAIN_MODES, ScoringConfigError, type AsOf, type CompiledScoring, type Explain } from './engine'
export { parseConfigDate, parseTimestamp, DAY_MS } from './timestamps'
export { isAbsent, normaliseText, toFiniteNumber } from './normalise'
export { acmeScoringConfig } from './examples'
