import { Fragment } from 'react'
import { Field } from '~/components/form'
import { WEEKDAY_LABELS, WEEKDAYS, type Weekday } from '~/domain/sla/schema'
import { FieldsetError, type HandoffFieldKit } from './cells'
import { ScrollRegion } from '~/components/scroll-region'

/** The time zone, the opening hours of each day and the holidays: what the SLA clock counts in. */
export function BusinessHoursFieldset({ kit, closedDays, timeZones, disabled }: { kit: HandoffFieldKit; closedDays: ReadonlySet<Weekday>; timeZones: readonly string[]; disabled: boolean }) {
  const { field, err, checkbox } = kit
  return (
    <fieldset aria-disabled={disabled || undefined}>
      <legend>Business hours</legend>
      <div className="hours-layout">
        <div>
          <Field label="Time zone" hint="The SLA clock counts business hours in this zone." error={err('timeZone')}>
            {(props) => (
              <select {...props} {...field('timeZone')}>
                {timeZones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <FieldsetError message={err('businessHours')} />
          <ScrollRegion label="Opening hours">
            <table className="form-table hours">
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Opens</th>
                  <th scope="col">Closes</th>
                  <th scope="col">Closed</th>
                </tr>
              </thead>
              <tbody>
                {WEEKDAYS.map((day) => {
                  const openError = err(`businessHours.${day}.open`)
                  const closeError = err(`businessHours.${day}.close`)
                  // The row is too narrow for a sentence: a day's error gets the row below, tied to its input.
                  const errorId = `hours-${day}-error`
                  return (
                    <Fragment key={day}>
                      <tr className={closedDays.has(day) ? 'closed' : undefined}>
                        <th scope="row">{WEEKDAY_LABELS[day]}</th>
                        <td>
                          <label htmlFor={`hours-${day}-open`} className="visually-hidden">
                            {WEEKDAY_LABELS[day]} opens
                          </label>
                          <input
                            id={`hours-${day}-open`}
                            {...field(`businessHours.${day}.open`)}
                            type="text"
                            inputMode="numeric"
                            placeholder="09:00"
                            className="time"
                            aria-invalid={Boolean(openError)}
                            aria-describedby={openError ? errorId : undefined}
                          />
                        </td>
                        <td>
                          <label htmlFor={`hours-${day}-close`} className="visually-hidden">
                            {WEEKDAY_LABELS[day]} closes
                          </label>
                          <input
                            id={`hours-${day}-close`}
                            {...field(`businessHours.${day}.close`)}
                            type="text"
                            inputMode="numeric"
                            placeholder="17:30"
                            className="time"
                            aria-invalid={Boolean(closeError)}
                            aria-describedby={closeError ? errorId : undefined}
                          />
                        </td>
                        <td>
                          <label className="choice">
                            <input type="checkbox" {...checkbox(`businessHours.${day}.closed`)} />
                            <span className="visually-hidden">{WEEKDAY_LABELS[day]}</span> closed
                          </label>
                        </td>
                      </tr>
                      {openError || closeError ? (
                        <tr className="row-error">
                          <td colSpan={4}>
                            <span className="field-error" id={errorId} role="alert">
                              {WEEKDAY_LABELS[day]}: {[openError, closeError].filter(Boolean).join(' ')}
                            </span>
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  )
                })}
              </tbody>
            </table>
          </ScrollRegion>
          <p className="muted small">24-hour times such as 08:30; 24:00 ends the day. Hours past midnight: split them over two days.</p>
        </div>
        <Field label="Holidays (one date a line, YYYY-MM-DD)" hint="No business hours on these dates." error={err('holidays')}>
          {(props) => <textarea {...props} {...field('holidays')} rows={14} className="mono" />}
        </Field>
      </div>
    </fieldset>
  )
}
