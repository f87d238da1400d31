import { Form } from '@remix-run/react'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { PostButton } from '~/components/post-button'
import { ArchiveWorkshopSchema, DeleteWorkshopSchema } from '~/domain/workshops/schemas'
import type { FormAnswer } from '~/http/form-answer'
import { Icon } from '~/components/icons'

type WorkshopFacts = { name: string; archived: boolean; publishedVersions: number | null }

/**
 * The facilitator's last resorts: archive (read-only, out of the active list; undone in one
 * click) and delete for everyone (typed confirmation, inside a disclosure: works without JavaScript).
 */
export function WorkshopCard({ workshop, workshopId, answer }: { workshop: WorkshopFacts; workshopId: string; answer?: FormAnswer }) {
  const versions = workshop.publishedVersions ?? 0
  return (
    <section className="card danger-zone" aria-labelledby="workshop-heading">
      <h2 id="workshop-heading">Archive or delete the workshop</h2>
      <h3>{workshop.archived ? 'Archived' : 'Archive'}</h3>
      <p className="muted small">
        {workshop.archived
          ? 'The workshop is read-only and listed under “Archived” on everyone’s dashboard. Unarchive it to work in it again.'
          : 'When the work is done: the workshop becomes read-only and moves to “Archived” on everyone’s dashboard. Published versions, exports, the API and share links keep working. You can unarchive it at any time.'}
      </p>
      <PostButton schema={ArchiveWorkshopSchema} fields={{ intent: workshop.archived ? 'unarchive-workshop' : 'archive-workshop' }} variant="secondary" icon={workshop.archived ? 'archive-restore' : 'archive'}>
        {workshop.archived ? 'Unarchive the workshop' : 'Archive the workshop'}
      </PostButton>
      <h3>Delete</h3>
      <p className="muted small">
        Deletes every step, comment, member, invite, API token and share link, for everyone. It cannot be undone.{' '}
        {versions > 0
          ? `The ${versions === 1 ? 'published version stays' : `${versions} published versions stay`} in the record (published versions can never be changed or removed), and in the backup.`
          : null}{' '}
        <a href={`/workshops/${workshopId}/backup.json`} download>
          <Icon name="download" /> Download the backup first
        </a>
        : it holds everything, published versions included, and imports as a new workshop.
      </p>
      <details className="delete-workshop" open={Boolean(answer?.errors)}>
        <summary className="button danger">
          <Icon name="trash-2" />
          Delete the workshop…
        </summary>
        <DeleteForm name={workshop.name} answer={answer} />
      </details>
    </section>
  )
}

function DeleteForm({ name, answer }: { name: string; answer?: FormAnswer }) {
  const { onSubmit, field, errorOf, formError } = useSchemaForm(DeleteWorkshopSchema, { defaultValues: { intent: 'delete-workshop', confirmName: '' }, answer })
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="confirm-panel wide">
      <FormError message={formError} />
      <input type="hidden" {...field('intent')} />
      <Field label={`Type “${name}” to confirm`} error={errorOf('confirmName')}>
        {(props) => <input {...props} {...field('confirmName')} type="text" autoComplete="off" spellCheck={false} />}
      </Field>
      <button type="submit" className="button danger solid">
        <Icon name="trash-2" />
        Delete for everyone
      </button>
    </Form>
  )
}
