/**
 * What differs between the SQL dialects the scoring config compiles to. Everything else in the
 * generated query is written once, in SQL that PostgreSQL and DuckDB read the same way: CAST(…)
 * rather than `::`, CASE rather than FILTER, string functions both have (lower, split_part,
 * ltrim/rtrim with characters, left, rpad, replace, repeat, length, strpos).
 */

export const SQL_DIALECTS = ['postgres', 'duckdb'] as const
export type SqlDialect = (typeof SQL_DIALECTS)[number]

export interface Dialect {
  name: SqlDialect
  title: string
  /** The as-of parameter as the dialect's clients bind it. */
  asOfParameter: string
  /** How to bind it, for the header comment. */
  asOfHelp: string[]
  /** Epoch milliseconds of a TIMESTAMP (read as UTC) or TIMESTAMPTZ, as BIGINT. */
  epochMs(timestamp: string): string
  /** Trims any of the characters in `characters` from both ends. */
  trim(text: string, characters: string): string
  /**
   * Whether the text starts and ends with a printable ASCII character (so it has nothing to trim);
   * may be FALSE or NULL for some text that has none either, never TRUE for text that has.
   */
  printableEnds(text: string): string
  /**
   * Whether each step (CTE) ends with OFFSET 0. PostgreSQL inlines a CTE used once into the query
   * that uses it, copying an expression into every later one that reads it; DuckDB computes a
   * column once however often it is read, and plans better without the fences.
   */
  fences: boolean
  /** Whether the whole text matches the (anchored) regular expression. */
  fullMatch(text: string, pattern: string): string
  /** Capture group `group` of the first match, or NULL (no match, or an empty group). */
  capture(text: string, pattern: string, group: number): string
  /** Integer division of two non-negative INTEGER expressions. */
  intDiv(dividend: string, divisor: string): string
  /** A string literal that reads back exactly as `value`, whatever it contains. */
  text(value: string): string
  /** Compares text in code-point order, whatever the database's collation. */
  codePointOrder(expression: string): string
  /** A text list of the non-NULL values of `items`, in order (an empty list when none). */
  textList(items: string[]): string
  /** A BIGINT expression that stops the query with `message` (a text expression) when evaluated. */
  fail(message: string): string
  /** Format 2: the activities' properties column (JSON text or the dialect's JSON type) as the dialect's JSON. */
  json(column: string): string
  /**
   * The JSON kind of the value under `key` of a JSON object: 'string', 'number', 'boolean', 'other'
   * (an object or array), or NULL when the key is missing or holds null (or `json` is no object).
   */
  jsonKind(json: string, key: string): string
  /** The value under `key` as text: a string unquoted, a number as written, true/false. */
  jsonText(json: string, key: string): string
}

/** JavaScript's String.prototype.trim removes these (WhiteSpace and LineTerminator, ECMA-262 §12.2–12.3). */
export const JS_WHITESPACE_CODE_POINTS = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
  0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
]

function refuseNul(value: string, what: string) {
  // Neither database can hold NUL in text, and a C-string parser would stop at it.
  if (value.includes('\u0000')) throw new RangeError(`${what} contains a NUL character, which SQL text cannot hold: ${JSON.stringify(value)}`)
}

/** A double-quoted identifier: `a"b` becomes `"a""b"`, so no key can end the identifier early. */
export function quoteIdentifier(name: string): string {
  refuseNul(name, 'An identifier')
  return `"${name.replaceAll('"', '""')}"`
}

function standardString(value: string): string {
  refuseNul(value, 'A string value')
  return `'${value.replaceAll("'", "''")}'`
}

