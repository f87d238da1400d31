import type { IconName } from './icon-names'
import spriteHref from './icons.svg'

export type { IconName } from './icon-names'
/** The sprite's address (content-hashed, cached for good): the root preloads it. */
export { spriteHref }

/**
 * One look for every icon: 16 px, the colour of the text beside it (app.css `.icon`), and hidden
 * from screen readers, since the visible text or the button's accessible name already says what
 * it means. Each icon is a reference into one cached sprite (icon-names.ts), so a page with sixty
 * icons sends and renders sixty short `<use>` tags, not sixty drawings. Icons are for screens
 * only: documents, print and the PDF carry none.
 */
export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg aria-hidden="true" focusable="false" width={16} height={16} className={className ? `icon ${className}` : 'icon'}>
      <use href={`${spriteHref}#${name}`} />
    </svg>
  )
}
