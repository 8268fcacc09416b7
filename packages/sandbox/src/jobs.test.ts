import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUCKET, makeBuckets } from '../test/helpers/buckets.js';
import { legacyView, progressView } from './job-views.js';
import { JobStore } from './jobs.js';

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

  it('forgets the oldest finished jobs beyond maxJobs', async () => {
    const store = new JobStore({ bucketsDir: root, speed: 1000, maxJobs: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await store.submit({ name: 'n', imageUrl: `${BUCKET}:images/good.zvhd2`, minDisk: 10, dataImage: false })).id);
    await until(store, ids[5]!, (s) => s === 'SUCCESS');
    for (let i = 0; i < 1000 && store.size > 3; i++) await new Promise((r) => setTimeout(r, 2));
    expect(store.size).toBe(3);
    expect(store.get(ids[0]!)).toBeUndefined();
    expect(store.get(ids[5]!)).toBeDefined();
    await store.close();
  });
});
