import { z } from 'zod'
import { FREE_TEXT_MAX_CHARACTERS, DONT_KNOW, questionSetById } from '~/domain/assessment/questions'
import { ROUND_NAME_MAX } from '~/domain/assessment/schemas'
import { TEAMS } from '~/domain/assessment/scoring'
import { BacktestAggregateSchema } from '~/domain/backtest/aggregate-schema'
import { BacktestMappingSchema } from '~/domain/backtest/mapping'
import { FINISHED_STATUSES } from '~/domain/backtest/status'
import { cleanLogo, LOGO_CONTENT_TYPES } from '~/domain/document/logo'
import { parseScoringConfig } from '~/domain/scoring'
import { plainText } from '~/domain/text'

/*
 * The rows of the backup sections added in format version 2: the back-test (its saved column
 * mapping and its finished runs), the cover logo and the alignment assessment. Each row of the
 * file is read with its schema before anything is written; the schemas reuse the app's own
 * checks (the mapping form's schema, the scoring config's, the logo upload's cleaner), so a row
 * the app would not have stored is refused with the path of what is wrong.
 */

const rowId = z.string().min(1)
const personId = z.string().min(1)
const at = z.iso.datetime({ error: 'must be a date and time (ISO 8601)' })
const count = z.number().int().nonnegative()
const revision = z.number().int().nonnegative().optional()

/** A value checked by another schema or check, kept exactly as the file has it (no defaults added, nothing trimmed). */
function checkedBy(check: (value: unknown) => { path: PropertyKey[]; message: string }[]) {
  return z.unknown().superRefine((value, context) => {
    for (const problem of check(value)) context.addIssue({ code: 'custom', path: problem.path, message: problem.message })
  })
}

const issuesOf = (schema: z.ZodType) => (value: unknown) => {
  const parsed = schema.safeParse(value)
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message }))
}

const MappingValue = checkedBy(issuesOf(BacktestMappingSchema))

/** A model a run scored with: its label, the version (null: the draft) and the config, valid as publishing requires. */
const RunModelSchema = z.object({
  label: z.string(),
  version: z.number().int().positive().nullable(),
  config: checkedBy((value) => {
    const parsed = parseScoringConfig(value)
    return parsed.ok ? [] : [{ path: [], message: `not a valid scoring config: ${parsed.errors[0]!.message}` }]
  }),
})

/** A back-test run: only runs that ended are in a backup, never the uploaded file (only aggregates are kept). */
export const BacktestRunRowSchema = z
  .object({
    id: rowId,
    workshopId: z.string().optional(),
    createdBy: personId.nullish(),
    fileName: z.string(),
    fileBytes: count,
    fileSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex'),
    format: z.enum(['csv', 'jsonl']),
    delimiter: z.string(),
    columns: z.array(z.string()),
    status: z.enum(FINISHED_STATUSES as ['done', 'failed', 'cancelled'], { error: 'must be done, failed or cancelled: a backup holds only runs that ended' }),
    tempPath: z.null({ error: 'must be null: a backup never holds a run’s uploaded file' }).optional(),
    mapping: MappingValue.nullable(),
    models: z.array(RunModelSchema).max(10).nullable(),
    asOf: at.nullable(),
    rowsDone: count,
    bytesDone: count,
    rowsPerSecond: z.number().nonnegative().nullable(),
    badRowCount: count,
    badRows: z.array(z.object({ line: count, message: z.string() })),
    results: z.array(BacktestAggregateSchema).max(10).nullable(),
    error: z.string().nullable(),
    startedAt: at.nullable(),
    finishedAt: at.nullable(),
    createdAt: at,
    updatedAt: at,
    revision,
  })
  .superRefine((run, context) => {
    if (run.status !== 'done') return
    if (!run.results?.length) context.addIssue({ code: 'custom', path: ['results'], message: 'a run that is done holds its results' })
    else if (run.models?.length !== run.results.length) {
      context.addIssue({ code: 'custom', path: ['models'], message: `a run that is done names the model of each of its ${run.results.length} results` })
    }
    if (run.mapping === null) context.addIssue({ code: 'custom', path: ['mapping'], message: 'a run that is done holds the mapping it ran with' })
  })

/** The mapping the workshop used last (one row, keyed by the workshop). */
export const BacktestMappingRowSchema = z.object({
  workshopId: z.string().min(1),
  mapping: MappingValue.refine((value) => value !== null && value !== undefined, 'is missing'),
  updatedBy: personId.nullish(),
  updatedAt: at,
  revision,
})

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/**
 * The cover logo (one row, keyed by the workshop). Its bytes go through the upload's cleaner:
 * refused for the same reasons and with the same words as an upload (size, type, damage, sides),
 * and stored as the cleaner returns them (for a logo Leadpact stored, the same bytes).
 */
export const WorkshopLogoRowSchema = z
  .object({
    id: z.string().optional(),
    workshopId: z.string().min(1),
    contentType: z.enum(LOGO_CONTENT_TYPES),
    data: z.string().regex(STRICT_BASE64, 'must be the image in base64'),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    uploadedBy: personId.nullish(),
    uploadedAt: at,
    revision,
  })
  .transform((logo, context) => {
    const clean = cleanLogo(new Uint8Array(Buffer.from(logo.data, 'base64')))
    if (!clean.ok) {
      context.addIssue({ code: 'custom', path: ['data'], message: clean.message })
      return z.NEVER
    }
    const image = clean.value
    if (image.contentType !== logo.contentType) {
      context.addIssue({ code: 'custom', path: ['contentType'], message: `says ${logo.contentType}, but the image is ${image.contentType}` })
      return z.NEVER
    }
    if (image.width !== logo.width || image.height !== logo.height) {
      context.addIssue({ code: 'custom', path: ['width'], message: `says ${logo.width} × ${logo.height} pixels, but the image is ${image.width} × ${image.height}` })
      return z.NEVER
    }
    return { ...logo, data: Buffer.from(image.bytes).toString('base64') }
  })

/** A round of the assessment, on a question set this Leadpact knows (its results cannot be shown otherwise). */
export const AssessmentRoundRowSchema = z.object({
  id: rowId,
  workshopId: z.string().optional(),
  name: plainText({ max: ROUND_NAME_MAX, label: 'The round’s name' }).min(1, 'a round needs a name'),
  questionSetId: z.string().refine((id) => questionSetById(id) !== undefined, 'names a questionnaire this version of Leadpact does not know'),
  openedAt: at,
  openedBy: personId.nullish(),
  closedAt: at.nullish(),
  closedBy: personId.nullish(),
  revision,
})

const ANSWER = `must be 1 to 5 or "${DONT_KNOW}"`
const definition = plainText({ max: FREE_TEXT_MAX_CHARACTERS, multiline: true, label: 'A definition' })

/**
 * A submitted response, as the facilitator sees it in the answers CSV: team, answers and the two
 * definitions. Never who gave it, from which device or link, or when (nothing else is read).
 */
export const AssessmentResponseRowSchema = z.object({
  id: rowId,
  roundId: rowId,
  team: z.enum(TEAMS),
  answers: z.record(z.string(), z.union([z.number({ error: ANSWER }).int(ANSWER).min(1, ANSWER).max(5, ANSWER), z.literal(DONT_KNOW, { error: ANSWER })], { error: ANSWER })),
  mqlDefinition: definition,
  sqlDefinition: definition,
})
