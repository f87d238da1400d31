import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { beforeAll, describe, expect, it } from 'vitest'
import { acmeScoringConfig, parseScoringConfig } from '~/domain/scoring'
import { describeCondition, valueLabelsOf } from '~/domain/scoring-model/describe'
import { FieldValuesSchema, MAX_FIELD_VALUES, rowsFromPost, valueRows } from '~/domain/scoring-model/field-values-form'
import { validateFormData } from '~/http/form.server'
import { loader } from '~/routes/schemas.scoring-config[.]v1[.]json'
import { OTHER_VALUE, withOtherValues } from '~/routes/workshops.$workshopId.simulator/other-values'

/*
 * A text field's allowed values with display labels (issue #15): the criteria page's form and
 * the config format refuse duplicates, empty labels and more than 500 entries with a message a
 * person can act on; a config with values (and one without) passes the served JSON Schema.
 */

const post = (rows: { value: string; label: string }[], extra: Record<string, string> = {}) => {
  const formData = new FormData()
  formData.set('intent', 'save-field-values')
  formData.set('fieldId', 'f1')
  formData.set('revision', '3')
  rows.forEach((row, index) => {
    formData.set(`values.${index}.value`, row.value)
    formData.set(`values.${index}.label`, row.label)
  })
  for (const [key, value] of Object.entries(extra)) formData.set(key, value)
  return validateFormData(formData, FieldValuesSchema)
}

const many = (count: number) => Array.from({ length: count }, (_, index) => ({ value: `v${index}`, label: `Value ${index}` }))

describe('the allowed values form', () => {
  it('keeps filled rows in order, trimmed, and drops the blank ones offered to type into', () => {
    const parsed = post([
      { value: ' c_level ', label: 'C-level' },
      { value: '', label: '' },
      { value: 'vp', label: ' VP ' },
      { value: '', label: '' },
    ])
    expect(parsed).toMatchObject({ ok: true, data: { fieldId: 'f1', revision: 3, values: [{ value: 'c_level', label: 'C-level' }, { value: 'vp', label: 'VP' }] } })
  })

  it('accepts an empty list: the field takes any text again', () => {
    expect(post([{ value: '', label: '' }])).toMatchObject({ ok: true, data: { values: [] } })
    const formData = new FormData()
    for (const [key, value] of Object.entries({ intent: 'save-field-values', fieldId: 'f1', revision: '1' })) formData.set(key, value)
    expect(validateFormData(formData, FieldValuesSchema)).toMatchObject({ ok: true, data: { values: [] } })
  })

  it('names a duplicate, compared as scores compare text, at the later row with the first row’s number', () => {
    const parsed = post([
      { value: 'c_level', label: 'C-level' },
      { value: 'vp', label: 'VP' },
      { value: ' C_Level', label: 'Chief' },
    ])
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.errors).toEqual({ 'values.2.value': '“C_Level” is already listed (row 1); values are compared ignoring case and spaces at either end.' })
  })

  it('asks for the missing label, and for the missing value, per row', () => {
    const parsed = post([
      { value: 'c_level', label: '   ' },
      { value: '', label: 'VP' },
    ])
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.errors).toEqual({
      'values.0.label': 'Enter how “c_level” reads in documents (e.g. C-level).',
      'values.1.value': 'Enter the value leads carry for “VP” (e.g. c_level), or clear its label to remove the row.',
    })
  })

  it('takes 500 entries (indexes past the form reader’s array limit arrive as object keys) and refuses 1,000 with one message', () => {
    const fiveHundred = post(many(MAX_FIELD_VALUES))
    expect(fiveHundred.ok).toBe(true)
    if (fiveHundred.ok) expect(fiveHundred.data.values.map((row) => row.value)).toEqual(many(MAX_FIELD_VALUES).map((row) => row.value))
    const thousand = post(many(1000))
    expect(thousand.ok).toBe(false)
    if (thousand.ok) return
    expect(Object.keys(thousand.errors)).toEqual(['values'])
    expect(thousand.errors.values).toBe('A field lists at most 500 allowed values; this list has 1,000. Keep the ones rules and documents need.')
    expect(post(many(501)).ok).toBe(false)
  })

  it('refuses a value or a label that is not one line of plain text, or too long', () => {
    const parsed = post([
      { value: 'a\u0000b', label: 'x'.repeat(201) },
    ])
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.errors['values.0.value']).toMatch(/one line of plain text/)
    expect(parsed.errors['values.0.label']).toBe('A label has at most 200 characters.')
  })

  it('refuses a hand-made post whose rows are not rows', () => {
    const parsed = validateFormData(
      (() => {
        const formData = new FormData()
        for (const [key, value] of Object.entries({ intent: 'save-field-values', fieldId: 'f1', revision: '1', values: 'c_level' })) formData.set(key, value)
        return formData
      })(),
      FieldValuesSchema,
    )
    expect(parsed).toMatchObject({ ok: false, errors: { values: 'This form is out of date: reload the page.' } })
  })

  it('reads rows posted by index in index order and offers blank rows after the stored ones', () => {
    expect(rowsFromPost({ 10: { value: 'b' }, 2: { value: 'a' } })).toEqual([{ value: 'a' }, { value: 'b' }])
    expect(rowsFromPost(undefined)).toEqual([])
    expect(valueRows([{ value: 'vp', label: 'VP' }], 2)).toEqual([
      { value: 'vp', label: 'VP' },
      { value: '', label: '' },
      { value: '', label: '' },
    ])
  })
})

