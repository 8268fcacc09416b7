#!/usr/bin/env node
// Runs before the build and the test suite: the docs build prerenders every page in headless Chromium and the
// browser tests drive it, both through playwright-core, which never downloads a browser of its own. If no Chromium is found and this is a Debian machine run as root (CI, a
// fresh dev box), install it from Debian's packages; otherwise say exactly what to do.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const found = () => candidates.find((path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
});

if (found()) process.exit(0);

const isRoot = process.getuid?.() === 0;
let hasApt = false;
try {
  execFileSync('apt-get', ['--version'], { stdio: 'ignore' });
  hasApt = true;
} catch {}

if (isRoot && hasApt) {
  console.log('ensure-chromium: installing Debian\'s chromium for the docs build and the browser tests (apt-get install chromium)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (found()) process.exit(0);
}
console.error(
  'ensure-chromium: the docs build and the browser tests need Chromium and none was found.\n' +
    '  Debian/Ubuntu: sudo apt-get install chromium   (or set CHROMIUM_PATH to a Chromium/Chrome binary)',
);
process.exit(1);
