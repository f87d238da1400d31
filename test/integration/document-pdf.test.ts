import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { workshops } from '#db/schema'
import { definitionSummary } from '~/domain/document/summary'
import { prepareDatabase } from '~/http/startup.server'
import { getVersion } from '~/models/version.server'
import { loader as pdfExport } from '~/routes/workshops.$workshopId.versions.$number.export[.]pdf'
import { person, useTestDatabase } from '../setup/test-database'
import { DEMO_USERS } from '~/demo/seed.server'
import { sessionCookieFor } from '~/http/session.server'
import { users } from '#db/schema'

const store = useTestDatabase()

type TextItem = { str: string }

/** Every page's text as pdfjs-dist extracts it (what a reader selects and copies), lines joined by spaces. */
async function readPdf(bytes: Uint8Array) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const pdf = await pdfjs.getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise
  const pages: string[] = []
  const links: { url?: string; dest?: unknown }[] = []
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number)
    const content = await page.getTextContent()
    pages.push((content.items as TextItem[]).map((item) => item.str).join(' '))
    for (const annotation of (await page.getAnnotations()) as { subtype: string; url?: string; dest?: unknown }[]) {
      if (annotation.subtype === 'Link') links.push({ url: annotation.url, dest: annotation.dest })
    }
  }
  const info = (await pdf.getMetadata()).info as Record<string, string>
  await pdf.destroy()
  return { numPages: pdf.numPages, pages, links, info }
}

/** Text compared across line breaks: pdfjs returns each line as an item; the PDF may break a sentence anywhere. */
const squash = (text: string) => text.replace(/\s+/g, ' ').replace(/- /g, '-').trim()
const words = (text: string) => squash(text).replace(/ /g, '')

describe('the PDF of the demo’s version 2', () => {
  it('is a real PDF: A4 pages, selectable text with the definition and every rule label, embedded fonts, clickable links, page numbers', async () => {
    await prepareDatabase({ demo: true })
    const [workshop] = await store().db.select({ id: workshops.id }).from(workshops)
    const [facilitator] = await store()
      .db.select({ id: users.id })
      .from(users)
      .where(eq(users.email, DEMO_USERS.find((user) => user.role === 'facilitator')!.email))
    const cookie = (await sessionCookieFor(facilitator!.id)).split(';')[0]!
    const response = await pdfExport({
      request: new Request(`http://localhost/workshops/${workshop!.id}/versions/2/export.pdf`, { headers: { Cookie: cookie } }),
      params: { workshopId: workshop!.id, number: '2' },
      context: {},
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/pdf')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="acme-analytics-mql-sql-definition-v2.pdf"')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-')

    const pdf = await readPdf(bytes.slice())
    expect(pdf.info.Title).toBe('Acme Analytics: what an MQL and an SQL are (v2)')
    // Cover, contents, then the sections: long enough to hold them, short enough to read (no 14 pages of squeezed tables).
    expect(pdf.numPages).toBeGreaterThanOrEqual(8)
    expect(pdf.numPages).toBeLessThanOrEqual(14)
    const all = words(pdf.pages.join(' '))

    const version = (await getVersion({ workshopId: workshop!.id, number: 2 }))!
    const config = version.snapshot.scoring
    // The definition paragraph, as the document words it.
    const summary = definitionSummary(config)
    expect(all).toContain(words(summary.mql))
    expect(all).toContain(words(summary.sql))
    // Every rule label of every kind, as text.
    const labels = [...config.fit.rules, ...config.engagement.rules, ...config.disqualifiers, ...config.fastTrack, ...config.sql.criteria].map((rule) => rule.label)
    expect(labels.length).toBeGreaterThan(20)
    for (const label of labels) expect(all, label).toContain(words(label))
    // Plain words: no slug of a value, no enum list in a label.
    for (const slug of ['c_level', 'this_quarter', 'demo_request', 'month(s)']) expect(all).not.toContain(slug)
    expect(all).toContain(words('Seniority is C-level or VP'))

    // The cover: company, version, the human date in the workshop's zone, who signed, the note.
    expect(squash(pdf.pages[0]!)).toContain('Acme Analytics')
    expect(squash(pdf.pages[0]!)).toContain('9 Nov 2026, 11:00 CET')
    expect(words(pdf.pages[0]!)).toContain(words(version.note.slice(0, 60)))
    expect(words(pdf.pages[0]!)).toContain(words('Mia Marketing'))
    // Running footer with page numbers on every page after the cover.
    for (let page = 2; page <= pdf.numPages; page++) {
      expect(squash(pdf.pages[page - 1]!), `page ${page}`).toContain(`Acme Analytics · MQL/SQL definition v2`)
      expect(squash(pdf.pages[page - 1]!), `page ${page}`).toContain(`page ${page} of ${pdf.numPages}`)
    }
    // Links: the contents page jumps to each section; the cover links to the version online.
    expect(pdf.links.filter((link) => link.dest).length).toBeGreaterThanOrEqual(11)
    expect(
      pdf.links.some(
        (link) => link.url === `${process.env.PUBLIC_URL ?? ''}`.concat(`/workshops/${workshop!.id}/versions/2`) || link.url?.endsWith(`/workshops/${workshop!.id}/versions/2`)
      )
    ).toBe(true)

    // Fonts are embedded (poppler's pdffonts, installed by .ci/run), and the pages as PNGs for people to look at.
    const dir = path.join('test-results', 'pdf-pages')
    fs.mkdirSync(dir, { recursive: true })
    const file = path.join(dir, 'demo-v2.pdf')
    fs.writeFileSync(file, bytes)
    // Every font is embedded (emb), as a subset (sub), with a Unicode map (uni: the text copies as typed); no standard Helvetica.
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
    expect(fonts.map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold'])
    for (const line of fonts) expect(line, line).toMatch(/\byes\s+yes\s+yes\b/)
    execFileSync('pdftoppm', ['-r', '60', '-png', file, path.join(dir, 'demo-v2-page')])
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('demo-v2-page')).length).toBe(pdf.numPages)
  }, 120_000)

  it('is refused to people outside the workshop', async () => {
    const outsider = await person('outsider-pdf@example.com')
    const [workshop] = await store().db.select({ id: workshops.id }).from(workshops)
    await expect(
      pdfExport({
        request: new Request(`http://localhost/workshops/${workshop!.id}/versions/2/export.pdf`, { headers: { Cookie: outsider.cookie } }),
        params: { workshopId: workshop!.id, number: '2' },
        context: {},
      })
    ).rejects.toMatchObject({ status: 404 })
  })
})
