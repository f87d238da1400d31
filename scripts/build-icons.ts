// npm run icons: writes app/components/icons.svg, the sprite every <Icon name="…"> points into,
// from the names in app/components/icon-names.ts and the drawings of lucide-react (a
// development dependency: the app itself ships no icon code). A unit test keeps the two in step.
import fs from 'node:fs'
import path from 'node:path'
import * as lucide from 'lucide-react'
import { createElement, type ComponentType } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { ICON_NAMES } from '../app/components/icon-names'

export const SPRITE_FILE = path.resolve(import.meta.dirname, '../app/components/icons.svg')

/** "trash-2" → "Trash2", the name lucide-react exports the icon under. */
function componentName(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')
}

/** The sprite: one <symbol> per icon, drawn in lucide's own stroke style. */
export function iconSprite(names: readonly string[] = ICON_NAMES): string {
  const symbols = [...names].sort().map((name) => {
    const glyph = (lucide as unknown as Record<string, ComponentType | undefined>)[componentName(name)]
    if (!glyph) throw new Error(`lucide-react has no icon "${name}" (looked for ${componentName(name)}): see lucide.dev/icons for the names.`)
    const drawing = renderToStaticMarkup(createElement(glyph)).replace(/^<svg[^>]*>/, '').replace(/<\/svg>$/, '')
    return `  <symbol id="${name}" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${drawing}</symbol>`
  })
  return `<svg xmlns="http://www.w3.org/2000/svg">\n  <!-- Written by npm run icons from app/components/icon-names.ts (lucide icons, ISC licence): do not edit. -->\n${symbols.join('\n')}\n</svg>\n`
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  fs.writeFileSync(SPRITE_FILE, iconSprite())
  console.log(`Wrote ${path.relative(process.cwd(), SPRITE_FILE)} (${ICON_NAMES.length} icons).`)
}
