import fs from 'node:fs'
import path from 'node:path'
import { Document, Font, Image, Page, renderToBuffer } from '@react-pdf/renderer'
import { DefinitionPdf, PDF_FONT } from '~/components/document/pdf-document'
import type { DefinitionDocument } from '~/domain/document/model'

/*
 * The definition document as a real PDF, rendered on the server without a browser. Fonts:
 * DejaVu Sans (Bitstream Vera licence, public/fonts/dejavu/LICENSE.txt), embedded as subsets.
 * Not the PDF standard Helvetica: standard fonts are not embedded and only cover WinAnsi, so the
 * document's ≥, → and “ ” would not print.
 */

let registered = false

function fontPath(file: string): string {
  // The server runs from the project root (npm start, the tests); public/ ships with the build.
  const candidate = path.join(process.cwd(), 'public', 'fonts', 'dejavu', file)
  if (!fs.existsSync(candidate)) throw new Error(`The PDF font ${candidate} is missing: public/fonts/dejavu must ship with the app.`)
  return candidate
}

function registerFonts() {
  if (registered) return
  Font.register({
    family: PDF_FONT,
    fonts: [{ src: fontPath('DejaVuSans.ttf') }, { src: fontPath('DejaVuSans-Bold.ttf'), fontWeight: 'bold' }, { src: fontPath('DejaVuSans-Oblique.ttf'), fontStyle: 'italic' }],
  })
  // Words are never split with hyphens: a rule label or a persona's name reads as typed.
  Font.registerHyphenationCallback((word) => [word])
  registered = true
}

/**
 * Renders twice: the first pass learns on which page each section starts, the second prints
 * those numbers on the contents page (the layout does not change between the passes).
 */
export async function renderDocumentPdf(document: DefinitionDocument, options: { onlineUrl?: string } = {}): Promise<Buffer> {
  registerFonts()
  const sectionPages: Record<string, number> = {}
  await renderToBuffer(<DefinitionPdf document={document} onlineUrl={options.onlineUrl} onSectionPage={(id, page) => (sectionPages[id] = page)} />)
  return renderToBuffer(<DefinitionPdf document={document} onlineUrl={options.onlineUrl} sectionPages={sectionPages} />)
}

/** Whether the PDF renderer draws this image (a one-page PDF with it): checked before a logo is stored. */
export async function renderLogoCheck(logo: { contentType: string; bytes: Uint8Array; width: number; height: number }): Promise<boolean> {
  registerFonts()
  const src = `data:${logo.contentType};base64,${Buffer.from(logo.bytes).toString('base64')}`
  try {
    const pdf = await renderToBuffer(
      <Document>
        <Page size="A6">
          <Image src={src} style={{ width: 100, height: 100 * (logo.height / logo.width) }} />
        </Page>
      </Document>
    )
    return pdf.length > 0
  } catch {
    return false
  }
}
