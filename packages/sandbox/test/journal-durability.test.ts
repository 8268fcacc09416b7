// The journal as a failing disk and a careless operator would meet it, with the built bin in real child
// processes: short writes under a file-size limit, two sandboxes on one file, a kill -9 leaving a stale
// lock, damaged and impossible records, a read-only file, and a journal larger than the heap.
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { body, BUCKET, makeBuckets } from './helpers/buckets.js';
import { call, pollJob } from './helpers/http.js';
import { killAll, killHard, launch, launchOrRefuse } from './helpers/launch.js';
import { responseErrors } from './helpers/spec.js';
import { JournalLockedError, SANDBOX_ERROR_CODES, startSandbox } from '../src/index.js';

const auth = { 'X-Auth-Token': 't' };
let root: string;
let dir: string;
let state: string;
beforeAll(async () => {
  root = await makeBuckets();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ims-durability-'));
  state = join(dir, 'jobs.jsonl');
});
afterAll(async () => {
  await killAll();
  await rm(root, { recursive: true, force: true });
});

const args = (...extra: string[]) => ['--buckets', root, '--port', '0', '--state', state, '--token', 't', ...extra];
const submit = (url: string) =>
  fetch(`${url}/v2/cloudimages/quickimport/action`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body(`${BUCKET}:images/good.raw`)) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hex = (n: number) => n.toString(16).padStart(32, '0');

