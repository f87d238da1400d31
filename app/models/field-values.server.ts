import { eq } from 'drizzle-orm'
import { scoringFields } from '#db/schema'
import { parseScoringConfig } from '~/domain/scoring'
import { assembleConfig } from '~/domain/scoring-model/assemble'
import { database } from '~/models/db.server'
import { updateAtRevision } from './revision.server'
import { getScoringModel } from './scoring-model.server'

export type FieldValuesResult =
  | { ok: true; label: string; count: number }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'conflict' }
  | { ok: false; reason: 'invalid'; errors: Record<string, string> }

/**
 * Replaces a text field's allowed values (with their display labels) at the revision the editor
 * saw. The candidate config is validated as a whole inside the write transaction, so what the
 * form let through (it checks the same things per row) still meets the config's own checks.
 */
export async function saveFieldValues(input: {
  workshopId: string
  fieldId: string
  revision: number
  values: { value: string; label: string }[]
}): Promise<FieldValuesResult> {
  const { transaction } = await database()
  return transaction(async (): Promise<FieldValuesResult> => {
    const model = await getScoringModel(input.workshopId)
    const field = model.fields.find((candidate) => candidate.id === input.fieldId)
    if (!field) return { ok: false, reason: 'not-found' }
    if (field.type !== 'string') return { ok: false, reason: 'invalid', errors: { form: `Only text fields list allowed values; “${field.label}” is not a text field.` } }
    const fields = model.fields.map((candidate) => (candidate.id === field.id ? { ...candidate, values: input.values } : candidate))
    const parsed = parseScoringConfig(assembleConfig({ ...model, fields }))
    // Only problems this change brings: a rule elsewhere missing its condition is not this form's to fix.
    const before = new Set(model.problems.map((problem) => problem.message))
    const added = parsed.ok ? [] : parsed.errors.filter((problem) => !before.has(problem.message))
    if (added.length) return { ok: false, reason: 'invalid', errors: { form: added.map((problem) => problem.message).join(' ') } }
    const saved = await updateAtRevision(
      scoringFields,
      { id: field.id, revision: input.revision, scope: eq(scoringFields.workshopId, input.workshopId) },
      { values: input.values.length ? input.values : null },
    )
    if (!saved.ok) return saved.reason === 'not-found' ? saved : { ok: false, reason: 'conflict' }
    return { ok: true, label: field.label, count: input.values.length }
  })
}
