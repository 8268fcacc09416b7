import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobRecord } from './job-record.js';
import { Journal } from './journal.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ims-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const job = (id: string, status: JobRecord['status'], acceptedAt: number): JobRecord => ({
  id,
  jobType: 'imsImportImageJob',
  status,
  imageName: 'n',
  imageUrl: 'bkt:a.raw',
  minDisk: 10,
  acceptedAt,
});

describe('Journal', () => {
  it('replays the last snapshot of each job, in acceptance order', async () => {
    const file = join(dir, 'state.jsonl');
    const { journal, jobs } = await Journal.open(file);
    expect(jobs).toEqual([]);
    await Promise.all([journal.append(job('a', 'INIT', 1)), journal.append(job('b', 'INIT', 2))]);
    await journal.append(job('a', 'RUNNING', 1));
    await journal.append(job('a', 'SUCCESS', 1));
    await journal.close();
    const again = await Journal.replay(file);
    expect(again.map((j) => [j.id, j.status])).toEqual([
      ['a', 'SUCCESS'],
      ['b', 'INIT'],
    ]);
  });

  it('ignores a torn last line and compacts the file on open', async () => {
    const file = join(dir, 'state.jsonl');
    const { journal } = await Journal.open(file);
    await journal.append(job('a', 'INIT', 1));
    await journal.append(job('a', 'FAIL', 1));
    await journal.close();
    await appendFile(file, '{"id":"b","status":"IN');
    const reopened = await Journal.open(file);
    expect(reopened.jobs.map((j) => [j.id, j.status])).toEqual([['a', 'FAIL']]);
    await reopened.journal.close();
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('commits concurrent appends together and refuses appends after close', async () => {
    const file = join(dir, 'state.jsonl');
    const { journal } = await Journal.open(file);
    await Promise.all(Array.from({ length: 200 }, (_, i) => journal.append(job(`j${i}`, 'INIT', i))));
    await journal.close();
    await expect(journal.append(job('late', 'INIT', 0))).rejects.toThrow(/closed/);
    expect(await Journal.replay(file)).toHaveLength(200);
  });
});
