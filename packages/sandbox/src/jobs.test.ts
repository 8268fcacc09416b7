import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUCKET, makeBuckets } from '../test/helpers/buckets.js';
import { legacyView, progressView } from './job-views.js';
import { JobStore } from './jobs.js';
import { Journal } from './journal.js';

let root: string;
beforeAll(async () => {
  root = await makeBuckets();
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function until(store: JobStore, id: string, pred: (s: string) => boolean) {
  for (let i = 0; i < 5000; i++) {
    const j = store.get(id)!;
    if (pred(j.status)) return j;
    await new Promise((r) => setTimeout(r, 1));
  }
  throw new Error('never reached');
}

describe('JobStore', () => {
  it('takes a job from INIT through RUNNING to SUCCESS with an image id', async () => {
    const store = new JobStore({ bucketsDir: root, speed: 100, maxJobs: 10 });
    const job = await store.submit({ name: 'img', imageUrl: `${BUCKET}:images/good.raw`, minDisk: 10, dataImage: false });
    expect(job.status).toBe('INIT');
    expect(store.percent(job)).toBe(0);
    const running = await until(store, job.id, (s) => s !== 'INIT');
    expect(['RUNNING', 'SUCCESS']).toContain(running.status);
    const done = await until(store, job.id, (s) => s === 'SUCCESS' || s === 'FAIL');
    expect(done).toMatchObject({ status: 'SUCCESS', jobType: 'imsImportImageJob' });
    expect(done.imageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(store.percent(done)).toBe(100);
    expect(progressView(done, 100).entities).toMatchObject({ image_id: done.imageId, image_name: 'img', process_percent: 100 });
    await store.close();
  });

  it('fails a data image whose object is missing with IMG.0121 and its reason', async () => {
    const store = new JobStore({ bucketsDir: root, speed: 100, maxJobs: 10 });
    const job = await store.submit({ name: 'd', imageUrl: `${BUCKET}:images/none.zvhd2`, minDisk: 10, dataImage: true });
    const done = await until(store, job.id, (s) => s === 'SUCCESS' || s === 'FAIL');
    expect(done).toMatchObject({ status: 'FAIL', errorCode: 'IMG.0121', jobType: 'imsImportDataImageJob' });
    const view = legacyView(done, store.percent(done));
    expect(view).toMatchObject({ status: 'FAIL', error_code: 'IMG.0121', fail_reason: expect.stringContaining('none.zvhd2') });
    expect(view.entities).not.toHaveProperty('subJobId');
    await store.close();
  });

  it('keeps at most maxJobs jobs while running many', async () => {
    const store = new JobStore({ bucketsDir: root, speed: 1000, maxJobs: 3 });
    const jobs = [];
    for (let i = 0; i < 6; i++) jobs.push(await store.submit({ name: 'n', imageUrl: `${BUCKET}:images/good.zvhd2`, minDisk: 10, dataImage: false }));
    // The records are shared with the store, so they show each job's final state even once it is forgotten.
    for (let i = 0; i < 5000 && !jobs.every((j) => j.status === 'SUCCESS'); i++) await new Promise((r) => setTimeout(r, 2));
    expect(jobs.every((j) => j.status === 'SUCCESS')).toBe(true);
    expect(store.size).toBe(3);
    await store.close();
  });

  it('forgets finished jobs in the order they finished, not the order they were accepted', async () => {
    const store = new JobStore({ bucketsDir: root, speed: 1, maxJobs: 3 });
    const rec = (id: string, acceptedAt: number, endedAt: number) =>
      ({ id, jobType: 'imsImportImageJob', status: 'SUCCESS', imageName: 'n', imageUrl: 'b:x.raw', minDisk: 10, acceptedAt, endedAt }) as const;
    store.restore([rec('a', 1, 60), rec('b', 2, 10), rec('c', 3, 50), rec('d', 4, 20), rec('e', 5, 40), rec('f', 6, 30)]);
    expect(['a', 'b', 'c', 'd', 'e', 'f'].filter((id) => store.get(id))).toEqual(['a', 'c', 'e']);
    await store.close();
  });

  it('keeps the journal as small as memory: a running compaction drops the jobs maxJobs forgot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ims-store-journal-'));
    const file = join(dir, 'jobs.jsonl');
    const { journal } = await Journal.open(file, { compactAfterBytes: 2048 });
    const store = new JobStore({ bucketsDir: root, speed: 1000, maxJobs: 5, journal });
    const jobs = [];
    for (let i = 0; i < 60; i++) jobs.push(await store.submit({ name: 'n', imageUrl: `${BUCKET}:images/good.zvhd2`, minDisk: 10, dataImage: false }));
    for (let i = 0; i < 5000 && !jobs.every((j) => j.status === 'SUCCESS'); i++) await new Promise((r) => setTimeout(r, 2));
    expect(jobs.every((j) => j.status === 'SUCCESS')).toBe(true);
    const kept = jobs.filter((j) => store.get(j.id)).map((j) => j.id);
    await store.close();
    const replayed = await Journal.replay(file);
    expect(replayed.length).toBeLessThan(60); // without compaction while running, all 60 (and 180 lines) stay
    for (const id of kept) expect(replayed.find((r) => r.id === id)?.status, id).toBe('SUCCESS');
    await rm(dir, { recursive: true, force: true });
  });
});
