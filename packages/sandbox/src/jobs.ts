// The job lifecycle: INIT → RUNNING (process_percent rising, current_task set) → SUCCESS or FAIL.
// Each change is journalled (when a journal is configured) before it becomes visible, so what a client
// has seen survives a crash. Durations are the base timeline divided by `speed`.
import { newImageId, newJobId } from './ids.js';
import { TERMINAL, type JobRecord } from './job-record.js';
import type { Journal, JournalUnavailableError } from './journal.js';
import { inspectImport, type ImportOutcome } from './obs.js';
import { Schedule } from './schedule.js';

/** Base timeline at speed 1: 1 s queued, 9 s importing; a failing file fails after 2 s of running. */
export const BASE_INIT_MS = 1_000;
export const BASE_RUN_MS = 9_000;
export const BASE_FAIL_MS = 2_000;

export interface NewJob {
  name: string;
  imageUrl: string;
  minDisk: number;
  dataImage: boolean;
  projectId?: string;
}

export interface JobStoreOptions {
  bucketsDir: string;
  speed: number;
  journal?: Journal;
  /** Beyond this many jobs, finished ones are forgotten in the order they finished, to bound memory. */
  maxJobs: number;
  /** Called when a background step fails unexpectedly (e.g. the journal's disk is gone). */
  onError?: (e: unknown) => void;
}

export class JobStore {
  private readonly jobs = new Map<string, JobRecord>();
  /** Every pending step of every job, behind one timer (see schedule.ts). */
  private readonly steps = new Schedule();
  /** Inspections of an object in flight, by object and min_disk: jobs starting together share one look. */
  private readonly inspecting = new Map<string, Promise<ImportOutcome>>();
  /** Ids of finished jobs in the order they finished: eviction forgets from the front. */
  private readonly finished = new Set<string>();
  private closed = false;

  constructor(private readonly opts: JobStoreOptions) {
    // What this store holds is exactly what has been journalled, so it is what a running compaction keeps.
    opts.journal?.compactWhileRunning(() => this.durableJobs());
  }

  private *durableJobs(): Iterable<JobRecord> {
    for (const job of this.jobs.values()) {
      if (job.endsAt === undefined) yield job;
      else {
        const { endsAt: _notJournalled, ...rest } = job;
        yield rest;
      }
    }
  }

  /** Why jobs cannot be journalled right now (the server answers 503 meanwhile), or undefined. */
  unavailable(): JournalUnavailableError | undefined {
    return this.opts.journal?.unavailable;
  }

  get size(): number {
    return this.jobs.size;
  }

