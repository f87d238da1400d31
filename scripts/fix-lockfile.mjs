// Records other platforms' optional native packages in package-lock.json.
//
// This workplace's npm registry serves only the packages of its own platform (linux-x64), so
// `npm install` here leaves e.g. @rollup/rollup-darwin-arm64 out of the lockfile, and `npm ci`
// then refuses the lockfile as "out of sync" (npm/cli#9846). Each missing package gets the
// record npm would have written (version, optional, os/cpu/libc), so every machine's `npm ci`
// accepts the lockfile and skips the packages that are not for its platform.
// Run after any `npm install`: `npm run lockfile:fix`.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'

const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony']
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el', 'wasm32']

function missingPackages() {
  try {
    execFileSync('npm', ['ci', '--dry-run', '--ignore-scripts'], { stdio: 'pipe' })
    return []
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`
    return [...new Set([...output.matchAll(/Missing: (\S+?)@\S* from lock file/g)].map((match) => match[1]))]
  }
}

const missing = missingPackages()
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'))
let added = 0
for (const name of missing) {
  const parent = Object.values(lock.packages).find((entry) => entry.optionalDependencies?.[name])
  if (!parent) {
    console.error(`No package lists ${name} as optional; not patched.`)
    continue
  }
  const base = name.split('/').pop()
  const parts = base.split(/[-_]/)
  const record = { version: parent.optionalDependencies[name].replace(/^[\^~=]/, ''), optional: true }
  if (parent.dev) record.dev = true
  const os = parts.find((part) => OS.includes(part))
  let cpu = parts.find((part) => CPU.includes(part))
  if (/eabihf/.test(base)) cpu = 'arm'
  if (os) record.os = [os]
  if (cpu) record.cpu = [cpu]
  if (base.includes('musl')) record.libc = ['musl']
  else if (base.includes('gnu') && os === 'linux') record.libc = ['glibc']
  lock.packages[`node_modules/${name}`] = record
  added++
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)))
fs.writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`)
console.log(added ? `Recorded ${added} other-platform optional packages.` : 'The lockfile already satisfies npm ci.')
