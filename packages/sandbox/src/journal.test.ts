import { appendFile, chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobRecord } from './job-record.js';
import { holdLibuvThreads } from '../test/helpers/hold-threads.js';
import { Journal, JournalDamagedError, JournalLockedError, JournalUnavailableError } from './journal.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ims-journal-'));
  file = join(dir, 'state.jsonl');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const hex = (n: number) => n.toString(16).padStart(32, '0');
const job = (n: number, status: JobRecord['status'], acceptedAt = 1_700_000_000_000 + n): JobRecord => ({
  id: hex(n),
  jobType: 'imsImportImageJob',
  status,
  imageName: 'n',
  imageUrl: 'bkt:a.raw',
  minDisk: 10,
  acceptedAt,
  ...(status === 'INIT' ? {} : { startedAt: acceptedAt + 1, subJobId: hex(n + 1_000_000) }),
  ...(status === 'SUCCESS' ? { endedAt: acceptedAt + 2, imageId: '00000000-0000-4000-8000-000000000000' } : {}),
  ...(status === 'FAIL' ? { endedAt: acceptedAt + 2, errorCode: 'IMG.0057', failReason: 'r', percentAtEnd: 5 } : {}),
});
const line = (r: unknown) => JSON.stringify(r) + '\n';

describe('Journal', () => {
  it('replays the last snapshot of each job, in acceptance order', async () => {
    const { journal, jobs } = await Journal.open(file);
    expect(jobs).toEqual([]);
    await Promise.all([journal.append(job(1, 'INIT')), journal.append(job(2, 'INIT'))]);
    await journal.append(job(1, 'RUNNING'));
    await journal.append(job(1, 'SUCCESS'));
    await journal.close();
    expect((await Journal.replay(file)).map((j) => [j.id, j.status])).toEqual([
      [hex(1), 'SUCCESS'],
      [hex(2), 'INIT'],
    ]);
  });

  it('ignores a torn last line and compacts the file on open', async () => {
    const { journal } = await Journal.open(file);
    await journal.append(job(1, 'INIT'));
    await journal.append(job(1, 'FAIL'));
    await journal.close();
    await appendFile(file, '{"id":"b","status":"IN');
    const reopened = await Journal.open(file);
    expect(reopened.jobs.map((j) => [j.id, j.status])).toEqual([[hex(1), 'FAIL']]);
    await reopened.journal.close();
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(1);
  });

  it('commits every append of one tick with one fsync, and refuses appends after close', async () => {
    const { journal } = await Journal.open(file);
    await Promise.all(Array.from({ length: 200 }, (_, i) => journal.append(job(i, 'INIT'))));
    expect(journal.commits).toBe(1);
    await journal.close();
    await expect(journal.append(job(999, 'INIT'))).rejects.toThrow(/closed/);
    expect(await Journal.replay(file)).toHaveLength(200);
  });

  it('answers a caller appending right after its batch was committed (no stranded append)', async () => {
    const { journal } = await Journal.open(file);
    await journal.append(job(1, 'INIT'));
    await journal.append(job(1, 'RUNNING'));
    await journal.close();
    expect((await Journal.replay(file))[0]!.status).toBe('RUNNING');
  });
});

