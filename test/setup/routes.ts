import path from 'node:path'
import { pathToFileURL } from 'node:url'

/** A route of the production build, with its full URL pattern (`workshops/:workshopId/context`). */
export interface RouteEntry {
  id: string
  pattern: string
  hasAction: boolean
  hasLoader: boolean
  /** A page (has a component) rather than a resource route. */
  isPage: boolean
}

interface BuildRoute {
  path?: string
  parentId?: string
  module: { action?: unknown; loader?: unknown; default?: unknown }
}

/** Every route of `build/` (npm test builds it first), so a new route cannot escape the tests that walk them. */
export async function routeList(): Promise<RouteEntry[]> {
  const build = (await import(pathToFileURL(path.resolve('build/index.js')).href)) as { routes: Record<string, BuildRoute> }
  const fullPath = (id: string): string => {
    const route = build.routes[id]!
    const own = route.path ?? ''
    const parent = route.parentId ? fullPath(route.parentId) : ''
    return [parent, own].filter(Boolean).join('/')
  }
  return Object.entries(build.routes)
    .filter(([id]) => id !== 'root')
    .map(([id, route]) => ({
      id,
      pattern: `/${fullPath(id)}`,
      hasAction: Boolean(route.module.action),
      hasLoader: Boolean(route.module.loader),
      isPage: Boolean(route.module.default),
    }))
    .sort((a, b) => a.id.localeCompare(b.id))
}

/** The pattern with its `:params` (and a splat `*`) filled in. */
export function fillPattern(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`No value for :${name} in ${pattern}`)
    return encodeURIComponent(value)
  }).replace(/\*$/, params['*'] ?? 'anything')
}
