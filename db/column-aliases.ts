/*
 * node-sqlite3 returns rows as objects keyed by column name, so in a join two columns named
 * `id` collapse into one key and every later value shifts one place (TryGhost/node-sqlite3
 * #443). drizzle's sqlite-proxy maps result columns by position, so the proxy gives each
 * top-level result column of a SELECT a positional alias ("_0", "_1", …) before running it.
 * That makes any join safe without every model author remembering to alias columns by hand.
 */

const ALIAS = /\s+as\s+("[^"]*"|`[^`]*`|\[[^\]]*\]|[A-Za-z_][A-Za-z0-9_]*)\s*$/i

/** Returns the query with positional aliases on its result columns, or unchanged when it is not a plain SELECT. */
export function withPositionalAliases(query: string): string {
  const head = /^\s*select\s+(distinct\s+|all\s+)?/i.exec(query)
  if (!head) return query
  const start = head[0].length
  const items: [number, number][] = []
  let depth = 0
  let itemStart = start
  let end = -1
  for (let i = start; i < query.length; i++) {
    const ch = query[i]!
    if (ch === "'" || ch === '"' || ch === '`') {
      const close = query.indexOf(ch, i + 1)
      if (close === -1) return query
      i = close
    } else if (ch === '[') {
      const close = query.indexOf(']', i + 1)
      if (close === -1) return query
      i = close
    } else if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (depth === 0 && ch === ',') {
      items.push([itemStart, i])
      itemStart = i + 1
    } else if (depth === 0 && (ch === 'f' || ch === 'F') && /\s/.test(query[i - 1] ?? '') && /^from\b/i.test(query.slice(i, i + 5))) {
      end = i
      break
    }
  }
  if (end === -1) end = query.length
  items.push([itemStart, end])
  const columns = items.map(([from, to], index) => {
    const item = query.slice(from, to).trim()
    if (item === '*' || item.endsWith('.*')) return undefined
    return `${item.replace(ALIAS, '')} AS "_${index}"`
  })
  // `*` expands to an unknown number of columns: leave such queries as they are.
  if (columns.some((column) => column === undefined)) return query
  return `${query.slice(0, start)}${columns.join(', ')} ${query.slice(end)}`
}
