import { Form } from '@remix-run/react'
import { useState, type ReactNode } from 'react'
import type { z } from 'zod'
import { Icon, type IconName } from './icons'

/**
 * A one-button form that posts hidden fields (an intent, a row id, the revision the user saw):
 * the way rows are deleted or revoked, with or without JavaScript.
 *
 * `label` names the button for screen readers when the visible text alone is ambiguous
 * ("Delete" on every row): the name always starts with what the button shows, so a person who
 * says what they see ("click Delete") reaches it by voice.
 *
 * `confirm` asks first, for what cannot be undone (delete, remove, revoke): the button opens an
 * "Are you sure?" panel (a native <details>, so it works without JavaScript) and the real submit
 * button is inside it.
 *
 * `schema` is the zod schema the action checks these fields with: TypeScript holds `fields` to
 * it, and with JavaScript the fields are checked as the server will read them (as text) before
 * anything is posted, so a broken row says why instead of posting.
 */
export function PostButton<S extends z.ZodType<unknown, Record<string, unknown>> = z.ZodType<unknown, Record<string, unknown>>>({
  schema,
  fields,
  label,
  children,
  variant = 'danger',
  confirm,
  confirmLabel,
  action,
  icon,
}: {
  schema?: S
  fields: Record<string, string | number> & z.input<S>
  label?: string
  children: ReactNode
  /** `primary` for a forward action that cannot be taken back (revealing the board). */
  variant?: 'danger' | 'secondary' | 'primary'
  /** The question the confirmation asks, e.g. "Delete this rule? It cannot be undone." */
  confirm?: string
  /** The confirming button's text (default: "Yes, " and the button's own text). */
  confirmLabel?: string
  /** Where to post, when not to the page's own route. */
  action?: string
  /** An icon before the text (decorative: the text names the button). */
  icon?: IconName
}) {
  const visible = typeof children === 'string' ? children : undefined
  const name = accessibleName(visible, label)
  const [problem, setProblem] = useState<string>()
  const check = (event: { preventDefault: () => void }) => {
    if (!schema) return
    const checked = schema.safeParse(Object.fromEntries(Object.entries(fields).map(([field, value]) => [field, String(value)])))
    setProblem(checked.success ? undefined : (checked.error.issues[0]?.message ?? 'This form is out of date: reload the page.'))
    if (!checked.success) event.preventDefault()
  }
  const form = (submitText: ReactNode, className: string, submitName?: string) => (
    <Form method="post" className="post-button" action={action} onSubmit={check}>
      {Object.entries(fields).map(([field, value]) => (
        <input key={field} type="hidden" name={field} value={value} />
      ))}
      <button type="submit" className={className} aria-label={submitName}>
        {submitText}
      </button>
      {problem ? (
        <span className="field-error" role="alert">
          {problem}
        </span>
      ) : null}
    </Form>
  )
  const look = variant === 'primary' ? 'button' : `button ${variant} small`
  const shown = icon ? (
    <>
      <Icon name={icon} />
      {children}
    </>
  ) : (
    children
  )
  if (!confirm) return form(shown, look, name)
  const yes = confirmLabel ?? (visible ? `Yes, ${visible.toLowerCase()}` : 'Yes')
  return (
    <details className={`confirm confirm-${variant}`}>
      <summary className={look} aria-label={name}>
        {shown}
      </summary>
      <div className="confirm-panel">
        <p>{confirm}</p>
        {/* Its name is what it shows: the question beside it says what it acts on. */}
        {form(yes, variant === 'danger' ? 'button danger solid small' : variant === 'primary' ? 'button small' : 'button secondary small')}
      </div>
    </details>
  )
}

/** The visible text first, then what it acts on: "Delete (Delete Fit rule 3)" never, "Not the same (Take M1 out of G1)". */
function accessibleName(visible: string | undefined, label: string | undefined): string | undefined {
  if (!label) return undefined
  if (!visible || label.toLowerCase().includes(visible.toLowerCase())) return label
  return `${visible}: ${label}`
}