describe('short writes and a full disk', () => {
  it('acknowledges only whole, fsynced records; answers 503 while the journal cannot be written; loses nothing', async () => {
    const sb = await launch(args('--speed', '2'), { fileSizeLimitKiB: 16 });
    // A job that is RUNNING when the disk fills up.
    const first = await call('importImageQuick', `${sb.url}/v2/cloudimages/quickimport/action`, { method: 'POST', headers: auth, json: body(`${BUCKET}:images/good.raw`) });
    const running = first.body.job_id as string;
    for (let i = 0; (await call('showJobProgress', `${sb.url}/v1/cloudimages/job/${running}`, { headers: auth })).body.status !== 'RUNNING'; i++) {
      expect(i).toBeLessThan(500);
      await sleep(10);
    }
    const acked = [running];
    let refused = 0;
    for (let wave = 0; wave < 200 && refused === 0; wave++) {
      for (const r of await Promise.all(Array.from({ length: 8 }, () => submit(sb.url)))) {
        const b = (await r.json()) as { job_id?: string; error?: { code: string; message: string } };
        if (r.status === 200) acked.push(b.job_id!);
        else {
          expect(r.status, JSON.stringify(b)).toBe(503);
          expect(responseErrors('importImageQuick', 503, b)).toEqual([]);
          expect(r.headers.get('retry-after')).toBe('1');
          // The sandbox's own code: no source gives a 503 one, and IMG.0061 is a 400 in the error table.
          expect(b.error?.code).toBe(SANDBOX_ERROR_CODES.unavailable);
          expect(b.error?.code).not.toBe('IMG.0061');
          expect(b.error?.message).toBe('ims-sandbox cannot write its job journal (EFBIG); no job was accepted. Retry later.');
          expect(b.error?.message).not.toContain(dir); // no server path in an answer
          refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(0);
    // Loud, not silent: polls are refused too while the journal is broken (no state that may vanish).
    const poll = await fetch(`${sb.url}/v1/cloudimages/job/${running}`, { headers: auth });
    expect(poll.status).toBe(503);
    expect(poll.headers.get('retry-after')).toBe('1');
    const polled = (await poll.json()) as { error?: { code: string } };
    expect(responseErrors('showJobProgress', 503, polled)).toEqual([]); // the spec declares no 503 body: any ErrorBody
    expect(polled.error?.code).toBe(SANDBOX_ERROR_CODES.unavailable);
    expect(sb.stderr()).toMatch(/cannot write the journal .*EFBIG/);
    // The file holds whole records only: the short write was cut back, nothing torn for the next append.
    const text = await readFile(state, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    for (const l of text.split('\n').filter(Boolean)) JSON.parse(l);
    // The RUNNING job keeps its state while its end cannot be journalled (it would have ended by now).
    await sleep(5000);
    const lastOf = (id: string, t: string) => t.split('\n').filter((l) => l.includes(id)).at(-1);
    expect(JSON.parse(lastOf(running, await readFile(state, 'utf8'))!).status).toBe('RUNNING');

    // The disk frees up: the probe notices, imports are accepted again, the stalled job finishes.
    execFileSync('prlimit', ['--pid', String(sb.pid), '--fsize=unlimited:']);
    let again: Response | undefined;
    for (let i = 0; i < 100; i++) {
      again = await submit(sb.url);
      if (again.status === 200) break;
      await sleep(100);
    }
    expect(again!.status).toBe(200);
    acked.push(((await again!.json()) as { job_id: string }).job_id);
    expect(sb.stderr()).toMatch(/can be written again/);
    expect((await pollJob(sb.url, running, auth)).job.status).toBe('SUCCESS');

    // Crash and restart: every acknowledged job is there, and the journal needs no repair.
    await killHard(sb.child);
    const after = await launch(args('--speed', '1000'));
    for (const id of acked) expect((await call('showJobProgress', `${after.url}/v1/cloudimages/job/${id}`, { headers: auth })).status, id).toBe(200);
    await killHard(after.child);
  }, 60_000);
});

describe('a file-size limit that keeps biting', () => {
  // The probe used to write one blank line, which fits under a limit that a whole record does not: the
  // sandbox called itself recovered every second, the next real write failed again, and stderr flipped
  // between the two lines (and the file grew a byte a second). Now it stays down until what failed fits.
  it('says "cannot write" once and "can be written again" once, answers 503 in between, and loses nothing', async () => {
    const sb = await launch(args('--speed', '5'), { fileSizeLimitKiB: 8 });
    const count = (re: RegExp) => (sb.stderr().match(re) ?? []).length;
    const down = /cannot write the journal \S+ \(EFBIG\)/g;
    const up = /the journal \S+ can be written again/g;
    const acked: string[] = [];
    let refused = 0;
    for (let wave = 0; wave < 200 && refused === 0; wave++) {
      for (const r of await Promise.all(Array.from({ length: 4 }, () => submit(sb.url)))) {
        if (r.status === 200) acked.push(((await r.json()) as { job_id: string }).job_id);
        else refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
    // Jobs acknowledged before the limit bit start and end meanwhile: their records wait, the jobs wait.
    const size = (await stat(state)).size;
    for (let i = 0; i < 16; i++) {
      const r = await fetch(`${sb.url}/v1/cloudimages/job/${acked[0]}`, { headers: auth });
      const again = await submit(sb.url);
      for (const answer of [r, again]) {
        expect(answer.status).toBe(503);
        expect(answer.headers.get('retry-after')).toBe('1');
        expect(((await answer.json()) as { error: { code: string } }).error.code).toBe(SANDBOX_ERROR_CODES.unavailable);
      }
      await sleep(250);
    }
    expect(count(down)).toBe(1);
    expect(count(up)).toBe(0);
    expect((await stat(state)).size).toBe(size); // no probe litter either

    execFileSync('prlimit', ['--pid', String(sb.pid), '--fsize=unlimited:']);
    for (let i = 0; count(up) === 0; i++) {
      expect(i).toBeLessThan(100);
      await sleep(50);
    }
    for (const id of acked) expect((await pollJob(sb.url, id, auth)).job.status, id).toBe('SUCCESS');
    const late = await submit(sb.url);
    expect(late.status).toBe(200);
    acked.push(((await late.json()) as { job_id: string }).job_id);
    expect(count(down)).toBe(1);
    expect(count(up)).toBe(1);

    await killHard(sb.child);
    const after = await launch(args('--speed', '1000'));
    for (const id of acked) expect((await call('showJobProgress', `${after.url}/v1/cloudimages/job/${id}`, { headers: auth })).status, id).toBe(200);
    await killHard(after.child);
  }, 60_000);
});

describe('one sandbox per state file', () => {
  it('refuses a second sandbox on the same file, and takes over the lock a kill -9 left behind', async () => {
    const a = await launch(args());
    const b = await launchOrRefuse(args());
    expect(b).toMatchObject({ code: 1 });
    expect((b as { stderr: string }).stderr).toContain(`the state file ${state} is in use by process ${a.pid}`);
    await killHard(a.child);
    expect(await readFile(`${state}.lock`, 'utf8')).toBe(`${a.pid}\n`); // stale now
    const c = await launch(args());
    expect(await readFile(`${state}.lock`, 'utf8')).toBe(`${c.pid}\n`);
    c.child.kill('SIGTERM');
    await new Promise((r) => c.child.once('exit', r));
    expect(await readdir(dir)).toEqual(['jobs.jsonl']); // a clean stop gives the lock back
  });
});

describe('startSandbox and the lock', () => {
  it('rejects a second sandbox on the file with JournalLockedError, and gives the lock back when it cannot listen', async () => {
    const first = await startSandbox({ bucketsDir: root, stateFile: state, tokens: ['t'] });
    const second = await startSandbox({ bucketsDir: root, stateFile: state, tokens: ['t'] }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(JournalLockedError);
    expect(second).toMatchObject({ file: state, pid: process.pid });
    // Another state file, but the port is taken: the start fails and must not leave that file locked.
    const other = join(dir, 'other.jsonl');
    await expect(startSandbox({ bucketsDir: root, stateFile: other, port: first.port, tokens: ['t'] })).rejects.toThrow(/EADDRINUSE/);
    await (await startSandbox({ bucketsDir: root, stateFile: other, tokens: ['t'] })).close();
    await first.close();
  });
});

describe('damaged journals', () => {
  const rec = (n: number, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ id: hex(n), jobType: 'imsImportImageJob', status: 'INIT', imageName: 'n', imageUrl: `${BUCKET}:images/good.raw`, minDisk: 10, acceptedAt: Date.now(), ...extra }) + '\n';

  it('refuses a damaged middle line with the file and line number; --repair drops it and keeps a backup', async () => {
    const original = rec(1) + '{"id":"' + hex(2) + '","status":"SUCC\n' + rec(3);
    await writeFile(state, original);
    const refused = await launchOrRefuse(args());
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toContain(`the state file ${state} is damaged at line 2`);
    expect(await readFile(state, 'utf8')).toBe(original);

    const sb = await launch(args('--repair', '--speed', '1000'));
    expect(sb.stderr()).toMatch(/dropped line 2 \(not valid JSON\)/);
    const backup = (await readdir(dir)).find((f) => f.startsWith('jobs.jsonl.bak-'))!;
    expect(await readFile(join(dir, backup), 'utf8')).toBe(original);
    for (const n of [1, 3]) expect((await pollJob(sb.url, hex(n), auth)).job.status).toBe('SUCCESS');
    await killHard(sb.child);
  });

  it('a record with an impossible date is damage, not a job that answers 500 forever', async () => {
    await writeFile(state, rec(1) + rec(2, { acceptedAt: 8.64e15 + 1 }) + rec(3));
    expect(await launchOrRefuse(args())).toMatchObject({ code: 1, stderr: expect.stringMatching(/line 2: acceptedAt is not a time/) });
    const sb = await launch(args('--repair', '--speed', '1000'));
    expect((await call('showJobProgress', `${sb.url}/v1/cloudimages/job/${hex(2)}`, { headers: auth })).status).toBe(404);
    expect((await pollJob(sb.url, hex(3), auth)).job.status).toBe('SUCCESS');
    await killHard(sb.child);
  });

  it('refuses a read-only journal and leaves it as it was', async () => {
    const original = rec(1);
    await writeFile(state, original);
    await chmod(state, 0o444);
    const refused = await launchOrRefuse(args());
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining(`the state file ${state} is read-only`) });
    expect(await readFile(state, 'utf8')).toBe(original);
    expect((await stat(state)).mode & 0o777).toBe(0o444);
  });
});

describe('a journal larger than the heap', () => {
  it('starts from a 96 MiB journal with a 48 MiB heap (streamed, never read into one string)', async () => {
    // 2 000 jobs, each journalled over and over (as a long run's journal looks before compaction).
    const now = Date.now();
    const block = Array.from({ length: 2000 }, (_, n) => {
      const base = { id: hex(n), jobType: 'imsImportImageJob', imageName: 'x'.repeat(100), imageUrl: `${BUCKET}:images/good.raw`, minDisk: 10, acceptedAt: now };
      return JSON.stringify({ ...base, status: 'RUNNING', startedAt: now, subJobId: hex(n + 10_000) }) + '\n';
    }).join('');
    const fh = await open(state, 'w');
    const chunk = Buffer.from(block);
    for (let written = 0; written < 96 * 1024 * 1024; written += chunk.length) await fh.write(chunk);
    await fh.close();
    // Slow jobs: the resumed RUNNING jobs must not finish (and append SUCCESS lines) before the size check.
    const sb = await launch(args('--speed', '0.001'), { nodeArgs: ['--max-old-space-size=48'] });
    expect((await call('showJobProgress', `${sb.url}/v1/cloudimages/job/${hex(1999)}`, { headers: auth })).status).toBe(200);
    await killHard(sb.child);
    expect((await stat(state)).size).toBeLessThan(chunk.length + 1); // compacted to one line per job
  }, 60_000);
});
