import { json, redirect } from '@remix-run/node'
import type { ParsedForm } from '~/http/form.server'
import { flashCookie, type Flash } from './flash.server'
import type { FormAnswer } from './form-answer'

/** 400: the form refills with what was sent and shows the schema's messages next to the fields. */
export function invalid(form: string, parsed: Pick<Extract<ParsedForm<unknown>, { ok: false }>, 'errors' | 'values'>, extra: Partial<FormAnswer> = {}) {
  return json<FormAnswer>({ form, errors: parsed.errors, values: parsed.values, ...extra }, { status: 400 })
}

/** An answer about a form with any status: a refusal in words (`errors.form`), a 404 for a row deleted meanwhile. */
export function answer(status: number, body: FormAnswer) {
  return json<FormAnswer>(body, { status })
}

/** 409: someone else saved first. The form keeps what this person typed, at the revisions that now stand. */
export function conflict(form: string, body: { message: string; values?: Record<string, unknown>; theirs?: Record<string, unknown> }) {
  return json<FormAnswer>({ form, values: body.values, conflict: { message: body.message, theirs: body.theirs } }, { status: 409 })
}

/**
 * Post/Redirect/Get: after a successful post the browser loads the page afresh, so a reload
 * never posts twice; the message shows once.
 */
export async function redirectWithFlash(to: string, flash: Flash | string, init: { headers?: HeadersInit } = {}) {
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await flashCookie(typeof flash === 'string' ? { tone: 'success', text: flash } : flash))
  return redirect(to, { headers })
}

/** Back to the page that posted (the action's own URL), with a message. */
export function backTo(request: Request, hash?: string) {
  const url = new URL(request.url)
  url.searchParams.delete('index')
  url.searchParams.delete('_data')
  return `${url.pathname}${url.search}${hash ? `#${hash}` : ''}`
}
