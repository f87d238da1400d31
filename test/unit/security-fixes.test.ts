import { afterEach, describe, expect, it, vi } from 'vitest'
import { CommentSchema } from '~/domain/comments/schemas'
import { ContextSchema, parseParticipants } from '~/domain/context/schemas'
import { PersonaSchema } from '~/domain/personas/schemas'
import { acmeScoringConfig, parseScoringConfig, type ScoringConfig } from '~/domain/scoring'
import { RuleFormSchema } from '~/domain/scoring-model/rule-form'
import { HandoffSchema } from '~/domain/sla/schema'
import { LifecycleStageSchema, defaultStages } from '~/domain/lifecycle/stages'
import { isPlainText, plainText } from '~/domain/text'
import { TraitSchema } from '~/domain/lead-board/schemas'
import { WorkshopSchema } from '~/domain/workshops/schemas'
import { defaultHandoff } from '~/domain/sla/schema'

/*
 * Issue #12, finding 8 ("137 of 524 fuzzed requests answered 500 … a rule value with NUL that
 * makes that version's SQL export fail forever"): control characters are refused in stored text.
 */
describe('NUL and other control characters are refused in stored text (issue #12, finding 8)', () => {
  const CONTROL = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000B', '\u000C', '\u001B', '\u007F', '\u0085', '\u009F']

  it('plainText refuses every control character, and tabs and line breaks unless multi-line', () => {
    const single = plainText({ max: 50, label: 'The name' })
    const multi = plainText({ max: 50, multiline: true, label: 'The note' })
    for (const character of CONTROL) {
      for (const schema of [single, multi]) {
        const parsed = schema.safeParse(`a${character}b`)
        expect(parsed.success, JSON.stringify(character)).toBe(false)
        expect(parsed.error?.issues[0]?.message).toMatch(/control character/)
      }
    }
    for (const separator of ['\t', '\n', '\r\n']) {
      expect(single.safeParse(`a${separator}b`).success).toBe(false)
      expect(multi.safeParse(`a${separator}b`)).toEqual({ success: true, data: `a${separator}b` })
    }
    expect(single.safeParse('  Café — ünïcødé “quotes” 😀  ')).toEqual({ success: true, data: 'Café — ünïcødé “quotes” 😀' })
    expect(single.safeParse('x'.repeat(51)).error?.issues[0]?.message).toBe('The name has at most 50 characters.')
    expect(isPlainText('a\u0000')).toBe(false)
    expect(isPlainText('a\nb', { multiline: true })).toBe(true)
  })

  it('the forms refuse NUL with a message next to the field', () => {
    const refused = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, field: string) => {
      expect(result.success).toBe(false)
      const issue = result.error!.issues.find((candidate) => candidate.path.join('.') === field)
      expect(issue?.message, field).toMatch(/control character/)
    }
    refused(CommentSchema.safeParse({ intent: 'add-comment', body: 'hello\u0000' }), 'body')
    refused(TraitSchema.safeParse({ kind: 'good', text: 'Asked \u0000 for a demo' }), 'text')
    refused(TraitSchema.safeParse({ kind: 'good', text: 'Demo', why: 'because\u001b[31m' }), 'why')
    refused(PersonaSchema.safeParse({ negative: 'false', name: 'Olivia\u0000' }), 'name')
    refused(PersonaSchema.safeParse({ negative: 'false', name: 'Olivia', pains: 'too many\u0000tools' }), 'pains')
    refused(WorkshopSchema.safeParse({ name: 'MQL\u00002027', company: 'Acme' }), 'name')
    refused(ContextSchema.safeParse({ company: 'Acme', product: 'Analytics\u0000', currency: 'EUR', workshopRevision: '1' }), 'product')
    refused(RuleFormSchema.safeParse({ section: 'fit', label: 'Students', points: '-10', clauses: [{ field: 'title', op: 'contains', value: 'student\u0000' }] }), 'clauses.0.value')
    const stage = { ...defaultStages[0]!, definition: 'A contact we know\u0000' }
    refused(LifecycleStageSchema.safeParse(stage), 'definition')
    // Multi-line fields keep their lines.
    expect(CommentSchema.safeParse({ intent: 'add-comment', body: 'line one\nline two' }).success).toBe(true)
  })

  it('a participant whose team is "constructor" or "__proto__" keeps the team as typed', () => {
    expect(parseParticipants('Dana Fox — constructor — Head of Sales\nBo — __proto__')).toEqual({
      ok: true,
      participants: [
        { name: 'Dana Fox', team: 'constructor', title: 'Head of Sales' },
        { name: 'Bo', team: '__proto__' },
      ],
    })
  })

  it('the scoring config refuses a rule value with NUL (it once made a version’s SQL export fail forever)', () => {
    const config = structuredClone(acmeScoringConfig) as ScoringConfig
    config.fit.rules.push({ id: 'fit-nul', label: 'NUL value', points: 5, when: { field: 'industry', op: 'eq', value: 'soft\u0000ware' } })
    const parsed = parseScoringConfig(config)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.errors.map((error) => error.message).join('\n')).toMatch(/fit\.rules\[\d+\]\.when\.value.*control characters \(such as NUL\)/)
  })

  it('the scoring config refuses control characters in every kind of string: keys, labels, list values, domains, grades, the SLA', () => {
    const variants: [string, (config: ScoringConfig & { handoff?: unknown }) => void][] = [
      ['field key', (config) => (config.fields[0]!.key = 'email\u0000')],
      ['field label', (config) => (config.fields[0]!.label = 'Email\u0007')],
      ['list value', (config) => (config.fit.rules[0]!.when = { field: 'seniority', op: 'in', value: ['vp', 'c\u0000level'] })],
      ['email domain', (config) => (config.disqualifiers[0]!.when = { field: 'email', op: 'emailDomainIn', value: ['gmail.com\u0000'] })],
      ['grade', (config) => (config.grades[0]!.grade = 'A\u001b')],
      ['escape sequence in a rule value', (config) => (config.fit.rules[0]!.when = { field: 'industry', op: 'eq', value: 'saas\u001b[2J' })],
      ['SLA reason', (config) => (config.handoff = { ...structuredClone(defaultHandoff), rejectionReasons: ['No budget\u0000'] })],
    ]
    for (const [what, change] of variants) {
      const config = structuredClone(acmeScoringConfig) as ScoringConfig
      change(config)
      const parsed = parseScoringConfig(config)
      expect(parsed.ok, what).toBe(false)
      if (!parsed.ok) expect(parsed.errors.some((error) => /control characters \(such as NUL\)/.test(error.message)), what).toBe(true)
    }
    expect(parseScoringConfig(structuredClone(acmeScoringConfig)).ok).toBe(true)
    // Tabs and line breaks are text, not control: a label may have lines (the SQL export keeps them inside its comments).
    const multiLine = structuredClone(acmeScoringConfig) as ScoringConfig
    multiLine.fit.rules[0]!.label = 'Line one\r\nline two\tend'
    expect(parseScoringConfig(multiLine).ok).toBe(true)
    expect(HandoffSchema.safeParse({ ...defaultHandoff, commitments: { ...defaultHandoff.commitments, salesFollowUp: 'Call within\n2 hours' } }).success).toBe(true)
  })
})

