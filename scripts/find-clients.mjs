// Finds the real clients that tests/server drives against `npm run serve`: swaks, openssl and python3.
//
// When one is missing and we are root on Debian, it installs Debian's package with apt, saying what it does
// (as find-chromium.mjs does for the browser); otherwise it explains how to get it. It never pretends.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { runShown } from './find-chromium.mjs';

/** Program -> the Debian package that has it. */
const CLIENTS = { swaks: 'swaks', openssl: 'openssl', python3: 'python3' };

function has(program) {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

/** True when every client is there (after installing the missing ones where we can). */
export function ensureClients() {
  const missing = Object.keys(CLIENTS).filter((p) => !has(p));
  if (missing.length === 0) return true;
  console.error(`Missing for the real-socket tests (tests/server): ${missing.join(', ')}.`);
  const packages = missing.map((p) => CLIENTS[p]);
  if (existsSync('/etc/debian_version') && process.getuid?.() === 0) {
    console.log(`Running as root on Debian: installing ${packages.join(' ')} with apt.`);
    if (runShown('apt-get', ['update']) && runShown('apt-get', ['install', '-y', ...packages])) {
      const still = missing.filter((p) => !has(p));
      if (still.length === 0) return true;
      console.error(`Still missing after apt: ${still.join(', ')}.`);
    } else console.error('Installing with apt failed.');
  }
  console.error(`Install them with: sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`);
  return false;
}

// Run directly: install or explain, and fail when something is missing.
if (import.meta.url === `file://${process.argv[1]}`) {
  if (!ensureClients()) process.exit(1);
  console.log('swaks, openssl and python3 are there.');
}
