import { Link } from '@remix-run/react'
import { ROLE_LABELS, type Role } from '~/domain/workshops/roles'
import { CodeBlock, ScrollRegion } from '~/components/scroll-region'

/** How to get a token, and the ids of the reader's own workshops (with a link to their tokens where they may manage them). */
export function GetStarted({ workshops, loggedIn }: { workshops: { id: string; name: string; role: Role; canManageTokens: boolean }[]; loggedIn: boolean }) {
  return (
    <section className="card" aria-labelledby="start-heading">
      <h2 id="start-heading">Get started</h2>
      <ol>
        <li>
          A facilitator opens the workshop’s <strong>Integrations</strong> page, creates a token for the tool, and copies it (it is shown once).
        </li>
        <li>
          Put the token and the workshop id (shown on the same page) in your shell, then paste any command below:
          <CodeBlock label="Shell variables for the commands below">{`export LEADPACT_TOKEN=lp_…\nexport WORKSHOP_ID=${workshops[0]?.id ?? '…'}`}</CodeBlock>
        </li>
      </ol>
      {workshops.length > 0 ? (
        <ScrollRegion label="Your workshops and their ids">
          <table>
            <caption className="visually-hidden">Your workshops and their ids</caption>
            <thead>
              <tr>
                <th scope="col">Your workshops</th>
                <th scope="col">Workshop id</th>
                <th scope="col">Your role</th>
                <th scope="col">
                  <span className="visually-hidden">Tokens</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {workshops.map((workshop) => (
                <tr key={workshop.id}>
                  <td>{workshop.name}</td>
                  <td>
                    <code>{workshop.id}</code>
                  </td>
                  <td>{ROLE_LABELS[workshop.role]}</td>
                  <td>{workshop.canManageTokens ? <Link to={`/workshops/${workshop.id}/integrations`}>Manage tokens</Link> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : !loggedIn ? (
        <p className="small muted">
          <Link to="/login?redirectTo=/api">Log in</Link> to see your workshops’ ids here.
        </p>
      ) : null}
    </section>
  )
}