describe('a disk that stops answering', () => {
  it('fails the append within the deadline instead of hanging, takes the late write back, and recovers', async () => {
    const { journal } = await Journal.open(file, { writeDeadlineMs: 300, retryMs: 50 });
    await journal.append(job(1, 'INIT'));
    const release = await holdLibuvThreads();
    let err: unknown;
    try {
      err = await journal.append(job(2, 'INIT')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(JournalUnavailableError);
      expect((err as JournalUnavailableError).code).toBe('ETIMEDOUT');
      expect(journal.unavailable?.code).toBe('ETIMEDOUT');
      await expect(journal.append(job(3, 'INIT'))).rejects.toBe(journal.unavailable); // at once, no waiting
    } finally {
      await release();
    }
    for (let i = 0; journal.unavailable && i < 200; i++) await new Promise((r) => setTimeout(r, 20));
    expect(journal.unavailable).toBeUndefined();
    await journal.append(job(4, 'INIT'));
    await journal.close();
    // Job 2 was refused (its caller got an error), so it is not in the journal even though the OS wrote it late.
    expect((await Journal.replay(file)).map((j) => j.id)).toEqual([hex(1), hex(4)]);
  });

  it("holds a job's own next step through the failure and writes that very record before it says it is back", async () => {
    const { journal } = await Journal.open(file, { writeDeadlineMs: 300, retryMs: 50 });
    await journal.append(job(1, 'INIT'));
    const release = await holdLibuvThreads();
    let step: Promise<void>;
    let stepDone = false;
    try {
      step = journal.append(job(1, 'RUNNING'), { retry: true });
      void step.then(() => (stepDone = true));
      await expect(journal.append(job(2, 'INIT'))).rejects.toBeInstanceOf(JournalUnavailableError); // a request: refused
      expect(journal.unavailable?.code).toBe('ETIMEDOUT');
      expect(stepDone).toBe(false); // the step waits instead
    } finally {
      await release();
    }
    await step!;
    expect(journal.unavailable).toBeUndefined();
    await journal.close();
    expect((await Journal.replay(file)).map((j) => [j.id, j.status])).toEqual([[hex(1), 'RUNNING']]);
  });
});

describe('damage', () => {
  const fixture = async (bad: string) => writeFile(file, line(job(1, 'SUCCESS')) + bad + '\n' + line(job(3, 'INIT')));

  for (const [what, bad, reason] of [
    ['a line that is not JSON', '{"id":"000', /line 2: not valid JSON/],
    ['a date no calendar can show', JSON.stringify({ ...job(2, 'INIT'), acceptedAt: 1e20 }), /line 2: acceptedAt is not a time/],
    ['a SUCCESS without an image', JSON.stringify({ ...job(2, 'SUCCESS'), imageId: undefined }), /line 2: a SUCCESS job has no imageId/],
    ['a NUL-filled block', '\0'.repeat(100), /line 2: not valid JSON/],
  ] as const) {
    it(`refuses ${what} in the middle, naming the file and line`, async () => {
      await fixture(bad);
      const before = await readFile(file);
      const err = await Journal.open(file).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(JournalDamagedError);
      expect((err as Error).message).toContain(file);
      expect((err as Error).message).toMatch(reason);
      expect((err as Error).message).toMatch(/--repair/);
      expect(await readFile(file)).toEqual(before); // untouched
      // …and the lock was given back, so a repair can follow
      const repaired = await Journal.open(file, { repair: true });
      expect(repaired.jobs.map((j) => j.id)).toEqual([hex(1), hex(3)]);
      expect(repaired.repaired?.dropped).toEqual([{ line: 2, reason: expect.any(String) }]);
      expect(await readFile(repaired.repaired!.backup)).toEqual(before);
      await repaired.journal.close();
      expect((await Journal.replay(file)).map((j) => j.id)).toEqual([hex(1), hex(3)]);
    });
  }

  it('refuses a read-only journal instead of replacing it', async () => {
    await writeFile(file, line(job(1, 'INIT')));
    await chmod(file, 0o444);
    await expect(Journal.open(file)).rejects.toThrow(new RegExp(`${file.replace(/[.]/g, '\\.')} is read-only`));
    expect((await stat(file)).mode & 0o777).toBe(0o444);
    expect(await readFile(file, 'utf8')).toBe(line(job(1, 'INIT')));
  });
});

describe('compaction', () => {
  it('honours maxJobs: the oldest finished jobs go first, unfinished ones always stay', async () => {
    const lines = [1, 2, 3, 4, 5].map((n) => line(job(n, n % 2 ? 'SUCCESS' : 'FAIL'))).join('') + line(job(6, 'INIT')) + line(job(7, 'RUNNING'));
    await writeFile(file, lines);
    const { journal, jobs, forgotten } = await Journal.open(file, { maxJobs: 3 });
    await journal.close();
    expect(jobs.map((j) => j.id)).toEqual([hex(5), hex(6), hex(7)]);
    expect(forgotten).toBe(4);
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(3);
  });
});

describe('compaction while running', () => {
  it('rewrites the file from what the holder keeps once it grows, and appends made meanwhile are not lost', async () => {
    const { journal } = await Journal.open(file, { compactAfterBytes: 4096 });
    const held = new Map<string, JobRecord>(); // what a JobStore holds: a change applied once its append resolved
    journal.compactWhileRunning(() => held.values());
    const commit = async (r: JobRecord) => {
      await journal.append(r);
      held.set(r.id, r);
    };
    let appended = 0;
    for (let round = 0; round < 40; round++) {
      const batch = [1, 2, 3, 4, 5].map((n) => job(n, round % 2 ? 'RUNNING' : 'INIT')).concat([job(100 + round, 'INIT')]);
      appended += batch.reduce((sum, r) => sum + JSON.stringify(r).length + 1, 0);
      await Promise.all(batch.map(commit));
      if (round === 20) held.delete(hex(100)); // the holder forgot a finished job (maxJobs): compaction drops it
    }
    await journal.close();
    const size = (await stat(file)).size;
    expect(size).toBeLessThan(appended / 2);
    const replayed = await Journal.replay(file);
    expect(replayed.map((j) => [j.id, j.status]).sort()).toEqual([...held.values()].map((j) => [j.id, j.status]).sort());
    expect(await readdir(dir)).toEqual(['state.jsonl']); // no temp file left behind
  });
});

describe('lock', () => {
  it('is taken on open and given back on close: a second opener is refused meanwhile, naming the file', async () => {
    const first = await Journal.open(file);
    const err = await Journal.open(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JournalLockedError);
    expect((err as Error).message).toContain(file);
    await first.journal.close();
    expect(await readdir(dir)).toEqual(['state.jsonl']); // lock released, no temp files left
    await (await Journal.open(file)).journal.close();
  });
});
