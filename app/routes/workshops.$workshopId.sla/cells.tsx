import { useId, type ReactNode } from 'react'
import type { UseFormRegisterReturn } from 'react-hook-form'

/** What the SLA form's sections need from its react-hook-form: fields by posted name, their errors, checkboxes. */
export type HandoffFieldKit = {
  field: (name: string) => UseFormRegisterReturn & { defaultValue?: string }
  err: (name: string) => string | undefined
  checkbox: (name: string) => UseFormRegisterReturn & { value: string; defaultChecked: boolean }
}

/** An input in a table cell: its label is the column and row, read out but not shown. */
export function CellInput({ label, error, children }: { label: string; error?: string; children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode }) {
  const id = useId()
  const errorId = error ? `${id}-error` : undefined
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': errorId })}
      {error ? (
        <span className="field-error" id={errorId} role="alert">
          {error}
        </span>
      ) : null}
    </>
  )
}

/** A problem with a group of fields (no channel chosen, a week without hours). */
export function FieldsetError({ message }: { message?: string }) {
  return message ? (
    <p className="field-error" role="alert">
      {message}
    </p>
  ) : null
}
