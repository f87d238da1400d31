import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useMatches, useRouteLoaderData, type ShouldRevalidateFunction } from '@remix-run/react'
import type { ReactNode } from 'react'
import { GeneralErrorBoundary } from './components/error-boundary'
import { FlashMessage } from './components/flash-message'
import { isLiveRevalidation } from './components/live-updates'
import { useNonce } from './components/nonce'
import { PostButton } from './components/post-button'
import { readFlash } from './http/flash.server'
import { getUser } from './http/session.server'
import styles from './styles/app.css'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [
  { title: 'Leadpact' },
  { name: 'description', content: 'Marketing and sales agree on what a lead is.' },
]

/** Live updates leave the root alone: it would take the flash meant for the next page (components/live-updates.tsx). */
export const shouldRevalidate: ShouldRevalidateFunction = (args) => (isLiveRevalidation(args) ? false : args.defaultShouldRevalidate)

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, { flash, headers }] = await Promise.all([getUser(request), readFlash(request)])
  return json({ user: user ?? null, flash }, { headers })
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  const data = useRouteLoaderData<typeof loader>('root')
  const user = data?.user
  // A page whose route says `handle = { chrome: 'none' }` (the public share page) stands alone: no app bar, no footer.
  const bare = useMatches().some((match) => (match.handle as { chrome?: string } | undefined)?.chrome === 'none')
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {/* Marks the page as scripted before first paint, so JS-only controls never flash. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: "document.documentElement.classList.add('js')" }} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {bare ? null : (
          <header className="topbar">
            <div className="topbar-inner">
              <Link to={user ? '/workshops' : '/'} className="brand">
                <span className="brand-mark" aria-hidden="true" /> Leadpact
              </Link>
              <nav aria-label="Account">
                {user ? (
                  <>
                    {/* The brand leads there too: on a narrow phone this link gives way. */}
                  <Link to="/workshops" className="nav-workshops">
                    Workshops
                  </Link>
                    <Link to="/account">Account</Link>
                    <span className="user-chip">{user.name}</span>
                    {/* Posts nothing to validate: the session cookie is the whole request. */}
                    <PostButton action="/logout" fields={{}} variant="secondary">
                      Log out
                    </PostButton>
                  </>
                ) : (
                  <>
                    <Link to="/login">Log in</Link>
                    <Link to="/signup" className="button small">
                      Sign up
                    </Link>
                  </>
                )}
              </nav>
            </div>
          </header>
        )}
        <main id="main" tabIndex={-1} className={bare ? 'bare' : undefined}>
          <FlashMessage flash={data?.flash ?? null} />
          {children}
        </main>
        {bare ? null : <footer className="footer">Leadpact — one definition of a lead, signed by marketing and sales.</footer>}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  useLoaderData<typeof loader>()
  return <Outlet />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
