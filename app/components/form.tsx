import { zodResolver } from '@hookform/resolvers/zod'
import { useNavigation, useSubmit } from '@remix-run/react'
import { useEffect, useId, useMemo, useRef, type ReactNode } from 'react'
import { get, set, useForm, type DefaultValues, type FieldErrors, type FieldValues, type Path, type UseFormRegisterReturn } from 'react-hook-form'
import type { z } from 'zod'
import type { FormAnswer } from '~/http/form-answer'

type ServerErrors = Record<string, string> | undefined

/** Server errors arrive by dotted name (`clauses.0.field`); react-hook-form reads them nested. */
function toRhfErrors(errors: ServerErrors): FieldErrors | undefined {
  if (!errors) return undefined
  const nested: FieldErrors = {}
  for (const [name, message] of Object.entries(errors)) set(nested, name === 'form' ? 'root.server' : name, { type: 'server', message })
  return nested
}

/**
 * react-hook-form with the page's zod schema. Without JavaScript the <Form> posts as usual
 * and the action validates with the same schema; with JavaScript the form is checked first
 * and then submitted through Remix, so both paths hit the same action.
 *
 * `answer` is the action's FormAnswer for this form (see http/form-answer.ts): its values
 * refill the form, its errors show by field (`errorOf(name)`) or for the form (`formError`).
 * After a successful post (the action redirected) the form empties itself back to its defaults.
 */
export function useSchemaForm<S extends z.ZodType<unknown, FieldValues>>(
  schema: S,
  options: {
    defaultValues?: DefaultValues<z.input<S>>
    answer?: Pick<FormAnswer, 'errors' | 'values'>
    /** @deprecated pass `answer` */
    serverErrors?: ServerErrors
    /** @deprecated pass `answer` */
    serverValues?: Record<string, unknown>
  } = {},
) {
  const submit = useSubmit()
  const navigation = useNavigation()
  const serverErrors = options.answer?.errors ?? options.serverErrors
  const serverValues = options.answer?.values ?? options.serverValues
  // After a refused post, show what the person typed (the page re-renders from the action).
  const defaults = { ...(options.defaultValues ?? {}), ...(serverValues ?? {}) } as DefaultValues<z.input<S>>
  // One object per server answer: react-hook-form applies `errors` in an effect keyed on its
  // identity, so a new object every render would re-render forever and starve navigations.
  const rhfErrors = useMemo(() => toRhfErrors(serverErrors), [serverErrors])
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as never,
    defaultValues: defaults,
    errors: rhfErrors as never,
    mode: 'onTouched',
  })
  const submitted = useRef(false)
  // eslint-disable-next-line react-hooks/refs -- handleSubmit runs this on submit, never while rendering
  const onSubmit = form.handleSubmit((_values, event) => {
    const target = event?.target
    if (target instanceof HTMLFormElement) {
      submitted.current = true
      submit(target)
    }
  })
  const answered = Boolean(serverErrors)
  useEffect(() => {
    // The submission settled: a redirect (success) leaves no answer for this form.
    if (navigation.state !== 'idle' || !submitted.current) return
    submitted.current = false
    if (!answered) form.reset(options.defaultValues)
  }, [navigation.state, answered, form, options.defaultValues])
  /**
   * register() plus the value in the server-rendered HTML: register alone sets values through
   * a ref on the client, so without JavaScript an edit form would render empty.
   */
  const field = (name: Path<z.input<S>>) => {
    const value = get(defaults, String(name)) as unknown
    return { ...form.register(name), defaultValue: value === undefined || value === null ? undefined : String(value) }
  }
  /** The message for a field: the client's check first, then the server's. */
  const errorOf = (name: string): string | undefined => (get(form.formState.errors, name) as { message?: string } | undefined)?.message ?? serverErrors?.[name]
  return { form, onSubmit, field, errorOf, formError: serverErrors?.form }
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
  // The hint goes under the input: side by side in a grid, fields with and without a hint keep
  // their labels and inputs on the same lines.
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
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
