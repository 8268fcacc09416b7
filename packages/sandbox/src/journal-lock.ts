// One sandbox per state file: `<file>.lock` holds the pid of the process that owns the journal. Two writers
// appending to one journal would interleave and compact each other's jobs away, so the second refuses.
// A lock whose pid is dead (kill -9, power loss) is stale and taken over.
import { link, open, readFile, stat, unlink } from 'node:fs/promises';

export class JournalLockedError extends Error {
  override name = 'JournalLockedError';
  constructor(
    readonly file: string,
    readonly pid: number,
  ) {
    super(
      `the state file ${file} is in use by process ${pid} (lock file ${file}.lock); stop that sandbox or pass another state file ` +
        `(if no sandbox runs as pid ${pid}, delete the lock file)`,
    );
  }
}

/**
 * Files this process holds or is taking, claimed synchronously so two opens in one process cannot race.
 * It also means a lock file naming our own pid was left by an earlier process that had it (a restarted
 * container's pid 1), not by us.
 */
const claimed = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** Takes the lock on `file` or throws JournalLockedError; returns the function that releases it. */
export async function lockJournal(file: string): Promise<() => Promise<void>> {
  const lockFile = `${file}.lock`;
  if (claimed.has(file)) throw new JournalLockedError(file, process.pid);
  claimed.add(file);
  try {
    await takeLock(lockFile, file);
  } catch (e) {
    claimed.delete(file);
    throw e;
  }
  return async () => {
    claimed.delete(file);
    const pid = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
    if (pid === process.pid) await unlink(lockFile).catch(() => undefined);
  };
}

async function takeLock(lockFile: string, file: string): Promise<void> {
  // Write our pid to a private file, then link it into place: link() fails if the lock exists, and a
  // lock never exists without its pid in it (a crash between create and write cannot leave an empty lock).
  const mine = `${lockFile}.${process.pid}.${Date.now()}`;
  const fh = await open(mine, 'wx');
  try {
    await fh.writeFile(`${process.pid}\n`);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(mine, lockFile);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 5) throw e;
      }
      const before = await stat(lockFile).catch(() => undefined);
      if (!before) continue; // released meanwhile: try again
      const pid = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
      if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new JournalLockedError(file, pid);
      // Stale. Remove it only if it is still the file we read (another process may have taken over).
      const now = await stat(lockFile).catch(() => undefined);
      if (now && now.ino === before.ino && now.dev === before.dev) await unlink(lockFile).catch(() => undefined);
    }
  } finally {
    await unlink(mine).catch(() => undefined);
  }
}
