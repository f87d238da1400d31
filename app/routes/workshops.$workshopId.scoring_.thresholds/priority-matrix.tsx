import { Form, Link } from '@remix-run/react'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { ScrollRegion } from '~/components/scroll-region'
import type { StoredBand, StoredPriority } from '~/domain/scoring-model/model'
import { BandsSchema, PrioritiesSchema, type bandsFormValues, type prioritiesFormValues, type SLA_PRIORITY_CHOICES } from '~/domain/scoring-model/settings-form'
import type { FormAnswer } from '~/http/form-answer'
import { ConflictAlert } from '~/components/conflict-note'

type Grade = { grade: string; minFit: number }
export type SlaPriorityOption = { priority: (typeof SLA_PRIORITY_CHOICES)[number]; label: string }

/** "engagement 60 or more", "35–59", "below 15" for each band, highest first. */
export function bandRanges(bands: readonly StoredBand[]): string[] {
  return bands.map((band, index) => (index === 0 ? `${band.minEngagement} or more` : `${band.minEngagement}–${bands[index - 1]!.minEngagement - 1}`))
}

/** Engagement bands: name and minimum engagement per row; an emptied row removes its band. */
export function BandsCard({ defaults, bands, canEdit, answer }: { defaults: ReturnType<typeof bandsFormValues>; bands: readonly StoredBand[]; canEdit: boolean; answer?: FormAnswer }) {
  const { onSubmit, field, errorOf, formError } = useSchemaForm(BandsSchema, { defaultValues: defaults, answer })
  const rows = (answer?.values?.bands as unknown[] | undefined)?.length ?? defaults.bands.length
  const ranges = bandRanges(bands)
  const lowest = bands[bands.length - 1]
  return (
    <section className="card" aria-labelledby="bands-heading">
      <h2 id="bands-heading">Engagement bands</h2>
      <p className="muted small">
        Bands sort leads by engagement, as grades sort them by fit: a lead is in the first band whose minimum its engagement reaches. With bands, every
        score says its band and its priority (the matrix below).
        {bands.length ? ` Now: ${bands.map((band, index) => `band ${band.band} = ${ranges[index]}`).join(', ')}${lowest && lowest.minEngagement > 0 ? `; below ${lowest.minEngagement}: no band` : ''}.` : ' No bands yet.'}
      </p>
      <ConflictAlert answer={answer} />
      <FormError message={formError} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" {...field('intent')} />
        <input type="hidden" {...field('revision')} />
        <fieldset disabled={!canEdit}>
          <legend>Bands (empty a row to remove its band; the order does not matter)</legend>
          <div className="band-rows">
            {Array.from({ length: rows }, (_, index) => (
              <div className="grid-3" key={index}>
                <input type="hidden" {...field(`bands.${index}.was` as never)} />
                <Field label={`Band ${index + 1}: name`} hint={index === 0 ? 'e.g. 1, 2, 3 or Hot, Warm' : undefined} error={errorOf(`bands.${index}.band`)}>
                  {(props) => <input {...props} {...field(`bands.${index}.band` as never)} type="text" />}
                </Field>
                <Field label={`Band ${index + 1}: minimum engagement`} error={errorOf(`bands.${index}.minEngagement`)}>
                  {(props) => <input {...props} {...field(`bands.${index}.minEngagement` as never)} type="number" min={0} step={1} inputMode="numeric" />}
                </Field>
              </div>
            ))}
          </div>
          {errorOf('bands') ? <p className="field-error">{errorOf('bands')}</p> : null}
        </fieldset>
        {canEdit ? (
          <button type="submit" className="button">
            Save bands
          </button>
        ) : null}
      </Form>
    </section>
  )
}

type PrioritiesCardProps = {
  /** The editor's values when it is open (`?edit=priorities`, or a refused save), else null. */
  defaults: ReturnType<typeof prioritiesFormValues> | null
  grades: readonly Grade[]
  bands: readonly StoredBand[]
  priorities: readonly StoredPriority[]
  slaPriorities: readonly SlaPriorityOption[]
  canEdit: boolean
  /** This page with the editor open, and without it. */
  editHref: string
  closeHref: string
  answer?: FormAnswer
}

/**
 * The priority matrix: for each grade × band, the priority's name, what sales does, and the SLA
 * priority it gets. The table is what most visitors read; its editor (three fields per cell) opens
 * on its own link, so a page view does not build a form nobody opened.
 */
