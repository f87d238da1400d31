import type { ReactNode } from 'react'

/**
 * A table (or anything wide) that scrolls sideways inside its card rather than widening the page
 * on a phone. A region the keyboard can reach (tabIndex 0) and a screen reader can name, since
 * someone who cannot use a mouse must still be able to scroll it (WCAG 2.1.1).
 */
export function ScrollRegion({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div className={['table-wrap', 'scroll-region', className].filter(Boolean).join(' ')} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  )
}

/** A block of code (JSON, curl) that may be wider than the screen: scrolls by keyboard too. */
export function CodeBlock({ label, children, className = 'code-block' }: { label: string; children: ReactNode; className?: string }) {
  return (
    <pre className={className} role="region" aria-label={label} tabIndex={0}>
      <code>{children}</code>
    </pre>
  )
}
