/*
 * The logo a facilitator puts on the cover of the definition document. Only PNG and JPEG:
 *
 * - SVG is a document that can carry scripts, external references and entity tricks; making it
 *   safe needs a maintained sanitiser (DOMPurify with a DOM), which the app does not ship, and
 *   the PDF renderer (@react-pdf/renderer) cannot draw an SVG file anyway. Export a PNG instead.
 * - A PNG or JPEG is read chunk by chunk here, refused unless it is well-formed, and rewritten
 *   with only the parts that draw the picture: text chunks, EXIF (camera, GPS position), XMP,
 *   comments and anything unknown are dropped, so no metadata of the uploader travels with every
 *   shared document. The bytes are then served only as an image (never as HTML) and embedded
 *   as data, so the browser never fetches anything from them.
 */

export const LOGO_MAX_BYTES = 512 * 1024
export const LOGO_MIN_SIDE = 16
export const LOGO_MAX_SIDE = 4000
export const LOGO_CONTENT_TYPES = ['image/png', 'image/jpeg'] as const
export type LogoContentType = (typeof LOGO_CONTENT_TYPES)[number]

export type CleanLogo = { contentType: LogoContentType; bytes: Uint8Array; width: number; height: number }
export type LogoResult = { ok: true; value: CleanLogo } | { ok: false; message: string }

const refuse = (message: string): LogoResult => ({ ok: false, message })

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
/** The chunks that make the picture (and its colours); every other chunk is dropped. */
const PNG_KEPT = new Set(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND', 'gAMA', 'cHRM', 'sRGB'])

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

const u32 = (bytes: Uint8Array, at: number) => ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0
const u16 = (bytes: Uint8Array, at: number) => (bytes[at]! << 8) | bytes[at + 1]!

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

function sides(width: number, height: number): string | undefined {
  if (width < LOGO_MIN_SIDE || height < LOGO_MIN_SIDE) return `The logo is ${width} × ${height} pixels: use one at least ${LOGO_MIN_SIDE} pixels on each side.`
  if (width > LOGO_MAX_SIDE || height > LOGO_MAX_SIDE) return `The logo is ${width} × ${height} pixels: use one at most ${LOGO_MAX_SIDE} pixels on each side.`
  return undefined
}

function cleanPng(bytes: Uint8Array): LogoResult {
  const broken = refuse('This PNG file is damaged: export the logo again and upload the new file.')
  const kept: Uint8Array[] = [bytes.subarray(0, 8)]
  let at = 8
  let width = 0
  let height = 0
  let sawData = false
  let ended = false
  let first = true
  while (at + 12 <= bytes.length) {
    const length = u32(bytes, at)
    const end = at + 12 + length
    if (length > bytes.length || end > bytes.length) return broken
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8))
    if (!/^[A-Za-z]{4}$/.test(type)) return broken
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== u32(bytes, at + 8 + length)) return broken
    if (first && type !== 'IHDR') return broken
    if (type === 'IHDR') {
      if (!first || length !== 13) return broken
      width = u32(bytes, at + 8)
      height = u32(bytes, at + 12)
      const interlace = bytes[at + 20]
      if (interlace !== 0) return refuse('Interlaced PNGs are not supported: save the logo without interlacing (the default in most tools).')
    }
    if (type === 'IDAT') sawData = true
    if (PNG_KEPT.has(type)) kept.push(bytes.subarray(at, end))
    first = false
    at = end
    if (type === 'IEND') {
      ended = true
      break
    }
  }
  if (!ended || !sawData) return broken
  const problem = sides(width, height)
  if (problem) return refuse(problem)
  return { ok: true, value: { contentType: 'image/png', bytes: concat(kept), width, height } }
}

/** SOF markers of baseline, extended and progressive Huffman JPEGs: what browsers and PDF readers draw. */
const JPEG_FRAMES = new Set([0xc0, 0xc1, 0xc2])

