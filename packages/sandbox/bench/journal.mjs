// pnpm --filter @ims-quick-import/sandbox bench:journal
// What the journal costs: quick imports/s and p99 of the same sandbox without `--state` and with it (every
// import written and fsync'd before it is answered, group-committed per event-loop turn), in alternating
// rounds so load from elsewhere on the machine skews a round, not the ratio. Jobs run at default speed, so
// their RUNNING and SUCCESS snapshots are journalled during the measurement too.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const TOKEN = 'bench-token';

/** Starts the bin on a free port; resolves once it prints its `listening` line. */
function sandbox(args) {
  const child = spawn(process.execPath, [cli, '--port', '0', '--token', TOKEN, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ child, url: JSON.parse(out.split('\n')[0]).url });
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
}

function round(url, imageUrl, seconds) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${url}/v2/cloudimages/quickimport/action`,
        method: 'POST',
        connections: 50,
        duration: seconds,
        headers: { 'content-type': 'application/json', 'x-auth-token': TOKEN },
        body: JSON.stringify({ name: 'bench-image', os_version: 'Ubuntu 22.04 server 64bit', image_url: imageUrl, min_disk: 40 }),
      },
      (err, r) => (err ? reject(err) : resolve({ rps: r.requests.average, p99: r.latency.p99, bad: r.non2xx + r.errors })),
    );
  });
}

const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

const root = await mkdtemp(join(tmpdir(), 'ims-journal-bench-'));
await mkdir(join(root, 'bench-bucket'));
await writeFile(join(root, 'bench-bucket', 'disk.zvhd2'), Buffer.alloc(1024 * 1024));
const state = join(root, 'jobs.jsonl');
const plain = await sandbox(['--buckets', root]);
const journalled = await sandbox(['--buckets', root, '--state', state]);
console.log(`ims-sandbox journal bench — node ${process.version}, ${SECONDS}s × ${ROUNDS} alternating rounds, 50 connections, POST quick import\n`);
await round(plain.url, 'bench-bucket:disk.zvhd2', 1); // warm-up
await round(journalled.url, 'bench-bucket:disk.zvhd2', 1);
const res = { plain: [], journal: [] };
for (let i = 0; i < ROUNDS; i++) {
  for (const [name, s] of [['plain', plain], ['journal', journalled]]) {
    const r = await round(s.url, 'bench-bucket:disk.zvhd2', SECONDS);
    res[name].push(r);
    console.log(`round ${i + 1} ${name.padEnd(8)} ${r.rps.toFixed(0).padStart(6)} req/s  p99 ${String(r.p99).padStart(4)} ms  non-2xx+errors ${r.bad}`);
  }
}
const lines = (await readFile(state, 'utf8')).split('\n').length - 1;
const size = (await stat(state)).size;
for (const s of [plain, journalled]) s.child.kill('SIGTERM');
const perRound = res.journal.map((r, i) => (r.rps / res.plain[i].rps).toFixed(2));
const ratio = median(res.journal.map((r) => r.rps)) / median(res.plain.map((r) => r.rps));
console.log(
  `\njournal cost: ${median(res.journal.map((r) => r.rps)).toFixed(0)} req/s with --state vs ${median(res.plain.map((r) => r.rps)).toFixed(0)} without (medians) → ${ratio.toFixed(2)}× (per round ${perRound.join('×, ')}×); ` +
    `p99 ${median(res.journal.map((r) => r.p99))} ms vs ${median(res.plain.map((r) => r.p99))} ms`,
);
console.log(`journal: ${lines} snapshots, ${(size / 1024 / 1024).toFixed(1)} MiB, every import fsync'd before its answer`);
await new Promise((r) => setTimeout(r, 300));
await rm(root, { recursive: true, force: true });
