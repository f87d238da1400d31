import type { Explain, Lead, ScoreResult, ScoringConfig } from '../app/domain/scoring'

/*
 * leadpact-score's results as bytes (DESIGN §8). Producing text is most of the CLI's work (a
 * result with every contribution is ~1.5 KB), and JSON.stringify, CSV libraries and encoding
 * long concatenated strings all cost more than scoring. So every piece that depends only on the
 * config (a rule's contribution when it does not match, or matches with its fixed points; ids;
 * grades) is encoded once, and a result is mostly copies of prepared bytes into one buffer.
 *
 * JSON Lines are byte for byte JSON.stringify of the API's record for the same lead and explain
 * mode (score-output.ts in the API domain; the integration tests compare them). CSV is RFC 4180:
 * a field is quoted when it holds a comma, a quote or a line break, quotes doubled. JSON Lines always
 * carry `band` and `priority` (null when the config defines none); CSV has those two columns only
 * when the config has `engagement.bands` (scoring format 2), so a format-1 config's CSV is as before.
 */

export const OUTPUT_COLUMNS = ['id', 'fit', 'engagement', 'grade', 'band', 'priority', 'stage', 'disqualifiedBy', 'missing', 'fastTrack', 'contributions'] as const

export type OutputFormat = 'jsonl' | 'csv'

const BUFFER_BYTES = 64 * 1024

/** A growing byte buffer that hands over what it holds and starts afresh. */
class ByteWriter {
  buffer = Buffer.allocUnsafe(BUFFER_BYTES)
  position = 0

  /**
   * A copy of the bytes written so far, the caller's to keep (or hand to another thread), in
   * memory from `into` (a recycled buffer) or a new one; the writer starts again in the buffer it
   * has grown to, so a run allocates only what it hands out.
   */
  take(into?: (bytes: number) => Buffer | undefined): Buffer {
    const bytes = into?.(this.position)?.subarray(0, this.position) ?? Buffer.allocUnsafeSlow(this.position)
    this.buffer.copy(bytes, 0, 0, this.position)
    this.position = 0
    return bytes
  }

  room(bytes: number) {
    if (this.position + bytes <= this.buffer.length) return
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.position + bytes))
    this.buffer.copy(grown, 0, 0, this.position)
    this.buffer = grown
  }

  /** Text known to be ASCII: numbers and punctuation. */
  ascii(text: string) {
    const n = text.length
    this.room(n)
    const buffer = this.buffer
    let p = this.position
    for (let i = 0; i < n; i++) buffer[p++] = text.charCodeAt(i)
    this.position = p
  }

  /**
   * A finite number as JSON writes it (and String(), which agrees for finite numbers). Whole
   * numbers digit by digit; others through JSON.stringify, not String(): V8 keeps String()'s text
   * of a fractional number in its number-string cache, allocated in the old generation, so a run
   * of decayed engagements grew each thread's heap with the input (~18 MB a million leads) until a
   * full collection, while JSON.stringify's text is young garbage (and it is no slower).
   */
  number(value: number) {
    if (value === (value | 0)) {
      // |0 keeps 32-bit integers only, and -0 reads as 0 (as JSON writes it).
      this.room(11)
      let n = value | 0
      const buffer = this.buffer
      let p = this.position
      if (n < 0) {
        buffer[p++] = 45
        n = -n
      }
      const start = p
      do {
        buffer[p++] = 48 + (n % 10)
        n = (n / 10) | 0
      } while (n > 0)
      // The digits were written last first.
      for (let i = start, j = p - 1; i < j; i++, j--) {
        const digit = buffer[i]
        buffer[i] = buffer[j]
        buffer[j] = digit
      }
      this.position = p
      return
    }
    this.ascii(JSON.stringify(value))
  }

  byte(code: number) {
    this.room(1)
    this.buffer[this.position++] = code
  }

  text(text: string) {
    this.room(text.length * 3)
    this.position += this.buffer.write(text, this.position, 'utf8')
  }

  copy(bytes: Buffer) {
    const n = bytes.length
    this.room(n)
    // Most pieces are a few bytes: a loop costs less than a call into TypedArray.prototype.set.
    if (n <= 24) {
      const buffer = this.buffer
      let p = this.position
      for (let i = 0; i < n; i++) buffer[p++] = bytes[i]
      this.position = p
      return
    }
    this.buffer.set(bytes, this.position)
    this.position += n
  }

  /** Text as a JSON string, quotes included: printable ASCII without quote or backslash (most ids) byte by byte, the rest through JSON.stringify. */
  jsonString(text: string) {
    const n = text.length
    if (n > 64) return this.text(JSON.stringify(text))
    this.room(n + 2)
    const buffer = this.buffer
    const start = this.position
    let p = start
    buffer[p++] = 34
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i)
      if (code < 0x20 || code > 0x7e || code === 34 || code === 92) {
        this.position = start
        return this.text(JSON.stringify(text))
      }
      buffer[p++] = code
    }
    buffer[p++] = 34
    this.position = p
  }
}

