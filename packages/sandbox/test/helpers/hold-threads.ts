// Occupies every libuv thread the way a hung disk or network mount does: each one blocked in open() of a
// FIFO nobody writes. Every fs call queued meanwhile waits. Returns the function that lets them all go.
import { closeSync, constants, open as openCallback, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function holdLibuvThreads(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'ims-hung-'));
  const threads = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  const fifos = Array.from({ length: threads }, (_, i) => join(dir, `hung${i}`));
  for (const f of fifos) execFileSync('mkfifo', [f]);
  const held = fifos.map((f) => new Promise<number>((res, rej) => openCallback(f, 'r', (e, fd) => (e ? rej(e) : res(fd)))));
  return async () => {
    for (const f of fifos) {
      // A non-blocking writer, opened on this thread, lets the stuck reader through; ENXIO means the reader
      // has not reached open() yet (its thread was still busy), so try again shortly.
      for (let i = 0; ; i++) {
        try {
          closeSync(openSync(f, constants.O_WRONLY | constants.O_NONBLOCK));
          break;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENXIO' || i > 500) throw e;
          await new Promise((r) => setTimeout(r, 10));
        }
      }
    }
    for (const fd of await Promise.all(held)) closeSync(fd);
    await rm(dir, { recursive: true, force: true });
  };
}
