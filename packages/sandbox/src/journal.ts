// Append-only job journal: one JSON line per job snapshot, fsync'd before the change becomes visible.
// Appends that arrive while a write is in flight are committed together (group commit), so 100 concurrent
// imports cost one fsync rather than 100. Opening the journal replays it (the last snapshot of each job
// wins), ignores a torn last line left by a crash, and compacts the file atomically.
import { open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { JobRecord } from './job-record.js';

interface Pending {
  line: string;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class Journal {
  private queue: Pending[] = [];
  private flushing = false;
  private closed = false;

  private constructor(
    private readonly fh: FileHandle,
    readonly file: string,
  ) {}

  /** Opens (creating) the journal and returns it with the jobs it holds, oldest first. */
  static async open(file: string): Promise<{ journal: Journal; jobs: JobRecord[] }> {
    const jobs = await Journal.replay(file);
    // Compact: write the latest snapshots to a temp file, fsync it, rename it over the journal, fsync the dir.
    const tmp = `${file}.compact-${process.pid}`;
    const out = await open(tmp, 'w');
    try {
      if (jobs.length) await out.writeFile(jobs.map((j) => JSON.stringify(j) + '\n').join(''));
      await out.sync();
    } finally {
      await out.close();
    }
    await rename(tmp, file);
    await syncDir(dirname(file));
    const fh = await open(file, 'a');
    return { journal: new Journal(fh, file), jobs };
  }

  /** Reads a journal without opening it for writing. */
  static async replay(file: string): Promise<JobRecord[]> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const byId = new Map<string, JobRecord>();
    for (const line of text.split('\n')) {
      if (!line) continue;
      let rec: JobRecord;
      try {
        rec = JSON.parse(line) as JobRecord;
      } catch {
        continue; // a torn write from a crash: that snapshot was never acknowledged
      }
      if (!rec || typeof rec.id !== 'string') continue;
      byId.delete(rec.id); // re-insert so the map keeps the order of the latest change
      byId.set(rec.id, rec);
    }
    return [...byId.values()].sort((a, b) => a.acceptedAt - b.acceptedAt);
  }

  /** Resolves once the snapshot is on disk. */
  append(job: JobRecord): Promise<void> {
    if (this.closed) return Promise.reject(new Error('journal is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ line: JSON.stringify(job) + '\n', resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue;
        this.queue = [];
        try {
          await this.fh.write(batch.map((p) => p.line).join(''));
          await this.fh.sync();
          for (const p of batch) p.resolve();
        } catch (e) {
          for (const p of batch) p.reject(e);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    while (this.flushing || this.queue.length) await new Promise((r) => setTimeout(r, 1));
    this.closed = true;
    await this.fh.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  }
}
