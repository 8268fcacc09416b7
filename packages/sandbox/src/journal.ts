// Append-only job journal: one JSON line per job snapshot, written in full and fsync'd before the change
// becomes visible. Every snapshot appended in one turn of the event loop shares one write and one fsync
// (group commit); each caller is answered only once the fsync covering its line has returned.
//
// Failure is loud and leaves no torn line: a write that comes up short is retried until every byte is down
// or the OS reports why not (ENOSPC, EFBIG, EIO); then the file is truncated back to its last whole record,
// every waiting append is rejected with JournalUnavailableError, and so is every later append until the
// journal can be written again — except `retry` appends (a job's own next step), which wait. Every `retryMs`
// a probe retries what failed at its full size: the waiting records themselves, padded with blank lines up
// to the largest write refused. A smaller probe (one blank line) would fit under a file-size limit or in the
// last free block that a whole record does not, and the journal would flap between down and up every
// second. It is up only once a real write of that size is down. Opening takes the lock (journal-lock.ts),
// refuses a read-only or damaged file (unless `repair`, which keeps a backup), and compacts atomically.
import { constants } from 'node:fs';
import { copyFile, type FileHandle } from 'node:fs/promises';
import type { JobRecord } from './job-record.js';
import { blankLines, compact, fsyncPath, refuseReadOnly } from './journal-file.js';
import { JournalDamagedError, loadJournal } from './journal-load.js';
import { lockJournal } from './journal-lock.js';
import { JournalUnavailableError, type JournalOptions, type OpenedJournal } from './journal-types.js';

export { JournalDamagedError, type DamagedLine } from './journal-load.js';
export { JournalLockedError } from './journal-lock.js';

export { JournalUnavailableError, type JournalOptions, type OpenedJournal } from './journal-types.js';

interface Pending {
  line: string;
  resolve: () => void;
  reject: (e: unknown) => void;
  /** Waits out a failure (retried by the probe) instead of being refused. */
  retry: boolean;
}

export class Journal {
  private queue: Pending[] = [];
  private flushScheduled = false;
  private flushing: Promise<void> | undefined;
  private closed = false;
  /** Length of the file up to its last whole, fsync'd record: the next write goes here. */
  private size: number;
  private failure: JournalUnavailableError | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  /** The probe in progress: close() waits for it, and no second one starts meanwhile. */
  private probing: Promise<void> | undefined;
  /** `retry` appends waiting for the journal to come back: the probe writes them. */
  private held: Pending[] = [];
  /** The largest write refused since the failure began: the probe proves this much room before `up`. */
  private refusedBytes = 0;
  /** A write given up on that the OS has not finished yet: nothing else touches the file until it settles. */
  private abandonedWrite: Promise<void> | undefined;
  /** Online compaction: where the durable state comes from, and the size that triggers the next one. */
  private snapshot: (() => Iterable<JobRecord>) | undefined;
  private compactMinBytes = 64 * 1024 * 1024;
  private compactAt = this.compactMinBytes;
  private compacting: Promise<void> | undefined;
  /** fsyncs done since open: with group commit, far fewer than appends (the tests and the bench read it). */
  commits = 0;

  private constructor(
    private fh: FileHandle,
    readonly file: string,
    size: number,
    private readonly retryMs: number,
    private readonly writeDeadlineMs: number,
    private readonly unlock: () => Promise<void>,
  ) {
    this.size = size;
  }

  /** Locks, checks, replays and compacts the journal (creating it), and returns it with its jobs. */
  static async open(file: string, opts: JournalOptions = {}): Promise<OpenedJournal> {
    const unlock = await lockJournal(file);
    try {
      await refuseReadOnly(file);
      const loaded = await loadJournal(file, opts.maxJobs);
      let repaired: OpenedJournal['repaired'];
      if (loaded.damaged.length) {
        if (!opts.repair) throw new JournalDamagedError(file, loaded.damaged);
        const backup = `${file}.bak-${new Date().toISOString().replace(/[:.]/g, '')}`;
        await copyFile(file, backup, constants.COPYFILE_EXCL);
        await fsyncPath(backup);
        repaired = { backup, dropped: loaded.damaged };
      }
      const fh = await compact(file, loaded.jobs);
      const journal = new Journal(fh, file, (await fh.stat()).size, opts.retryMs ?? 1000, opts.writeDeadlineMs ?? 10_000, unlock);
      if (opts.compactAfterBytes !== undefined) journal.compactMinBytes = journal.compactAt = opts.compactAfterBytes;
      return { journal, jobs: loaded.jobs, forgotten: loaded.forgotten, ...(repaired ? { repaired } : {}) };
    } catch (e) {
      await unlock();
      throw e;
    }
  }

