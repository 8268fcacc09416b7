import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JournalLockedError, lockJournal } from './journal-lock.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ims-lock-'));
  file = join(dir, 'state.jsonl');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lockJournal', () => {
  it('writes our pid to <file>.lock, refuses a second taker, and removes the lock on release', async () => {
    const release = await lockJournal(file);
    expect(await readFile(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    await expect(lockJournal(file)).rejects.toThrow(JournalLockedError);
    await release();
    expect(await readdir(dir)).toEqual([]);
    await (await lockJournal(file))();
  });

  it('takes over a lock whose process is dead', async () => {
    const deadPid = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']));
    await writeFile(`${file}.lock`, `${deadPid}\n`);
    const release = await lockJournal(file);
    expect(await readFile(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    await release();
  });

  it('takes over a lock naming our own pid that this process does not hold (a restarted container’s pid 1)', async () => {
    await writeFile(`${file}.lock`, `${process.pid}\n`);
    await (await lockJournal(file))();
  });

  it('takes over a lock with no pid in it', async () => {
    await writeFile(`${file}.lock`, 'garbage');
    await (await lockJournal(file))();
  });

  it('honours a lock held by a live process, naming the file and the pid', async () => {
    await writeFile(`${file}.lock`, `${process.ppid}\n`);
    const err = (await lockJournal(file).catch((e: unknown) => e)) as JournalLockedError;
    expect(err).toBeInstanceOf(JournalLockedError);
    expect(err.message).toContain(`the state file ${file} is in use by process ${process.ppid}`);
    expect(await readFile(`${file}.lock`, 'utf8')).toBe(`${process.ppid}\n`); // untouched
  });

  it('lets exactly one of many concurrent takers win', async () => {
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => lockJournal(file)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    await (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<() => Promise<void>>).value();
  });
});
