/**
 * Control flow by thrown Responses (STYLE §Errors): a condition that must hold, or the answer
 * that ends the request. `invariantResponse(workshop, 'Workshop not found', { status: 404 })`.
 */
export function invariantResponse(condition: unknown, message: string, init: ResponseInit = { status: 400 }): asserts condition {
  if (!condition) {
    throw new Response(message, { ...init, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...Object.fromEntries(new Headers(init.headers)) } })
  }
}
