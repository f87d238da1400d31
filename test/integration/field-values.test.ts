import { describe, expect, it } from 'vitest'
import { parseScoringConfig } from '~/domain/scoring'
import { readFlash } from '~/http/flash.server'
import { createInvite, acceptInvite } from '~/models/invite.server'
import { getScoringModel, saveRule } from '~/models/scoring-model.server'
import { createWorkshop } from '~/models/workshop.server'
import { action as criteriaAction, loader as criteriaLoader } from '~/routes/workshops.$workshopId.criteria/route'
import { loader as simulatorLoader } from '~/routes/workshops.$workshopId.simulator/route'
import { formRequest, getRequest, person, useTestDatabase } from '../setup/test-database'

/*
 * The criteria page's "Allowed values" (issue #15): a text field lists the values leads carry
 * with their display labels; the simulator offers them as a list and rule sentences say them.
 * Bad lists get a message next to the row (or the list) and change nothing.
 */

useTestDatabase()

type Loose = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

async function criteriaPage(n: number) {
  const fran = await person(`fran-values${n}@example.com`)
  const workshop = await createWorkshop({ name: 'W', company: 'Acme', userId: fran.id })
  const mia = await person(`mia-values${n}@example.com`)
  const vic = await person(`vic-values${n}@example.com`)
  for (const [who, role] of [
    [mia, 'marketing'],
    [vic, 'viewer'],
  ] as const) {
    const invite = await createInvite({ workshopId: workshop.id, role, expiresInDays: 7, singleUse: true, createdBy: fran.id })
    await acceptInvite({ token: invite.token, userId: who.id })
  }
  const url = `/workshops/${workshop.id}/criteria`
  const params = { workshopId: workshop.id }
  const post = async (who: { cookie: string }, fields: Record<string, string>) => {
    let response: Response
    try {
      response = (await criteriaAction({ request: formRequest(url, fields, who), params, context: {} })) as Response
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown
      response = thrown
    }
    return {
      status: response.status,
      location: response.headers.get('Location'),
      setCookie: response.headers.get('Set-Cookie'),
      body: (response.headers.get('Content-Type')?.includes('json') ? await response.json() : {}) as Loose,
    }
  }
  const model = await getScoringModel(workshop.id)
  const field = (key: string) => model.fields.find((candidate) => candidate.key === key)!
  return { fran, mia, vic, workshop, url, params, post, field }
}

const rows = (entries: { value: string; label: string }[]) =>
  Object.fromEntries(entries.flatMap((entry, index) => [[`values.${index}.value`, entry.value], [`values.${index}.label`, entry.label]]))

const flashText = async (setCookie: string | null) =>
  (await readFlash(new Request('http://localhost/', { headers: { Cookie: (setCookie ?? '').split(';')[0]! } }))).flash?.text

