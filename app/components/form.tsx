import { zodResolver } from '@hookform/resolvers/zod'
import { useSubmit } from '@remix-run/react'
import { useId, type ReactNode } from 'react'
import { useForm, type DefaultValues, type FieldErrors, type FieldValues, type Path, type UseFormRegisterReturn } from 'react-hook-form'
import type { z } from 'zod'

type ServerErrors = Record<string, string> | undefined

function toRhfErrors(errors: ServerErrors): FieldErrors | undefined {
  if (!errors) return undefined
  return Object.fromEntries(Object.entries(errors).map(([name, message]) => [name, { type: 'server', message }]))
}

/**
 * react-hook-form with the page's zod schema. Without JavaScript the <Form> posts as usual
 * and the action validates with the same schema; with JavaScript the form is checked first
 * and then submitted through Remix, so both paths hit the same action.
 */
export function useSchemaForm<S extends z.ZodType<unknown, FieldValues>>(
  schema: S,
  options: { defaultValues?: DefaultValues<z.input<S>>; serverErrors?: ServerErrors; serverValues?: Record<string, string> } = {},
) {
  const submit = useSubmit()
  // After a refused post, show what the person typed (the page re-renders from the action).
  const defaults = { ...(options.defaultValues ?? {}), ...(options.serverValues ?? {}) } as DefaultValues<z.input<S>>
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as never,
    defaultValues: defaults,
    errors: toRhfErrors(options.serverErrors) as never,
    mode: 'onTouched',
  })
  const onSubmit = form.handleSubmit((_values, event) => {
    const target = event?.target
    if (target instanceof HTMLFormElement) submit(target)
  })
  /**
   * register() plus the value in the server-rendered HTML: register alone sets values through
   * a ref on the client, so without JavaScript an edit form would render empty.
   */
  const field = (name: Path<z.input<S>>) => {
    const value = String(name)
      .split('.')
      .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), defaults)
    return { ...form.register(name), defaultValue: value === undefined || value === null ? undefined : String(value) }
  }
  return { form, onSubmit, field }
}

export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string
  hint?: string
  error?: string
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode
}) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {error ? (
        <span className="field-error" id={errorId} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  )
}

/** A text input wired to react-hook-form's register(), with its label and error. */
export function TextField({
  label,
  hint,
  error,
  registration,
  type = 'text',
  autoComplete,
  autoFocus,
}: {
  label: string
  hint?: string
  error?: string
  registration: UseFormRegisterReturn & { defaultValue?: string }
  type?: 'text' | 'email' | 'password' | 'number' | 'url'
  autoComplete?: string
  autoFocus?: boolean
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(props) => <input {...props} {...registration} type={type} autoComplete={autoComplete} autoFocus={autoFocus} />}
    </Field>
  )
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null
  return (
    <div className="alert error" role="alert">
      {message}
    </div>
  )
}
