import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { diffSnapshots, groupChanges } from '~/domain/diff/diff'
import { getVersion } from '~/models/sign-off.server'
import { requireMember } from '~/http/permissions.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `v${data.a} → v${data.b} · Leadpact` : 'Diff · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const a = Number(params.a)
  const b = Number(params.b)
  const [before, after] = await Promise.all([
    Number.isInteger(a) ? getVersion({ workshopId: member.workshopId, number: a }) : undefined,
    Number.isInteger(b) ? getVersion({ workshopId: member.workshopId, number: b }) : undefined,
  ])
  if (!before || !after) throw new Response('Version not found', { status: 404 })
  return json({ workshopId: member.workshopId, a, b, groups: groupChanges(diffSnapshots(before.snapshot, after.snapshot)) })
}

export default function DiffPage() {
  const { workshopId, a, b, groups } = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <div>
        <h2>
          What changed from <Link to={`/workshops/${workshopId}/versions/${a}`}>v{a}</Link> to <Link to={`/workshops/${workshopId}/versions/${b}`}>v{b}</Link>
        </h2>
      </div>
      {groups.length === 0 ? (
        <div className="empty">
          <h2>No differences</h2>
          <p>These two versions define leads the same way.</p>
        </div>
      ) : (
        <div className="card">
          {groups.map((group) => (
            <section key={group.section} className="diff-group">
              <h3>{group.section}</h3>
              <ul>
                {group.changes.map((change) => (
                  <li key={change}>{change}</li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </div>
  )
}