function cleanJpeg(bytes: Uint8Array): LogoResult {
  const broken = refuse('This JPEG file is damaged: export the logo again and upload the new file.')
  const kept: Uint8Array[] = [bytes.subarray(0, 2)]
  let at = 2
  let width = 0
  let height = 0
  let ended = false
  while (at + 2 <= bytes.length) {
    if (bytes[at] !== 0xff) return broken
    const marker = bytes[at + 1]!
    if (marker === 0xff) {
      at += 1 // fill byte
      continue
    }
    if (marker === 0xd9) {
      kept.push(bytes.subarray(at, at + 2))
      ended = true
      break
    }
    if (at + 4 > bytes.length) return broken
    const length = u16(bytes, at + 2)
    const end = at + 2 + length
    if (length < 2 || end > bytes.length) return broken
    const segment = bytes.subarray(at, end)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (!JPEG_FRAMES.has(marker)) return refuse('This JPEG uses a coding browsers and PDF readers do not draw (lossless or arithmetic): save it as a standard JPEG or a PNG.')
      if (length < 8) return broken
      height = u16(bytes, at + 5)
      width = u16(bytes, at + 7)
    }
    const isApp = marker >= 0xe0 && marker <= 0xef
    const appName = isApp ? String.fromCharCode(...bytes.subarray(at + 4, Math.min(end, at + 16))) : ''
    // APP0 JFIF and APP14 Adobe say how to read the colours; an ICC profile keeps them right.
    const keepApp = (marker === 0xe0 && appName.startsWith('JFIF')) || (marker === 0xee && appName.startsWith('Adobe')) || (marker === 0xe2 && appName.startsWith('ICC_PROFILE'))
    const isComment = marker === 0xfe
    if ((!isApp || keepApp) && !isComment) kept.push(segment)
    at = end
    if (marker === 0xda) {
      // Entropy-coded data runs to the next marker that is not a stuffed 0x00 or a restart marker.
      let scan = at
      while (scan + 1 < bytes.length && !(bytes[scan] === 0xff && bytes[scan + 1] !== 0x00 && !(bytes[scan + 1]! >= 0xd0 && bytes[scan + 1]! <= 0xd7))) scan += 1
      if (scan + 1 >= bytes.length) return broken
      kept.push(bytes.subarray(at, scan))
      at = scan
    }
  }
  if (!ended || width === 0 || height === 0) return broken
  const problem = sides(width, height)
  if (problem) return refuse(problem)
  return { ok: true, value: { contentType: 'image/jpeg', bytes: concat(kept), width, height } }
}

/**
 * The logo as it will be stored, or why it is refused. The type is read from the bytes, never
 * from the file name or the browser's claim.
 */
export function cleanLogo(bytes: Uint8Array): LogoResult {
  if (bytes.length === 0) return refuse('Choose a logo file (PNG or JPEG).')
  if (bytes.length > LOGO_MAX_BYTES) return refuse(`The logo is ${Math.ceil(bytes.length / 1024)} KB: the most is ${LOGO_MAX_BYTES / 1024} KB. Export a smaller PNG or JPEG.`)
  if (PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) return cleanPng(bytes)
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return cleanJpeg(bytes)
  const head = new TextDecoder().decode(bytes.subarray(0, 256)).trimStart().toLowerCase()
  if (head.startsWith('<svg') || head.startsWith('<?xml'))
    return refuse('SVG logos are not accepted (an SVG can carry scripts, and the PDF cannot draw one): export the logo as a PNG.')
  return refuse('The logo must be a PNG or a JPEG file.')
}

/** How big the logo is drawn on the cover: inside a box, never enlarged, proportions kept. */
export function fitLogo(logo: { width: number; height: number }, box: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(1, box.width / logo.width, box.height / logo.height)
  return { width: Math.round(logo.width * scale), height: Math.round(logo.height * scale) }
}
