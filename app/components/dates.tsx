/** Dates render in UTC on the server and the client alike, so hydration never disagrees. */
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
})

export function FormattedDate({ value, withTime = false }: { value: string | Date; withTime?: boolean }) {
  const date = new Date(value)
  return <time dateTime={date.toISOString()}>{(withTime ? dateTimeFormat : dateFormat).format(date)}</time>
}
