import { sql } from 'drizzle-orm'
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import type { Role } from '../app/domain/workshops/roles'
import type { StoredActivityProperty, StoredBand, StoredPriority, StoredRuleOptions } from '../app/domain/scoring-model/model'

// Every editable row carries `revision`: an update names the revision it read and fails
// with a conflict when someone saved in between (app/models/revision.server.ts).
const revision = () => integer('revision').notNull().default(1)
const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`)
const updatedAt = () =>
  integer('updated_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`)

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  revision: revision(),
})

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

export const workshops = sqliteTable('workshops', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  company: text('company').notNull(),
  createdBy: text('created_by')
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  revision: revision(),
  /** Archived by a facilitator: out of the dashboard's active list and read-only until unarchived. */
  archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
  /**
   * Deleted by a facilitator: everything of the workshop is gone except its published versions,
   * which are immutable (migration 0004) and keep this row as their anchor. Nobody can open it.
   */
  deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
})

export const memberships = sqliteTable(
  'memberships',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<Role>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    revision: revision(),
  },
  (t) => [uniqueIndex('memberships_workshop_user_idx').on(t.workshopId, t.userId), index('memberships_user_idx').on(t.userId)],
)

export const invites = sqliteTable(
  'invites',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    // Only a hash is stored: a leaked database must not hand out working invite links.
    tokenHash: text('token_hash').notNull().unique(),
    role: text('role').$type<Role>().notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    // null = any number of uses (a link for the whole team)
    maxUses: integer('max_uses'),
    uses: integer('uses').notNull().default(0),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    revision: revision(),
  },
  (t) => [index('invites_workshop_idx').on(t.workshopId)],
)

/**
 * One row each time a member is removed from a workshop. An invite created before the person's
 * latest removal no longer lets them in (a multi-use team link would otherwise undo the removal);
 * a new invite does.
 */
export const membershipRemovals = sqliteTable(
  'membership_removals',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    removedAt: integer('removed_at', { mode: 'timestamp_ms' }).notNull(),
    removedBy: text('removed_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('membership_removals_workshop_user_idx').on(t.workshopId, t.userId)],
)

// ── Scoring model (steps 4 and 5) ────────────────────────────────────────────────────────

export const FIELD_TYPES = ['string', 'number', 'boolean', 'date', 'email'] as const

/** The lead attributes a workshop scores on (job title, employees…). */
export const scoringFields = sqliteTable(
  'scoring_fields',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    label: text('label').notNull(),
    type: text('type', { enum: FIELD_TYPES }).notNull(),
    /** Display labels for the values a field takes (`c_level` → “C-level”), so documents speak in words; null when none. */
    values: text('values', { mode: 'json' }).$type<{ value: string; label: string }[]>(),
    position: integer('position').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    revision: revision(),
  },
  (t) => [uniqueIndex('scoring_fields_workshop_key_idx').on(t.workshopId, t.key)],
)

/** The activity types a workshop counts as engagement (demo request, pricing view…). */
export const scoringActivities = sqliteTable(
  'scoring_activities',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    label: text('label').notNull(),
    /** The properties activities of this type carry (format 2), for `where` conditions; null when none. */
    properties: text('properties', { mode: 'json' }).$type<StoredActivityProperty[]>(),
    position: integer('position').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    revision: revision(),
  },
  (t) => [uniqueIndex('scoring_activities_workshop_key_idx').on(t.workshopId, t.key)],
)

export const RULE_SECTIONS = ['fit', 'engagement', 'disqualifier', 'fastTrack', 'sql'] as const

/**
 * One row per rule of the scoring config. `ruleKey` is the rule's id in the exported config;
 * `condition` is a Condition as JSON (DESIGN §5), or null for an activity rule.
 */
export const scoringRules = sqliteTable(
  'scoring_rules',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    section: text('section', { enum: RULE_SECTIONS }).notNull(),
    ruleKey: text('rule_key').notNull(),
    label: text('label').notNull(),
    points: integer('points'),
    condition: text('condition', { mode: 'json' }),
    activity: text('activity'),
    withinDays: integer('within_days'),
    maxPoints: integer('max_points'),
    /** Format-2 parts (where, time direction, own half-life, date bounds, required); null for a format-1 rule. */
    options: text('options', { mode: 'json' }).$type<StoredRuleOptions>(),
    position: integer('position').notNull(),
    updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    revision: revision(),
  },
  (t) => [uniqueIndex('scoring_rules_workshop_key_idx').on(t.workshopId, t.ruleKey), index('scoring_rules_workshop_idx').on(t.workshopId, t.section)],
)

