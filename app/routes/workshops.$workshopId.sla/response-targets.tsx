import { Link } from '@remix-run/react'
import { Field } from '~/components/form'
import { UNIT_LABELS } from '~/domain/sla/form'
import { PRIORITIES, ROUTING_LABELS, ROUTING_METHODS, SLA_UNITS } from '~/domain/sla/schema'
import { CellInput, FieldsetError, type HandoffFieldKit } from './cells'
import { ScrollRegion } from '~/components/scroll-region'

/** How an MQL reaches sales, and how soon each priority gets its first contact. */
export function ResponseTargetsFieldset({
  kit,
  targets,
  disabled,
  workshopId,
}: {
  kit: HandoffFieldKit
  targets: readonly { priority?: string; label?: string }[]
  disabled: boolean
  workshopId: string
}) {
  const { field, err } = kit
  return (
    <fieldset aria-disabled={disabled || undefined}>
      <legend>Routing and response times</legend>
      <div className="single-field">
        <Field label="Routing" hint="How an MQL reaches a salesperson." error={err('routing')}>
          {(props) => (
            <select {...props} {...field('routing')}>
              {ROUTING_METHODS.map((method) => (
                <option key={method} value={method}>
                  {ROUTING_LABELS[method]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <FieldsetError message={err('responseTargets')} />
      <ScrollRegion label="Response times by priority">
        <table className="form-table targets">
          <thead>
            <tr>
              <th scope="col">Priority</th>
              <th scope="col">Which MQLs</th>
              <th scope="col">First contact within</th>
            </tr>
          </thead>
          <tbody>
            {targets.map((target, index) => {
              const name = target.label || PRIORITIES[index]
              const at = `responseTargets.${index}`
              return (
                <tr key={target.priority ?? index}>
                  <td>
                    <input type="hidden" {...field(`${at}.priority`)} />
                    <CellInput label={`${name}: priority name`} error={err(`${at}.label`)}>
                      {(props) => <input {...props} {...field(`${at}.label`)} type="text" className="short" />}
                    </CellInput>
                  </td>
                  <td>
                    <CellInput label={`${name}: which MQLs`} error={err(`${at}.description`)}>
                      {(props) => <textarea {...props} {...field(`${at}.description`)} rows={3} />}
                    </CellInput>
                  </td>
                  <td>
                    <div className="duration">
                      <CellInput label={`${name} response time`} error={err(`${at}.within.amount`)}>
                        {(props) => <input {...props} {...field(`${at}.within.amount`)} type="number" min={1} className="amount" />}
                      </CellInput>
                      <CellInput label={`${name} response time unit`} error={err(`${at}.within.unit`)}>
                        {(props) => (
                          <select {...props} {...field(`${at}.within.unit`)}>
                            {SLA_UNITS.map((unit) => (
                              <option key={unit} value={unit}>
                                {UNIT_LABELS[unit]}
                              </option>
                            ))}
                          </select>
                        )}
                      </CellInput>
                    </div>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </ScrollRegion>
      <p className="muted small">
        The odds of reaching a lead fall sharply after the first five minutes. Business units count only business hours; the others run around the clock.
        Which MQLs are hot follows the grades and fast-track actions of the <Link to={`/workshops/${workshopId}/scoring`}>scoring model</Link>.
      </p>
    </fieldset>
  )
}
