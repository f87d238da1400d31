import type { LoaderFunctionArgs } from '@remix-run/node'
import { assessmentMarkdown } from '~/domain/assessment/exports'
import { requireReadableReport } from '~/http/assessment-results.server'
import { requireMember } from '~/http/permissions.server'
import { downloadHeaders } from '~/models/version-export.server'

/** The round's report as Markdown: the same view model as the page, every typed text escaped. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const report = await requireReadableReport(member, new URL(request.url))
  const markdown = assessmentMarkdown(report, { name: member.workshop.name, company: member.workshop.company })
  return new Response(markdown, { headers: downloadHeaders('text/markdown; charset=utf-8', `alignment-assessment-${report.round.name}.md`) })
}