/** Thresholds, caps, decay, grades, required fields and the SQL "N of M" of one workshop. */
export const scoringSettings = sqliteTable('scoring_settings', {
  workshopId: text('workshop_id')
    .primaryKey()
    .references(() => workshops.id, { onDelete: 'cascade' }),
  fitMax: integer('fit_max').notNull(),
  engagementMax: integer('engagement_max').notNull(),
  halfLifeDays: integer('half_life_days'),
  mqlMinFit: integer('mql_min_fit').notNull(),
  mqlMinEngagement: integer('mql_min_engagement').notNull(),
  sqlMinMet: integer('sql_min_met').notNull(),
  grades: text('grades', { mode: 'json' }).notNull().$type<{ grade: string; minFit: number }[]>(),
  required: text('required', { mode: 'json' }).notNull().$type<string[]>(),
  /** Engagement bands, highest first, and the grade × band priorities (format 2); null when none. */
  bands: text('bands', { mode: 'json' }).$type<StoredBand[]>(),
  priorities: text('priorities', { mode: 'json' }).$type<StoredPriority[]>(),
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: updatedAt(),
  revision: revision(),
  // `id` mirrors workshop_id so the shared revision helper can address the row.
  id: text('id').notNull().unique(),
})

/** Draft criteria proposed by the good/bad lead board or a negative persona, to accept or dismiss in step 4. */
export const criterionSuggestions = sqliteTable(
  'criterion_suggestions',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    source: text('source', { enum: ['trait', 'persona'] }).notNull(),
    sourceLabel: text('source_label').notNull(),
    section: text('section', { enum: RULE_SECTIONS }).notNull(),
    label: text('label').notNull(),
    condition: text('condition', { mode: 'json' }),
    activity: text('activity'),
    /** What of the source's words the draft could not turn into a condition, said plainly ('' when it used all of them). */
    note: text('note').notNull().default(''),
    status: text('status', { enum: ['open', 'accepted', 'dismissed'] })
      .notNull()
      .default('open'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    revision: revision(),
  },
  (t) => [index('criterion_suggestions_workshop_idx').on(t.workshopId, t.status)],
)

/** Named example leads of the simulator, scored against the current model on every view. */
export const exampleLeads = sqliteTable(
  'example_leads',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    lead: text('lead', { mode: 'json' }).notNull(),
    asOf: integer('as_of', { mode: 'timestamp_ms' }).notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    revision: revision(),
  },
  (t) => [index('example_leads_workshop_idx').on(t.workshopId)],
)

// ── Steps 1–3: context, the good/bad lead board, personas, comments ─────────────────────

/** Step 1: what the room needs to know before defining a lead. One row per workshop. */
export const workshopContexts = sqliteTable('workshop_contexts', {
  id: text('id').primaryKey(),
  workshopId: text('workshop_id')
    .notNull()
    .unique()
    .references(() => workshops.id, { onDelete: 'cascade' }),
  product: text('product').notNull().default(''),
  dealSize: integer('deal_size'),
  currency: text('currency').notNull().default('EUR'),
  salesCycleDays: integer('sales_cycle_days'),
  inboundPercent: integer('inbound_percent'),
  goals: text('goals').notNull().default(''),
  participants: text('participants', { mode: 'json' }).notNull().$type<{ name: string; team: string; title?: string }[]>().default([]),
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: updatedAt(),
  revision: revision(),
})

export const TEAMS = ['marketing', 'sales'] as const

/** Step 2: one sticky note — a trait of a good or a bad lead, written by one team. */
export const leadTraits = sqliteTable(
  'lead_traits',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    team: text('team', { enum: TEAMS }).notNull(),
    kind: text('kind', { enum: ['good', 'bad'] }).notNull(),
    text: text('text').notNull(),
    why: text('why').notNull().default(''),
    /** The note's number in its team's list (M3, S5): given at creation from lead_boards' counter, never renumbered or reused. */
    seq: integer('seq').notNull().default(0),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    revision: revision(),
  },
  (t) => [index('lead_traits_workshop_idx').on(t.workshopId, t.team)],
)

