// pnpm --filter @ims-quick-import/cli bench: how long `ims-quick-import` takes to start, against the
// alternatives in one run — a bare `node`, and the same CLI loading every module up front (what it did
// before commands and log-update were loaded lazily). Rounds alternate so machine load hits all alike;
// medians and ratios are printed. Nothing is sent anywhere: --version, --help and an offline validate.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'dist', 'bin.js');
const dir = mkdtempSync(join(tmpdir(), 'ims-cli-bench-'));
const body = join(dir, 'body.json');
writeFileSync(body, JSON.stringify({ name: 'bench', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'my-bucket:images/disk.raw', min_disk: 40 }));
// The eager variant: the same bin with the heavy modules a command could need loaded first (node --import
// resolves them from the package folder, the bench's working directory).
const eager = ['--import', '@ims-quick-import/client', '--import', 'log-update', bin];

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const cases = {
  'node -e 0': [process.execPath, ['-e', '0']],
  '--version (lazy)': [process.execPath, [bin, '--version']],
  '--version (eager)': [process.execPath, [...eager, '--version']],
  'validate (lazy)': [process.execPath, [bin, 'validate', body]],
  'validate (eager)': [process.execPath, [...eager, 'validate', body]],
};
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, [cmd, args]] of Object.entries(cases)) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { cwd: join(here, '..'), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
    times[name].push(performance.now() - t0);
  }
}
rmSync(dir, { recursive: true, force: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
for (const [name, v] of Object.entries(times)) console.log(`${name.padEnd(20)} median ${m[name].toFixed(0).padStart(5)} ms  (${v.map((x) => x.toFixed(0)).join(' ')})`);
console.log(`\n--version: eager / lazy = ${(m['--version (eager)'] / m['--version (lazy)']).toFixed(2)}x; lazy / bare node = ${(m['--version (lazy)'] / m['node -e 0']).toFixed(2)}x`);
console.log(`validate:  eager / lazy = ${(m['validate (eager)'] / m['validate (lazy)']).toFixed(2)}x; lazy / bare node = ${(m['validate (lazy)'] / m['node -e 0']).toFixed(2)}x`);
