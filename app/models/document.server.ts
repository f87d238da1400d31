import { buildDocument, type DefinitionDocument } from '~/domain/document/model'
import { getVersion } from './sign-off.server'
import { buildDraftSnapshot } from './snapshot.server'

/** A published version's definition document, or undefined when there is no such version. */
export async function getVersionDocument(input: { workshopId: string; number: number }): Promise<DefinitionDocument | undefined> {
  const version = await getVersion(input)
  if (!version) return undefined
  return buildDocument(
    version.snapshot,
    { kind: 'published', version: version.number, publishedAt: version.publishedAt.toISOString(), publishedBy: version.publishedBy },
    version.changelog,
  )
}

export async function getDraftDocument(workshopId: string): Promise<DefinitionDocument> {
  const draft = await buildDraftSnapshot(workshopId)
  return buildDocument({ ...draft, signOffs: [] }, { kind: 'draft' }, [])
}