/** The facilitator's corrections to the matcher: force two traits together, or apart. */
export const traitLinks = sqliteTable(
  'trait_links',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    traitAId: text('trait_a_id')
      .notNull()
      .references(() => leadTraits.id, { onDelete: 'cascade' }),
    traitBId: text('trait_b_id')
      .notNull()
      .references(() => leadTraits.id, { onDelete: 'cascade' }),
    linked: integer('linked', { mode: 'boolean' }).notNull(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('trait_links_pair_idx').on(t.workshopId, t.traitAId, t.traitBId)],
)

/** The room's merged list; provenance says which team traits it came from and who agreed. */
export const agreedTraits = sqliteTable(
  'agreed_traits',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['good', 'bad'] }).notNull(),
    text: text('text').notNull(),
    sourceTraitIds: text('source_trait_ids', { mode: 'json' }).notNull().$type<string[]>(),
    sourceTexts: text('source_texts', { mode: 'json' }).notNull().$type<{ team: string; text: string }[]>(),
    agreedBy: text('agreed_by')
      .references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    revision: revision(),
  },
  (t) => [index('agreed_traits_workshop_idx').on(t.workshopId)],
)

/** Board state per workshop: hidden until the facilitator reveals both teams' lists. */
export const leadBoards = sqliteTable('lead_boards', {
  id: text('id').primaryKey(),
  workshopId: text('workshop_id')
    .notNull()
    .unique()
    .references(() => workshops.id, { onDelete: 'cascade' }),
  revealedAt: integer('revealed_at', { mode: 'timestamp_ms' }),
  revealedBy: text('revealed_by').references(() => users.id, { onDelete: 'set null' }),
  // Bumped on every change to the board, so open boards know when to refresh.
  changeCounter: integer('change_counter').notNull().default(0),
  // The last note number each team was given (lead_traits.seq), so a deleted note's label is never given again.
  marketingSeq: integer('marketing_seq').notNull().default(0),
  salesSeq: integer('sales_seq').notNull().default(0),
  revision: revision(),
})

export const personas = sqliteTable(
  'personas',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    negative: integer('negative', { mode: 'boolean' }).notNull().default(false),
    name: text('name').notNull(),
    title: text('title').notNull().default(''),
    seniority: text('seniority').notNull().default(''),
    department: text('department').notNull().default(''),
    industry: text('industry').notNull().default(''),
    companySize: text('company_size').notNull().default(''),
    region: text('region').notNull().default(''),
    pains: text('pains').notNull().default(''),
    goals: text('goals').notNull().default(''),
    buyingRole: text('buying_role', { enum: ['decision-maker', 'influencer', 'user', 'blocker'] }),
    closedWonMatch: text('closed_won_match', { enum: ['yes', 'partly', 'no'] }),
    closedWonNote: text('closed_won_note').notNull().default(''),
    position: integer('position').notNull().default(0),
    updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    revision: revision(),
  },
  (t) => [index('personas_workshop_idx').on(t.workshopId)],
)

export const comments = sqliteTable(
  'comments',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    step: text('step').notNull(),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('comments_workshop_step_idx').on(t.workshopId, t.step)],
)

// ── Steps 6–7: lifecycle stages, funnel targets, the handoff SLA ─────────────────────────

export const lifecycleStages = sqliteTable(
  'lifecycle_stages',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    label: text('label').notNull(),
    definition: text('definition').notNull().default(''),
    entryCriteria: text('entry_criteria').notNull().default(''),
    exitCriteria: text('exit_criteria').notNull().default(''),
    owner: text('owner', { enum: ['marketing', 'sales', 'shared'] }).notNull(),
    // Stored as a fraction (0.25 = 25 %); null for the end of the funnel and side stages.
    conversionRateToNext: real('conversion_rate_to_next'),
    typicalDays: integer('typical_days'),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    position: integer('position').notNull(),
    updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: updatedAt(),
    revision: revision(),
  },
  (t) => [uniqueIndex('lifecycle_stages_workshop_key_idx').on(t.workshopId, t.key)],
)

