/*
 * A field with allowed values is a list in the simulator, but a lead may carry a value nobody
 * listed (a country outside the targets): the list's last choice, "Another value…", posts this
 * marker, and the text box beside it (`other.<key>`) holds the value. Pure, so the page and the
 * intents read it the same way, with or without JavaScript.
 */

export const OTHER_VALUE = '__other__'

/** The posted form with each "Another value…" replaced by the text typed for it; the `other.*` boxes dropped. */
export function withOtherValues(formData: FormData): FormData {
  const read = new FormData()
  for (const [key, value] of formData) {
    if (key.startsWith('other.')) continue
    if (key.startsWith('attributes.') && value === OTHER_VALUE) {
      const typed = formData.get(`other.${key.slice('attributes.'.length)}`)
      read.append(key, typeof typed === 'string' ? typed : '')
    } else read.append(key, value)
  }
  return read
}