const COMMA = 44
const QUOTE = 34
const CLOSE_LIST = 93

interface EncodedRule {
  id: string
  /** The whole contribution when the rule did not match: points 0. */
  unmatched: Buffer
  /** The whole contribution when a condition rule matched: its own points. */
  matched: Buffer | null
  points: number
  /** Up to the points, for activity rules, whose points vary. */
  prefix: Buffer
  /** After the points. */
  matchedTail: Buffer
  unmatchedTail: Buffer
}

/** Each rule's contribution in JSON, prepared once; `escape` turns JSON into a CSV cell's content. */
function encodeRules(config: ScoringConfig, escape: (json: string) => string): EncodedRule[] {
  const rules = [
    ...config.fit.rules.map((rule) => ({ rule, axis: 'fit', points: rule.points as number | null })),
    ...config.engagement.rules.map((rule) => ({ rule, axis: 'engagement', points: 'when' in rule ? rule.points : null })),
  ]
  return rules.map(({ rule, axis, points }) => {
    const prefix = `{"ruleId":${JSON.stringify(rule.id)},"label":${JSON.stringify(rule.label)},"axis":"${axis}","points":`
    return {
      id: rule.id,
      unmatched: Buffer.from(escape(`${prefix}0,"matched":false}`)),
      matched: points === null ? null : Buffer.from(escape(`${prefix}${JSON.stringify(points)},"matched":true}`)),
      points: points ?? NaN,
      prefix: Buffer.from(escape(prefix)),
      matchedTail: Buffer.from(escape(',"matched":true}')),
      unmatchedTail: Buffer.from(escape(',"matched":false}')),
    }
  })
}

/** Writes the contributions list's items (no brackets), as the engine gave them for this explain mode. */
function writeContributions(out: ByteWriter, rules: EncodedRule[], result: ScoreResult, escape: (json: string) => string) {
  const contributions = result.contributions
  // With explain "matched" the list skips rules: find each one's prepared bytes by walking the rules in step.
  let r = 0
  for (let i = 0; i < contributions.length; i++) {
    const c = contributions[i]
    if (i > 0) out.byte(COMMA)
    while (r < rules.length && rules[r].id !== c.ruleId) r++
    const rule = rules[r]
    if (rule === undefined) {
      // Not in the config's rule order: cannot happen with the engine, but stay correct.
      out.text(escape(JSON.stringify(c)))
      r = 0
      continue
    }
    r++
    if (!c.matched && c.points === 0) out.copy(rule.unmatched)
    else if (c.matched && rule.matched !== null && c.points === rule.points) out.copy(rule.matched)
    else {
      out.copy(rule.prefix)
      out.number(c.points)
      out.copy(c.matched ? rule.matchedTail : rule.unmatchedTail)
    }
  }
}

export interface ResultEncoder {
  /** Bytes written before the first result (CSV: the header). */
  readonly head: Buffer
  encode(lead: Lead, result: ScoreResult): void
  readonly length: number
  /** The bytes encoded so far (in memory from `into`, when it gives some), and a fresh start. */
  take(into?: (bytes: number) => Buffer | undefined): Buffer
}

