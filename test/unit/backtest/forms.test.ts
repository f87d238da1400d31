import { describe, expect, it } from 'vitest'
import { formatBytes, formatDuration, runProgress } from '~/domain/backtest/format'
import { chosenModels, mappingFromForm, startRunFormValues, StartRunSchema, UploadSchema } from '~/domain/backtest/forms'
import { unflatten } from '~/http/form.server'
import { xEducationConfig, xEducationMapping } from '../../fixtures/x-education'

/** What a browser posts for the mapping form (dotted names), read back the way the server reads it. */
function posted(fields: Record<string, string>) {
  return StartRunSchema.safeParse(unflatten(fields))
}

function flatten(value: unknown, prefix = ''): Record<string, string> {
  if (value === undefined || value === null || value === false) return {}
  if (typeof value !== 'object') return { [prefix]: String(value === true ? 'on' : value) }
  return Object.entries(value as Record<string, unknown>).reduce<Record<string, string>>((fields, [key, child]) => ({ ...fields, ...flatten(child, prefix ? `${prefix}.${key}` : key) }), {})
}

describe('the mapping form', () => {
  const defaults = startRunFormValues(xEducationMapping(), xEducationConfig().fields, ['draft'], '2026-11-29')

  it('round-trips a mapping: form values, posted, parsed, back to the same mapping', () => {
    const parsed = posted(flatten(defaults))
    expect(parsed.success).toBe(true)
    expect(mappingFromForm(parsed.data!)).toEqual(xEducationMapping())
    expect(chosenModels(parsed.data!.models)).toEqual(['draft'])
    // Three blank activity rows after the mapped ones, and they are ignored.
    expect(defaults.activities).toHaveLength(xEducationMapping().activities.length + 3)
  })

  it.each([
    [{ outcomeColumn: '' }, 'outcomeColumn', 'Choose the column that says whether the lead converted.'],
    [{ convertedValues: ' , ' }, 'convertedValues', 'Converted values: name at least one value.'],
    [{ trueValues: '' }, 'trueValues', 'Values that mean yes: name at least one value.'],
    [{ asOf: '29/11/2026' }, 'asOf', 'Give the date as YYYY-MM-DD.'],
    [{ 'models.draft': undefined }, 'models', 'Choose at least one model to score with.'],
    [{ 'models.v1': 'on', 'models.v2': 'on', 'models.v3': 'on' }, 'models', 'Choose at most 3 models for one run.'],
    [{ 'activities.5.column': 'Tags', 'activities.5.kind': 'value', 'activities.5.value': '', 'activities.5.activity': '' }, 'activities.5.activity', 'Choose the activity type this column stands for.'],
    [{ 'activities.5.column': 'Tags', 'activities.5.kind': 'value', 'activities.5.value': '', 'activities.5.activity': 'chat' }, 'activities.5.value', 'Say which value of the column means the activity happened.'],
    [{ 'models.latest': 'on' }, 'models.latest', 'This form is out of date: reload the page.'],
  ])('refuses %j with a message by the field', (change, path, message) => {
    // An unticked box is not posted at all.
    const fields: Record<string, string | undefined> = { ...flatten(defaults), ...change }
    const parsed = posted(Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined)))
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues.find((issue) => issue.path.join('.') === path)?.message).toBe(message)
  })

  it('reads comma-separated values trimmed, without blanks or repeats', () => {
    const parsed = posted({ ...flatten(defaults), emptyTokens: ' Select, N/A ,, Select, - ' })
    expect(parsed.data!.emptyTokens).toEqual(['Select', 'N/A', '-'])
  })
})

describe('the upload form', () => {
  it.each([
    [{ name: 'a.csv', size: 10 }, true, undefined],
    [{ name: 'a.csv', size: 0 }, false, 'The file is empty: choose an export with a header row and one lead a row.'],
    [{ name: 'a.csv', size: 200 * 1024 * 1024 + 1 }, false, 'The file is larger than 200 MB, the largest file a back-test reads. Split it, or export fewer columns.'],
    [undefined, false, 'Choose a file to upload (CSV or JSON Lines).'],
    [{ length: 0, item: () => null }, false, 'Choose a file to upload (CSV or JSON Lines).'],
  ])('checks the chosen file the same way in the browser and on the server: %j', (file, ok, message) => {
    const parsed = UploadSchema.safeParse({ intent: 'upload', file })
    expect(parsed.success).toBe(ok)
    if (!ok) expect(parsed.error!.issues[0]!.message).toBe(message)
  })
})

describe('progress in words', () => {
  const startedAt = new Date('2026-11-29T10:00:00Z')
  it('reads the share of the file, rows per second and time left from the run row and the time now', () => {
    const progress = runProgress({ rowsDone: 300_000, bytesDone: 75_000_000, fileBytes: 250_000_000, startedAt }, new Date('2026-11-29T10:00:02Z'))
    expect(progress).toEqual({ percent: 30, rowsDone: 300_000, rowsPerSecond: 150_000, secondsLeft: (175_000_000 / 37_500_000) })
    expect(runProgress({ rowsDone: 0, bytesDone: 0, fileBytes: 10, startedAt: null }, startedAt)).toEqual({ percent: 0, rowsDone: 0, rowsPerSecond: null, secondsLeft: null })
  })

  it.each([
    [4.4, '4 s'],
    [125, '2 min 5 s'],
    [120, '2 min'],
    [3780, '1 h 3 min'],
  ])('%f seconds read "%s"', (seconds, text) => expect(formatDuration(seconds)).toBe(text))

  it('sizes', () => {
    expect([formatBytes(512), formatBytes(2_378_044), formatBytes(2048)]).toEqual(['512 bytes', '2.3 MB', '2 KB'])
  })
})
