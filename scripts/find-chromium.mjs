// Finds the Chromium that the browser tests drive through playwright-core (which downloads no browser).
//
// Order: $CHROMIUM_PATH, then Debian's /usr/bin/chromium, then other usual names. When none is there
// and we are root on Debian, it installs the `chromium` package with apt, saying what it does;
// otherwise it explains how to get one. It never pretends a browser is there.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium', '/snap/bin/chromium'];
const INSTALL_HINT = 'Install it with: sudo apt-get update && sudo apt-get install -y chromium (Debian/Ubuntu), or set CHROMIUM_PATH.';

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first usable Chromium, or undefined. */
export function locateChromium() {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    console.error(`CHROMIUM_PATH=${fromEnv} is not an executable file; looking elsewhere.`);
  }
  return CANDIDATES.find(isExecutable);
}

/** Runs a command with its output shown and DEBIAN_FRONTEND=noninteractive; true when it succeeded. */
export function runShown(command, args) {
  console.log(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/**
 * A Chromium path, installing Debian's package first when we can (root on Debian).
 * Returns undefined, after printing why and how to fix it, when there is none.
 */
export function ensureChromium() {
  const found = locateChromium();
  if (found) return found;

  console.error('No Chromium found: the browser tests need one (looked in $CHROMIUM_PATH, ' + CANDIDATES.join(', ') + ').');
  const isDebian = existsSync('/etc/debian_version');
  const isRoot = process.getuid?.() === 0;
  if (isDebian && isRoot) {
    console.log('Running as root on Debian: installing the chromium package with apt.');
    if (runShown('apt-get', ['update']) && runShown('apt-get', ['install', '-y', 'chromium'])) {
      const installed = locateChromium();
      if (installed) {
        console.log(`Installed Chromium at ${installed}.`);
        return installed;
      }
    }
    console.error('Installing chromium with apt failed.');
  }
  console.error(INSTALL_HINT);
  return undefined;
}

// Run directly: print the path, or fail.
if (import.meta.url === `file://${process.argv[1]}`) {
  const path = ensureChromium();
  if (path === undefined) process.exit(1);
  console.log(path);
}