const noEscape = (json: string) => json

function ascii(text: string): Buffer {
  return Buffer.from(text, 'latin1')
}

/** One JSON object a line: id, fit, engagement, grade, band, priority, stage, disqualifiedBy, missing, fastTrack, contributions (unless explain is none). */
export class JsonLinesEncoder implements ResultEncoder {
  readonly head = Buffer.alloc(0)
  private readonly out = new ByteWriter()
  private readonly quotedCache = new Map<string, Buffer>()
  private readonly rules: EncodedRule[]
  /** Grade, band, priority and stage as the bytes between the engagement and disqualifiedBy's list: by grade and stage when band and priority are null, else by grade, band, priority and stage. */
  private readonly unbanded = new Map<string | null, Map<string, Buffer>>()
  private readonly banded = new Map<string | null, Map<string | null, Map<string | null, Map<string, Buffer>>>>()
  /**
   * Each list with the key that follows it: most lists are empty, and then the two are one
   * prepared piece (`empty`); otherwise the items, then `after`.
   */
  private readonly lists: { disqualifiedBy: ListPieces; missing: ListPieces; fastTrack: ListPieces }
  private readonly pieces = {
    id: ascii('{"id":'),
    nullId: ascii('{"id":null'),
    fit: ascii(',"fit":'),
    engagement: ascii(',"engagement":'),
    endContributions: ascii(']}\n'),
  }

  constructor(
    config: ScoringConfig,
    private readonly explain: Explain,
  ) {
    this.rules = encodeRules(config, noEscape)
    const listThen = (next: string): ListPieces => ({ empty: ascii(`[]${next}`), after: ascii(next) })
    this.lists = {
      disqualifiedBy: listThen(',"missing":'),
      missing: listThen(',"fastTrack":'),
      fastTrack: listThen(explain === 'none' ? '}\n' : ',"contributions":['),
    }
  }

  get length() {
    return this.out.position
  }

  take(into?: (bytes: number) => Buffer | undefined): Buffer {
    return this.out.take(into)
  }

  encode(lead: Lead, result: ScoreResult) {
    const { out, pieces, lists } = this
    const id = lead.id
    if (id === undefined || id === null) out.copy(pieces.nullId)
    else {
      out.copy(pieces.id)
      if (typeof id === 'number') out.number(id)
      else out.jsonString(id)
    }
    out.copy(pieces.fit)
    out.number(result.fit)
    out.copy(pieces.engagement)
    out.number(result.engagement)
    out.copy(this.middle(result))
    this.list(result.disqualifiedBy, lists.disqualifiedBy)
    this.list(result.missing, lists.missing)
    this.list(result.fastTrack, lists.fastTrack)
    if (this.explain === 'none') return
    writeContributions(out, this.rules, result, noEscape)
    out.copy(pieces.endContributions)
  }

  /** `,"grade":…,"band":…,"priority":…,"stage":"…","disqualifiedBy":`, encoded once for each combination (a config has few). */
  private middle(result: ScoreResult): Buffer {
    const { grade, band, priority, stage } = result
    // Without bands (format 1, and most configs) a grade and a stage say it all.
    const byStage = band === null && priority === null ? child(this.unbanded, grade) : child(child(child(this.banded, grade), band), priority)
    let bytes = byStage.get(stage)
    if (bytes === undefined) {
      bytes = Buffer.from(`,"grade":${JSON.stringify(grade)},"band":${JSON.stringify(band)},"priority":${JSON.stringify(priority)},"stage":"${stage}","disqualifiedBy":`)
      byStage.set(stage, bytes)
    }
    return bytes
  }

  private quoted(text: string): Buffer {
    let bytes = this.quotedCache.get(text)
    if (bytes === undefined) {
      bytes = Buffer.from(JSON.stringify(text))
      this.quotedCache.set(text, bytes)
    }
    return bytes
  }

