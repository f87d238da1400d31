import { Form } from '@remix-run/react'
import { FormattedDate } from '~/components/dates'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { SignOffSchema, WithdrawSchema } from '~/domain/document/schemas'
import type { SignOffSection } from '~/domain/document/snapshot'
import type { FormAnswer } from '~/http/form-answer'

export const TEAM_LABEL = { marketing: 'Marketing', sales: 'Sales' } as const
type Team = keyof typeof TEAM_LABEL

export type SectionView = {
  section: SignOffSection
  title: string
  signedBy: { id: string; userId: string; name: string; team: Team; signedAt: string }[]
  voided: { name: string; team: Team; signedAt: string; changedBy: string | null; changedAt: string | null }[]
  missing: Team[]
  withdrawn: { name: string; team: Team; at: string; comment: string }[]
}

function SignOffButton({ section, team }: { section: SignOffSection; team: Team }) {
  const { onSubmit, field } = useSchemaForm(SignOffSchema, { defaultValues: { intent: 'sign-off', section } })
  return (
    <Form method="post" onSubmit={onSubmit}>
      <input type="hidden" {...field('intent')} />
      <input type="hidden" {...field('section')} />
      <button type="submit" className="button small">
        Sign off for {TEAM_LABEL[team]}
      </button>
    </Form>
  )
}

function WithdrawForm({ section, answer }: { section: SignOffSection; answer?: FormAnswer }) {
  const { onSubmit, field, errorOf, formError } = useSchemaForm(WithdrawSchema, { defaultValues: { intent: 'withdraw', section, comment: '' }, answer })
  return (
    <Form method="post" className="withdraw" noValidate onSubmit={onSubmit}>
      <FormError message={formError} />
      <input type="hidden" {...field('intent')} />
      <input type="hidden" {...field('section')} />
      <Field label="Why withdraw?" error={errorOf('comment')}>
        {(props) => <input {...props} {...field('comment')} type="text" maxLength={500} />}
      </Field>
      <button type="submit" className="button danger small">
        Withdraw sign-off
      </button>
    </Form>
  )
}

/** One section's sign-off state, with the sign or withdraw form of the member looking at it. */
export function SectionCard({ section, userId, team, withdrawAnswer }: { section: SectionView; userId: string; team: Team | null; withdrawAnswer?: FormAnswer }) {
  const mine = section.signedBy.find((signed) => signed.userId === userId)
  return (
    <section id={`sign-${section.section}`} className="card sign-row" aria-labelledby={`sign-${section.section}-title`}>
      <div>
        <h3 id={`sign-${section.section}-title`}>{section.title}</h3>
        {section.missing.length === 0 ? (
          <span className="badge ok">Signed by both teams</span>
        ) : (
          <span className="badge warn">Missing: {section.missing.map((missing) => TEAM_LABEL[missing]).join(' and ')}</span>
        )}
      </div>
      <div className="small">
        <strong>Signed</strong>
        {section.signedBy.length === 0 ? (
          <p className="muted">Nobody yet.</p>
        ) : (
          <ul>
            {section.signedBy.map((signed) => (
              <li key={signed.id}>
                {signed.name} ({TEAM_LABEL[signed.team]}), <FormattedDate value={signed.signedAt} withTime />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="small">
        {section.voided.map((voided, index) => (
          <p key={index} className="voided">
            {voided.name}&apos;s sign-off ({TEAM_LABEL[voided.team]}) no longer counts: changed
            {voided.changedBy ? ` by ${voided.changedBy}` : ''}
            {voided.changedAt ? (
              <>
                {' '}
                at <FormattedDate value={voided.changedAt} withTime />
              </>
            ) : null}{' '}
            after the sign-off.
          </p>
        ))}
        {section.withdrawn.slice(0, 2).map((withdrawn, index) => (
          <p key={`w${index}`} className="muted">
            {withdrawn.name} withdrew: “{withdrawn.comment}”
          </p>
        ))}
      </div>
      <div>
        {team && !mine ? <SignOffButton section={section.section} team={team} /> : null}
        {mine ? <WithdrawForm section={section.section} answer={withdrawAnswer} /> : null}
      </div>
    </section>
  )
}
