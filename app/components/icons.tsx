import type { LucideIcon } from 'lucide-react'

/**
 * One look for every icon (lucide-react): 16 px, the colour of the text beside it (app.css
 * `.icon`), and hidden from screen readers, since the visible text or the button's accessible name
 * already says what it means. Icons are for screens only: documents, print and the PDF carry none.
 */
export function Icon({ of: Glyph, className }: { of: LucideIcon; className?: string }) {
  return <Glyph aria-hidden="true" focusable="false" size={16} className={className ? `icon ${className}` : 'icon'} />
}
