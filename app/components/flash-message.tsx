import { useLocation } from '@remix-run/react'
import { useState } from 'react'
import { Icon } from './icons'

const TONE_ICONS = { success: 'circle-check', warn: 'triangle-alert', error: 'circle-alert' } as const

export type FlashView = { tone: 'success' | 'warn' | 'error'; text: string }

/**
 * The one-time message after a post (Post/Redirect/Get). The cookie is read once, so a later
 * revalidation (a live board update) brings no message: keep showing it until the person
 * navigates elsewhere.
 */
export function FlashMessage({ flash }: { flash: FlashView | null }) {
  const { key } = useLocation()
  const [shown, setShown] = useState<{ key: string; flash: FlashView } | null>(flash ? { key, flash } : null)
  // Adjusting state to a new prop during render (React's documented pattern, no effect needed).
  if (flash && (shown?.flash !== flash || shown.key !== key)) setShown({ key, flash })
  const current = flash ?? (shown && shown.key === key ? shown.flash : null)
  if (!current) return null
  return (
    <div className={`alert ${current.tone} flash`} role={current.tone === 'error' ? 'alert' : 'status'}>
      <Icon name={TONE_ICONS[current.tone]} />
      <span>{current.text}</span>
    </div>
  )
}