export function PrioritiesCard({ defaults, grades, bands, priorities, slaPriorities, canEdit, editHref, closeHref, answer }: PrioritiesCardProps) {
  const sorted = [...grades].sort((a, b) => b.minFit - a.minFit)
  const ranges = bandRanges(bands)
  const slaLabel = (priority: string | undefined) => slaPriorities.find((option) => option.priority === priority)?.label
  return (
    <section className="card" aria-labelledby="priorities-heading">
      <h2 id="priorities-heading">Priority matrix (grade × engagement band)</h2>
      {bands.length === 0 ? (
        <p className="muted empty-inline">Define engagement bands first: the matrix has a column per band.</p>
      ) : (
        <>
          <p className="muted small">
            What sales does with a lead of each grade and band, e.g. A1 “Call within 5 minutes”. A cell left empty has no priority. The SLA priority
            sets which response target of the handoff SLA applies.
          </p>
          <ScrollRegion label="Priority matrix">
            <table className="matrix priority-matrix">
              <thead>
                <tr>
                  <th scope="col">Grade (fit)</th>
                  {bands.map((band, index) => (
                    <th scope="col" key={band.band}>
                      Band {band.band} <span className="muted small">({ranges[index]})</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {sorted.map((grade) => (
                  <tr key={grade.grade}>
                    <th scope="row">{grade.grade}</th>
                    {bands.map((band) => {
                      const entry = priorities.find((candidate) => candidate.grade === grade.grade && candidate.band === band.band)
                      return (
                        <td key={band.band} className={entry ? 'priority-cell-set' : 'none'}>
                          {entry ? (
                            <>
                              <strong>{entry.priority}</strong> {entry.label}
                              {entry.slaPriority ? <div className="small">SLA: {slaLabel(entry.slaPriority) ?? entry.slaPriority}</div> : null}
                            </>
                          ) : (
                            '—'
                          )}
                        </td>
                      )
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {canEdit && defaults ? (
            <PrioritiesEditor defaults={defaults} sorted={sorted} bands={bands} slaPriorities={slaPriorities} closeHref={closeHref} answer={answer} />
          ) : canEdit ? (
            <p>
              <Link to={editHref} className="button secondary small">
                Edit the matrix
              </Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  )
}

function PrioritiesEditor({
  defaults,
  sorted,
  bands,
  slaPriorities,
  closeHref,
  answer,
}: {
  defaults: ReturnType<typeof prioritiesFormValues>
  sorted: readonly Grade[]
  bands: readonly StoredBand[]
  slaPriorities: readonly SlaPriorityOption[]
  closeHref: string
  answer?: FormAnswer
}) {
  const { onSubmit, field, errorOf, formError } = useSchemaForm(PrioritiesSchema, { defaultValues: defaults, answer })
  return (
    <div className="priority-editor" id="priority-editor">
      <h3>Edit the matrix</h3>
      <ConflictAlert answer={answer} />
      <FormError message={formError} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" {...field('intent')} />
        <input type="hidden" {...field('revision')} />
        {sorted.map((grade) => (
          <fieldset key={grade.grade}>
            <legend>Grade {grade.grade}</legend>
            {bands.map((band) => {
              const index = defaults.cells.findIndex((cell) => cell.grade === grade.grade && cell.band === band.band)
              if (index < 0) return null
              return (
                <div className="grid-3 priority-cell" key={band.band}>
                  <input type="hidden" {...field(`cells.${index}.grade` as never)} />
                  <input type="hidden" {...field(`cells.${index}.band` as never)} />
                  <Field label={`${grade.grade} × band ${band.band}: priority`} hint={`Empty: ${grade.grade}${band.band}`} error={errorOf(`cells.${index}.priority`)}>
                    {(props) => <input {...props} {...field(`cells.${index}.priority` as never)} type="text" placeholder={`${grade.grade}${band.band}`} />}
                  </Field>
                  <Field label="What sales does" error={errorOf(`cells.${index}.label`)}>
                    {(props) => <input {...props} {...field(`cells.${index}.label` as never)} type="text" placeholder="e.g. Call within 5 minutes" />}
                  </Field>
                  <Field label="SLA priority" error={errorOf(`cells.${index}.slaPriority`)}>
                    {(props) => (
                      <select {...props} {...field(`cells.${index}.slaPriority` as never)}>
                        <option value="">None</option>
                        {slaPriorities.map((option) => (
                          <option key={option.priority} value={option.priority}>
                            {option.label}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                </div>
              )
            })}
          </fieldset>
        ))}
        <div className="actions">
          <button type="submit" className="button">
            Save the matrix
          </button>
          <Link to={closeHref} className="button secondary">
            Cancel
          </Link>
        </div>
      </Form>
    </div>
  )
}
