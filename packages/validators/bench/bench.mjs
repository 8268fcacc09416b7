// pnpm --filter @ims-quick-import/validators bench
// ops/s of our dist vs Ajv compiled at run time from the same bundle vs a hand-written zod 4 schema,
// on valid and invalid system and data bodies; then dist size (esbuild min, gzip) and import times.
// Speed is measured here and printed, never asserted in tests.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import { plainAjvRequestValidator } from '../scripts/plain-ajv.mjs';
import { validateQuickImportRequest } from '../dist/index.js';
import { zodQuickImport } from './zod-schema.mjs';

const require = createRequire(import.meta.url);
const bundlePath = require.resolve('@ims-quick-import/spec/openapi.json');
const distPath = new URL('../dist/index.js', import.meta.url).pathname;

// Stock Ajv with the spec's keywords (so it checks duplicate tag keys too), writing its own (English)
// messages, as a user gets by default.
const ajvValidate = plainAjvRequestValidator(JSON.parse(readFileSync(bundlePath, 'utf8')));

const BODIES = {
  'valid system': { name: 'ubuntu-22.04-server', description: 'Imported from OBS', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'my-bucket:images/ubuntu-22.04.zvhd2', min_disk: 40, type: 'ECS', architecture: 'x86', hw_firmware_type: 'bios', tags: ['owner.team-a', 'env.prod'] },
  'valid data': { name: 'windows-data-disk', image_url: 'ims-image:data/win-data.raw', min_disk: 200, type: 'DataImage', os_type: 'Windows', image_tags: [{ key: 'key1', value: 'value1' }] },
  'invalid system': { name: 'bad<name', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'my-bucket:images/disk.qcow2', min_disk: 0, type: 'ECS', imageSize: 1 },
  'invalid data': { name: 'data-disk', image_url: 'ims-image:data.raw', min_disk: 100, type: 'DataImage', os_type: 'Mac', os_version: 'CentOS 7.9 64bit' },
};
// Ajv needs the tag; the bench bodies carry it, so runtime Ajv judges them unaided.
const CONTENDERS = {
  dist: (b) => validateQuickImportRequest(b).ok,
  'ajv (run time)': (b) => ajvValidate(b),
  'zod 4': (b) => zodQuickImport.safeParse(b).success,
};

for (const [name, body] of Object.entries(BODIES)) {
  const verdicts = Object.entries(CONTENDERS).map(([c, f]) => [c, f(body)]);
  if (new Set(verdicts.map(([, v]) => v)).size !== 1) throw new Error(`contenders disagree on ${name}: ${JSON.stringify(verdicts)}`);
}

// The machine is shared (2 cores, other builds running), so time is process CPU time (descheduled time
// does not count) and contenders are interleaved: each round runs every contender for 100 ms of CPU on
// the same body; the median of ROUNDS rounds is reported.
const ROUNDS = 15;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
// Each window starts with a full GC and a short untimed warm-up, so one contender's garbage is not paid
// for in the next one's window (zod allocates far more than the others).
const gc = globalThis.gc ?? (() => {});
// Each contender gets its own copy of the timing loop (compiled from the same source), so every loop's
// call site sees one function only: no contender runs through a call site made megamorphic by the
// others, and none depends on which one ran first. The verdicts are summed and checked, so no loop can
// be optimized away.
const TIMER_SOURCE = `
  gc();
  let sink = 0;
  for (let i = 0; i < 2000; i++) if (fn(body)) sink++; // re-warm after the GC, untimed
  let n = 0;
  const start = cpuMs();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 200; i++) if (fn(body)) sink++;
    n += 200;
    now = cpuMs();
  }
  if (sink !== 0 && sink !== n + 2000) throw new Error('verdict changed between calls');
  return (n * 1000) / (now - start);`;
const makeTimer = () => new Function('fn', 'body', 'ms', 'gc', 'cpuMs', TIMER_SOURCE);
const timers = new Map();
function timeFor(contender, fn, body, ms) {
  const key = `${contender}\u0000${body === undefined ? '' : JSON.stringify(body)}`;
  if (!timers.has(key)) timers.set(key, makeTimer());
  return timers.get(key)(fn, body, ms, gc, cpuMs);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const fmt = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : `${(n / 1e3).toFixed(0)} k`);
console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} CPUs, load ${(await import('node:os')).loadavg()[0].toFixed(1)}\n`);
console.log('| body | dist ops/s | ajv (run time) ops/s | zod 4 ops/s | dist / ajv | dist / zod |');
console.log('|---|---|---|---|---|---|');
for (const [name, body] of Object.entries(BODIES)) {
  const entries = Object.entries(CONTENDERS);
  for (const [c, f] of entries) timeFor(c, f, body, 150); // warm-up
  const rounds = Object.fromEntries(entries.map(([c]) => [c, []]));
  // The order rotates every round, so no contender always runs right after the same other one.
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < entries.length; k++) {
      const [c, f] = entries[(round + k) % entries.length];
      rounds[c].push(timeFor(c, f, body, 100));
    }
  }
  const r = Object.fromEntries(entries.map(([c]) => [c, median(rounds[c])]));
  const ajv = r['ajv (run time)'];
  console.log(`| ${name} | ${fmt(r.dist)} | ${fmt(ajv)} | ${fmt(r['zod 4'])} | ${(r.dist / ajv).toFixed(2)}× | ${(r.dist / r['zod 4']).toFixed(1)}× |`);
}

const raw = readFileSync(distPath);
const min = buildSync({ entryPoints: [distPath], bundle: true, minify: true, format: 'esm', write: false }).outputFiles[0].contents;
console.log(`\ndist/index.js: ${(raw.length / 1000).toFixed(1)} kB raw, ${(min.length / 1000).toFixed(1)} kB min, ${(gzipSync(min, { level: 9 }).length / 1000).toFixed(1)} kB min+gzip`);

// Import cost, each in a fresh process, median of 7.
const here = new URL('.', import.meta.url).pathname;
const probes = {
  'import dist': `const t=performance.now(); await import(${JSON.stringify(distPath)}); console.log(performance.now()-t)`,
  'import ajv + compile': `const t=performance.now(); const { plainAjvRequestValidator } = await import('../scripts/plain-ajv.mjs'); const fs = await import('node:fs'); plainAjvRequestValidator(JSON.parse(fs.readFileSync(${JSON.stringify(bundlePath)}, 'utf8')), { messages: false }); console.log(performance.now()-t)`,
  'import zod + define': `const t=performance.now(); await import('./zod-schema.mjs'); console.log(performance.now()-t)`,
};
for (const [label, code] of Object.entries(probes)) {
  const times = Array.from({ length: 7 }, () => Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: here, encoding: 'utf8' }).trim())).sort((a, b) => a - b);
  console.log(`${label}: ${times[3].toFixed(1)} ms (median of 7 fresh processes)`);
}
