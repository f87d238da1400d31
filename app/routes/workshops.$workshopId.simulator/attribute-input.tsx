import type { UseFormRegisterReturn } from 'react-hook-form'
import { OTHER_VALUE } from './other-values'

export type SimulatorField = { key: string; label: string; type: string; values?: readonly { value: string; label: string }[] }

const comparable = (value: string) => value.trim().toLowerCase()

/**
 * The typed lead's text as the lists offer it: a stored "DE" becomes the listed "de", since it
 * scores the same (text compares trimmed, lower-cased) and the list can then show it selected.
 */
export function withListedValues(attributes: Record<string, string>, fields: readonly SimulatorField[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(attributes).map(([key, value]) => {
      const listed = fields.find((field) => field.key === key)?.values?.find((entry) => comparable(entry.value) === comparable(value))
      return [key, listed ? listed.value : value]
    }),
  )
}

type InputProps = { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }

/**
 * One attribute of the typed lead: yes/no/unknown for a yes-no field, a list of the field's allowed
 * values (by their labels) when it has some, else a box of the field's type. A value the list
 * does not hold (a saved example from before the list) stays selectable, marked as not listed.
 */
export function AttributeInput({ field, props, registration, current }: { field: SimulatorField; props: InputProps; registration: UseFormRegisterReturn & { defaultValue?: string }; current?: string }) {
  if (field.type === 'boolean') {
    return (
      <select {...props} {...registration}>
        <option value="">Unknown</option>
        <option value="true">Yes</option>
        <option value="false">No</option>
      </select>
    )
  }
  if (field.values?.length) {
    const listed = !current || field.values.some((entry) => entry.value === current)
    // The text box shows once "Another value…" is chosen (CSS :has, so without JavaScript too).
    return (
      <div className="value-pick">
        <select {...props} {...registration}>
          <option value="">Unknown</option>
          {field.values.map((entry) => (
            <option key={entry.value} value={entry.value}>
              {entry.label}
            </option>
          ))}
          {listed ? null : <option value={current}>{current} (not listed)</option>}
          <option value={OTHER_VALUE}>Another value…</option>
        </select>
        <input type="text" name={`other.${field.key}`} className="other-value" aria-label={`${field.label}: another value`} placeholder="Type the value" />
      </div>
    )
  }
  return <input {...props} {...registration} type={field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'} step="any" />
}
