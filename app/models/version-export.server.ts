import { getVersion } from './sign-off.server'

/** The version a download belongs to, or a 404 Response (downloads are plain resource routes). */
export async function requireVersion(workshopId: string, numberParam: string | undefined) {
  const number = Number(numberParam)
  const version = Number.isInteger(number) && number > 0 ? await getVersion({ workshopId, number }) : undefined
  if (!version) throw new Response('Version not found', { status: 404 })
  return version
}

export function downloadHeaders(contentType: string, filename: string): HeadersInit {
  return {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]+/g, '-')}"`,
    // A published version never changes, so its exports can be cached by the browser.
    'Cache-Control': 'private, max-age=31536000, immutable',
  }
}
