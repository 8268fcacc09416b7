// The journal's whole-file operations: refusing a read-only file, compacting atomically, syncing a path.
import { constants } from 'node:fs';
import { access, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { JobRecord } from './job-record.js';

/** A journal the user made read-only is a statement, not an obstacle: refuse instead of replacing it. */
export async function refuseReadOnly(file: string): Promise<void> {
  const st = await stat(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (!st) return;
  if (!st.isFile()) throw new Error(`the state file ${file} is not a regular file`);
  const writable = (st.mode & 0o222) !== 0 && (await access(file, constants.W_OK).then(() => true, () => false));
  if (!writable) throw new Error(`the state file ${file} is read-only; make it writable (or pass another state file) — the sandbox will not replace it`);
}

/**
 * Rewrites the journal as one line per kept job: temp file, sync, rename over, sync the directory. Returns
 * the new file open for writing — opened before the rename, so there is no moment at which the journal
 * has been replaced but the writer still holds the old, unlinked file.
 */
export async function compact(file: string, jobs: Iterable<JobRecord>): Promise<FileHandle> {
  const tmp = `${file}.compact-${process.pid}`;
  const out = await open(tmp, 'w+');
  try {
    let chunk: string[] = [];
    const flush = async () => {
      // writeFile on a FileHandle loops until the whole buffer is written (or throws).
      await out.writeFile(chunk.join(''));
      chunk = [];
    };
    for (const j of jobs) {
      chunk.push(JSON.stringify(j) + '\n');
      if (chunk.length === 1000) await flush();
    }
    await flush();
    await out.datasync();
    await rename(tmp, file);
  } catch (e) {
    await out.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined); // the journal itself is untouched: a full disk loses nothing
    throw e;
  }
  await fsyncPath(dirname(file));
  return out;
}

/**
 * `n` bytes of blank lines (replay skips them; none longer than 1 KiB, so none reads as an oversized
 * record): the stand-in a recovery probe writes for a refused write, to prove that much room is back.
 */
export function blankLines(n: number): Buffer {
  const b = Buffer.alloc(n, 0x20);
  for (let i = 1023; i < n; i += 1024) b[i] = 0x0a;
  if (n > 0) b[n - 1] = 0x0a;
  return b;
}

export async function fsyncPath(path: string): Promise<void> {
  try {
    const d = await open(path, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  }
}
