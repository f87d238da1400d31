import { useNavigate } from '@remix-run/react'
import { useCallback, type MouseEvent } from 'react'

/**
 * One click handler for a list of plain links (a table's Edit and Delete on every row, the step
 * menu). Remix's <Link> resolves its path and builds its click handler for every link it draws: on
 * the scoring page's 42 row links that was a sixth of the page's rendering. A list's links are
 * plain anchors with absolute paths instead, and share this handler, which navigates in the app as
 * <Link> does; a click with a modifier key, or any click without JavaScript, is an ordinary link.
 */
export function useListNavigation(): (event: MouseEvent<HTMLAnchorElement>) => void {
  const navigate = useNavigate()
  return useCallback(
    (event: MouseEvent<HTMLAnchorElement>) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return
      const anchor = event.currentTarget
      if ((anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return
      const url = new URL(anchor.href)
      if (url.origin !== window.location.origin) return
      event.preventDefault()
      navigate(`${url.pathname}${url.search}${url.hash}`)
    },
    [navigate],
  )
}