const withValues = (values: unknown) => ({
  ...acmeScoringConfig,
  fields: acmeScoringConfig.fields.map((field) => (field.key === 'jobTitle' ? { ...field, values } : field)),
})

describe('allowed values in the config format', () => {
  it('refuses duplicates, an empty label and 1,000 entries, each with its path and a plain message', () => {
    const duplicate = parseScoringConfig(withValues([{ value: 'cto', label: 'CTO' }, { value: ' CTO ', label: 'Chief technology officer' }]))
    expect(duplicate.ok).toBe(false)
    if (!duplicate.ok) expect(duplicate.errors.map((error) => error.message).join('\n')).toMatch(/" CTO " is listed twice .*values compare trimmed and lower-cased/)

    const emptyLabel = parseScoringConfig(withValues([{ value: 'cto', label: '' }]))
    expect(emptyLabel.ok).toBe(false)
    if (!emptyLabel.ok) expect(emptyLabel.errors.map((error) => error.message).join('\n')).toMatch(/must not be blank/)

    const thousand = parseScoringConfig(withValues(many(1000)))
    expect(thousand.ok).toBe(false)
    if (!thousand.ok) expect(thousand.errors.map((error) => error.message).join('\n')).toMatch(/at most 500 values/)

    expect(parseScoringConfig(withValues(many(500))).ok).toBe(true)
  })
})

describe('the served JSON Schema and allowed values', () => {
  let validate: ReturnType<Ajv2020['compile']>
  beforeAll(async () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true })
    addFormats.default(ajv)
    validate = ajv.compile((await (await loader()).json()) as Record<string, unknown>)
  })
  const errorsOf = (config: unknown): ErrorObject[] => (validate(config) ? [] : (validate.errors ?? []))

  it('accepts a config with allowed values and one without', () => {
    const labelled = withValues([{ value: 'cto', label: 'CTO' }, { value: 'cfo', label: 'CFO' }])
    expect(parseScoringConfig(labelled).ok).toBe(true)
    expect(errorsOf(labelled)).toEqual([])
    const bare = { ...acmeScoringConfig, fields: acmeScoringConfig.fields.map(({ key, label, type }) => ({ key, label, type })) }
    expect(bare.fields.some((field) => 'values' in field)).toBe(false)
    expect(parseScoringConfig(bare).ok).toBe(true)
    expect(errorsOf(bare)).toEqual([])
  })

  it('refuses what the format refuses in shape: an empty label, a missing label, 501 entries', () => {
    expect(errorsOf(withValues([{ value: 'cto', label: '' }])).length).toBeGreaterThan(0)
    expect(errorsOf(withValues([{ value: 'cto' }])).length).toBeGreaterThan(0)
    expect(errorsOf(withValues(many(501))).map((error) => error.keyword)).toContain('maxItems')
  })
})

describe('rule sentences with allowed values', () => {
  const fields = [{ key: 'seniority', values: [{ value: 'c_level', label: 'C-level' }, { value: 'vp', label: 'VP' }] }, { key: 'jobTitle', values: null }]
  const label = (key: string) => ({ seniority: 'Seniority', jobTitle: 'Job title' })[key] ?? key

  it('says a listed value by its label and any other text in quotes', () => {
    expect(describeCondition({ field: 'seniority', op: 'in', value: ['C_LEVEL', 'vp', 'intern'] }, label, valueLabelsOf(fields))).toBe('Seniority is one of C-level, VP, “intern”')
    expect(describeCondition({ field: 'seniority', op: 'eq', value: 'c_level' }, label, valueLabelsOf(fields))).toBe('Seniority is C-level')
  })

  it('keeps part-of-text comparisons and unlisted fields as typed', () => {
    expect(describeCondition({ field: 'seniority', op: 'contains', value: 'vp' }, label, valueLabelsOf(fields))).toBe('Seniority contains “vp”')
    expect(describeCondition({ field: 'jobTitle', op: 'eq', value: 'vp' }, label, valueLabelsOf(fields))).toBe('Job title is “vp”')
    expect(describeCondition({ field: 'seniority', op: 'eq', value: 'c_level' }, label)).toBe('Seniority is “c_level”')
  })
})

describe('the simulator’s “Another value…”', () => {
  it('reads the typed text for a field whose list says “Another value…”, and drops the other boxes', () => {
    const posted = new FormData()
    for (const [key, value] of [
      ['intent', 'simulate'],
      ['attributes.country', OTHER_VALUE],
      ['other.country', 'BR'],
      ['attributes.seniority', 'vp'],
      ['other.seniority', 'ignored: the list holds a value'],
      ['attributes.need', OTHER_VALUE],
    ]) posted.append(key, value!)
    expect([...withOtherValues(posted)]).toEqual([
      ['intent', 'simulate'],
      ['attributes.country', 'BR'],
      ['attributes.seniority', 'vp'],
      ['attributes.need', ''],
    ])
  })
})