/** Revenue target and deal size for the reverse funnel; one row per workshop. */
export const funnelTargets = sqliteTable('funnel_targets', {
  id: text('id').primaryKey(),
  workshopId: text('workshop_id')
    .notNull()
    .unique()
    .references(() => workshops.id, { onDelete: 'cascade' }),
  revenueTarget: integer('revenue_target').notNull(),
  periodMonths: integer('period_months').notNull(),
  averageDealSize: integer('average_deal_size').notNull(),
  currency: text('currency').notNull().default('EUR'),
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: updatedAt(),
  revision: revision(),
})

/** The handoff SLA as the `handoff` object of the scoring config (validated by its schema). */
export const handoffSlas = sqliteTable('handoff_slas', {
  id: text('id').primaryKey(),
  workshopId: text('workshop_id')
    .notNull()
    .unique()
    .references(() => workshops.id, { onDelete: 'cascade' }),
  handoff: text('handoff', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: updatedAt(),
  revision: revision(),
})

// ── Step 8: sign-off and published versions ──────────────────────────────────────────────

export const SIGN_OFF_SECTIONS = ['context-leads', 'personas', 'criteria-scoring', 'stages-funnel', 'handoff-sla'] as const

/**
 * One team member's sign-off of one section. `fingerprint` is the hash of the section's content
 * when signed: a later change makes it differ, which voids the sign-off.
 */
export const signOffs = sqliteTable(
  'sign_offs',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    section: text('section', { enum: SIGN_OFF_SECTIONS }).notNull(),
    team: text('team', { enum: TEAMS }).notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    fingerprint: text('fingerprint').notNull(),
    signedAt: integer('signed_at', { mode: 'timestamp_ms' }).notNull(),
    withdrawnAt: integer('withdrawn_at', { mode: 'timestamp_ms' }),
    withdrawComment: text('withdraw_comment'),
    revision: revision(),
  },
  (t) => [index('sign_offs_workshop_section_idx').on(t.workshopId, t.section)],
)

/**
 * A published version: an immutable snapshot (document content, scoring config, sign-offs)
 * and its changelog. Triggers in migration 0004 abort any UPDATE or DELETE of a row.
 */
export const versions = sqliteTable(
  'versions',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id),
    number: integer('number').notNull(),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull(),
    publishedBy: text('published_by')
      .notNull()
      .references(() => users.id),
    snapshot: text('snapshot').notNull(),
    changelog: text('changelog').notNull(),
    /** The publisher's note on what changed and why (required since migration 0007; '' for older versions). Immutable like the rest of the row. */
    note: text('note').notNull().default(''),
  },
  (t) => [uniqueIndex('versions_workshop_number_idx').on(t.workshopId, t.number)],
)

/**
 * The logo on the cover of a workshop's documents (all versions: branding, not agreed content).
 * Only PNG or JPEG, validated and stripped of metadata before it is stored (app/domain/document/logo.ts).
 */
export const workshopLogos = sqliteTable('workshop_logos', {
  workshopId: text('workshop_id')
    .primaryKey()
    .references(() => workshops.id, { onDelete: 'cascade' }),
  contentType: text('content_type', { enum: ['image/png', 'image/jpeg'] }).notNull(),
  /** The image, base64. */
  data: text('data').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  uploadedBy: text('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  uploadedAt: integer('uploaded_at', { mode: 'timestamp_ms' }).notNull(),
  revision: revision(),
  // `id` mirrors workshop_id so the shared revision helper can address the row.
  id: text('id').notNull().unique(),
})

// ── Integrations: API tokens and share links ─────────────────────────────────────────────

/** A bearer token for the HTTP API, scoped to one workshop. Only its SHA-256 hash is stored. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The first characters of the token, to recognise it in the list ("lp_3f9a…"). */
    prefix: text('prefix').notNull(),
    scopes: text('scopes', { mode: 'json' }).notNull().$type<('read' | 'score')[]>(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    revision: revision(),
  },
  (t) => [index('api_tokens_workshop_idx').on(t.workshopId)],
)

/** A revocable, read-only link to the workshop's latest published document. */
export const shareLinks = sqliteTable(
  'share_links',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    // null = until revoked
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    revision: revision(),
  },
  (t) => [index('share_links_workshop_idx').on(t.workshopId)],
)