  /** Reads a journal without opening it for writing; throws JournalDamagedError on a damaged line. */
  static async replay(file: string): Promise<JobRecord[]> {
    const loaded = await loadJournal(file);
    if (loaded.damaged.length) throw new JournalDamagedError(file, loaded.damaged);
    return loaded.jobs;
  }

  /** Why the journal cannot be written right now (the sandbox answers 503 meanwhile), or undefined. */
  get unavailable(): JournalUnavailableError | undefined {
    return this.failure;
  }

  /**
   * Resolves once the snapshot is written in full and fsync'd; rejects with JournalUnavailableError if not.
   * With `retry`, a failure is waited out instead: the record is written once the journal is back (a job's
   * next step, which nobody is waiting on; the job keeps its last durable state meanwhile).
   */
  append(job: JobRecord, { retry = false }: { retry?: boolean } = {}): Promise<void> {
    if (this.closed) return Promise.reject(new Error('journal is closed'));
    if (this.failure && !retry) return Promise.reject(this.failure); // fast: no request waits on a broken disk
    return new Promise((resolve, reject) => {
      const p = { line: JSON.stringify(job) + '\n', resolve, reject, retry };
      if (this.failure) this.held.push(p);
      else {
        this.queue.push(p);
        this.kick();
      }
    });
  }

