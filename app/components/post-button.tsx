import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'

/**
 * A one-button form that posts hidden fields (an intent, a row id, the revision the user saw):
 * the way rows are deleted or revoked, with or without JavaScript.
 */
export function PostButton({
  fields,
  label,
  children,
  variant = 'danger',
}: {
  fields: Record<string, string | number>
  label?: string
  children: ReactNode
  variant?: 'danger' | 'secondary'
}) {
  return (
    <Form method="post">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={`button ${variant} small`} aria-label={label}>
        {children}
      </button>
    </Form>
  )
}
