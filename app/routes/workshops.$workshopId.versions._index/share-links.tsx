import { Form } from '@remix-run/react'
import { FormattedDate } from '~/components/dates'
import { Field, FormError, useSchemaForm } from '~/components/form'
import { CreateShareLinkSchema, RevokeShareLinkSchema, SHARE_LINK_EXPIRY_OPTIONS } from '~/domain/document/schemas'
import type { FormAnswer } from '~/http/form-answer'
import { Icon } from '~/components/icons'

export type ShareLinkView = { id: string; createdAt: string; expiresAt: string | null; status: 'active' | 'expired' | 'revoked' }

function RevokeButton({ linkId }: { linkId: string }) {
  const { onSubmit, field } = useSchemaForm(RevokeShareLinkSchema, { defaultValues: { intent: 'revoke-share-link', linkId } })
  // Cannot be undone (a new link means sharing again): asks first, in a <details> that works without JavaScript.
  return (
    <details className="confirm confirm-danger">
      <summary className="button danger small">
        <Icon name="ban" />
        Revoke
      </summary>
      <div className="confirm-panel">
        <p>Revoke this share link? Whoever opens it sees a turned-off page from now on; sharing again needs a new link.</p>
        <Form method="post" onSubmit={onSubmit}>
          <input type="hidden" {...field('intent')} />
          <input type="hidden" {...field('linkId')} />
          <button type="submit" className="button danger solid small">
            Yes, revoke
          </button>
        </Form>
      </div>
    </details>
  )
}

function CreateShareLinkForm({ answer }: { answer?: FormAnswer }) {
  const { onSubmit, field, errorOf } = useSchemaForm(CreateShareLinkSchema, { defaultValues: { intent: 'create-share-link', expiresInDays: 'never' }, answer })
  return (
    <Form method="post" className="actions share-create" noValidate onSubmit={onSubmit}>
      <input type="hidden" {...field('intent')} />
      <Field label="Expires" error={errorOf('expiresInDays')}>
        {(props) => (
          <select {...props} {...field('expiresInDays')} style={{ width: 'auto' }}>
            {SHARE_LINK_EXPIRY_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="button secondary">
        <Icon name="link-2" />
        Create share link
      </button>
    </Form>
  )
}

/** The facilitator's read-only links to the latest published document. */
export function ShareLinks({ links, newUrl, createAnswer, revokeAnswer }: { links: ShareLinkView[]; newUrl: string | null; createAnswer?: FormAnswer; revokeAnswer?: FormAnswer }) {
  return (
    <section className="card" aria-labelledby="share-heading" id="share">
      <h2 id="share-heading">Read-only share link</h2>
      <p className="muted small">
        Anyone with the link sees the latest published document and its PDF, without logging in, and nothing else of the workshop. Revoke it to stop access at once.
      </p>
      <FormError message={revokeAnswer?.errors?.form} />
      {newUrl ? (
        <div className="alert success">
          <p>
            <strong>Your new share link.</strong> Copy it now: it is shown only once.
          </p>
          <label className="visually-hidden" htmlFor="share-url">
            Share link
          </label>
          <input id="share-url" type="text" readOnly value={newUrl} data-testid="share-link" />
        </div>
      ) : null}
      {links.length > 0 ? (
        <ul className="tag-list">
          {links.map((link) => (
            <li key={link.id} className="actions">
              <span>
                Link created <FormattedDate value={link.createdAt} withTime />
                {link.expiresAt ? (
                  <>
                    {link.status === 'expired' ? ', expired ' : ', expires '}
                    <FormattedDate value={link.expiresAt} withTime />
                  </>
                ) : (
                  ', never expires'
                )}
              </span>
              {link.status === 'revoked' ? (
                <span className="badge danger">revoked</span>
              ) : link.status === 'expired' ? (
                <span className="badge">expired</span>
              ) : (
                <RevokeButton linkId={link.id} />
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <CreateShareLinkForm answer={createAnswer} />
    </section>
  )
}