  private kick(): void {
    if (this.flushScheduled || this.flushing || this.compacting) return;
    // Wait for the rest of this turn of the event loop, so every request parsed in it joins the batch.
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flushing = this.flush().finally(() => {
        this.flushing = undefined;
        if (this.snapshot && !this.failure && !this.closed && this.size >= this.compactAt) {
          this.compacting = this.compactNow().finally(() => {
            this.compacting = undefined;
            this.kick();
          });
        } else if (this.queue.length) this.kick(); // appended by a continuation of the last batch's callers
      });
    });
  }

  /**
   * Compacts while running once the file passes `compactAfterBytes` and twice its size after the last compaction,
   * from `snapshot`: the jobs the caller holds, which are exactly what has been journalled (a change is
   * applied only after its append resolves), so `maxJobs` eviction in memory bounds the file too. Appends
   * wait meanwhile.
   */
  compactWhileRunning(snapshot: () => Iterable<JobRecord>): void {
    this.snapshot = snapshot;
  }

  private async compactNow(): Promise<void> {
    // Let the callers of the last batch apply their (now durable) changes before the snapshot is taken.
    await new Promise((r) => setImmediate(r));
    try {
      const fh = await compact(this.file, this.snapshot!());
      const old = this.fh;
      this.fh = fh;
      this.size = (await fh.stat()).size;
      await old.close().catch(() => undefined);
    } catch (e) {
      console.error(`ims-sandbox: could not compact the journal ${this.file} (${(e as NodeJS.ErrnoException).code ?? 'error'}); it keeps growing`);
    }
    this.compactAt = Math.max(this.compactMinBytes, 2 * this.size);
  }

  private async flush(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue;
      this.queue = [];
      const data = this.failure ? undefined : Buffer.from(batch.map((p) => p.line).join(''));
      try {
        if (data) await this.writeDurably(data);
      } catch (e) {
        this.fail(e, data!.length);
      }
      if (this.failure) {
        for (const p of batch) {
          if (p.retry) this.held.push(p);
          else p.reject(this.failure);
        }
        continue;
      }
      for (const p of batch) p.resolve();
    }
  }

  /**
   * Writes `data` after the last whole record and syncs it, or fails within `writeDeadlineMs`: a disk that
   * stops answering turns into a 503, not into requests that hang. A write given up on is taken back
   * (truncated) once the OS finishes it, since its callers were told it failed.
   */
  private async writeDurably(data: Buffer): Promise<void> {
    const attempt = { abandoned: false };
    const work = this.writeAll(data, attempt);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        attempt.abandoned = true;
        this.abandonedWrite = work.then(
          () => undefined,
          () => undefined,
        );
        reject(Object.assign(new Error(`the disk did not answer within ${this.writeDeadlineMs} ms`), { code: 'ETIMEDOUT' }));
      }, this.writeDeadlineMs);
    });
    try {
      await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Writes until every byte is down (a short write is continued, never ignored), then fdatasyncs. */
  private async writeAll(data: Buffer, attempt: { abandoned: boolean }): Promise<void> {
    let done = 0;
    try {
      while (done < data.length) {
        const { bytesWritten } = await this.fh.write(data, done, data.length - done, this.size + done);
        if (bytesWritten <= 0) throw Object.assign(new Error('the disk took no bytes'), { code: 'ENOSPC' });
        done += bytesWritten;
      }
      // fdatasync: flushes the data and the new file size (what replay needs), not the mtime — as
      // PostgreSQL's WAL does on Linux; it spares a file-system journal commit where it can.
      await this.fh.datasync();
      if (attempt.abandoned) throw Object.assign(new Error('written after its deadline'), { code: 'ETIMEDOUT' });
      this.commits++;
    } catch (e) {
      // Never leave a partial (or disowned) record for the next write to land after: cut back.
      if (done > 0) await this.fh.truncate(this.size).catch(() => undefined);
      throw e;
    }
    this.size += data.length;
  }

  private fail(e: unknown, bytes: number): void {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    if (!this.failure) console.error(`ims-sandbox: cannot write the journal ${this.file} (${code}); answering 503 until it can be written again`);
    this.failure = new JournalUnavailableError(code);
    this.refusedBytes = Math.max(this.refusedBytes, bytes);
    this.probeTimer ??= setInterval(() => {
      if (this.closed || this.flushing || this.probing || !this.failure) return;
      this.probing = this.probe().finally(() => (this.probing = undefined));
    }, this.retryMs).unref();
  }

  /**
   * Retries what failed, at its full size: the held records, then blank lines (which replay skips) up to the
   * largest refused write, taken back once synced. Only when that is down is the journal up again.
   */
  private async probe(): Promise<void> {
    const held = this.held;
    const records = Buffer.from(held.map((p) => p.line).join(''));
    const pad = Math.max(0, this.refusedBytes - records.length);
    try {
      if (this.abandonedWrite) await this.abandonedWrite; // a hung write must settle before anything else
      this.abandonedWrite = undefined;
      await this.fh.truncate(this.size); // drop whatever a short write may have left behind
      await this.writeDurably(Buffer.concat([records, blankLines(pad)]));
    } catch (e) {
      this.failure = new JournalUnavailableError((e as NodeJS.ErrnoException).code ?? 'EIO');
      return;
    }
    // The records are durable; the padding is given back to the writes it stood in for (if the cut fails,
    // it stays: blank lines replay as nothing).
    const end = this.size - pad;
    if (pad) await this.fh.truncate(end).then(() => this.fh.datasync()).then(() => (this.size = end), () => undefined);
    console.error(`ims-sandbox: the journal ${this.file} can be written again`);
    this.failure = undefined;
    this.refusedBytes = 0;
    clearInterval(this.probeTimer);
    this.probeTimer = undefined;
    const late = this.held.slice(held.length); // appended while the probe ran: an ordinary write now
    this.held = [];
    for (const p of held) p.resolve();
    if (late.length) {
      this.queue.push(...late);
      this.kick();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.probeTimer);
    await this.probing;
    for (const p of this.held.splice(0)) p.reject(new Error('journal is closed'));
    while (this.flushScheduled || this.flushing || this.compacting) await (this.flushing ?? this.compacting ?? new Promise((r) => setImmediate(r)));
    // A write the disk never finished must not keep the process from stopping.
    if (this.abandonedWrite) await Promise.race([this.abandonedWrite, new Promise((r) => setTimeout(r, this.writeDeadlineMs).unref())]);
    await this.fh.close();
    await this.unlock();
  }
}
