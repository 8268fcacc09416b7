// The journal: a sandbox killed with SIGKILL mid-run loses no job it accepted, keeps finished jobs as they
// were, and resumes unfinished ones. Runs the built bin (dist/cli.js) as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, BUCKET, makeBuckets } from './helpers/buckets.js';
import { call, pollJob } from './helpers/http.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const auth = { 'X-Auth-Token': 't' };
let root: string;
let stateDir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  root = await makeBuckets();
  stateDir = await mkdtemp(join(tmpdir(), 'ims-state-'));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await rm(root, { recursive: true, force: true });
  await rm(stateDir, { recursive: true, force: true });
});

async function launch(speed: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cli, '--buckets', root, '--port', '0', '--state', join(stateDir, 'jobs.jsonl'), '--speed', String(speed), '--token', 't'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited early with ${code}`)));
  });
  return { child, url };
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const submit = (url: string, object = 'good.raw') =>
  fetch(`${url}/v2/cloudimages/quickimport/action`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body(`${BUCKET}:images/${object}`)) });

describe('kill -9 and restart', () => {
  it('keeps every accepted job and every final state', async () => {
    // Run 1: one job to SUCCESS and one to FAIL, then SIGKILL.
    const run1 = await launch(100);
    const ok = (await call('importImageQuick', `${run1.url}/v2/cloudimages/quickimport/action`, { method: 'POST', headers: auth, json: body(`${BUCKET}:images/good.raw`) })).body.job_id as string;
    const bad = (await call('importImageQuick', `${run1.url}/v2/cloudimages/quickimport/action`, { method: 'POST', headers: auth, json: body(`${BUCKET}:images/qcow.raw`) })).body.job_id as string;
    const okJob = (await pollJob(run1.url, ok, auth)).job;
    const badJob = (await pollJob(run1.url, bad, auth)).job;
    expect([okJob.status, badJob.status]).toEqual(['SUCCESS', 'FAIL']);
    await killHard(run1.child);

    // Run 2 (slow): the finished jobs are as they were; start a batch, wait until one runs, then fire a
    // second batch and SIGKILL while its requests are in flight.
    const run2 = await launch(1);
    const again = await call('showJobProgress', `${run2.url}/v1/cloudimages/job/${ok}`, { headers: auth });
    expect(again.body).toEqual(okJob);
    expect((await call('showJobProgress', `${run2.url}/v1/cloudimages/job/${bad}`, { headers: auth })).body).toEqual(badJob);

    const accepted: string[] = [];
    const first = await Promise.all(Array.from({ length: 20 }, () => submit(run2.url).then((r) => r.json() as Promise<{ job_id: string }>)));
    accepted.push(...first.map((b) => b.job_id));
    for (let i = 0; i < 2000; i++) {
      const r = await call('showJobProgress', `${run2.url}/v1/cloudimages/job/${accepted[0]}`, { headers: auth });
      if (r.body.status === 'RUNNING') break;
      expect(r.body.status).toBe('INIT');
      await new Promise((res) => setTimeout(res, 10));
    }
    // A burst: 32 clients importing back to back, SIGKILLed in the middle of it. Only a job id a client
    // actually received counts as acknowledged.
    let firing = true;
    const burst = Array.from({ length: 32 }, async () => {
      while (firing) {
        try {
          const r = await submit(run2.url);
          const b = (await r.json()) as { job_id?: string };
          if (r.status === 200 && b.job_id) accepted.push(b.job_id);
        } catch {
          return; // the connection died with the process: that request was never acknowledged
        }
      }
    });
    await new Promise((res) => setTimeout(res, 300));
    await killHard(run2.child);
    firing = false;
    await Promise.all(burst);
    expect(accepted.length).toBeGreaterThan(first.length);

    // Run 3 (fast): every accepted job is known and reaches SUCCESS; the old ones are unchanged.
    const run3 = await launch(200);
    for (const id of accepted) {
      const { job } = await pollJob(run3.url, id, auth);
      expect(job.status, id).toBe('SUCCESS');
    }
    expect((await call('showJobProgress', `${run3.url}/v1/cloudimages/job/${ok}`, { headers: auth })).body).toEqual(okJob);
    run3.child.kill('SIGTERM');
    await new Promise((res) => run3.child.once('exit', res));
    expect(run3.child.exitCode).toBe(0);
  });
});
