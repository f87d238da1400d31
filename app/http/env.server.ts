import { z } from 'zod'

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    SESSION_SECRET: z.string().optional(),
    DATABASE_PATH: z.string().default('data/leadpact.db'),
    LEADPACT_DEMO: z.enum(['0', '1']).optional(),
    /** Cookies are Secure in production; set to "false" only behind plain-HTTP loopback (tests, a local demo). */
    COOKIE_SECURE: z.enum(['true', 'false']).optional(),
    /**
     * Where people reach the app (https://leadpact.example.com): the origin of share and invite
     * links and the API description, and the origin forms must come from. Required in production
     * (except the demo): the Host header is chosen by whoever sends the request.
     */
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
    if (env.NODE_ENV === 'production' && env.LEADPACT_DEMO !== '1' && !env.PUBLIC_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message:
          'PUBLIC_URL is required in production: set it to the address people use to reach Leadpact, such as https://leadpact.example.com (share and invite links are built from it, never from the Host header).',
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

/**
 * The origin of every absolute URL the app hands out (share and invite links, the API's
 * servers entry, curl examples): PUBLIC_URL, never the request's Host header. Without PUBLIC_URL
 * (the demo, development, tests) it is the address the server listens on, which
 * scripts/serve.mjs records once it listens (PORT=0 picks a free port, known only then); read
 * at each call for that reason.
 */
export function publicOrigin(): string {
  const configured = getEnv().PUBLIC_URL
  if (configured) return configured
  return process.env.LEADPACT_LISTEN_ORIGIN ?? `http://localhost:${process.env.PORT || 3000}`
}