const postgres: Dialect = {
  name: 'postgres',
  title: 'PostgreSQL (14 or later)',
  asOfParameter: ':as_of',
  asOfHelp: [
    ':as_of  the moment to score as of, as text: ISO 8601 (UTC when it has no offset, whatever',
    '        the session time zone) or epoch milliseconds, read as the Leadpact engine reads it. With psql:',
    "          psql -v as_of=\"'2026-06-01T12:00:00Z'\" -f scoring.sql",
    '        or bind it as a named parameter (:as_of) in your client.',
  ],
  epochMs: (timestamp) => `CAST(FLOOR(EXTRACT(EPOCH FROM ${timestamp}) * 1000) AS BIGINT)`,
  trim: (text, characters) => `btrim(${text}, ${characters})`,
  printableEnds: (text) => `ascii(${text}) BETWEEN 33 AND 159 AND ascii(right(${text}, 1)) BETWEEN 33 AND 159`,
  fences: true,
  fullMatch: (text, pattern) => `(${text} ~ ${postgres.text(pattern)})`,
  capture: (text, pattern, group) => `NULLIF((regexp_match(${text}, ${postgres.text(pattern)}))[${group}], '')`,
  intDiv: (dividend, divisor) => `(${dividend}) / (${divisor})`,
  text(value) {
    // With standard_conforming_strings off, a backslash in '…' escapes the next character; an E'…'
    // string means the same under either setting once its backslashes are doubled.
    if (!value.includes('\\')) return standardString(value)
    refuseNul(value, 'A string value')
    return `E'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`
  },
  codePointOrder: (expression) => `${expression} COLLATE "C"`,
  textList: (items) => (items.length === 0 ? `CAST('{}' AS TEXT[])` : `array_remove(ARRAY[${items.join(', ')}], NULL)`),
  // PostgreSQL has no error() in plain SQL: a failing cast carries the message ("invalid input
  // syntax for type bigint: "Leadpact scoring: …"").
  fail: (message) => `CAST(${message} AS BIGINT)`,
  json: (column) => `CAST(${column} AS JSONB)`,
  jsonKind: (json, key) =>
    `CASE jsonb_typeof(${json} -> ${postgres.text(key)}) WHEN 'string' THEN 'string' WHEN 'number' THEN 'number' WHEN 'boolean' THEN 'boolean' WHEN 'object' THEN 'other' WHEN 'array' THEN 'other' END`,
  jsonText: (json, key) => `${json} ->> ${postgres.text(key)}`,
}

const duckdb: Dialect = {
  name: 'duckdb',
  title: 'DuckDB (1.1 or later)',
  // DuckDB has no :name parameters; $name is its named-parameter syntax.
  asOfParameter: '$as_of',
  asOfHelp: [
    '$as_of  the moment to score as of, as text: ISO 8601 (UTC when it has no offset, whatever',
    "          the session TimeZone) or epoch milliseconds ('1780315200000'), read as the Leadpact",
    "          engine reads it, bound as a named parameter: in Python",
    "          con.execute(query, {'as_of': '2026-06-01T12:00:00Z'}); in Node",
    "          connection.run(query, { as_of: '2026-06-01T12:00:00Z' }).",
  ],
  epochMs: (timestamp) => `epoch_ms(${timestamp})`,
  trim: (text, characters) => `trim(${text}, ${characters})`,
  // One pass of RE2 over the text costs a fraction of ascii(right(…)), which DuckDB computes slowly.
  printableEnds: (text) => `regexp_full_match(${text}, '[!-~](.*[!-~])?')`,
  fences: false,
  fullMatch: (text, pattern) => `regexp_full_match(${text}, ${duckdb.text(pattern)})`,
  capture: (text, pattern, group) => `NULLIF(regexp_extract(${text}, ${duckdb.text(pattern)}, ${group}), '')`,
  intDiv: (dividend, divisor) => `(${dividend}) // (${divisor})`,
  // DuckDB string literals have no backslash escapes.
  text: standardString,
  // DuckDB compares VARCHAR bytewise (UTF-8), which is code-point order.
  codePointOrder: (expression) => expression,
  textList: (items) => (items.length === 0 ? 'CAST([] AS VARCHAR[])' : `[x FOR x IN [${items.join(', ')}] IF x IS NOT NULL]`),
  fail: (message) => `CAST(error(${message}) AS BIGINT)`,
  json: (column) => `CAST(${column} AS JSON)`,
  jsonKind: (json, key) => {
    const kinds = [['VARCHAR', 'string'], ['BIGINT', 'number'], ['UBIGINT', 'number'], ['HUGEINT', 'number'], ['DOUBLE', 'number'], ['BOOLEAN', 'boolean'], ['OBJECT', 'other'], ['ARRAY', 'other']]
    return `CASE json_type(${json}, ${jsonPointer(key)}) ${kinds.map(([type, kind]) => `WHEN '${type}' THEN '${kind}'`).join(' ')} END`
  },
  jsonText: (json, key) => `json_extract_string(${json}, ${jsonPointer(key)})`,
}

/** A JSON Pointer (RFC 6901) to one key of an object, as a DuckDB literal: no key is read as a path. */
function jsonPointer(key: string): string {
  return standardString(`/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`)
}

export const DIALECTS: Record<SqlDialect, Dialect> = { postgres, duckdb }
