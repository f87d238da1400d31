/**
 * What every action answers when it does not redirect: which form on the page the answer is
 * about, and what that form needs to show. One shape for every page (a 400 refills the form
 * with `values` and shows `errors`; a 409 also says whose change won in `conflict`).
 * Successful posts redirect instead (Post/Redirect/Get) with a flash message.
 */
export interface FormAnswer {
  /** The form's name on the page (its `intent` unless a page has two forms for one intent). */
  form: string
  /** Field errors by dotted name (`clauses.0.field`); `form` is an error about the whole form. */
  errors?: Record<string, string>
  /** What the person sent, nested like the schema's input, so the form refills (never passwords). */
  values?: Record<string, unknown>
  /** Someone else's change won: what it was, and the revisions to retry against. */
  conflict?: { message: string; theirs?: Record<string, unknown> }
  notice?: { tone: 'success' | 'warn' | 'error'; text: string }
}

/** The answer addressed to `form`, if the page's last action answered for it. */
export function answerFor(answer: FormAnswer | undefined, form: string): FormAnswer | undefined {
  return answer && answer.form === form ? answer : undefined
}
