import { z } from 'zod'

/*
 * Text people type and we store. Control characters (NUL, escape, the C1 range…) are never
 * meant: they come from pasted binary or a hostile client, print as nothing, and break what we
 * hand on — a NUL in a rule value once made that version's SQL export fail forever. Tab, line
 * feed and carriage return are allowed where text has lines (a comment, a persona's pains); a
 * single-line field (a name, a label, a rule value) refuses them too.
 *
 * The checks are regular expressions rather than refinements, so that the JSON Schema generated
 * from the scoring config (scoring/json-schema.ts) carries them as `pattern`s.
 */

/** Matches text without C0 controls (other than tab, LF and CR), DEL or C1 controls. */
export const MULTILINE_TEXT = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/
/** Matches text without any control character: no tab, no line break. */
export const SINGLE_LINE_TEXT = /^[^\u0000-\u001F\u007F-\u009F]*$/

export type PlainTextOptions = {
  /** The most characters kept (after trimming, when trimmed). */
  max: number
  /** Allow tabs and line breaks (a textarea). */
  multiline?: boolean
  /** Trim surrounding whitespace first (forms do; the scoring config is taken as it is). */
  trim?: boolean
  /** What the field is, to start the messages: "The label" gives "The label has at most 80 characters." */
  label?: string
  /** The message (or zod error map) when the value is missing or not text. */
  error?: z.core.$ZodStringParams['error']
  /** The message when the text is longer than `max`. */
  tooLong?: string
  /** The message when the text holds a control character (or, single-line, a tab or line break). */
  invalid?: string
}

/** Whether `text` may be stored as typed: no control characters, and no line breaks unless multi-line. */
export function isPlainText(text: string, options: { multiline?: boolean } = {}): boolean {
  return (options.multiline ? MULTILINE_TEXT : SINGLE_LINE_TEXT).test(text)
}

/**
 * A zod string for stored text: trimmed (unless `trim: false`), at most `max` characters, and
 * free of control characters. Chain `.min(1, '…')` for a required field.
 */
export function plainText(options: PlainTextOptions) {
  const label = options.label ?? 'This text'
  const base = options.error === undefined ? z.string() : z.string({ error: options.error })
  const trimmed = options.trim === false ? base : base.trim()
  return trimmed
    .max(options.max, options.tooLong ?? `${label} has at most ${options.max.toLocaleString('en-US')} characters.`)
    .regex(
      options.multiline ? MULTILINE_TEXT : SINGLE_LINE_TEXT,
      options.invalid ??
        (options.multiline
          ? `${label} contains an invisible control character (such as NUL), which cannot be stored: retype the text or paste it as plain text.`
          : `${label} must be one line of plain text: remove line breaks, tabs and invisible control characters (such as NUL).`),
    )
}
