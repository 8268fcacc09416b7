import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankLines } from './journal-file.js';
import { loadJournal } from './journal-load.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ims-load-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const hex = (n: number) => n.toString(16).padStart(32, '0');
const rec = (n: number, status: 'INIT' | 'RUNNING' | 'SUCCESS', t = 1_700_000_000_000 + n) =>
  JSON.stringify({
    id: hex(n),
    jobType: 'imsImportDataImageJob',
    status,
    imageName: 'n',
    imageUrl: 'bkt:a.zvhd2',
    minDisk: 40,
    acceptedAt: t,
    ...(status === 'INIT' ? {} : { startedAt: t + 1 }),
    ...(status === 'SUCCESS' ? { endedAt: t + 2, imageId: '00000000-0000-4000-8000-000000000000' } : {}),
  }) + '\n';

async function load(content: string, maxJobs?: number) {
  const file = join(dir, `j${Math.random()}`);
  await writeFile(file, content);
  return loadJournal(file, maxJobs);
}

describe('loadJournal', () => {
  it('reads a missing file as an empty journal', async () => {
    expect(await loadJournal(join(dir, 'none'))).toEqual({ jobs: [], damaged: [], tornTail: false, forgotten: 0 });
  });

  it('skips blank lines (recovery probes) and drops only an unterminated last line', async () => {
    const padding = blankLines(3000).toString(); // a recovery probe's stand-in: three lines, none over 1 KiB
    expect(padding.split('\n').map((l) => l.length)).toEqual([1023, 1023, 951, 0]);
    const r = await load(rec(1, 'INIT') + '\n\n' + padding + rec(1, 'RUNNING') + rec(2, 'INIT').slice(0, 30));
    expect(r.jobs.map((j) => [j.id, j.status])).toEqual([[hex(1), 'RUNNING']]);
    expect(r).toMatchObject({ damaged: [], tornTail: true });
  });

  it('lists every damaged complete line by number, whatever follows it', async () => {
    const r = await load(rec(1, 'INIT') + '[1]\n' + rec(2, 'INIT') + '{"id":"x"}\n' + rec(3, 'INIT').replace('"INIT"', '"DONE"'));
    expect(r.damaged).toEqual([
      { line: 2, reason: 'not a JSON object' },
      { line: 4, reason: 'id is not 32 hex digits' },
      { line: 5, reason: 'status is not INIT, RUNNING, SUCCESS or FAIL' },
    ]);
    expect(r.jobs.map((j) => j.id)).toEqual([hex(1), hex(2)]);
  });

  it('forgets the earliest finished jobs beyond maxJobs while it replays, and counts them', async () => {
    // Finished in the order 3, 1, 2; job 4 never finishes.
    const r = await load(rec(1, 'INIT') + rec(2, 'INIT') + rec(3, 'SUCCESS') + rec(1, 'SUCCESS') + rec(4, 'RUNNING') + rec(2, 'SUCCESS'), 2);
    expect(r.jobs.map((j) => j.id)).toEqual([hex(2), hex(4)]);
    expect(r.forgotten).toBe(2);
  });
});