// ── Step 10: the alignment assessment ─────────────────────────────────────────────────────

/**
 * One run of the questionnaire ("Before the workshop", "Three months after"), answered on the
 * question set it names (app/domain/assessment/questions.ts). Open until `closed_at`.
 */
export const assessmentRounds = sqliteTable(
  'assessment_rounds',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    questionSetId: text('question_set_id').notNull(),
    openedAt: integer('opened_at', { mode: 'timestamp_ms' }).notNull(),
    openedBy: text('opened_by').references(() => users.id, { onDelete: 'set null' }),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    closedBy: text('closed_by').references(() => users.id, { onDelete: 'set null' }),
    revision: revision(),
  },
  (t) => [index('assessment_rounds_workshop_idx').on(t.workshopId, t.openedAt)],
)

/**
 * One person's answers in one round. No name and no user id: `respondent_key` is a keyed hash
 * (HMAC with the server secret) of the member or of the browser's cookie, enough to resume and to
 * allow one response each, useless for telling who answered what. A draft until `submitted_at`.
 */
export const assessmentResponses = sqliteTable(
  'assessment_responses',
  {
    id: text('id').primaryKey(),
    roundId: text('round_id')
      .notNull()
      .references(() => assessmentRounds.id, { onDelete: 'cascade' }),
    respondentKey: text('respondent_key').notNull(),
    team: text('team', { enum: ['marketing', 'sales', 'other'] }).notNull(),
    channel: text('channel', { enum: ['member', 'link'] }).notNull(),
    answers: text('answers', { mode: 'json' }).notNull().$type<Record<string, number | 'dk'>>(),
    mqlDefinition: text('mql_definition').notNull().default(''),
    sqlDefinition: text('sql_definition').notNull().default(''),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    revision: revision(),
  },
  (t) => [uniqueIndex('assessment_responses_round_respondent_idx').on(t.roundId, t.respondentKey), index('assessment_responses_round_idx').on(t.roundId, t.submittedAt)],
)

// ── Step 9: back-tests on historical leads ──────────────────────────────────────────────

export const BACKTEST_STATUSES = ['mapping', 'queued', 'running', 'done', 'failed', 'cancelled'] as const

/**
 * One back-test run: an uploaded file of historical leads, scored by one or more models. Only
 * aggregates are kept (`results`); the file lives at `temp_path` until the run ends, and no lead
 * row is ever stored. Progress is written here as the worker goes, so a reload shows it.
 */
export const backtestRuns = sqliteTable(
  'backtest_runs',
  {
    id: text('id').primaryKey(),
    workshopId: text('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    fileName: text('file_name').notNull(),
    fileBytes: integer('file_bytes').notNull(),
    fileSha256: text('file_sha256').notNull(),
    format: text('format', { enum: ['csv', 'jsonl'] }).notNull(),
    delimiter: text('delimiter').notNull().default(''),
    columns: text('columns', { mode: 'json' }).notNull().$type<string[]>(),
    status: text('status', { enum: BACKTEST_STATUSES }).notNull().default('mapping'),
    tempPath: text('temp_path'),
    mapping: text('mapping', { mode: 'json' }),
    models: text('models', { mode: 'json' }),
    asOf: integer('as_of', { mode: 'timestamp_ms' }),
    rowsDone: integer('rows_done').notNull().default(0),
    bytesDone: integer('bytes_done').notNull().default(0),
    rowsPerSecond: real('rows_per_second'),
    badRowCount: integer('bad_row_count').notNull().default(0),
    badRows: text('bad_rows', { mode: 'json' }).notNull().$type<{ line: number; message: string }[]>().default(sql`'[]'`),
    results: text('results', { mode: 'json' }),
    error: text('error'),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    revision: revision(),
  },
  (t) => [index('backtest_runs_workshop_idx').on(t.workshopId, t.createdAt)],
)

/** The column mapping a workshop used last, offered again for its next file. */
export const backtestMappings = sqliteTable('backtest_mappings', {
  workshopId: text('workshop_id')
    .primaryKey()
    .references(() => workshops.id, { onDelete: 'cascade' }),
  mapping: text('mapping', { mode: 'json' }).notNull(),
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: updatedAt(),
  revision: revision(),
})
