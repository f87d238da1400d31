import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ICON_NAMES } from '~/components/icon-names'
import { iconSprite, SPRITE_FILE } from '../../scripts/build-icons'

describe('the icon sprite', () => {
  it('is the one npm run icons writes from the list of names (run it after adding an icon)', () => {
    expect(fs.readFileSync(SPRITE_FILE, 'utf8')).toBe(iconSprite())
  })

  it('draws every listed icon once, by its name', () => {
    const ids = [...fs.readFileSync(SPRITE_FILE, 'utf8').matchAll(/<symbol id="([^"]+)"/g)].map((match) => match[1])
    expect(ids).toEqual([...ICON_NAMES].sort())
  })

  it('refuses a name lucide does not have, saying where to look', () => {
    expect(() => iconSprite(['not-an-icon'])).toThrow('lucide-react has no icon "not-an-icon" (looked for NotAnIcon): see lucide.dev/icons for the names.')
  })
})