  /** Counts by status, for the bench and the demo. */
  counts(): Record<JobRecord['status'], number> {
    const c = { INIT: 0, RUNNING: 0, SUCCESS: 0, FAIL: 0 };
    for (const j of this.jobs.values()) c[j.status]++;
    return c;
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  /** Loads journalled jobs; unfinished ones resume (their outcome is decided again from the bucket). */
  restore(records: readonly JobRecord[]): void {
    for (const rec of records) {
      const job: JobRecord = { ...rec };
      delete job.endsAt;
      this.jobs.set(job.id, job);
      if (TERMINAL.has(job.status)) continue;
      if (job.status === 'INIT') this.schedule(() => this.start(job), this.scaled(BASE_INIT_MS));
      else this.schedule(() => this.decide(job), 0);
    }
    const done = records.filter((r) => TERMINAL.has(r.status)).sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0));
    for (const r of done) this.finished.add(r.id);
    this.evict();
  }

  /** Accepts a job: resolves once it is journalled, so the job id a client receives is never lost. */
  async submit(req: NewJob): Promise<JobRecord> {
    const job: JobRecord = {
      id: newJobId(),
      jobType: req.dataImage ? 'imsImportDataImageJob' : 'imsImportImageJob',
      status: 'INIT',
      imageName: req.name,
      imageUrl: req.imageUrl,
      minDisk: req.minDisk,
      ...(req.projectId ? { projectId: req.projectId } : {}),
      acceptedAt: Date.now(),
    };
    await this.opts.journal?.append(job);
    this.jobs.set(job.id, job);
    this.schedule(() => this.start(job), this.scaled(BASE_INIT_MS));
    return job;
  }

  private scaled(ms: number): number {
    return ms / this.opts.speed;
  }

  private schedule(fn: () => Promise<void>, ms: number): void {
    if (this.closed) return;
    this.steps.add(ms, () => {
      fn().catch((e) => {
        if (!this.closed) this.opts.onError?.(e);
      });
    });
  }

  /**
   * Looks at the object for `job`. Under load thousands of jobs of one object start within the same few
   * milliseconds; they share the look already in flight (single flight) instead of each opening the file.
   */
  private inspect(job: JobRecord): Promise<ImportOutcome> {
    const key = `${job.minDisk}\u0000${job.imageUrl}`;
    let pending = this.inspecting.get(key);
    if (!pending) {
      pending = inspectImport(this.opts.bucketsDir, job.imageUrl, job.minDisk).finally(() => this.inspecting.delete(key));
      this.inspecting.set(key, pending);
    }
    return pending;
  }

  private async commit(job: JobRecord, next: JobRecord): Promise<void> {
    if (this.closed) return;
    const { endsAt, ...persisted } = next;
    // A step waits out a journal that cannot be written (the job keeps its last durable state meanwhile);
    // its record is what the journal's probe retries, so "written again" means this record fits.
    await this.opts.journal?.append(persisted, { retry: true });
    if (this.closed) return;
    Object.assign(job, next);
    if (endsAt === undefined) delete job.endsAt;
  }

  private async start(job: JobRecord): Promise<void> {
    await this.commit(job, { ...job, status: 'RUNNING', startedAt: Date.now(), subJobId: newJobId() });
    await this.decide(job);
  }

  /** Looks at the bucket now (the file may have changed since the request) and schedules the end. */
  private async decide(job: JobRecord): Promise<void> {
    let outcome: ImportOutcome;
    try {
      outcome = await this.inspect(job);
    } catch {
      // inspectImport answers every file-system error itself; this is a bug, and its message may hold a path.
      outcome = { ok: false, code: 'IMG.0057', reason: 'The image file cannot be read.' };
    }
    const startedAt = job.startedAt ?? Date.now();
    const runFor = this.scaled(outcome.ok ? BASE_RUN_MS : BASE_FAIL_MS);
    const endsAt = Math.max(Date.now(), startedAt + runFor);
    job.endsAt = endsAt;
    this.schedule(() => this.finish(job, outcome), endsAt - Date.now());
  }

  private async finish(job: JobRecord, outcome: ImportOutcome): Promise<void> {
    const endedAt = Date.now();
    const next: JobRecord = outcome.ok
      ? { ...job, status: 'SUCCESS', endedAt, imageId: newImageId() }
      : { ...job, status: 'FAIL', endedAt, percentAtEnd: this.percent(job, endedAt), errorCode: outcome.code, failReason: outcome.reason };
    delete next.endsAt;
    await this.commit(job, next);
    this.finished.add(job.id);
    this.evict();
  }

  private evict(): void {
    for (const id of this.finished) {
      if (this.jobs.size <= this.opts.maxJobs) break;
      this.finished.delete(id);
      this.jobs.delete(id);
    }
  }

  /** Progress of a RUNNING job from the clock: 0–99 while importing, frozen where a failure stops it. */
  percent(job: JobRecord, now = Date.now()): number {
    if (job.status === 'SUCCESS') return 100;
    if (job.percentAtEnd !== undefined) return job.percentAtEnd;
    if (job.status === 'INIT' || job.startedAt === undefined) return 0;
    const total = this.scaled(BASE_RUN_MS);
    const elapsed = Math.min(now, job.endedAt ?? job.endsAt ?? now) - job.startedAt;
    if (total <= 0) return 99;
    return Math.max(0, Math.min(99, Math.floor((elapsed / total) * 1000) / 10));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.steps.close();
    await this.opts.journal?.close();
  }
}
