import { z } from 'zod'

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    SESSION_SECRET: z.string().optional(),
    DATABASE_PATH: z.string().default('data/leadpact.db'),
    LEADPACT_DEMO: z.enum(['0', '1']).optional(),
    /** Cookies are Secure in production; set to "false" only behind plain-HTTP loopback (tests, a local demo). */
    COOKIE_SECURE: z.enum(['true', 'false']).optional(),
    /** Where people reach the app (https://leadpact.example.com): links in share and invite URLs, and the origin forms must come from. */
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, message: 'PUBLIC_URL must be an http(s) URL such as https://leadpact.example.com' })
      .transform((url) => new URL(url).origin)
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'SESSION_SECRET is required in production: set it to a long random string (e.g. `openssl rand -hex 32`).',
      })
    }
  })

export type Env = z.infer<typeof EnvSchema>

let cached: Env | undefined

/** Parsed once; a missing production secret stops the server at start with a clear message. */
export function getEnv(): Env {
  if (cached) return cached
  const parsed = EnvSchema.safeParse(process.env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Invalid environment:\n${lines.join('\n')}`)
  }
  cached = parsed.data
  return cached
}
