import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { DocumentCss } from '~/components/definition-document'
import { groupChanges, summariseChanges } from '~/domain/diff/diff'
import { withdrawFormName } from '~/domain/document/schemas'
import { SECTION_TITLES } from '~/domain/document/snapshot'
import { readFormData, readIntent } from '~/http/form.server'
import { answerFor, type FormAnswer } from '~/http/form-answer'
import { requireMember } from '~/http/permissions.server'
import { getReviewState } from '~/models/version.server'
import { publishIntent, signOffIntent, unchangedText, withdrawIntent } from './intents.server'
import { PublishPanel } from './publish-panel'
import { SectionCard, TEAM_LABEL } from './section-card'

export const meta: MetaFunction = () => [{ title: 'Review and publish · Leadpact' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const state = await getReviewState(member.workshopId)
  const canPublish = member.can('publish')
  const changes = state.changesSinceLatest
  return json({
    workshopId: member.workshopId,
    userId: member.user.id,
    team: member.can('sign-off') && (member.role === 'marketing' || member.role === 'sales') ? member.role : null,
    sections: state.sections.map((section) => ({ ...section, title: SECTION_TITLES[section.section] })),
    publish: {
      workshopId: member.workshopId,
      canPublish,
      latest: state.latest,
      readyToPublish: state.readyToPublish,
      unchangedSince: state.unchangedSince,
      unchangedText: state.unchangedSince !== null ? unchangedText(state.unchangedSince) : null,
      missingText: state.sections.flatMap((section) => section.missing.map((team) => `${TEAM_LABEL[team]} for “${SECTION_TITLES[section.section]}”`)).join(', '),
      configProblems: state.configProblems,
      // Step two of publishing (?publish): the changes and the note. Plain links, so it works without JavaScript.
      confirming: canPublish && state.readyToPublish && new URL(request.url).searchParams.has('publish'),
      pending: changes ? { summary: summariseChanges(changes), groups: groupChanges(changes) } : null,
    },
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const formData = await readFormData(request)
  switch (readIntent(formData, ['sign-off', 'withdraw', 'publish'])) {
    case 'sign-off':
      return signOffIntent({ member, formData })
    case 'withdraw':
      return withdrawIntent({ member, formData })
    case 'publish':
      return publishIntent({ member, formData })
  }
}

export default function ReviewPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<FormAnswer>()
  return (
    <div className="stack">
      <DocumentCss />
      <div>
        <p className="eyebrow">Step 8</p>
        <h2>Review, sign off and publish</h2>
        <p className="muted">
          Each section needs a sign-off from at least one marketing and one sales member. Any change to a section afterwards voids its sign-offs. Read the{' '}
          <Link to={`/workshops/${data.workshopId}/draft`}>draft definition document</Link> before signing.
        </p>
      </div>
      <div className="sign-grid">
        {data.sections.map((section) => (
          <SectionCard key={section.section} section={section} userId={data.userId} team={data.team} withdrawAnswer={answerFor(actionData, withdrawFormName(section.section))} />
        ))}
      </div>
      <PublishPanel view={data.publish} answer={answerFor(actionData, 'publish')} />
    </div>
  )
}