/*
 * Issue #12, finding 8: "the Host header reflected into the publicly cached openapi.json and into
 * share and invite URLs". Links come from PUBLIC_URL; the environment is read afresh per case.
 */
describe('the public URL comes from configuration, never the Host header (issue #12, finding 8)', () => {
  afterEach(() => vi.unstubAllEnvs())

  async function freshEnv(env: Record<string, string | undefined>) {
    vi.resetModules()
    for (const name of ['NODE_ENV', 'SESSION_SECRET', 'LEADPACT_DEMO', 'PUBLIC_URL', 'LEADPACT_LISTEN_ORIGIN', 'PORT', 'COOKIE_SECURE']) vi.stubEnv(name, env[name])
    return import('~/http/env.server')
  }

  it('refuses to start in production without PUBLIC_URL (outside the demo), saying what to set', async () => {
    const env = await freshEnv({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(64) })
    expect(() => env.getEnv()).toThrow(/PUBLIC_URL: PUBLIC_URL is required in production: set it to the address people use to reach Leadpact/)
  })

  it('uses PUBLIC_URL as an origin (no path, no trailing slash) and refuses what is not an http(s) URL', async () => {
    const env = await freshEnv({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(64), PUBLIC_URL: 'https://leadpact.example.com/some/path/' })
    expect(env.publicOrigin()).toBe('https://leadpact.example.com')
    const bad = await freshEnv({ NODE_ENV: 'development', PUBLIC_URL: 'javascript:alert(1)' })
    expect(() => bad.getEnv()).toThrow(/PUBLIC_URL must be an http\(s\) URL/)
  })

  it('falls back to the address the server listens on in the demo and in development', async () => {
    const demo = await freshEnv({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(64), LEADPACT_DEMO: '1', PORT: '0' })
    expect(demo.publicOrigin()).toBe('http://localhost:0')
    // serve.mjs records the real address once it listens (PORT=0 picks a free port); read at each call, not cached.
    vi.stubEnv('LEADPACT_LISTEN_ORIGIN', 'http://127.0.0.1:41234')
    expect(demo.publicOrigin()).toBe('http://127.0.0.1:41234')
    const development = await freshEnv({ NODE_ENV: 'development', PORT: '5173' })
    expect(development.publicOrigin()).toBe('http://localhost:5173')
  })
})
