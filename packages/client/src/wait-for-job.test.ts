import { afterEach, describe, expect, it } from 'vitest';
import { type Handler, serveEach } from '../test/helpers/server.js';
import { createImsClient, JobFailedError, tokenAuth, WaitTimeoutError } from './index.node.js';
import type { JobProgressEvent } from './wait-for-job.js';

const JOB = 'ff8080814dbd65d7014dbe0d84db0013';
const BODY = { name: 'img-1', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'bucket:images/img.zvhd2', min_disk: 40 };
const auth = tokenAuth('tok-secret-value');

const serve = serveEach(afterEach);
async function client(handler: Handler) {
  const server = await serve(handler);
  return { s: server, c: createImsClient({ baseUrl: server.url, auth, retry: false }) };
}

const steps = [
  { job_id: JOB, status: 'INIT' },
  { job_id: JOB, status: 'RUNNING', entities: { process_percent: 30, current_task: 'import image file' } },
  { job_id: JOB, status: 'RUNNING', entities: { process_percent: 80, current_task: 'register image' } },
  { job_id: JOB, status: 'SUCCESS', entities: { process_percent: 100, image_id: 'img-42' } },
];

describe('waitForJob', () => {
  it('polls until SUCCESS and reports progress', async () => {
    const { s, c } = await client((_r, i) => ({ json: steps[Math.min(i, 3)] }));
    const seen: Array<Omit<JobProgressEvent, 'elapsedMs' | 'job'>> = [];
    const job = await c.waitForJob(JOB, {
      pollIntervalMs: 1,
      onProgress: ({ status, percent, currentTask, elapsedMs }) => {
        expect(elapsedMs).toBeGreaterThanOrEqual(0);
        seen.push({ status, ...(percent !== undefined ? { percent } : {}), ...(currentTask ? { currentTask } : {}) });
      },
    });
    expect(job.entities?.image_id).toBe('img-42');
    expect(seen).toEqual([
      { status: 'INIT' },
      { status: 'RUNNING', percent: 30, currentTask: 'import image file' },
      { status: 'RUNNING', percent: 80, currentTask: 'register image' },
      { status: 'SUCCESS', percent: 100 },
    ]);
    expect(s.requests.every((r) => r.url === `/v1/cloudimages/job/${JOB}`)).toBe(true);
  });

  it('throws JobFailedError on FAIL', async () => {
    const { c } = await client(() => ({ json: { job_id: JOB, status: 'FAIL', error_code: 'IMG.0057', fail_reason: 'image file not found' } }));
    const e = (await c.waitForJob(JOB, { pollIntervalMs: 1 }).catch((x: unknown) => x)) as JobFailedError;
    expect(e).toBeInstanceOf(JobFailedError);
    expect(e).toMatchObject({ jobId: JOB, errorCode: 'IMG.0057', failReason: 'image file not found' });
    expect(e.job.status).toBe('FAIL');
    expect(e.message).toContain('IMG.0057');
  });

  it('throws WaitTimeoutError with the last job when the deadline passes', async () => {
    const { c } = await client(() => ({ json: { job_id: JOB, status: 'RUNNING', entities: { process_percent: 12 } } }));
    const e = (await c.waitForJob(JOB, { pollIntervalMs: 20, timeoutMs: 100 }).catch((x: unknown) => x)) as WaitTimeoutError;
    expect(e).toBeInstanceOf(WaitTimeoutError);
    expect(e.jobId).toBe(JOB);
    expect(e.lastJob?.entities?.process_percent).toBe(12);
    expect(e.message).toContain('12%');
  });

  it('times out a poll that hangs past the deadline', async () => {
    const { c } = await client(() => ({ json: { job_id: JOB, status: 'RUNNING' }, delayMs: 5000 }));
    await expect(c.waitForJob(JOB, { pollIntervalMs: 1, timeoutMs: 150 })).rejects.toBeInstanceOf(WaitTimeoutError);
  });

  it('aborts promptly and starts no request after the abort', async () => {
    const ctl = new AbortController();
    const { s, c } = await client(() => ({ json: { job_id: JOB, status: 'RUNNING' } }));
    const pending = c.waitForJob(JOB, { pollIntervalMs: 200, signal: ctl.signal, onProgress: () => ctl.abort() });
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    const count = s.requests.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(count).toBe(1);
    expect(s.requests).toHaveLength(1);
  });

  it('aborts a poll in flight', async () => {
    const ctl = new AbortController();
    const { s, c } = await client(() => ({ json: { job_id: JOB, status: 'RUNNING' }, delayMs: 5000 }));
    const pending = c.waitForJob(JOB, { signal: ctl.signal });
    while (s.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    ctl.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });

  it('importAndWait returns the job id, the image id and the job', async () => {
    const { s, c } = await client((r, i) => (r.method === 'POST' ? { json: { job_id: JOB } } : { json: steps[Math.min(i, 3)] }));
    await expect(c.importAndWait(BODY, { pollIntervalMs: 1 })).resolves.toMatchObject({ jobId: JOB, imageId: 'img-42', job: { status: 'SUCCESS' } });
    expect(s.requests[0]?.method).toBe('POST');
  });
});
