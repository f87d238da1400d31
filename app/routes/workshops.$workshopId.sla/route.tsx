import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { FormattedDate } from '~/components/dates'
import { formatInZone, workedExamples } from '~/domain/sla/clock'
import { handoffToForm, timeZoneOptions } from '~/domain/sla/form'
import { readFormData, readIntent } from '~/http/form.server'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { requireMember } from '~/http/permissions.server'
import { getHandoffRecord } from '~/models/lifecycle.server'
import { HandoffForm } from './handoff-form'
import { saveSlaIntent } from './intents.server'
import { SlaClock } from './sla-clock'

export const meta: MetaFunction = () => [{ title: 'Handoff SLA · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const record = await getHandoffRecord(member.workshopId)
  const { handoff } = record
  // The one place that reads the clock: the examples below are "as of now" for whoever opens the page.
  const now = new Date()
  const examples = workedExamples(handoff, now).map((example) => ({
    key: example.key,
    label: example.label,
    arrivesAtLocal: example.arrivesAtLocal,
    note: example.note,
    due: example.due.map(({ priority, label, within, dueAtLocal }) => ({ priority, label, within, dueAtLocal })),
  }))
  return json({
    workshopId: member.workshopId,
    canEdit: member.can('edit-sla'),
    revision: record.revision,
    updatedAt: record.updatedAt.toISOString(),
    updatedByName: record.updatedByName,
    // The defaults are created on first read: "last saved" only once a person saved.
    saved: record.updatedBy !== null || record.revision > 1,
    timeZone: handoff.timeZone,
    nowLocal: formatInZone(now, handoff.timeZone),
    form: handoffToForm(handoff, record.revision),
    timeZones: timeZoneOptions(handoff.timeZone),
    examples,
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const formData = await readFormData(request)
  switch (readIntent(formData, ['save-sla'])) {
    case 'save-sla':
      return saveSlaIntent({ member, formData })
  }
}

export default function SlaPage() {
  const data = useLoaderData<typeof loader>()
  const saveAnswer = answerFor(useActionData<FormAnswer>(), 'save-sla')
  return (
    <div className="stack">
      <div>
        <p className="eyebrow">Step 7</p>
        <h1>Handoff SLA</h1>
        <p className="muted">
          What sales promises when marketing hands over an MQL, and what marketing promises in return. This is the <code>handoff</code> of the scoring
          config, so other tools can run the same clock.{' '}
          {data.saved ? (
            <>
              Last saved {data.updatedByName ? `by ${data.updatedByName} ` : ''}
              <FormattedDate value={data.updatedAt} withTime />.
            </>
          ) : (
            'Nobody has saved it yet: the figures below are a worked example to change into your own.'
          )}
        </p>
      </div>

      <SlaClock examples={data.examples} nowLocal={data.nowLocal} timeZone={data.timeZone} />

      <HandoffForm
        key={`${data.revision}-${String(saveAnswer?.values?.revision ?? '')}`}
        // A refused save refills the form with what was sent (an unticked box is simply absent from it).
        defaults={(saveAnswer?.values as typeof data.form | undefined) ?? data.form}
        answer={saveAnswer}
        canEdit={data.canEdit}
        timeZones={data.timeZones}
        workshopId={data.workshopId}
      />
    </div>
  )
}
