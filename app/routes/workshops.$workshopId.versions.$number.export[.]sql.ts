import type { LoaderFunctionArgs } from '@remix-run/node'
import { SQL_DIALECTS, type SqlDialect } from '~/domain/sql-export/compile-sql'
import { downloadHeaders, requireVersion, versionFileName, versionSql } from '~/models/version-export.server'
import { requireMember } from '~/http/permissions.server'
import { invariantResponse } from '~/http/responses.server'

/** The version's scoring as one SQL query: PostgreSQL by default, DuckDB with ?dialect=duckdb. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, params.workshopId)
  const version = await requireVersion(member.workshopId, params.number)
  const requested = new URL(request.url).searchParams.get('dialect') ?? 'postgres'
  const dialect = SQL_DIALECTS.find((known): known is SqlDialect => known === requested)
  invariantResponse(dialect, `Unknown dialect "${requested}": use ${SQL_DIALECTS.join(' or ')}.`, { status: 400 })
  return new Response(versionSql(version.snapshot.scoring, dialect), {
    headers: downloadHeaders('application/sql; charset=utf-8', versionFileName(version, 'sql', `${dialect}.sql`)),
  })
}
