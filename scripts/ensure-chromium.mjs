// `npm test` needs Debian's Chromium for the end-to-end tests. Install it when we can
// (root on Debian), otherwise say exactly what to run.
import { execSync } from 'node:child_process'
import fs from 'node:fs'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const HOW_TO =
  'Install it with:  sudo apt-get update && sudo apt-get install -y chromium\n' +
  '(or set CHROMIUM_PATH to an existing Chromium binary), then run npm test again.'

if (!fs.existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (isRoot && fs.existsSync('/usr/bin/apt-get')) {
    console.log('Chromium is missing: installing Debian chromium (apt-get update, then install)…')
    // Another apt-get (a second npm test, unattended upgrades) may hold the dpkg lock: wait for
    // it rather than fail at once.
    const wait = '-o DPkg::Lock::Timeout=600'
    try {
      execSync(`apt-get ${wait} update -qq && DEBIAN_FRONTEND=noninteractive apt-get ${wait} install -y -qq chromium`, { stdio: 'inherit' })
    } catch {
      console.error(`Installing Chromium with apt-get failed (see its output above).\n${HOW_TO}`)
      process.exit(1)
    }
    if (!fs.existsSync(CHROMIUM)) {
      console.error(`apt-get installed chromium, but ${CHROMIUM} does not exist.\n${HOW_TO}`)
      process.exit(1)
    }
  } else {
    console.error(`The end-to-end tests need Chromium at ${CHROMIUM}.\n${HOW_TO}`)
    process.exit(1)
  }
}