  private list(ids: readonly string[], pieces: ListPieces) {
    const out = this.out
    if (ids.length === 0) return out.copy(pieces.empty)
    out.byte(91)
    for (let i = 0; i < ids.length; i++) {
      if (i > 0) out.byte(COMMA)
      out.copy(this.quoted(ids[i]))
    }
    out.byte(CLOSE_LIST)
    out.copy(pieces.after)
  }
}

interface ListPieces {
  /** `[]` and what follows the list. */
  empty: Buffer
  /** What follows a list that has items. */
  after: Buffer
}

/** The map under `key` in `map`, made when missing. */
function child<K, C extends Map<unknown, unknown>>(map: Map<K, C>, key: K): C {
  let found = map.get(key)
  if (found === undefined) map.set(key, (found = new Map() as C))
  return found
}

const NEEDS_QUOTES = /[",\r\n]/

/** A CSV field: quoted when it holds a comma, a quote or a line break (quotes doubled). */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

const csvEscape = (json: string) => json.replaceAll('"', '""')

/** A header row, then one row a lead (band and priority columns only when the config has engagement bands): lists joined by spaces (ids never hold one), contributions as compact JSON. */
export class CsvEncoder implements ResultEncoder {
  readonly head: Buffer
  private readonly out = new ByteWriter()
  private readonly fieldCache = new Map<string, Buffer>()
  private readonly rules: EncodedRule[]
  private readonly stages: Record<string, Buffer>
  /** Whether the config has engagement bands, and so the rows a band and a priority column. */
  private readonly banded: boolean

  constructor(
    config: ScoringConfig,
    private readonly explain: Explain,
  ) {
    this.banded = config.engagement.bands !== undefined
    const columns = OUTPUT_COLUMNS.filter(
      (column) => !(explain === 'none' && column === 'contributions') && (this.banded || (column !== 'band' && column !== 'priority')),
    )
    this.head = Buffer.from(`${columns.join(',')}\n`)
    this.rules = encodeRules(config, csvEscape)
    this.stages = Object.fromEntries((['disqualified', 'lead', 'mql', 'sql'] as const).map((stage) => [stage, ascii(`,${stage},`)]))
  }

  get length() {
    return this.out.position
  }

  take(into?: (bytes: number) => Buffer | undefined): Buffer {
    return this.out.take(into)
  }

  encode(lead: Lead, result: ScoreResult) {
    const out = this.out
    const id = lead.id
    if (typeof id === 'number') out.number(id)
    else if (typeof id === 'string') out.text(csvField(id))
    out.byte(COMMA)
    out.number(result.fit)
    out.byte(COMMA)
    out.number(result.engagement)
    out.byte(COMMA)
    if (result.grade !== null) out.copy(this.field(result.grade))
    if (this.banded) {
      out.byte(COMMA)
      if (result.band !== null) out.copy(this.field(result.band))
      out.byte(COMMA)
      if (result.priority !== null) out.copy(this.field(result.priority))
    }
    out.copy(this.stages[result.stage])
    this.list(result.disqualifiedBy)
    out.byte(COMMA)
    this.list(result.missing)
    out.byte(COMMA)
    this.list(result.fastTrack)
    if (this.explain !== 'none') {
      out.byte(COMMA)
      out.byte(QUOTE)
      out.byte(91)
      writeContributions(out, this.rules, result, csvEscape)
      out.byte(CLOSE_LIST)
      out.byte(QUOTE)
    }
    out.byte(10)
  }

  private field(text: string): Buffer {
    let bytes = this.fieldCache.get(text)
    if (bytes === undefined) {
      bytes = Buffer.from(csvField(text))
      this.fieldCache.set(text, bytes)
    }
    return bytes
  }

  private list(ids: readonly string[]) {
    if (ids.length === 0) return
    if (ids.length === 1) return this.out.copy(this.field(ids[0]))
    this.out.text(csvField(ids.join(' ')))
  }
}

export function resultEncoder(format: OutputFormat, config: ScoringConfig, explain: Explain): ResultEncoder {
  return format === 'csv' ? new CsvEncoder(config, explain) : new JsonLinesEncoder(config, explain)
}