describe('allowed values on the criteria page', () => {
  it('saves a text field’s values with their labels: the config carries them, the simulator lists them, rule sentences say the labels', async () => {
    const { mia, workshop, url, post, field } = await criteriaPage(1)
    const seniority = field('seniority')
    const saved = await post(mia, {
      intent: 'save-field-values',
      fieldId: seniority.id,
      revision: String(seniority.revision),
      ...rows([
        { value: 'c_level', label: 'C-level' },
        { value: '', label: '' },
        { value: ' vp ', label: 'VP' },
      ]),
    })
    expect(saved).toMatchObject({ status: 302, location: `${url}#values-${seniority.id}`, setCookie: expect.stringMatching(/^__flash=/) })
    expect(await flashText(saved.setCookie)).toBe('Saved 2 allowed values for “Seniority”.')

    const model = await getScoringModel(workshop.id)
    expect(model.config.fields.find((candidate) => candidate.key === 'seniority')).toEqual({
      key: 'seniority',
      label: 'Seniority',
      type: 'string',
      values: [
        { value: 'c_level', label: 'C-level' },
        { value: 'vp', label: 'VP' },
      ],
    })
    expect(parseScoringConfig(model.config).ok).toBe(true)

    const simulator = (await (await simulatorLoader({ request: getRequest(`/workshops/${workshop.id}/simulator`, mia), params: { workshopId: workshop.id }, context: {} })).json()) as Loose
    expect(simulator.fields.find((candidate: Loose) => candidate.key === 'seniority').values).toEqual([
      { value: 'c_level', label: 'C-level' },
      { value: 'vp', label: 'VP' },
    ])

    const rule = await saveRule({
      workshopId: workshop.id,
      userId: mia.id,
      draft: { section: 'fit', label: 'Senior buyer', points: 20, condition: { field: 'seniority', op: 'in', value: ['c_level', 'vp'] }, activity: null, withinDays: null, maxPoints: null },
    })
    expect(rule.ok).toBe(true)
    const page = (await (await criteriaLoader({ request: getRequest(url, mia), params: { workshopId: workshop.id }, context: {} })).json()) as Loose
    expect(page.qualifying.find((rule: Loose) => rule.label === 'Senior buyer').description).toBe('Seniority is one of C-level, VP')
    expect(page.valueFields.find((candidate: Loose) => candidate.key === 'seniority')).toMatchObject({ id: seniority.id, revision: seniority.revision + 1, values: [{ value: 'c_level' }, { value: 'vp' }] })
    expect(page.valueFields.some((candidate: Loose) => candidate.key === 'employees')).toBe(false)

    // An empty list takes the values away again: any text.
    const cleared = await post(mia, { intent: 'save-field-values', fieldId: seniority.id, revision: String(seniority.revision + 1), ...rows([{ value: '', label: '' }]) })
    expect(cleared.status).toBe(302)
    expect(await flashText(cleared.setCookie)).toBe('“Seniority” takes any text now (no allowed values).')
    expect((await getScoringModel(workshop.id)).config.fields.find((candidate) => candidate.key === 'seniority')).not.toHaveProperty('values')
  })

  it('answers duplicates, empty labels and 1,000 entries with a clear message next to the row or the list, and stores nothing', async () => {
    const { mia, workshop, post, field } = await criteriaPage(2)
    const country = field('country')
    const base = { intent: 'save-field-values', fieldId: country.id, revision: String(country.revision) }

    const duplicate = await post(mia, { ...base, ...rows([{ value: 'DE', label: 'Germany' }, { value: 'de', label: 'Deutschland' }]) })
    expect(duplicate).toMatchObject({
      status: 400,
      body: { form: `field-values:${country.id}`, errors: { 'values.1.value': '“de” is already listed (row 1); values are compared ignoring case and spaces at either end.' }, values: { fieldId: country.id } },
    })
    expect(duplicate.body.values.values).toEqual([{ value: 'DE', label: 'Germany' }, { value: 'de', label: 'Deutschland' }])

    const emptyLabel = await post(mia, { ...base, ...rows([{ value: 'DE', label: ' ' }]) })
    expect(emptyLabel).toMatchObject({ status: 400, body: { errors: { 'values.0.label': 'Enter how “DE” reads in documents (e.g. C-level).' } } })

    const thousand = await post(mia, { ...base, ...rows(Array.from({ length: 1000 }, (_, index) => ({ value: `c${index}`, label: `Country ${index}` }))) })
    expect(thousand.status).toBe(400)
    expect(Object.keys(thousand.body.errors)).toEqual(['values'])
    expect(thousand.body.errors.values).toBe('A field lists at most 500 allowed values; this list has 1,000. Keep the ones rules and documents need.')

    const model = await getScoringModel(workshop.id)
    expect(model.fields.find((candidate) => candidate.key === 'country')).toMatchObject({ revision: country.revision, values: null })
  })

  it('lets only criteria editors save, refuses a stale list and a field that is not text', async () => {
    const { mia, vic, post, field } = await criteriaPage(3)
    const seniority = field('seniority')
    const base = { intent: 'save-field-values', fieldId: seniority.id, revision: String(seniority.revision), ...rows([{ value: 'vp', label: 'VP' }]) }
    expect((await post(vic, base)).status).toBe(403)
    expect((await post(mia, base)).status).toBe(302)
    expect(await post(mia, base)).toMatchObject({ status: 409, body: { form: `field-values:${seniority.id}`, conflict: { message: expect.stringContaining('the list shows theirs now') } } })

    const employees = field('employees')
    expect(await post(mia, { ...base, fieldId: employees.id, revision: String(employees.revision) })).toMatchObject({
      status: 400,
      body: { errors: { form: 'Only text fields list allowed values; “Employees” is not a text field.' } },
    })
    expect((await post(mia, { ...base, fieldId: 'no-such-field' })).status).toBe(404)
  })
})
