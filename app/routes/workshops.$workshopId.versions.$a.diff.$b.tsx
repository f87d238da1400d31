import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DocumentCss } from '~/components/definition-document'
import { ChangeGroups } from '~/components/document/blocks'
import { diffSnapshots, groupChanges, summariseChanges } from '~/domain/diff/diff'
import { requireMember } from '~/http/permissions.server'
import { invariantResponse } from '~/http/responses.server'
import { getVersion, listVersions } from '~/models/version.server'
import { Icon } from '~/components/icons'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `v${data.a} → v${data.b} · Leadpact` : 'Diff · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const a = Number(params.a)
  const b = Number(params.b)
  const [before, after, versions] = await Promise.all([
    Number.isInteger(a) ? getVersion({ workshopId: member.workshopId, number: a }) : undefined,
    Number.isInteger(b) ? getVersion({ workshopId: member.workshopId, number: b }) : undefined,
    listVersions(member.workshopId),
  ])
  invariantResponse(before && after, 'Version not found', { status: 404 })
  const changes = diffSnapshots(before.snapshot, after.snapshot)
  // The publishers' notes of the versions between the two: why things changed, in their words.
  const [low, high] = a < b ? [a, b] : [b, a]
  const notes = versions
    .filter((version) => version.number > low && version.number <= high)
    .map((version) => ({ number: version.number, note: version.note, publishedBy: version.publishedBy, publishedText: version.publishedText }))
    .reverse()
  return json({ workshopId: member.workshopId, a, b, summary: summariseChanges(changes), groups: groupChanges(changes), notes })
}

export default function DiffPage() {
  const { workshopId, a, b, summary, groups, notes } = useLoaderData<typeof loader>()
  const base = `/workshops/${workshopId}/versions`
  return (
    <div className="stack">
      <DocumentCss />
      <div>
        <h2>
          What changed from <Link to={`${base}/${a}`}>v{a}</Link> to <Link to={`${base}/${b}`}>v{b}</Link>
        </h2>
        {a > b ? <p className="muted small">Read backwards: from the later version to the earlier one.</p> : null}
      </div>
      {notes.filter((entry) => entry.note).length ? (
        <section className="card" aria-labelledby="notes-heading">
          <h3 id="notes-heading">Why, in the publishers&apos; words</h3>
          {notes
            .filter((entry) => entry.note)
            .map((entry) => (
              <blockquote key={entry.number} className="version-note">
                <p className="small muted">
                  Version {entry.number}, {entry.publishedBy}, {entry.publishedText}
                </p>
                <p>{entry.note}</p>
              </blockquote>
            ))}
        </section>
      ) : null}
      {groups.length === 0 ? (
        <div className="empty">
          <Icon name="equal" className="empty-icon" />
          <h2>No differences</h2>
          <p>These two versions define leads the same way.</p>
        </div>
      ) : (
        <div className="card doc-embed diff">
          <p className="doc-changes-summary" data-testid="diff-summary">
            {summary}
          </p>
          <ChangeGroups groups={groups} />
        </div>
      )}
    </div>
  )
}
