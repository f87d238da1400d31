import { buildDocument, type DefinitionDocument } from '~/domain/document/model'
import { getDocumentLogo } from './document-logo.server'
import { getVersion } from './version.server'
import { buildDraftSnapshot } from './snapshot.server'

type Version = NonNullable<Awaited<ReturnType<typeof getVersion>>>

/** A loaded version's definition document (one load serves the page and every export). */
export async function documentOfVersion(workshopId: string, version: Version): Promise<DefinitionDocument> {
  return buildDocument({
    snapshot: version.snapshot,
    status: { kind: 'published', version: version.number, publishedAt: version.publishedAt.toISOString(), publishedBy: version.publishedBy, note: version.note },
    changelog: version.changelog,
    logo: await getDocumentLogo(workshopId),
  })
}

/** A published version's definition document, or undefined when there is no such version. */
export async function getVersionDocument(input: { workshopId: string; number: number }): Promise<DefinitionDocument | undefined> {
  const version = await getVersion(input)
  return version ? documentOfVersion(input.workshopId, version) : undefined
}

export async function getDraftDocument(workshopId: string): Promise<DefinitionDocument> {
  const [draft, logo] = await Promise.all([buildDraftSnapshot(workshopId), getDocumentLogo(workshopId)])
  return buildDocument({ snapshot: { ...draft, signOffs: [] }, status: { kind: 'draft' }, changelog: [], logo })
}
