import fs from 'node:fs'
import path from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/*
 * The walls of the README's layout are ESLint rules (scripts/eslint.config.js); `npm test`
 * lints the tree. These cases prove each wall bites: a wrong import in a file of that folder
 * is an error, and an allowed one is not.
 */
const eslint = new ESLint({ overrideConfigFile: 'scripts/eslint.config.js' })

async function problems(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages.filter((message) => message.ruleId === 'no-restricted-imports' || message.ruleId === '@typescript-eslint/no-restricted-imports').map((message) => message.message)
}

describe('the import walls (README, "Layout")', { timeout: 60_000 }, () => {
  it.each([
    ['app/domain/scoring/wall-probe.ts', "import { getUser } from '~/models/user.server'\nexport const x = getUser"],
    ['app/domain/scoring/wall-probe.ts', "import { json } from '@remix-run/node'\nexport const x = json"],
    ['app/domain/scoring/wall-probe.ts', "import { eq } from 'drizzle-orm'\nexport const x = eq"],
    ['app/domain/scoring/wall-probe.ts', "import fs from 'node:fs'\nexport const x = fs"],
    ['app/domain/scoring/wall-probe.ts', "import { users } from '../../../db/schema'\nexport const x = users"],
    ['app/components/wall-probe.tsx', "import { getEnv } from '~/http/env.server'\nexport const x = getEnv"],
    ['app/components/wall-probe.tsx', "import { listComments } from '~/models/comment.server'\nexport const x = listComments"],
    ['db/wall-probe.ts', "import { can } from '~/domain/workshops/capabilities'\nexport const x = can"],
    ['app/routes/wall-probe.tsx', "import { seedDemo } from '~/demo/seed.server'\nexport const x = seedDemo"],
    ['app/routes/wall-probe.tsx', "import { Pencil } from 'lucide-react'\nexport const x = Pencil"],
  ])('%s refuses: %s', async (filePath, code) => {
    expect((await problems(filePath, code)).length).toBeGreaterThan(0)
  })

  it.each([
    ['app/domain/scoring/wall-probe.ts', "import { z } from 'zod'\nimport { DateTime } from 'luxon'\nimport { can } from '~/domain/workshops/capabilities'\nimport { compile } from './engine'\nexport const x = [z, DateTime, can, compile]"],
    ['app/components/wall-probe.tsx', "import { answerFor } from '~/http/form-answer'\nexport const x = answerFor"],
    ['db/wall-probe.ts', "import type { Role } from '../app/domain/workshops/roles'\nexport type X = Role"],
  ])('%s allows: %s', async (filePath, code) => {
    expect(await problems(filePath, code)).toEqual([])
  })
})

describe('no import cycles', { timeout: 60_000 }, () => {
  it('refuses two domain modules that import each other', async () => {
    // Cycles need both files on disk: two throwaway modules, removed again.
    const dir = path.join('app', 'domain', `.cycle-probe-${process.pid}`)
    fs.mkdirSync(dir, { recursive: true })
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b'\nexport const a = () => b\n")
      fs.writeFileSync(path.join(dir, 'b.ts'), "import { a } from './a'\nexport const b = () => a\n")
      const results = await eslint.lintFiles([dir])
      expect(results.flatMap((result) => result.messages.map((message) => message.ruleId))).toContain('import-x/no-cycle')
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
